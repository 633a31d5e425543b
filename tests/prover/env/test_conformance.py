"""The conformance checks themselves, on a tiny table-driven backend and broken variants of it: each
breakage must show up as the failure of the check meant to catch it."""

from __future__ import annotations

import itertools

import pytest

from prover.env.base import CheckResult, EnvCrash, Goal, Outcome, Proved, Subgoals, TacticError
from prover.env.conformance import ConformanceCase, run_conformance
from prover.theorems import Theorem

THEOREM = Theorem("and_swap", "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p")
ROOT = "p q : Prop\n⊢ p ∧ q → q ∧ p"
TABLE: dict[str, dict[str, tuple[str, ...]]] = {
    ROOT: {"intro h": ("p q : Prop\nh : p ∧ q\n⊢ q ∧ p",)},
    "p q : Prop\nh : p ∧ q\n⊢ q ∧ p": {"constructor": ("h : p ∧ q\n⊢ q", "h : p ∧ q\n⊢ p")},
    "h : p ∧ q\n⊢ q": {"exact h.2": ()},
    "h : p ∧ q\n⊢ p": {"exact h.1": ()},
}
CASE = ConformanceCase(THEOREM, ("intro h", "constructor", "exact h.2", "exact h.1"), "exact h")


class ToyEnv:
    """Goals are texts; TABLE says what each tactic leaves (an empty tuple: the goal is closed)."""

    name = "toy"

    def __init__(self) -> None:
        self.closed = False

    def start(self, theorem: Theorem) -> Goal:
        return Goal(ROOT)

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        if "sorry" in tactic or "admit" in tactic:
            return TacticError("refused")
        children = TABLE.get(goal.text, {}).get(tactic)
        if children is None:
            return TacticError(f"unknown tactic {tactic}")
        return Subgoals(tuple(Goal(c) for c in children)) if children else Proved()

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        goals = [ROOT]
        for tactic in script.splitlines():
            outcome = self.apply(Goal(goals.pop(0)), tactic) if goals else TacticError("no goals")
            if isinstance(outcome, TacticError):
                return CheckResult(False, outcome.message)
            if isinstance(outcome, Subgoals):
                goals[:0] = [g.text for g in outcome.goals]
        return CheckResult(not goals, "unsolved goals" if goals else None)

    def close(self) -> None:
        if self.closed and type(self).close_twice_raises:
            raise EnvCrash("already closed")
        self.closed = True

    close_twice_raises = False

    def __enter__(self) -> ToyEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AcceptsSorry(ToyEnv):
    def apply(self, goal: Goal, tactic: str) -> Outcome:
        return Proved() if tactic == "sorry" else super().apply(goal, tactic)


class TrustsEveryScript(ToyEnv):
    def check(self, theorem: Theorem, script: str) -> CheckResult:
        return CheckResult(True)


class Nondeterministic(ToyEnv):
    counter = itertools.count()

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        outcome = super().apply(goal, tactic)
        if isinstance(outcome, TacticError):
            return TacticError(f"{outcome.message} #{next(self.counter)}")
        return outcome


class BreaksAfterAnError(ToyEnv):
    """The call right after the wrong tactic fails, as if the error had corrupted the state."""

    broken = False

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        if self.broken:
            self.broken = False
            raise EnvCrash("state lost")
        self.broken = tactic == CASE.wrong_tactic
        return super().apply(goal, tactic)


class CloseNotIdempotent(ToyEnv):
    close_twice_raises = True


class ExitLeavesOpen(ToyEnv):
    def __exit__(self, *exc: object) -> None:
        pass


class NoTurnstile(ToyEnv):
    def start(self, theorem: Theorem) -> Goal:
        return Goal(ROOT.replace("⊢", "|-"))

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        return super().apply(Goal(goal.text.replace("|-", "⊢")), tactic)


def test_a_conforming_backend_passes_every_check() -> None:
    report = run_conformance(ToyEnv, [CASE])
    assert report.passed, report.summary()
    assert report.summary().startswith(f"{len(report.records)}/{len(report.records)} checks passed")


@pytest.mark.parametrize(
    ("backend", "failing"),
    [
        (AcceptsSorry, {"sorry and admit are refused"}),
        (
            TrustsEveryScript,
            {"incomplete proof fails check", "wrong whole proof fails check", "sorry and admit are refused"},
        ),
        (Nondeterministic, {"start and apply are deterministic"}),
        (
            BreaksAfterAnError,
            {
                "wrong tactic gives TacticError and leaves the goal usable",
                "start and apply are deterministic",
            },
        ),
        (CloseNotIdempotent, {"close is idempotent"}),
        (ExitLeavesOpen, {"the context manager returns the env and closes it"}),
        (NoTurnstile, {"start returns a goal containing ⊢"}),
    ],
)
def test_each_breakage_fails_its_check(backend: type[ToyEnv], failing: set[str]) -> None:
    report = run_conformance(backend, [CASE])
    assert not report.passed
    assert {r.check for r in report.failures} == failing


def test_a_wrong_case_fails_the_proof_checks() -> None:
    wrong = ConformanceCase(THEOREM, ("intro h", "constructor", "exact h.2"), "exact h")
    failing = {r.check for r in run_conformance(ToyEnv, [wrong]).failures}
    assert failing == {
        "known proof reaches Proved tactic by tactic",
        "known proof passes check",
        "wrong tactic gives TacticError and leaves the goal usable",
    }


def test_a_backend_that_cannot_start_is_reported() -> None:
    def broken() -> ToyEnv:
        raise EnvCrash("no Lean")

    report = run_conformance(broken, [CASE])
    assert not report.passed
    assert all("no Lean" in r.detail for r in report.failures)
    assert run_conformance(ToyEnv, []).passed is False
