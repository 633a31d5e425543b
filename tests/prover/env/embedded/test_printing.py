"""Goal printing against hand-written Lean 4 `ppGoal` output."""

from __future__ import annotations

import pytest

from prover.env.base import TheoremUnsupported
from prover.env.embedded import EmbeddedEnv, parse_statement
from prover.theorems import Theorem


def text(statement: str) -> str:
    return parse_statement(statement)[1].text


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("theorem t (p q : Prop) (h : p) : p ∨ q", "p q : Prop\nh : p\n⊢ p ∨ q"),
        ("theorem t : ∀ n : Nat, n + 0 = n", "⊢ ∀ (n : Nat), n + 0 = n"),
        ("theorem t : ∀ (a b : Nat), a + b = b + a", "⊢ ∀ (a b : Nat), a + b = b + a"),
        ("theorem t : ∃ n m : Nat, n + m > 3", "⊢ ∃ n m, n + m > 3"),
        ("theorem t (a b : Nat) : ¬a = b → a ≠ b", "a b : Nat\n⊢ ¬a = b → a ≠ b"),
        ("theorem t (p q r : Prop) : (p → q) → (q → r) → p → r", "p q r : Prop\n⊢ (p → q) → (q → r) → p → r"),
        ("theorem t (p q : Prop) : ¬(p ∧ q) ↔ (p → ¬q)", "p q : Prop\n⊢ ¬(p ∧ q) ↔ p → ¬q"),
        ("theorem t (p : Prop) : (¬∀ n : Nat, n = 0) ∧ p", "p : Prop\n⊢ (¬∀ (n : Nat), n = 0) ∧ p"),
        (
            "theorem t (a b c : Nat) : a * (b + c) = a * b + a * c",
            "a b c : Nat\n⊢ a * (b + c) = a * b + a * c",
        ),
        ("theorem t (a b c : Nat) : a - (b - c) = a - b - c", "a b c : Nat\n⊢ a - (b - c) = a - b - c"),
        ("theorem t (a : Nat) : 2 ^ 3 ^ a = (2 ^ 3) ^ a", "a : Nat\n⊢ 2 ^ 3 ^ a = (2 ^ 3) ^ a"),
        (
            "theorem t (f : Nat → Nat) (n : Nat) : f (n + 1) = f (Nat.succ n)",
            "f : Nat → Nat\nn : Nat\n⊢ f (n + 1) = f n.succ",
        ),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : P 0", "P : Nat → Prop\nh : ∀ (n : Nat), P n\n⊢ P 0"),
        ("theorem t {n : Nat} (h : 0 < n) : n ≥ 1", "n : Nat\nh : 0 < n\n⊢ n ≥ 1"),
        ("theorem t (p q : Prop) : p ∧ ∀ n : Nat, n ≤ n", "p q : Prop\n⊢ p ∧ ∀ (n : Nat), n ≤ n"),
    ],
)
def test_statement_printing(statement: str, expected: str) -> None:
    assert text(statement) == expected


@pytest.mark.parametrize(
    "statement",
    [
        "theorem t : ∀ a b, a + b = b + a",  # Lean cannot infer the binder type
        "theorem t (x : Real) : x = x",
        "theorem t [inst : Foo] : True",
        "def t : Nat := 1",
        "theorem t (p : Prop) : p ∧",
    ],
)
def test_unsupported_statements(statement: str) -> None:
    with pytest.raises(TheoremUnsupported):
        parse_statement(statement)


def test_untyped_binder_inferred_from_numeral() -> None:
    assert text("theorem t : ∀ n, n + 0 = n") == "⊢ ∀ (n : Nat), n + 0 = n"


def goals_after(statement: str, *tactics: str) -> list[str]:
    env = EmbeddedEnv()
    goal = env.start(Theorem("t", statement))
    out = [goal]
    for tac in tactics:
        result = env.apply(out[0], tac)
        out = list(result.goals) + out[1:]
    return [g.text for g in out]


def test_intro_and_shadowing() -> None:
    got = goals_after("theorem t (h : True) : ∀ n : Nat, n = n → True", "intro", "intro h")
    assert got == ["h✝ : True\nn✝ : Nat\nh : n✝ = n✝\n⊢ True"]


def test_induction_goals_print_like_lean() -> None:
    got = goals_after("theorem t (n : Nat) : 0 + n = n", "induction n")
    assert got == ["case zero\n⊢ 0 + 0 = 0", "case succ\nn✝ : Nat\na✝ : 0 + n✝ = n✝\n⊢ 0 + (n✝ + 1) = n✝ + 1"]


def test_cases_or_tags_and_names() -> None:
    got = goals_after("theorem t (p q : Prop) (h : p ∨ q) : q ∨ p", "cases h")
    assert got == ["case inl\np q : Prop\nh✝ : p\n⊢ q ∨ p", "case inr\np q : Prop\nh✝ : q\n⊢ q ∨ p"]


def test_key_ignores_tag_and_bound_names() -> None:
    env = EmbeddedEnv()
    a = env.start(Theorem("a", "theorem a : ∀ n : Nat, n = n"))
    b = env.start(Theorem("b", "theorem b : ∀ m : Nat, m = m"))
    assert a.key == b.key and a.text != b.text
    split = env.apply(env.start(Theorem("c", "theorem c (p : Prop) (h : p ∨ p) : p")), "cases h")
    assert split.goals[0].key == split.goals[1].key
    assert split.goals[0].text != split.goals[1].text


def test_statement_with_body_and_line_breaks() -> None:
    assert text("theorem t (a : Nat) :\n    a + 0 = a := by sorry") == "a : Nat\n⊢ a + 0 = a"


def test_binder_predicates_expand_like_lean() -> None:
    assert text("theorem t : ∃ n > 2, n < 5") == "⊢ ∃ n, n > 2 ∧ n < 5"
    assert text("theorem t : ∀ n ≥ 1, n ≠ 0") == "⊢ ∀ (n : Nat), n ≥ 1 → n ≠ 0"


def test_successor_field_is_named_after_the_eliminator_binder() -> None:
    got = goals_after("theorem t (k : Nat) : k = k", "cases k")
    assert got == ["case zero\n⊢ 0 = 0", "case succ\nn✝ : Nat\n⊢ n✝ + 1 = n✝ + 1"]
