"""`simp only` and `rw` closing behaviour, decided three-valuedly (close / leave open / reject)."""

from __future__ import annotations

import pytest

from prover.env.base import Proved, Subgoals, TacticError
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

ENV = EmbeddedEnv()


def run(statement: str, tactic: str):
    return ENV.apply(ENV.start(Theorem("t", statement)), tactic)


@pytest.mark.parametrize(
    ("statement", "tactic"),
    [
        ("theorem t (a b : Nat) : 1 * a + b * 1 = a + b", "simp only [Nat.one_mul, Nat.mul_one]"),
        (
            "theorem t (a b c : Nat) : a * 0 + b * 1 + 0 * c = b",
            "simp only [Nat.mul_zero, Nat.mul_one, Nat.zero_mul, Nat.zero_add, Nat.add_zero]",
        ),
        ("theorem t (a b c d : Nat) : a + b + c + d = a + (b + (c + d))", "simp only [Nat.add_assoc]"),
        ("theorem t (a : Nat) (h : a = 2) : a + 3 = 5", "simp only [h]"),
        ("theorem t : 2 + 3 = 5", "simp only []"),
        ("theorem t (a : Nat) (h : a + 0 = 3) : a < 4", "simp only [Nat.add_zero] at h\nomega"),
    ],
)
def test_simp_closes(statement: str, tactic: str) -> None:
    assert ENV.check(Theorem("t", statement), tactic).ok


def test_simp_leaves_simplified_goal() -> None:
    result = run("theorem t (a b : Nat) : (a + 0) * 1 ≤ b", "simp only [Nat.add_zero, Nat.mul_one]")
    assert isinstance(result, Subgoals)
    assert result.goals[0].text == "a b : Nat\n⊢ a ≤ b"


def test_simp_at_hypothesis() -> None:
    result = run(
        "theorem t (a b : Nat) (h : a * 1 = b + 0) : a = b", "simp only [Nat.mul_one, Nat.add_zero] at h"
    )
    assert isinstance(result, Subgoals)
    assert result.goals[0].text == "a b : Nat\nh : a = b\n⊢ a = b"


def test_simp_hypothesis_to_false_closes() -> None:
    assert isinstance(run("theorem t (p : Prop) (h : 2 + 2 = 5) : p", "simp only [] at h"), Proved)


@pytest.mark.parametrize(
    ("statement", "tactic", "fragment"),
    [
        ("theorem t (a b : Nat) : a + b = b + a", "simp only [Nat.add_comm]", "permutation"),
        ("theorem t (a b : Nat) : a + b = b + a", "simp", "not supported"),
        ("theorem t (a b : Nat) : a + b = b + a", "simp only [Nat.add_zero]", "no progress"),
        ("theorem t (p : Prop) (a : Nat) : p ∧ a + 0 = a", "simp only [Nat.add_zero]", "reflexive relation"),
        ("theorem t (a : Nat) : (a + 1) * 1 = a + 1", "simp only [Nat.mul_one]", None),
        ("theorem t (a : Nat) : a * 1 + 1 ≤ a + 2", "simp only [Nat.mul_one]", "literal offsets"),
        ("theorem t (p : Prop) (hp : p) : p", "simp only [hp]", "not an equation"),
        ("theorem t (a : Nat) : a = a", "simp only [foo]", "unknown identifier"),
    ],
)
def test_simp_rejections(statement: str, tactic: str, fragment: str | None) -> None:
    result = run(statement, tactic)
    if fragment is None:
        assert isinstance(result, Proved)
    else:
        assert isinstance(result, TacticError) and fragment in result.message


def test_rw_chain_and_reverse() -> None:
    statement = "theorem t (a b c : Nat) : a * b * c = c * b * a"
    assert ENV.check(
        Theorem("t", statement), "rw [Nat.mul_comm (a * b) c, Nat.mul_comm a b, Nat.mul_assoc c b a]"
    ).ok
    bad = ENV.check(Theorem("t", statement), "rw [Nat.mul_comm (a * b) c, Nat.mul_comm a b]")
    assert not bad.ok and "unsolved goals" in (bad.message or "")


def test_rw_rewrites_all_instances_of_first_match() -> None:
    result = run(
        "theorem t (a b : Nat) (P : Nat → Prop) : P (a + b) ∧ P (a + b) ∧ P (b + a)", "rw [Nat.add_comm]"
    )
    assert isinstance(result, Subgoals)
    assert result.goals[0].text.endswith("⊢ P (b + a) ∧ P (b + a) ∧ P (b + a)")


def test_rw_at_hypothesis_keeps_position() -> None:
    result = run("theorem t (a b : Nat) (h1 : a + 0 = b) (h2 : b = 3) : a = 3", "rw [Nat.add_zero] at h1")
    assert isinstance(result, Subgoals)
    assert result.goals[0].text == "a b : Nat\nh1 : a = b\nh2 : b = 3\n⊢ a = 3"


def test_rw_does_not_rewrite_under_binders() -> None:
    result = run("theorem t (P : Nat → Prop) : ∀ n, P (n + 0)", "rw [Nat.add_zero]")
    assert isinstance(result, TacticError) and "did not find instance" in result.message


def test_rw_with_iff_hypothesis() -> None:
    assert ENV.check(Theorem("t", "theorem t (p q : Prop) (h : p ↔ q) (hq : q) : p"), "rw [h]\nexact hq").ok


def test_rw_pow_succ_on_literal_exponent_is_rejected() -> None:
    result = run("theorem t : 2 ^ 3 = 8", "rw [Nat.pow_succ]")
    assert isinstance(result, TacticError) and "not supported" in result.message
