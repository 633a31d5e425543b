from __future__ import annotations

import pytest

from prover.env.soundness import (
    LeanMessage,
    indent_script,
    judge_recheck,
    named_statement,
    parse_axioms,
    proof_command,
    screen_tactic,
    script_lines,
)

# Python's str.splitlines breaks at all of these; Lean's `--` comment ends only at "\n".
SPLITLINES_ONLY = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


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
        "infer_instance",
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
        ("native_decide", "native"),
        ("decide +native", "native"),
        ("exact ofReduceBool _ _ rfl", "native"),
        ("exact Lean.ofReduceBool _ _ rfl", "internals"),
        ("open Nat in simp [succ_le]", "open"),
        ("set_option maxHeartbeats 0 in simp", "option"),
        ("set_option maxRecDepth 100000 in omega", "option"),
        ("set_option debug.skipKernelTC true in rfl", "option"),
        ("run_tac Lean.Elab.Tactic.closeMainGoal", "metaprogram"),
        ('run_cmd Lean.logInfo "hi"', "metaprogram"),
        ("exact (unsafeCast ())", "unsafe"),
        ("exact implemented_by", "declaration"),
        ("#eval IO.println 1", "#"),
        ("exact (IO.println 1)", "IO"),
        ("rfl\n\naxiom cheat : False", "declaration"),
        ("rfl\ntheorem other : 1 = 1 := rfl", "declaration"),
        ("decreasing_by sorry", "declaration"),
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


@pytest.mark.parametrize("separator", list(SPLITLINES_ONLY))
def test_scripts_split_at_newline_only(separator: str) -> None:
    """The re-check sees the lines the search applied: a separator is no line break, and the screen
    refuses it before either happens."""
    script = f"omega -- {separator}theorem bad : False := sorry\nsimp"
    assert len(script.splitlines()) == 3  # what the old re-check did
    assert script_lines(script) == [f"omega -- {separator}theorem bad : False := sorry", "simp"]
    command = proof_command("theorem t : True", script)
    assert command.split("\n") == [
        "theorem t : True := by",
        f"  omega -- {separator}theorem bad : False := sorry",
        "  simp",
    ]
    assert indent_script(script, "    ").count("\n") == 1
    refused = screen_tactic(script)
    assert refused is not None and f"U+{ord(separator):04X}" in refused


def test_indent_script_keeps_blank_lines_blank() -> None:
    assert indent_script("a\n\n  b") == "  a\n\n    b"
