from __future__ import annotations

import pytest

from prover.env.soundness import (
    LeanMessage,
    judge_recheck,
    named_statement,
    parse_axioms,
    proof_command,
    screen_tactic,
)


@pytest.mark.parametrize(
    "tactic",
    [
        "intro h",
        "exact ⟨h.2, h.1⟩",
        "simp [Nat.add_comm, List.length_append]",
        "omega",
        "rw [show (2 : ℕ) = 1 + 1 by rfl]",
        "decide",
        "nlinarith [sq_nonneg (a - b), sq_nonneg (a + b)]",
        "exact Finset.card_le_card h",
        "induction n with\n| zero => rfl\n| succ k ih => simp [ih]",
        "open Nat in simp [succ_le]",
        "inferInstance",
        "exact (#[1, 2].size_pos)",
    ],
)
def test_honest_tactics_pass(tactic: str) -> None:
    assert screen_tactic(tactic) is None


@pytest.mark.parametrize(
    ("tactic", "reason"),
    [
        ("sorry", "sorry"),
        ("exact (sorry : False)", "sorry"),
        ("exact sorryAx _ false", "sorry"),
        ("admit", "admit"),
        ("all_goals admit", "admit"),
        ("native_decide", "native_decide"),
        ("decide +native", "native_decide"),
        ("exact Lean.ofReduceBool _ _ rfl", "native_decide"),
        ("set_option maxHeartbeats 0 in simp", "option"),
        ("set_option maxRecDepth 100000 in omega", "option"),
        ("set_option debug.skipKernelTC true in rfl", "option"),
        ("run_tac Lean.Elab.Tactic.closeMainGoal", "metaprogram"),
        ('run_cmd Lean.logInfo "hi"', "metaprogram"),
        ("exact (unsafeCast ())", "unsafe"),
        ("exact implemented_by", "implementation"),
        ("#eval IO.println 1", "#"),
        ("exact (IO.println 1)", "IO"),
        ("rfl\n\naxiom cheat : False", "declares"),
        ("rfl\ntheorem other : 1 = 1 := rfl", "declares"),
        ("decreasing_by sorry", "sorry"),
        ("  ", "empty"),
    ],
)
def test_cheats_are_refused(tactic: str, reason: str) -> None:
    refused = screen_tactic(tactic)
    assert refused is not None and reason in refused


def test_native_decide_allowed_on_request() -> None:
    assert screen_tactic("native_decide", allow_native_decide=True) is None
    assert screen_tactic("native_decide\nsorry", allow_native_decide=True) is not None


def test_named_statement() -> None:
    assert named_statement("theorem foo (n : Nat) : n = n", "x") == ("theorem foo (n : Nat) : n = n", "foo")
    assert named_statement("lemma bar : True", "x") == ("theorem bar : True", "bar")
    assert named_statement("example : 1 + 1 = 2", "mathd algebra/12") == (
        "theorem mathd_algebra_12 : 1 + 1 = 2",
        "mathd_algebra_12",
    )
    with pytest.raises(ValueError):
        named_statement("def f : Nat := 1", "f")


def test_proof_command_indents_the_script() -> None:
    script = "intro h\ninduction h with\n| a => rfl\n\n| b => simp"
    assert proof_command("theorem t : p", script) == (
        "theorem t : p := by\n  intro h\n  induction h with\n  | a => rfl\n\n  | b => simp"
    )


def test_parse_axioms() -> None:
    assert parse_axioms("'t' depends on axioms: [propext, Classical.choice, Quot.sound]") == {
        "propext",
        "Classical.choice",
        "Quot.sound",
    }
    assert parse_axioms("'Foo.t'' does not depend on any axioms") == frozenset()
    assert parse_axioms("unknown constant 't'") is None


def _info(text: str) -> LeanMessage:
    return LeanMessage("info", text, 1, 0)


def test_judge_recheck() -> None:
    standard = [_info("'t' depends on axioms: [propext, Quot.sound]")]
    assert judge_recheck([], standard).ok
    error = judge_recheck([LeanMessage("error", "unsolved goals", 3, 2)], standard)
    assert not error.ok and error.message == "Lean error at 3:2: unsolved goals"
    for text in ("declaration uses 'sorry'", "declaration uses `sorry`"):
        assert judge_recheck([LeanMessage("warning", text)], standard).message == "the proof uses sorry"
    assert judge_recheck([LeanMessage("warning", "unused variable `h`")], standard).ok
    extra = judge_recheck([], [_info("'t' depends on axioms: [propext, sorryAx]")])
    assert not extra.ok and "sorryAx" in extra.message
    native = [_info("'t' depends on axioms: [Lean.ofReduceBool]")]
    assert not judge_recheck([], native).ok
    assert judge_recheck([], native, allow_native_decide=True).ok
    assert not judge_recheck([], [LeanMessage("error", "unknown constant 't'")]).ok
