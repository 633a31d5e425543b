"""Mathlib notation in real goals is normalized to core's before a policy sees it (prover/policy/goal_text.py)."""

from __future__ import annotations

import pytest
from omegaconf import OmegaConf

from prover.benchmarks import select_theorems
from prover.env.base import Subgoals
from prover.env.embedded import EmbeddedEnv
from prover.policy.formats import FORMATS
from prover.policy.goal_text import normalize_goal


@pytest.mark.parametrize(
    ("mathlib", "core"),
    [
        ("n : ℕ\n⊢ n + 0 = n", "n : Nat\n⊢ n + 0 = n"),
        ("a b : ℤ\nh : a < b\n⊢ a ≤ b", "a b : Int\nh : a < b\n⊢ a ≤ b"),
        ("q : ℚ\n⊢ q = q", "q : Rat\n⊢ q = q"),
        ("f : ℕ → ℕ\n⊢ f = fun x ↦ f x", "f : Nat → Nat\n⊢ f = fun x => f x"),
        ("h : ∀ (n : ℕ), (n : ℤ) ≥ 0\n⊢ True", "h : ∀ (n : Nat), (n : Int) ≥ 0\n⊢ True"),
        # letter-like symbols inside identifiers are not notation
        ("xℕ : Prop\nℕ₁ : Prop\nh : Foo.ℕ\n⊢ xℕ", "xℕ : Prop\nℕ₁ : Prop\nh : Foo.ℕ\n⊢ xℕ"),
        ("x : ℝ\n⊢ x = x", "x : ℝ\n⊢ x = x"),
    ],
)
def test_normalize(mathlib: str, core: str) -> None:
    assert normalize_goal(mathlib) == core
    assert normalize_goal(core) == core


def test_every_prompt_format_normalizes() -> None:
    for fmt in FORMATS.values():
        assert "ℕ" not in fmt.prompt("n : ℕ\n⊢ n = n", name="t")
        assert "Nat" in fmt.prompt("n : ℕ\n⊢ n = n", name="t")
        assert "ℕ" not in fmt.critic_prompt("n : ℕ\n⊢ n = n", name="t")


def test_embedded_goals_are_left_alone() -> None:
    """Only notation the embedded env never prints is rewritten: every root goal of the bundled
    benchmark, and the goals one `intro`/`constructor` step away, are unchanged."""
    theorems = select_theorems(OmegaConf.create({"name": "bundled", "split": "all"}))
    seen = 0
    with EmbeddedEnv() as env:
        for theorem in theorems:
            root = env.start(theorem)
            goals = [root]
            for tactic in ("intro h", "constructor", "intros"):
                outcome = env.apply(root, tactic)
                if isinstance(outcome, Subgoals):
                    goals += outcome.goals
            for goal in goals:
                assert normalize_goal(goal.text) == goal.text
                seen += 1
    assert seen > len(theorems)
