"""Kernel behaviour that follows Lean 4's rules: sequence semantics, undecided failures under `try`,
names after induction, case tags, patterns, implicit binders, `rw` abstraction, omega's preprocessing."""

from __future__ import annotations

import pytest

from prover.env.base import Subgoals
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

ENV = EmbeddedEnv()


def check(statement: str, script: str):
    return ENV.check(Theorem("t", statement), script)


def goals(statement: str, script: str) -> list[str]:
    out = ENV.apply(ENV.start(Theorem("t", statement)), script)
    assert isinstance(out, Subgoals), out
    return [g.text for g in out.goals]


PQ = "theorem t (p q : Prop) (hp : p) (hq : q)"


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        # try (contradiction; decide) fails as a whole and is rolled back: the goal stays open.
        ("theorem t : 1 + 1 = 2", "try contradiction; decide", False),
        ("theorem t : 1 + 1 = 2", "try contradiction\ndecide", True),
        # try hands its sequence the whole goal list; all_goals inside sees both goals.
        (f"{PQ} : p ∧ p", "constructor\ntry all_goals exact hp", True),
        # all_goals fails as a whole when one goal fails; try rolls it back.
        (f"{PQ} : p ∧ q", "constructor\ntry all_goals exact hp\nexact hp\nexact hq", True),
        (f"{PQ} : p ∧ q", "constructor <;> first | exact hp | exact hq", True),
        (f"{PQ} : p", "exact hp\ntry exact hp", True),  # try succeeds with no goals
        (f"{PQ} : p", "exact hp\ndone", True),
        (f"{PQ} : p ∧ q", "constructor\ndone", False),
        # show picks the first goal that matches (src/Init/Tactics.lean).
        (f"{PQ} : p ∧ q", "constructor\nshow q\nexact hq\nexact hp", True),
    ],
)
def test_sequence_semantics(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


@pytest.mark.parametrize(
    ("statement", "script"),
    [
        # Lean's `exact h` succeeds (a + 1 - 1 reduces to a), then omega meets no goals: the kernel
        # cannot decide that defeq, so it must not swallow the failure.
        ("theorem t (a : Nat) (h : a + 1 - 1 = 5) : a = 5", "try exact h\nomega"),
        # An unknown name may be a library constant: Lean's exact might succeed.
        (f"{PQ} : p", "try exact foo\nexact hp"),
        ("theorem t (a b : Nat) (h : a = b) : a + 0 = b", "try rw [h]\nrfl"),
    ],
)
def test_undecided_failures_are_not_swallowed(statement: str, script: str) -> None:
    result = check(statement, script)
    assert not result.ok


@pytest.mark.parametrize(
    ("statement", "script"),
    [
        # Certain failures may be swallowed: 0 + a is not defeq to a (Nat.add recurses on a).
        ("theorem t (a : Nat) (h : 0 + a = 5) : a = 5", "try exact h\nomega"),
        ("theorem t (n : Nat) : 0 + n = n", "try rfl\nomega"),
        ("theorem t (n : Nat) (h : n < 3) : n < 5", "try decide\nomega"),  # n = 5 refutes n < 5
        (f"{PQ} : p ∨ q", "try trivial\nexact Or.inl hp"),
        ("theorem t (a : Nat) (h : a < 2) : a < 3", "try omega\ndone"),
    ],
)
def test_certain_failures_are_swallowed(statement: str, script: str) -> None:
    result = check(statement, script)
    assert result.ok, result.message


def test_inaccessible_locals_do_not_shadow_named_ones() -> None:
    """Issue 10's goal display: after `induction b` Lean prints `t a n✝ : Nat` and the hypothesis
    `a✝`, and `a` still names the user's variable."""
    st = "theorem t (t a b : Nat) : t * (a + b) = t * a + t * b"
    zero, succ = goals(st, "induction b")
    assert zero == "case zero\nt a : Nat\n⊢ t * (a + 0) = t * a + t * 0"
    assert succ == (
        "case succ\nt a n✝ : Nat\na✝ : t * (a + n✝) = t * a + t * n✝\n⊢ t * (a + (n✝ + 1)) = t * a + t * (n✝ + 1)"
    )
    assert check(st, "induction b\ncase zero => rfl\ncase succ n ih => exact Nat.left_distrib t a (n + 1)").ok


def test_case_shows_goal_without_tag_but_focus_keeps_it() -> None:
    st = "theorem t (n : Nat) : n = n"
    assert "case zero" not in check(st, "induction n\ncase zero => skip\nrfl").message
    assert "case zero" in check(st, "induction n\n· skip\nrfl").message


def test_case_prefers_exact_tag_over_suffix_and_prefix() -> None:
    # After `constructor` on (p ∧ q) ∧ p the tags are `left` and `right`; `constructor` again on the
    # first gives `left.left`, `left.right`: `case right` is the exact tag, not the suffix match.
    st = "theorem t (p q : Prop) (hp : p) (hq : q) : (p ∧ q) ∧ p"
    assert check(st, "constructor\nconstructor\ncase right => exact hp\nexact hp\nexact hq").ok
    assert not check(st, "constructor\nconstructor\ncase right => exact hq\nexact hp\nexact hp").ok


def test_apply_goals_carry_premise_names() -> None:
    st = "theorem t (a b : Nat) (h1 : a ≤ b) (h2 : b ≤ a) : a = b"
    assert check(st, "apply Nat.le_antisymm\ncase h₂ => exact h2\ncase h₁ => exact h1").ok
    unknown = check(
        "theorem t (a b c d : Nat) (h1 : a ≤ b) (h2 : c ≤ d) : a + c ≤ b + d",
        "apply Nat.add_le_add\ncase a => exact h1\nexact h2",
    )
    assert not unknown.ok and "not known" in unknown.message


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        # More names than fields: "too many variable names provided at alternative".
        (
            "theorem t (p q : Prop) (h : p ∨ q) : q ∨ p",
            "cases h with\n| inl hp x => exact Or.inr hp\n| inr hq => exact Or.inl hq",
            False,
        ),
        ("theorem t (n : Nat) : n = n", "induction n with\n| zero => rfl\n| succ k ih x => rfl", False),
        # rcases pads a short tuple: ⟨a⟩ names the first field, the second stays inaccessible.
        ("theorem t (p q : Prop) (h : p ∧ q) : p", "obtain ⟨a⟩ := h\nexact a", True),
        ("theorem t (p q : Prop) (h : p ∧ q) : q", "obtain ⟨a⟩ := h\nassumption", True),
        # intro ⟨a⟩ is `intro h; match h with | ⟨a⟩ => ?_`: too few fields for And.intro.
        ("theorem t (p q : Prop) : p ∧ q → p", "intro ⟨a⟩\nexact a", False),
        ("theorem t (p q : Prop) : p ∧ q → p", "intro ⟨a, b⟩\nexact a", True),
    ],
)
def test_patterns(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        ("theorem t (P : Nat → Prop) (h : ∀ {n : Nat}, P n) : ∀ n, P n", "exact h", False),
        ("theorem t (P : Nat → Prop) (h : ∀ {n : Nat}, P n) : ∀ n, P n", "intro n\nexact h", True),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : ∀ {n : Nat}, P n", "exact fun n => h n", False),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : ∀ {n : Nat}, P n", "exact h _", True),
        ("theorem t (h : ∀ {n : Nat}, n + 0 = n) : 3 + 0 = 3", "exact h", True),
        # A local named like a global constant shadows it.
        ("theorem t (n : Nat) (rfl : n = n + 0) : 2 = 2", "exact rfl", False),
        ("theorem t (p : Prop) (hp : p) (hnp : ¬p) (absurd : Nat) : False", "exact absurd hp hnp", False),
    ],
)
def test_implicit_binders_and_shadowing(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        # kabstract also abstracts x + Nat.succ 1 and x + (1 + 1) (instances of x + 2): refused.
        ("theorem t (x : Nat) (h : x + 2 = 5) : x + 2 = x + Nat.succ 1", "rw [h]\nomega", False),
        ("theorem t (x : Nat) (h : x + 2 = 5) : x + 2 = x + (1 + 1)", "rw [h]\nomega", False),
        ("theorem t (x : Nat) (h : x + 2 = 5) : x + 2 = 5", "rw [h]", True),
        (
            "theorem t (a b : Nat) (h1 : a = b) (h2 : a + 1 = 3) : b + 1 = 3",
            "rw [h1] at h2 ⊢\nexact h2",
            False,
        ),
        (
            "theorem t (a b : Nat) (h1 : a = b) (h2 : a + 1 = 3) : a + 1 = 3",
            "rw [h1] at h2 ⊢\nexact h2",
            True,
        ),
    ],
)
def test_rw_abstraction(statement: str, script: str, ok: bool) -> None:
    result = check(statement, script)
    assert result.ok is ok, result.message


@pytest.mark.parametrize(
    ("statement", "script"),
    [
        ("theorem t : ∀ n : Nat, n + 1 > n", "omega"),  # falseOrByContra introduces ∀ and →
        ("theorem t (x : Nat) : x > 2 → x ≠ 0", "omega"),
        ("theorem t (x : Nat) (h : ∃ k, x = 2 * k) : x % 2 = 0", "omega"),  # ∃ facts via choose_spec
        ("theorem t (x : Nat) (h : x > 0 ∧ ∃ k, x = k + 5) : x ≥ 5", "omega"),
    ],
)
def test_omega_preprocessing(statement: str, script: str) -> None:
    result = check(statement, script)
    assert result.ok, result.message


def test_redeclaration_and_lemma() -> None:
    assert not ENV.check(Theorem("rfl", "theorem rfl (n : Nat) : n = n"), "exact Eq.refl n").ok
    assert not ENV.check(Theorem("t", "lemma t (n : Nat) : n = n"), "rfl").ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        ("theorem t : ∃ n : Nat, n > 3", "exact ⟨5, by omega⟩", True),
        ("theorem t : ∃ n : Nat, n > 3", "exact ⟨2, by omega⟩", False),
        ("theorem t (a : Nat) (h : a > 3) : a ≠ 0 ∧ a > 1", "exact ⟨by omega, by omega⟩", True),
        ("theorem t (a : Nat) (h : a > 3) : a ≠ 0", "exact by\n  omega", True),
        ("theorem t (p : Prop) (hp : p) : p", "exact (by exact hp)", True),
        # The block takes the rest of the line: `by omega omega` is not `(by omega) omega`.
        ("theorem t (a : Nat) (h : a > 3) : a ≠ 0", "exact by omega omega", False),
    ],
)
def test_nested_by_blocks(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


def test_second_theorem_of_one_name_in_a_file_is_a_redeclaration() -> None:
    env = EmbeddedEnv()
    first = Theorem("dup", "theorem dup (p : Prop) (hp : p) : p", file="F.lean", line=1)
    second = Theorem("dup", "theorem dup (p : Prop) (hp : p) : p", file="F.lean", line=5)
    other_file = Theorem("dup", "theorem dup (p : Prop) (hp : p) : p", file="G.lean", line=5)
    assert env.check(first, "exact hp").ok
    assert env.check(first, "exact hp").ok  # the same declaration checked again
    result = env.check(second, "exact hp")
    assert not result.ok and "already been declared" in (result.message or "")
    assert env.check(other_file, "exact hp").ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        ("theorem t (P : Nat → Prop) (h : ∀ {n : Nat}, P n) : ∀ n, P n", "exact @h", True),
        ("theorem t (P : Nat → Prop) (h : ∀ {n : Nat}, P n) : P 3", "exact @h 3", True),
        (
            "theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c",
            "exact @Nat.le_trans a b c h1 h2",
            True,
        ),
        (
            "theorem t (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c",
            "exact @Nat.le_trans a c c h1 h2",
            False,
        ),
        ("theorem t (p : Prop) : p ∨ ¬p", "exact Classical.em p", True),
        # The expected type is propagated before the arguments: the `fun`s meet known types.
        (
            "theorem t (p q : Prop) (h : p ∨ q) : q ∨ p",
            "exact Or.elim h (fun hp => Or.inr hp) (fun hq => Or.inl hq)",
            True,
        ),
        (
            "theorem t (p q : Prop) (h : p ∨ q) : q ∨ p",
            "exact Or.elim h (fun hp => Or.inl hp) (fun hq => Or.inl hq)",
            False,
        ),
        ("theorem t (a b : Nat) (h : a ≤ b) : Nat.succ a ≤ Nat.succ b", "exact Nat.succ_le_succ h", True),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P (n + 1)) : P 2", "apply h", True),
    ],
)
def test_applications(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        ("theorem t (p q : Prop) : p ∧ q → q ∧ p", "exact fun ⟨a, b⟩ => ⟨b, a⟩", True),
        ("theorem t (p q : Prop) : p ∧ q → p", "exact fun ⟨a⟩ => a", False),  # a match needs every field
        ("theorem t (P : Nat → Prop) : (∃ x, P x) → ∃ y, P y", "exact fun ⟨x, hx⟩ => ⟨x, hx⟩", True),
        ("theorem t (p q r : Prop) : p ∧ q ∧ r → r", "exact fun ⟨_, _, c⟩ => c", True),
        (
            "theorem t (P : Nat → Prop) (h : ∃ x, P x) : ∃ x, P x",
            "obtain ⟨x, hx⟩ : ∃ x, P x := h\nexact ⟨x, hx⟩",
            True,
        ),
        (
            "theorem t (P : Nat → Prop) (h : ∃ x, P x) : ∃ x, P x",
            "obtain ⟨x, hx⟩ : ∃ x, P (x + 1) := h\nexact ⟨_, hx⟩",
            False,
        ),
        (
            "theorem t (p : Prop) (h : ¬¬p) : p",
            "cases Classical.em p with\n| inl hp => exact hp\n| inr hn => exact absurd hn h",
            True,
        ),
    ],
)
def test_patterns_in_terms_and_obtain(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok


@pytest.mark.parametrize(
    ("statement", "script", "ok"),
    [
        # `fun {n}` blocks the implicit lambda and binds the implicit binder itself.
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : ∀ {n : Nat}, P n", "exact fun {n} => h n", True),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : ∀ n, P n", "exact fun (n : Nat) => h n", True),
        ("theorem t (P : Nat → Prop) (h : ∀ n, P n) : ∀ n, P n", "exact fun n : Nat => h n", True),
        ("theorem t (p q : Prop) (hq : q) : p → q", "exact fun (hp : q) => hq", False),
    ],
)
def test_fun_binders(statement: str, script: str, ok: bool) -> None:
    assert check(statement, script).ok is ok
