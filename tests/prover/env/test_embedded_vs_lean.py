"""Verdicts of the embedded kernel on whole proofs, against what real Lean 4 core does with them.

Each row is (statement, script, Lean accepts it). The expectations come from Lean 4 semantics (defeq of
Nat.add/Nat.mul by recursion on the second argument, rw/exists closing goals by rfl/trivial, omega's
treatment of products as atoms, `decide` needing closed goals, unsolved or extra goals, ...).
"""

import pytest

from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

CASES = [
    ("theorem t (p q : Prop) (hnq : ¬q) (hpq : p → q) : ¬p", "intro hp\napply hnq\nexact hpq hp", True),
    ("theorem t (a b : Nat) (h : a ≠ b) (h2 : b = a) : False", "apply h\nrw [h2]", True),
    ("theorem t (p q : Prop) (h : p → ¬q) (hp : p) (hq : q) : False", "apply h\nexact hp\nexact hq", True),
    ("theorem t (p q : Prop) (hnq : ¬q) : False", "apply hnq\nexact hnq", False),
    (
        "theorem t (p q : Prop) : p ∨ q → q ∨ p",
        "intro h\nrcases h with h | h\n· right; exact h\n· left; exact h",
        True,
    ),
    ("theorem t (n : Nat) : n * 1 = n", "rfl", False),
    ("theorem t (n : Nat) : 0 + n = n", "rfl", False),
    ("theorem t (n : Nat) : n + 0 = n", "rfl", True),
    ("theorem t (a b : Nat) (h : a = b) : b = a", "rw [h]", True),
    ("theorem t (p : Prop) : p ∨ ¬p", "decide", False),
    ("theorem t (p q : Prop) (hp : p) : p ∧ q", "constructor\nexact hp", False),
    ("theorem t (p q : Prop) (h : p ∨ q) : q ∨ p", "cases h with\n| inl hp => exact Or.inr hp", False),
    ("theorem t (x y : Nat) : x * y = y * x", "omega", False),
    ("theorem t (a : Nat) : a - 1 + 1 = a", "omega", False),
    ("theorem t (n : Nat) (h : n > 0) : n - 1 + 1 = n", "omega", True),
    ("theorem t (a b : Nat) : a + b = b + a", "rw [Nat.add_comm]", True),
    ("theorem t (p q : Prop) (h : p ↔ q) (hp : p) : q", "exact h.1 hp", True),
    ("theorem t (p : Prop) (h : p) : ¬¬p", "intro hn\nexact hn h", True),
    ("theorem t (f : Nat → Nat) (a b : Nat) (h : a = b) : f a = f b", "rw [h]", True),
    ("theorem circ (p : Prop) : p", "exact circ p", False),
    ("theorem t (n : Nat) : n + 1 ≠ 0", "exact Nat.succ_ne_zero n", True),
    ("theorem t (a b : Nat) : a + b = b + a", "exact Nat.add_comm b a", False),
    ("theorem t (a b : Nat) : a + b = b + a", "exact Nat.add_comm a b", True),
    ("theorem t (p q : Prop) (h : p ∧ q) : q", "cases h\nassumption", True),
    ("theorem t (p q : Prop) (h : p ∧ q) : q", "cases h with\n| intro a b => exact b", True),
    ("theorem t (a : Nat) (h : 5 < a) : a ≠ 3", "decide", False),
    ("theorem t : ∃ n : Nat, n * n = 16", "exists 4", True),
    ("theorem t : ∃ n : Nat, n * n = 16", "exists 4\nrfl", False),
    ("theorem t (a b : Nat) (h : a = b) : b = a", "rw [h]\nrfl", False),
    ("theorem t (p : Prop) (hp : p) : p", "exact hp\nexact hp", False),
    ("theorem t (p : Prop) (hp : p) : p", "sorry", False),
    ("theorem t (p : Prop) (hp : p) : p", "admit", False),
    ("theorem t : 2 + 2 = 4", "native_decide", False),
    ("theorem t : 2 + 2 = 5", "decide", False),
    ("theorem t : 2 + 2 = 4", "decide", True),
    ("theorem t (p q : Prop) (hq : q) : p → q", "intro\nexact hq", True),
    ("theorem t (p q : Prop) (hq : q) : p → q", "intro h\nexact h", False),
    ("theorem t (n : Nat) : n = n", "induction n with\n| zero => rfl", False),
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q", "exact ⟨hq, hp⟩", False),
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q", "exact ⟨hp, hq⟩", True),
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q", "constructor\n· exact hp", False),
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q", "constructor\n· exact hp\n  exact hq", False),
    ("theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c", "exact Nat.le_trans h1 h2", True),
    ("theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c", "exact Nat.le_trans h2 h1", False),
    ("theorem t (n : Nat) : 2 * n = n + n", "omega", True),
    ("theorem t (n : Nat) : 2 * n = n + n", "rfl", False),
    ("theorem t (n : Nat) : n + 1 = Nat.succ n", "rfl", True),
    ("theorem t (p q : Prop) : p ∧ q → q ∧ p", "intro ⟨hp, hq⟩\nexact ⟨hq, hp⟩", True),
    ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : P 5", "exact h 5", True),
    ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : P 5", "exact h 4", False),
    (
        "theorem t (P : Nat → Prop) (h : ∃ n, P n ∧ n > 2) : ∃ m, P m",
        "obtain ⟨n, hn, _⟩ := h\nexact ⟨n, hn⟩",
        True,
    ),
    ("theorem t (a b : Nat) : a + b + 0 = b + a", "rw [Nat.add_zero, Nat.add_comm]", True),
    ("theorem t (a b : Nat) (h : a = b) (h2 : a = 3) : b = 3", "rw [h] at h2\nexact h2", True),
    ("theorem t (a b : Nat) (h : a = b) (h2 : a = 3) : b = 3", "rw [← h]\nexact h2", True),
    ("theorem t (p q : Prop) (hnq : ¬q) (hpq : p → q) : ¬p", "intro hp\nexact hnq (hpq hp)", True),
    ("theorem t (p q : Prop) (hnq : ¬q) (hpq : p → q) : ¬p", "intro hp\ncontradiction", False),
    ("theorem t (p : Prop) (hp : p) (hnp : ¬p) : False", "contradiction", True),
    (
        "theorem t (p q : Prop) : p ∨ q → q ∨ p",
        "intro h\nrcases h with h | h\n· right; exact h\n· left; exact h",
        True,
    ),
    ("theorem t (n : Nat) : n < n + 1", "exact Nat.lt_succ_self n", True),
    ("theorem t (p : Prop) : ¬(p ∧ ¬p)", "intro ⟨hp, hnp⟩\nexact hnp hp", True),
    ("theorem t (p : Prop) : ¬(p ∧ ¬p)", "intro h\nexact h.2 h.1", True),
    ("theorem t (p q : Prop) (hp : p) : p ∨ q", "trivial", False),
    ("theorem t (p q : Prop) (hp : p) (hq : q) : p ∧ q", "trivial", True),
    ("theorem t : True", "trivial", True),
    ("theorem t (a : Nat) : a + 2 = a + 1 + 1", "rfl", True),
    ("theorem t (x : Nat) (h : x + 0 = 5) : x = 5", "simp only [Nat.add_zero] at h\nexact h", True),
]


@pytest.fixture(scope="module")
def env() -> EmbeddedEnv:
    return EmbeddedEnv()


@pytest.mark.parametrize(("statement", "script", "lean_accepts"), CASES)
def test_verdict_matches_lean(env: EmbeddedEnv, statement: str, script: str, lean_accepts: bool) -> None:
    result = env.check(Theorem(statement.split()[1], statement), script)
    assert result.ok == lean_accepts, result.message
