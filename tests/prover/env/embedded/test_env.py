"""The `Environment` protocol surface of `EmbeddedEnv`."""

from __future__ import annotations

import pytest

from prover.env.base import Environment, Goal, Proved, Subgoals, TacticError, TheoremUnsupported
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem


def test_protocol_and_context_manager() -> None:
    with EmbeddedEnv(max_steps=100, timeout_s=1.0) as env:
        assert isinstance(env, Environment)
        assert env.name == "embedded"
        goal = env.start(Theorem("t", "theorem t (p : Prop) (h : p) : p"))
        assert goal.text == "p : Prop\nh : p\n⊢ p"
        assert isinstance(env.apply(goal, "exact h"), Proved)


def test_foreign_goal_is_an_error() -> None:
    env = EmbeddedEnv()
    assert isinstance(env.apply(Goal(text="⊢ True"), "trivial"), TacticError)


def test_start_rejects_unsupported_theorem() -> None:
    with pytest.raises(TheoremUnsupported, match="cannot parse"):
        EmbeddedEnv().start(Theorem("t", "theorem t (x : Real) : x = x"))


def test_check_reports_unsupported_statement() -> None:
    result = EmbeddedEnv().check(Theorem("t", "theorem t (x : Real) : x = x"), "rfl")
    assert not result.ok and "cannot parse" in (result.message or "")


def test_apply_is_deterministic_and_cached_results_match() -> None:
    env = EmbeddedEnv()
    goal = env.start(Theorem("t", "theorem t (p q : Prop) : p ∧ q → q ∧ p"))
    first, second = env.apply(goal, "intro h"), env.apply(goal, "intro h")
    fresh = EmbeddedEnv().apply(goal, "intro h")
    assert isinstance(first, Subgoals) and isinstance(fresh, Subgoals)
    assert first == second
    assert [g.text for g in first.goals] == [g.text for g in fresh.goals]
    assert [g.key for g in first.goals] == [g.key for g in fresh.goals]


def test_goals_too_deep_to_print_reject_the_tactic(monkeypatch) -> None:
    """Printing the goals a tactic left is part of applying it: a term nested too deeply for the printer
    (seen on a long rules search over the benchmark) rejects the tactic instead of crashing the search."""
    import prover.env.embedded.env as embedded_env

    env = EmbeddedEnv()
    goal = env.start(Theorem("t", "theorem t (p q : Prop) : p ∧ q → q ∧ p"))

    def too_deep(state):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(embedded_env, "to_goal", too_deep)
    outcome = env.apply(goal, "intro h")
    assert isinstance(outcome, TacticError) and "nested too deeply" in outcome.message
    assert isinstance(env.apply(goal, "intro h ; exact ⟨h.2, h.1⟩"), Proved)  # nothing left to print
