"""Core Lean 4 lemmas the kernel knows, with their exact binder structure (explicit vs implicit).

Each entry: name -> (statement in Lean syntax, source file in leanprover/lean4, rewritable).
Statements whose printed form changed across Lean releases (`succ n` vs `n + 1`) are marked not
rewritable: they are only used through `exact`/`apply`, where the two forms are defeq.
"""

from __future__ import annotations

from functools import cache

from prover.env.embedded.elab import ElabError, Scope, elab_prop
from prover.env.embedded.syntax import parse_term
from prover.env.embedded.terms import Term

_P = "src/Init/Prelude.lean"
_C = "src/Init/Core.lean"
_B = "src/Init/Data/Nat/Basic.lean"

LEMMAS: dict[str, tuple[str, str, bool]] = {
    "And.intro": ("∀ {a b : Prop}, a → b → a ∧ b", _P, False),
    "Or.inl": ("∀ {a b : Prop}, a → a ∨ b", _P, False),
    "Or.inr": ("∀ {a b : Prop}, b → a ∨ b", _P, False),
    "Iff.intro": ("∀ {a b : Prop}, (a → b) → (b → a) → (a ↔ b)", _C, False),
    "absurd": ("∀ {a b : Prop}, a → ¬a → b", _P, False),
    "False.elim": ("∀ {C : Prop}, False → C", _P, False),
    "Not.elim": ("∀ {a b : Prop}, ¬a → a → b", _C, False),
    "And.left": ("∀ {a b : Prop}, a ∧ b → a", _P, False),
    "And.right": ("∀ {a b : Prop}, a ∧ b → b", _P, False),
    "Iff.mp": ("∀ {a b : Prop}, (a ↔ b) → a → b", _C, False),
    "Iff.mpr": ("∀ {a b : Prop}, (a ↔ b) → b → a", _C, False),
    "Nat.add_comm": ("∀ (n m : Nat), n + m = m + n", _B, True),
    "Nat.add_assoc": ("∀ (n m k : Nat), n + m + k = n + (m + k)", _B, True),
    "Nat.mul_comm": ("∀ (n m : Nat), n * m = m * n", _B, True),
    "Nat.mul_assoc": ("∀ (n m k : Nat), n * m * k = n * (m * k)", _B, True),
    "Nat.add_zero": ("∀ (n : Nat), n + 0 = n", _B, True),
    "Nat.zero_add": ("∀ (n : Nat), 0 + n = n", _B, True),
    "Nat.mul_one": ("∀ (n : Nat), n * 1 = n", _B, True),
    "Nat.one_mul": ("∀ (n : Nat), 1 * n = n", _B, True),
    "Nat.mul_zero": ("∀ (n : Nat), n * 0 = 0", _B, True),
    "Nat.zero_mul": ("∀ (n : Nat), 0 * n = 0", _B, True),
    "Nat.left_distrib": ("∀ (n m k : Nat), n * (m + k) = n * m + n * k", _B, True),
    "Nat.right_distrib": ("∀ (n m k : Nat), (n + m) * k = n * k + m * k", _B, True),
    "Nat.mul_add": ("∀ (n m k : Nat), n * (m + k) = n * m + n * k", _B, True),
    "Nat.add_mul": ("∀ (n m k : Nat), (n + m) * k = n * k + m * k", _B, True),
    "Nat.add_right_comm": ("∀ (n m k : Nat), n + m + k = n + k + m", _B, True),
    "Nat.add_left_comm": ("∀ (n m k : Nat), n + (m + k) = m + (n + k)", _B, True),
    "Nat.mul_left_comm": ("∀ (n m k : Nat), n * (m * k) = m * (n * k)", _B, True),
    "Nat.pow_zero": ("∀ (b : Nat), b ^ 0 = 1", _B, True),
    "Nat.pow_succ": ("∀ {b n : Nat}, b ^ (n + 1) = b ^ n * b", _B, True),
    "Nat.le_refl": ("∀ (n : Nat), n ≤ n", _P, False),
    "Nat.le_succ": ("∀ (n : Nat), n ≤ n + 1", _P, False),
    "Nat.zero_le": ("∀ (n : Nat), 0 ≤ n", _P, False),
    "Nat.lt_irrefl": ("∀ (n : Nat), ¬n < n", _P, False),
    "Nat.succ_le_succ": ("∀ {n m : Nat}, n ≤ m → n + 1 ≤ m + 1", _P, False),
    "Nat.le_trans": ("∀ {n m k : Nat}, n ≤ m → m ≤ k → n ≤ k", _P, False),
    "Nat.lt_of_lt_of_le": ("∀ {n m k : Nat}, n < m → m ≤ k → n < k", _P, False),
    "Nat.lt_of_le_of_lt": ("∀ {n m k : Nat}, n ≤ m → m < k → n < k", _P, False),
    "Nat.le_of_lt": ("∀ {n m : Nat}, n < m → n ≤ m", _B, False),
    "Nat.le_antisymm": ("∀ {n m : Nat}, n ≤ m → m ≤ n → n = m", _P, False),
    "Nat.succ_ne_zero": ("∀ (n : Nat), n + 1 ≠ 0", _P, False),
    "Nat.succ_pos": ("∀ (n : Nat), 0 < n + 1", _P, False),
    "Nat.lt_succ_self": ("∀ (n : Nat), n < n + 1", _P, False),
    "Nat.le_add_right": ("∀ (n k : Nat), n ≤ n + k", _P, False),
    "Nat.le_add_left": ("∀ (n m : Nat), n ≤ m + n", _B, False),
    "Nat.add_le_add": ("∀ {a b c d : Nat}, a ≤ b → c ≤ d → a + c ≤ b + d", _B, False),
}


# Binder names of premises, which `apply` turns into case tags when it creates several goals.
PREMISE_NAMES: dict[str, tuple[str, ...]] = {
    "And.intro": ("left", "right"),
    "Iff.intro": ("mp", "mpr"),
}


@cache
def lemma(name: str) -> tuple[Term, bool] | None:
    """The statement of a known lemma as a closed term, and whether `rw` may use it."""
    entry = LEMMAS.get(name)
    if entry is None:
        return None
    text, _, rewritable = entry
    try:
        return elab_prop(parse_term(text), Scope(None)), rewritable
    except ElabError as exc:
        raise AssertionError(f"bad lemma table entry {name}") from exc
