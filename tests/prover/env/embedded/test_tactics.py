"""Every supported tactic, with success and failure cases, through `EmbeddedEnv.check`/`apply`."""

from __future__ import annotations

import pytest

from prover.env.base import Proved, Subgoals, TacticError
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

ENV = EmbeddedEnv()


def ok(statement: str, script: str) -> bool:
    result = ENV.check(Theorem("t", statement), script)
    return result.ok


def message(statement: str, script: str) -> str:
    result = ENV.check(Theorem("t", statement), script)
    assert not result.ok
    return result.message or ""


def step(statement: str, tactic: str):
    return ENV.apply(ENV.start(Theorem("t", statement)), tactic)


PQ = "theorem t (p q : Prop)"

ACCEPTED = [
    (f"{PQ} : p ∧ q → q ∧ p", "intro h\nexact ⟨h.2, h.1⟩"),
    (f"{PQ} : p ∧ q → q ∧ p", "intro ⟨hp, hq⟩\nexact ⟨hq, hp⟩"),
    (f"{PQ} : p ∧ q → q ∧ p", "rintro ⟨hp, hq⟩\nconstructor\n· exact hq\n· exact hp"),
    (f"{PQ} : p ∧ q → q ∧ p", "intro h\nobtain ⟨hp, hq⟩ := h\nexact And.intro hq hp"),
    (f"{PQ} : p ∧ q → q ∧ p", "intro h\ncases h with\n| intro hp hq => exact ⟨hq, hp⟩"),
    (
        f"{PQ} : p ∨ q → q ∨ p",
        "intro h\ncases h with\n| inl hp => exact Or.inr hp\n| inr hq => exact Or.inl hq",
    ),
    (f"{PQ} : p ∨ q → q ∨ p", "rintro (hp | hq)\n· right\n  exact hp\n· left; exact hq"),
    (f"{PQ} : p ∨ q → q ∨ p", "intro h\nrcases h with hp | hq\nright; assumption\nleft; assumption"),
    (
        f"{PQ} : p ∨ q → q ∨ p",
        "intro h\ncases h\ncase inl hp => exact Or.inr hp\ncase inr hq => exact Or.inl hq",
    ),
    (f"{PQ} : (p ↔ q) → q → p", "intro h hq\nexact h.mpr hq"),
    (f"{PQ} : (p ↔ q) → (q ↔ p)", "intro h\nconstructor\n· exact h.2\n· exact h.1"),
    (f"{PQ} : (p ↔ q) → (q ↔ p)", "intro h\nexact ⟨h.mpr, h.mp⟩"),
    (f"{PQ} : p → ¬p → q", "intro hp hnp\nexact absurd hp hnp"),
    (f"{PQ} : p → ¬p → q", "intro hp hnp\nexfalso\nexact hnp hp"),
    (f"{PQ} : p → ¬p → q", "intro hp hnp\ncontradiction"),
    (f"{PQ} : False → q", "intro h\ncases h"),
    (f"{PQ} : p → q → p", "intros\nassumption"),
    (f"{PQ} : p → q → p ∧ q", "intro hp hq\nrefine ⟨?_, hq⟩\nexact hp"),
    (f"{PQ} : p → q → p ∧ q", "intro hp hq\napply And.intro\n· exact hp\n· exact hq"),
    (f"{PQ} : p → (p → q) → q", "intro hp hpq\napply hpq\nexact hp"),
    (f"{PQ} : p → (p → q) → q", "intro hp hpq\nhave hq : q := hpq hp\nexact hq"),
    (f"{PQ} : p → (p → q) → q", "intro hp hpq\nhave hq : q := by\n  apply hpq\n  exact hp\nexact hq"),
    (f"{PQ} : p → q → p ∧ q", "intro hp hq\nconstructor <;> assumption"),
    (f"{PQ} : True", "trivial"),
    (f"{PQ} : p → p ∧ True", "intro hp\nexact ⟨hp, trivial⟩"),
    (f"{PQ} : p ∨ ¬p → True", "intro _\nexact True.intro"),
    (f"{PQ} : p → p", "exact fun h => h"),
    ("theorem t (p : Prop) (q : Prop) : p → q → q", "intro _ hq\nshow q\nexact hq"),
    (f"{PQ} : p → q → p", "by_cases h : q\n· intro hp _\n  exact hp\n· intro hp _; exact hp"),
    ("theorem t (n : Nat) : n + 0 = n", "rfl"),
    ("theorem t (n : Nat) : n * 0 = 0", "rfl"),
    ("theorem t (n : Nat) : n + 1 = Nat.succ n", "rfl"),
    ("theorem t : 2 + 2 = 4", "rfl"),
    ("theorem t : 2 + 2 = 4", "decide"),
    ("theorem t : 3 < 5 ∧ ¬(2 = 3)", "decide"),
    ("theorem t (n : Nat) : 0 + n = n", "exact Nat.zero_add n"),
    (
        "theorem t (n : Nat) : 0 + n = n",
        "induction n with\n| zero => rfl\n| succ k ih => rw [← Nat.add_assoc, ih]",
    ),
    (
        "theorem t (n : Nat) : 0 + n = n",
        "induction n\ncase zero => rfl\ncase succ k ih => rw [← Nat.add_assoc, ih]",
    ),
    ("theorem t (n : Nat) : 0 + n = n", "induction n\n· rfl\n· rename_i k ih\n  rw [← Nat.add_assoc, ih]"),
    ("theorem t (a b : Nat) : a + b = b + a", "rw [Nat.add_comm]"),
    ("theorem t (a b : Nat) : a + b = b + a", "exact Nat.add_comm a b"),
    ("theorem t (a b c : Nat) : a + b + c = a + (b + c)", "rw [Nat.add_assoc]"),
    ("theorem t (a b : Nat) (h : a = b) : a + 1 = b + 1", "rw [h]"),
    ("theorem t (a b : Nat) (h : b = a) : a + 1 = b + 1", "rw [← h]"),
    ("theorem t (a b : Nat) (h : a = b) (h2 : a > 3) : b > 3", "rw [h] at h2\nexact h2"),
    ("theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c", "exact Nat.le_trans h1 h2"),
    ("theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c", "apply Nat.le_trans h1\nexact h2"),
    ("theorem t (a b : Nat) (h : a ≤ b) : a + 1 ≤ b + 1", "exact Nat.succ_le_succ h"),
    ("theorem t (n : Nat) : n < n + 1", "exact Nat.lt_succ_self n"),
    ("theorem t : ∃ n : Nat, n + 2 = 5", "exists 3"),
    ("theorem t : ∃ n : Nat, n + 2 = 5", "exact ⟨3, rfl⟩"),
    ("theorem t : ∃ n : Nat, n + 2 = 5", "refine ⟨3, ?_⟩\nrfl"),
    ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : P 0 ∧ P 1", "exact ⟨h 0, h 1⟩"),
    ("theorem t (P : Nat → Prop) (h : ∃ n, P n ∧ n > 0) : ∃ n, P n", "obtain ⟨k, hk, _⟩ := h\nexact ⟨k, hk⟩"),
    (
        "theorem t (n : Nat) : n = 0 ∨ n > 0",
        "cases n with\n| zero => left; rfl\n| succ k => right; exact Nat.succ_pos k",
    ),
]


@pytest.mark.parametrize(("statement", "script"), ACCEPTED)
def test_accepted(statement: str, script: str) -> None:
    result = ENV.check(Theorem("t", statement), script)
    assert result.ok, result.message


REJECTED = [
    (f"{PQ} : p ∧ q → q ∧ p", "intro h\nexact ⟨h.1, h.2⟩", "type mismatch"),
    (f"{PQ} : p ∨ q → q ∨ p", "intro h\ncases h with\n| inl hp => exact Or.inr hp", "alternative 'inr'"),
    (f"{PQ} : p → q", "intro hp\nassumption", "assumption"),
    (f"{PQ} : p → q", "intro hp\ncontradiction", "contradiction"),
    ("theorem t : ∃ n : Nat, n = 1", "constructor", "not supported"),
    (f"{PQ} : p ∨ q → p", "intro h\nconstructor", "not an inductive datatype"),
    (f"{PQ} : p ∧ q", "left", "left"),
    (f"{PQ} : p → q", "exact fun h => h", "type mismatch"),
    (f"{PQ} : p", "intro h", "no additional binders"),
    (f"{PQ} : p → q → p", "intro hp hq\nshow q", "no goal unifies"),
    (f"{PQ} : q", "trivial", "trivial"),
    ("theorem t (n : Nat) : n + 1 = n", "rfl", "rfl"),
    ("theorem t : 2 + 2 = 5", "decide", "is false"),
    ("theorem t (n : Nat) : n + 0 = n", "decide", "free variables"),
    ("theorem t (a b : Nat) : a + b = b + a", "rw [Nat.mul_comm]", "did not find instance"),
    ("theorem t (a b : Nat) (h : a = b) : b + 1 = 1 + b", "rw [h]", "did not find instance"),
    ("theorem t (a b : Nat) (h1 : a ≤ b) : b ≤ a", "exact Nat.le_trans h1 h1", "type mismatch"),
    ("theorem t : ∃ n : Nat, n + 2 = 5", "exists 4", "unsolved goals"),
    (
        "theorem t (n : Nat) : 0 + n = n",
        "induction n with\n| zero => rfl\n| succ k ih => rfl",
        "not supported",
    ),
    ("theorem t (n : Nat) : 0 + n = n", "cases n\nrfl", "unsolved goals"),
    ("theorem t (n : Nat) : n = n", "simp", "not supported"),
    ("theorem t (n : Nat) : n = n", "frobnicate n", "unknown tactic"),
]


@pytest.mark.parametrize(("statement", "script", "fragment"), REJECTED)
def test_rejected(statement: str, script: str, fragment: str) -> None:
    assert fragment in message(statement, script)


def test_apply_outcomes() -> None:
    assert isinstance(step(f"{PQ} : p → p", "intro h; exact h"), Proved)
    split = step(f"{PQ} : p ∧ q", "constructor")
    assert isinstance(split, Subgoals)
    assert [g.text for g in split.goals] == ["case left\np q : Prop\n⊢ p", "case right\np q : Prop\n⊢ q"]
    assert isinstance(step(f"{PQ} : p ∧ q", "exact foo"), TacticError)


def test_rw_leaves_goal_when_sides_differ() -> None:
    result = step("theorem t (a b : Nat) (h : a = b) : a + 1 = b + 2", "rw [h]")
    assert isinstance(result, Subgoals)
    assert result.goals[0].text == "a b : Nat\nh : a = b\n⊢ b + 1 = b + 2"


def test_rw_refuses_when_closing_is_uncertain() -> None:
    result = step("theorem t (a b : Nat) (h : a = b) : a + 0 = b", "rw [h]")
    assert isinstance(result, TacticError) and "not supported" in result.message


def test_exists_leaves_goal_trivial_cannot_close() -> None:
    result = step("theorem t (P : Nat → Prop) : ∃ n, P n", "exists 2")
    assert isinstance(result, Subgoals) and result.goals[0].text.endswith("⊢ P 2")


def test_apply_accepts_goals_from_earlier_apply() -> None:
    goal = ENV.start(Theorem("t", f"{PQ} : p → q → p ∧ q"))
    goal = ENV.apply(goal, "intro hp hq").goals[0]
    left, right = ENV.apply(goal, "constructor").goals
    assert isinstance(ENV.apply(left, "exact hp"), Proved)
    assert isinstance(ENV.apply(right, "exact hp"), TacticError)


def test_induction_reverts_dependent_hypotheses() -> None:
    result = step("theorem t (n : Nat) (h : n > 0) : n ≥ 1", "induction n")
    assert isinstance(result, Subgoals)
    zero, succ = (g.text for g in result.goals)
    assert zero == "case zero\nh : 0 > 0\n⊢ 0 ≥ 1"
    assert succ == "case succ\nn✝ : Nat\na✝ : n✝ > 0 → n✝ ≥ 1\nh : n✝ + 1 > 0\n⊢ n✝ + 1 ≥ 1"


def test_structured_induction_names_and_next() -> None:
    statement = "theorem t (n : Nat) : n * 0 = 0 ∧ 0 + n = n"
    script = "constructor\n· rfl\ninduction n with\n| zero => rfl\n| succ k ih =>\n  rw [← Nat.add_assoc, ih]"
    assert ENV.check(Theorem("t", statement), script).ok
    script2 = "constructor\nnext => rfl\nnext => exact Nat.zero_add n"
    assert ENV.check(Theorem("t", statement), script2).ok


def test_all_goals_combinator_applies_to_each_goal() -> None:
    result = step(f"{PQ} (hp : p) : p ∧ p", "constructor <;> exact hp")
    assert isinstance(result, Proved)
    failing = step(f"{PQ} (hp : p) : p ∧ q", "constructor <;> exact hp")
    assert isinstance(failing, TacticError)


def test_omega_uses_hypotheses_and_rejects_nonlinear_falsehood() -> None:
    assert ok("theorem t (a b : Nat) (h1 : a + b = 10) (h2 : a = 3) : b = 7", "omega")
    assert "omega could not prove" in message("theorem t (a b : Nat) (h1 : a + b = 10) : b = 7", "omega")


def test_rename_i_names_most_recent_inaccessibles() -> None:
    result = step("theorem t : ∀ a b : Nat, a = b → True", "intros; rename_i x y")
    assert isinstance(result, Subgoals)
    assert result.goals[0].text == "a✝ x : Nat\ny : a✝ = x\n⊢ True"
    two = step("theorem t : ∀ n : Nat, ∀ n : Nat, n = n", "intros")
    assert isinstance(two, Subgoals) and two.goals[0].text == "n✝¹ n✝ : Nat\n⊢ n✝ = n✝"


def test_try_swallows_failures_but_not_undecided_steps() -> None:
    assert isinstance(step(f"{PQ} (hp : p) (hq : q) : p", "try exact hq\nexact hp"), Proved)
    # `foo` may be a constant of Lean's library the kernel does not know: Lean's `exact` might succeed.
    unknown = step(f"{PQ} (hp : p) : p", "try exact foo\nexact hp")
    assert isinstance(unknown, TacticError) and "unknown identifier 'foo'" in unknown.message
    assert isinstance(step(f"{PQ} (hp : p) : p", "try exact hp"), Proved)
    undecided = step("theorem t (a b : Nat) (h : a = b) : a + 0 = b", "try rw [h]")
    assert isinstance(undecided, TacticError) and "not supported" in undecided.message


def test_all_goals_and_rewrite_without_rfl() -> None:
    assert ok(f"{PQ} (hp : p) : p ∧ p", "constructor\nall_goals exact hp")
    assert "type mismatch" in message(f"{PQ} (hp : p) : p ∧ q", "constructor\nall_goals exact hp")
    left = step("theorem t (a b : Nat) (h : a = b) : a = b", "rewrite [h]")
    assert isinstance(left, Subgoals) and left.goals[0].text.endswith("⊢ b = b")


def test_placeholder_nat_arguments_are_unified() -> None:
    assert ok("theorem t (a b : Nat) : a + b = b + a", "exact Nat.add_comm _ _")
    assert "type mismatch" in message("theorem t (a b : Nat) : a + b = a + b + 0", "exact Nat.add_comm _ _")
