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
    "Eq.symm": ("∀ {a b : Nat}, a = b → b = a", _P, False),
    "Classical.em": ("∀ (p : Prop), p ∨ ¬p", "src/Init/Classical.lean", False),
    "Classical.byContradiction": ("∀ {p : Prop}, (¬p → False) → p", "src/Init/Classical.lean", False),
    "Or.elim": ("∀ {a b c : Prop}, a ∨ b → (a → c) → (b → c) → c", _P, False),
    "Eq.trans": ("∀ {a b c : Nat}, a = b → b = c → a = c", _P, False),
}


# Binder names of premises, which `apply` turns into case tags when it creates several goals, as
# declared in Lean's source (structure fields for And/Iff; `(h₁ : n ≤ m) (h₂ : m ≤ n)` in
# src/Init/Prelude.lean's Nat.le_antisymm; `(h₁ : a) (h₂ : Not a)` in absurd). Lemmas stated with
# anonymous arrows are absent: their goals' tags are marked inexact and `case` refuses them.
PREMISE_NAMES: dict[str, tuple[str, ...]] = {
    "And.intro": ("left", "right"),
    "Iff.intro": ("mp", "mpr"),
    "Nat.le_antisymm": ("h₁", "h₂"),
    "absurd": ("h₁", "h₂"),
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


# Declarations of Lean core that a theorem may not be named after ("'X' has already been declared"):
# the lemma table above plus the constants of src/Init/Prelude.lean and src/Init/Core.lean most likely
# to be reused as names. Core has thousands more; `redeclaration` refuses the names it cannot clear.
CORE_NAMES = frozenset(LEMMAS) | frozenset(
    """id rfl absurd trivial mt cast congr congrArg congrFun Eq Eq.refl Eq.symm Eq.trans Eq.subst Eq.mp
    Eq.mpr HEq Ne Not Not.elim And And.intro And.left And.right And.comm And.symm And.imp Or Or.inl Or.inr
    Or.elim Or.comm Or.symm Or.resolve_left Or.resolve_right Iff Iff.intro Iff.mp Iff.mpr Iff.refl Iff.rfl
    Iff.symm Iff.trans True True.intro False False.elim Exists Exists.intro Exists.elim Nat Nat.zero Nat.succ
    Nat.add Nat.mul Nat.sub Nat.div Nat.mod Nat.pow Nat.le Nat.lt Nat.pred Nat.rec Nat.le.refl Nat.le.step
    Classical.em Classical.byContradiction Classical.not_not Decidable Decidable.em Decidable.byContradiction
    Prop Bool List Option Function.comp em and_comm or_comm and_assoc or_assoc and_self or_self not_not
    not_and not_or not_false not_true and_true true_and and_false false_and or_true true_or or_false false_or
    iff_self imp_self iff_true true_iff iff_false false_iff not_and_self and_not_self eq_self ne_eq
    and_imp not_imp imp_false eq_comm ne_comm Nat.lt_irrefl Nat.le_step Nat.succ_le_of_lt Nat.lt_of_succ_le""".split()
)
_CORE_NAMESPACES = frozenset(
    "Nat Int And Or Iff Eq Ne Not True False Exists Classical Decidable Bool List Option Function HEq Prod "
    "Sum Subtype Fin String Char Array Lean Std Init PUnit Unit Sigma PSigma Quot Quotient Setoid".split()
)
# Words of core's lemma names (`and_comm`, `not_or`, `imp_self`): a name that starts with a connective
# and is made only of them may well be a core theorem (src/Init/PropLemmas.lean) the list above lacks.
_CONNECTIVE_WORDS = frozenset("and or not iff imp true false".split())
_CORE_WORDS = frozenset(
    "and or not iff imp eq ne true false self comm assoc left right intro elim symm trans refl rfl congr "
    "cast decide exists forall of iff mp mpr inl inr zero one succ pred add sub mul div mod pow le lt ge gt "
    "max min dvd pos neg cancel distrib id absurd em resolve irrefl antisymm step".split()
)


def redeclaration(name: str) -> str | None:
    """Why a theorem called `name` cannot be checked, or None: an existing core name is Lean's
    "already declared" error; a name in a core namespace or made of core lemma words may be one."""
    if name in CORE_NAMES:
        return f"'{name}' has already been declared"
    if name.split(".")[0] in _CORE_NAMESPACES:
        return f"embedded: cannot tell whether '{name}' is already declared in Lean core; not supported"
    words = name.split("_")
    if words[0] in _CONNECTIVE_WORDS and all(w in _CORE_WORDS for w in words):
        return f"embedded: '{name}' may be a Lean core theorem (already declared); not supported"
    return None
