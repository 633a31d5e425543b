"""Soundness: proofs real Lean rejects must be rejected here, with a located Lean-like message."""

from __future__ import annotations

import pytest

from prover.env.base import Subgoals, TacticError
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

ENV = EmbeddedEnv()
SWAP = "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p"
GOOD = "intro h\nexact ⟨h.2, h.1⟩"


def check(statement: str, script: str):
    return ENV.check(Theorem("and_swap", statement), script)


def test_reference_proof_is_accepted() -> None:
    assert check(SWAP, GOOD).ok


@pytest.mark.parametrize(
    ("script", "fragment"),
    [
        ("sorry", "'sorry' is not allowed"),
        ("intro h\nadmit", "'admit' is not allowed"),
        ("intro h\nexact sorry", "not allowed"),
        ("native_decide", "not allowed"),
        ("exact?", "not allowed"),
        ("exact and_swap", "'and_swap'"),
        ("intro h\nexact ⟨h.1, h.2⟩", "type mismatch"),
        ("intro h\nexact ⟨h, h⟩", "type mismatch"),
        ("intro h\nexact ⟨h.2, h.3⟩", "invalid field"),
        ("intro hpq\nexact ⟨h.2, h.1⟩", "unknown identifier 'h'"),
        ("intro h", "unsolved goals"),
        ("intro h\nexact ⟨h.2, h.1⟩\nexact h", "3:0: no goals to be proved"),
        ("intro h\nconstructor\n· exact h.2", "unsolved goals"),
        ("intro h\nconstructor\n· exact h.1\n· exact h.1", "3:2: type mismatch"),
    ],
)
def test_rejected(script: str, fragment: str) -> None:
    result = check(SWAP, script)
    assert not result.ok
    assert fragment in (result.message or "")


def test_error_positions_are_line_and_column() -> None:
    result = check(SWAP, "intro h\nconstructor\n· exact h.2\n· exact h.2")
    assert result.message is not None and result.message.startswith("4:2: type mismatch")


@pytest.mark.parametrize(
    ("statement", "tactic"),
    [
        ("theorem t : 2 + 2 = 5", "decide"),
        ("theorem t (n : Nat) : n + 1 = n", "omega"),
        ("theorem t (a b : Nat) (h : a < b) : b < a", "omega"),
        ("theorem t (n : Nat) : n * n = n", "rfl"),
        ("theorem t (n : Nat) : n + 1 = 1 + n", "rfl"),
        ("theorem t (a b : Nat) : a * b = a * b", "rw [Nat.add_comm]"),
        ("theorem t (n : Nat) : n < n", "exact Nat.lt_irrefl n"),
        ("theorem t (n : Nat) : 0 < n", "exact Nat.zero_le n"),
        ("theorem t (n : Nat) : n ≤ n + 1", "exact Nat.le_refl n"),
        ("theorem t (n m : Nat) (h : n ≤ m) : m ≤ n", "exact Nat.le_antisymm h h"),
        ("theorem t (p : Prop) : p", "trivial"),
        ("theorem t (p : Prop) : p ∨ ¬p", "decide"),
        ("theorem t (p q : Prop) (h : p → q) : q", "exact h"),
    ],
)
def test_false_or_wrong_steps_fail(statement: str, tactic: str) -> None:
    result = ENV.apply(ENV.start(Theorem("t", statement)), tactic)
    assert isinstance(result, TacticError), result


def test_omega_proves_linear_facts() -> None:
    statement = "theorem t (a b : Nat) (h : a < b) (h2 : b ≤ 10) : a + 1 ≤ 10 ∧ a ≠ b"
    assert ENV.check(Theorem("t", statement), "omega").ok
    assert not ENV.check(Theorem("t", "theorem t (a : Nat) : a - 1 + 1 = a"), "omega").ok


def test_step_limit_is_a_tactic_error() -> None:
    small = EmbeddedEnv(max_steps=3)
    goal = small.start(Theorem("t", "theorem t (p : Prop) (h : p) : p"))
    result = small.apply(goal, "exfalso; exfalso; exfalso; exfalso; exfalso")
    assert isinstance(result, TacticError) and "step limit exceeded" in result.message


def test_the_wall_clock_limit_is_told_apart_from_the_step_limit(caplog: pytest.LogCaptureFixture) -> None:
    spent = EmbeddedEnv(timeout_s=-1.0)  # a deadline already past: the first step hits it
    goal = spent.start(Theorem("t", "theorem t (p : Prop) (h : p) : p"))
    result = spent.apply(goal, "exact h")
    assert isinstance(result, TacticError) and "time limit exceeded" in result.message
    assert "wall-clock limit" in caplog.text


@pytest.mark.parametrize(
    "tactic",
    [
        "exact " + "(" * 10_000 + "h" + ")" * 10_000,
        "exact " + "h ∧ " * 5_000 + "h",
        "intro " + "x" * 1_000_000,
        "rw [" + ", ".join(["h"] * 3000) + "]",
        "· " * 5000 + "exact h",
        "\n".join(" " * i + "·" for i in range(0, 2000, 2)),
    ],
)
def test_huge_inputs_are_errors_not_crashes(tactic: str) -> None:
    goal = ENV.start(Theorem("t", "theorem t (p : Prop) (h : p) : p"))
    result = ENV.apply(goal, tactic)
    assert isinstance(result, (TacticError, Subgoals))
    if isinstance(result, Subgoals):
        pytest.fail("a huge input should not be accepted")


def test_huge_statement_is_unsupported() -> None:
    from prover.env.base import TheoremUnsupported

    with pytest.raises(TheoremUnsupported):
        ENV.start(Theorem("t", "theorem t : " + "(" * 10_000 + "True" + ")" * 10_000))


def test_tabs_are_rejected_like_lean() -> None:
    result = check(SWAP, "intro h\n\texact ⟨h.2, h.1⟩")
    assert not result.ok and "tabs are not allowed" in (result.message or "")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("rfl", "already been declared"),
        ("Nat.le_refl", "already been declared"),
        ("and_comm", "already been declared"),
        ("Nat.my_lemma", "cannot tell"),
        ("or_assoc_comm", "may be a Lean core theorem"),
    ],
)
def test_theorem_named_like_core_is_refused(name: str, fragment: str) -> None:
    result = ENV.check(Theorem(name, f"theorem {name} (p : Prop) (hp : p) : p"), "exact hp")
    assert not result.ok and fragment in (result.message or "")


def test_lemma_command_is_not_core() -> None:
    result = ENV.check(Theorem("t", "lemma t (p : Prop) (hp : p) : p"), "exact hp")
    assert not result.ok and "must start with 'theorem'" in (result.message or "")
