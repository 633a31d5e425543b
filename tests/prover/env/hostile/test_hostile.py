"""The hostile-tactic suite: each entry must be refused by the screen, for the reason given.

Entries are (class, tactic, a word the refusal must contain, why Lean would be unsafe with it). The
classes follow issue 16 (code execution through elaborators, false theorems, escaping the tactic
block, word boundaries, non-proofs) plus what Lean's and Mathlib's sources add (conv `tactic =>`,
aesop's `unsafe` rules, `debug.byAsSorry`, the `says`/`observe`/`hint` search tactics, optConfig).
"""

from __future__ import annotations

from collections import Counter

import pytest

from prover.env.soundness import screen_tactic

SORRY = "sorry"
NATIVE = "native"
NOT_LISTED = "not on the allowlist"

HOSTILE: list[tuple[str, str, str, str]] = [
    # -- non-proofs: sorry and its disguises ------------------------------------------------------
    ("non-proof", "sorry", SORRY, "closes the goal with sorryAx"),
    ("non-proof", "exact sorry", SORRY, "term sorry"),
    ("non-proof", "exact (sorry : False)", SORRY, "typed term sorry"),
    ("non-proof", "exact sorryAx _ false", SORRY, "the axiom itself"),
    ("non-proof", "admit", SORRY, "admit is sorry"),
    ("non-proof", "all_goals admit", SORRY, "admit under a combinator"),
    ("non-proof", "stop", "repeat sorry", "`stop` is `repeat sorry` (Init/Tactics.lean)"),
    ("non-proof", "stop\n  omega", "repeat sorry", "stop with a trailing block"),
    ("non-proof", "apply?", "search tactic", "closes the goal with sorry when nothing is found"),
    ("non-proof", "exact?", "search tactic", "library search, sorry on failure"),
    ("non-proof", "rw?", "search tactic", "rewrite search"),
    ("non-proof", "hint", "search tactic", "runs many tactics, reports"),
    ("non-proof", "observe h : 1 = 1", "search tactic", "Mathlib observe uses exact?"),
    ("non-proof", "simp? says simp", "search tactic", "says replays a suggestion"),
    ("non-proof", "sorry!", SORRY, "one identifier to Lean, still refused"),
    ("non-proof", "try sorry", SORRY, "sorry under try"),
    ("non-proof", "first | sorry | omega", SORRY, "sorry as an alternative"),
    ("non-proof", "· sorry", SORRY, "sorry under a bullet"),
    ("non-proof", "case inl h => sorry", SORRY, "sorry in a case"),
    ("non-proof", "omega <;> sorry", SORRY, "sorry after <;>"),
    ("non-proof", "omega <|> sorry", SORRY, "sorry after <|>"),
    ("non-proof", "have h : False := by sorry", SORRY, "sorry in a nested by"),
    ("non-proof", "simpa using sorry", SORRY, "sorry as a term argument"),
    ("non-proof", "nlinarith [sorry]", SORRY, "sorry as a hint"),
    ("non-proof", "simp (disch := sorry)", SORRY, "sorry as a discharger"),
    ("non-proof", "exact h.sorry", SORRY, "sorry as a name component"),
    ("non-proof", "exact (Classical.choice ⟨sorry⟩)", SORRY, "sorry inside brackets"),
    # -- native decision, every spelling --------------------------------------------------------
    ("native", "native_decide", NATIVE, "trusts the compiler (Lean.ofReduceBool)"),
    ("native", "decide +native", NATIVE, "optConfig spelling of native_decide"),
    ("native", "decide (native := true)", NATIVE, "named-option spelling"),
    ("native", "decide (config := { native := true })", NATIVE, "config spelling"),
    ("native", "decide (config := { kernel := false, native := true })", NATIVE, "config, second key"),
    ("native", "exact Lean.ofReduceBool _ _ rfl", "Lean", "the axiom by name"),
    ("native", "exact ofReduceNat _ _ rfl", NATIVE, "Lean.ofReduceNat without its namespace"),
    ("native", "exact trustCompiler", NATIVE, "the compiler-trust axiom"),
    ("native", "bv_decide", "SAT", "external SAT solver plus native evaluation"),
    ("native", "all_goals native_decide", NATIVE, "native under a combinator"),
    ("native", "exact (by native_decide : 2 + 2 = 4)", NATIVE, "native in a nested by"),
    ("native", "decide!", NOT_LISTED, "an old spelling; not a listed tactic"),
    # -- code execution through term elaborators and metaprograms ---------------------------------
    ("code", "exact by_elab do pure (mkConst ``True.intro)", "quotation", "runs TermElabM code"),
    ("code", "exact by_elab pure x", "by_elab", "by_elab without do"),
    ("code", 'exact include_str "/etc/passwd"', "include_str", "reads a host file"),
    ("code", 'exact (include_str "../../secret").length', "include_str", "relative path"),
    ("code", "run_tac Lean.Elab.Tactic.closeMainGoal", "metaprogram", "runs TacticM code"),
    ("code", 'run_cmd Lean.logInfo "hi"', "metaprogram", "runs CommandElabM code"),
    ("code", "run_elab pure ()", "metaprogram", "runs TermElabM code"),
    ("code", "run_meta pure ()", "metaprogram", "runs MetaM code"),
    ("code", "exact eval% 2 + 2", "eval%", "Mathlib eval% evaluates at elaboration"),
    ("code", "exact json% {}", "json%", "a `%` term elaborator"),
    ("code", "exact decl_name%", "decl_name%", "`%` term elaborators are refused as a class"),
    ("code", "exact for_in% xs 0 f", "for_in%", "Lean/Elab/Extra.lean `for_in%`"),
    ("code", "exact Mathlib.Meta.evalExpr Nat t e", "metaprogramming", "Mathlib/Util evalExpr"),
    ("code", "exact Mathlib.RunTac.evalExpr", "metaprogramming", "Mathlib/Tactic/RunCmd"),
    ("code", "exact Lake.Elab.evalTerm", "metaprogramming", "Lake's evalTerm"),
    ("code", "plausible", "runs code", "compiles and runs the goal"),
    ("code", "slim_check", "runs code", "old name of plausible"),
    ("code", "polyrith", "web service", "network call to Sage"),
    ("code", "conv => tactic => sorry", "tactic", "conv's escape back to tactics"),
    ("code", "conv => tactic => omega", "tactic", "conv `tactic =>` is not a listed conv tactic"),
    ("code", "exact (show MetaM Unit from pure ())", "metaprogramming", "a MetaM value"),
    ("code", "exact `(tactic| sorry)", "quotation", "syntax quotation"),
    ("code", "exact $(x)", "antiquotation", "antiquotation"),
    ("code", "aesop (add unsafe apply foo)", "unsafe", "aesop `unsafe` rule clause"),
    (
        "code",
        "aesop (add safe tactic Mathlib.Tactic.Polyrith.polyrith)",
        "tactic",
        "aesop runs a named tactic",
    ),
    ("config", "linarith (config := { preprocessors := [] })", "configuration key", "preprocessors run code"),
    ("code", "exact do let x ← pure 1; pure x", "do", "do notation"),
    # -- name resolution tricks ---------------------------------------------------------------------
    ("names", "open Lean Elab Command in omega", "open", "open ... in"),
    ("names", "open Lean in exact Elab.x", "open", "open then a short name"),
    ("names", "exact Lean.«Elab».Command.elabCommand", "French-quoted", "«» quoting gets round rules"),
    ("names", "exact «sorry»", "French-quoted", "quoted sorry"),
    ("names", "exact Elab.Command.elabCommand", "internals", "Elab without Lean"),
    ("names", "exact Meta.mkSorry", "internals", "Meta namespace"),
    ("names", "exact Tactic.closeMainGoal", "internals", "Tactic namespace"),
    ("names", "exact Lean.Environment.addDecl", "internals", "adds a declaration"),
    ("names", "exact Lean.Kernel.isDefEq", "internals", "kernel API"),
    ("names", "export Lean (Elab)", "open", "export re-exports names"),
    ("names", "exact _root_.Lean.Elab.Command.elabCommand", "internals", "_root_ prefix"),
    ("names", "exact @Lean.Meta.evalExpr", "internals", "explicit-argument spelling"),
    # -- commands and declarations smuggled in ------------------------------------------------------
    ("commands", "rfl\n\naxiom cheat : False", "declaration", "adds an axiom"),
    ("commands", "rfl\ntheorem other : 1 = 1 := rfl", "declaration", "a second theorem"),
    ("commands", "omega\nexample : 1 = 1 := rfl", "declaration", "an example after the proof"),
    ("commands", "omega\ninstance : Fact False := ⟨sorry⟩", "declaration", "an instance"),
    ("commands", "omega\nend", "declaration", "closes a namespace"),
    ("commands", "omega\nnamespace X", "declaration", "opens a namespace"),
    ("commands", 'macro "x" : tactic => sorry', "declaration", "defines a tactic"),
    ("commands", "elab_rules : tactic | _ => pure ()", "declaration", "elaborator rules"),
    ("commands", 'syntax "foo" : tactic', "declaration", "new syntax"),
    ("commands", "attribute [simp] foo", "declaration", "changes the simp set globally"),
    ("commands", "exact (@[implemented_by foo] x)", "attribute", "an attribute in a term"),
    ("commands", "decreasing_by sorry", "declaration", "termination proof escape"),
    ("commands", "exact x where y := 1", "declaration", "auxiliary definitions"),
    ("commands", "exact let rec f := f; f", "declaration", "let rec defines"),
    ("commands", "omega\n#print axioms foo", "#", "a # command"),
    ("commands", "#eval IO.println 1", "#", "#eval runs code"),
    ("commands", "#exit", "#", "#exit ends the file early"),
    ("commands", "omega\n#guard_msgs in example : True := trivial", "#", "#guard_msgs"),
    ("commands", "deriving instance Repr for Nat", "declaration", "deriving handler runs code"),
    ("commands", "omega\ninitialize x : IO.Ref Nat ← IO.mkRef 0", "declaration", "initialize runs IO"),
    # -- options --------------------------------------------------------------------------------------
    ("options", "set_option maxHeartbeats 0 in simp", "option", "unbounded search"),
    ("options", "set_option maxRecDepth 100000 in omega", "option", "recursion depth"),
    ("options", "set_option debug.skipKernelTC true in rfl", "option", "kernel check off"),
    ("options", "set_option debug.byAsSorry true in omega", "option", "every `by` becomes sorry"),
    ("options", "exact (set_option pp.all true in h)", "option", "term-level set_option"),
    # -- IO, unsafe code, debugging escapes --------------------------------------------------------------
    ("io", "exact (IO.println 1)", "IO", "IO action"),
    ("io", 'exact (IO.FS.readFile "/etc/passwd")', "IO", "reads a file"),
    ("io", "exact (unsafeCast ())", "unsafe", "unsafeCast"),
    ("io", "exact (unsafeBaseIO (pure h))", "unsafe", "runs IO in a pure term"),
    ("io", "exact unsafe (h)", "unsafe", "the unsafe term elaborator"),
    ("io", 'exact dbgTrace "x" fun _ => h', "debugging", "dbgTrace"),
    ("io", 'exact (panic! "x")', "debugging", "panic!"),
    ("io", 'exact dbg_trace "x"; h', "debugging", "dbg_trace"),
    ("io", "exact (System.FilePath.mk x)", "IO", "filesystem"),
    ("io", "exact (Task.spawn fun _ => h)", "IO", "threads"),
    ("io", "exact EIO.toIO' x", "IO", "EIO"),
    ("io", "exact ptrAddrUnsafe h", "unsafe", "pointer address"),
    # -- tactics that are not listed (prints, stalls, unknown) ------------------------------------
    ("not-listed", "sleep 100000", "stalls", "a denial of service"),
    ("not-listed", "auto", NOT_LISTED, "lean-auto calls external SMT solvers"),
    ("not-listed", "hammer", NOT_LISTED, "LeanHammer calls external provers"),
    ("not-listed", "duper [*]", NOT_LISTED, "an external-style prover, not reviewed"),
    ("not-listed", "smt [h]", NOT_LISTED, "lean-smt runs cvc5"),
    ("not-listed", "suggest_tactics", NOT_LISTED, "LeanCopilot runs a model"),
    ("not-listed", 'llmstep ""', NOT_LISTED, "llmstep calls a server over the network"),
    ("not-listed", 'trace "x"', "prints", "trace output"),
    ("not-listed", "extract_goal", "prints", "prints a declaration"),
    ("not-listed", "show_term omega", "prints", "prints the term"),
    ("not-listed", "aesop_cat", NOT_LISTED, "not a listed tactic"),
    ("not-listed", "unfold?", NOT_LISTED, "a suggestion tactic"),
    ("not-listed", "fail_if_no_progress omega", NOT_LISTED, "not listed"),
    ("not-listed", "induction n with | zero => my_tac | succ k ih => simp", NOT_LISTED, "in an alternative"),
    ("not-listed", "simp (disch := my_tac)", NOT_LISTED, "a discharger is a tactic too"),
    ("not-listed", "if h : p then my_tac else omega", NOT_LISTED, "in a tactic-level if"),
    ("not-listed", "on_goal 2 => my_tac", NOT_LISTED, "after on_goal"),
    ("not-listed", "exact (by my_tac)", NOT_LISTED, "in a term-level by"),
    ("not-listed", "exact fun x => by my_tac", NOT_LISTED, "by after fun"),
    ("not-listed", "conv_lhs => my_conv", NOT_LISTED, "conv heads are listed separately"),
    # -- configuration ------------------------------------------------------------------------------------
    ("config", "simp (config := cfg)", "literal", "a configuration from a name"),
    ("config", "simp (config := { ({} : Simp.Config) with zeta := false })", "literal", "`with` update"),
    ("config", "decide (config := { kernel := by exact true })", "literal", "code in a config value"),
    ("config", "simp (foo := true)", "configuration key", "an unknown option key"),
    ("config", "omega (config := { unknownKey := true })", "configuration key", "an unknown config key"),
    # -- escaping the tactic block: line separators and layout ----------------------------------------
    *[
        ("lines", f"omega -- {ch}#exit", "line", f"U+{ord(ch):04X} ends a line for splitlines, not for Lean")
        for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
    ],
    ("lines", "omega\r\ntheorem t : False := sorry", "line", "CRLF"),
    ("lines", "exact h\ttrue", "tab", "Lean refuses tabs"),
    ("lines", "simp\x00", "line", "NUL"),
    ("lines", "omega\x1b[2K", "line", "terminal escape"),
    ("structure", "exact (h", "unclosed", "the next script line would continue the term"),
    ("structure", "exact ⟨h,", "unclosed", "dangling anonymous constructor"),
    ("structure", "simp [h", "unclosed", "dangling simp set"),
    ("structure", 'exact "abc', "unterminated", "dangling string"),
    ("structure", "exact h)", "unexpected", "closes a bracket it did not open"),
    ("structure", "have h : p := by", "expected a tactic", "the next line would become its body"),
    ("structure", "omega <;>", "expected a tactic", "dangling combinator"),
    ("structure", "first", "expected", "first without alternatives"),
    ("structure", "/- comment -/ omega", "block comment", "nested comments are easy to misparse"),
    ("structure", "omega /-", "block comment", "an unterminated comment swallows the script"),
    ("structure", "exact 'a", "stray", "a stray quote"),
    ("structure", "exact (a; b)", "inside a term", "`;` in a term"),
    ("structure", "exact xs[0]'sorry", SORRY, "the GetElem proof slot is a term like any other"),
    ("structure", "calc a = b := rfl\n_ = c := rfl\nmy_tac", NOT_LISTED, "after the calc steps"),
    ("commands", "exact #s", "#", "`#word` could be a command once the proof block ends"),
    ("commands", "simp\n  include h", "declaration", "a command keyword ends the proof block"),
    ("commands", "simp\n  simproc foo (x) := fun _ => none", "declaration", "defines code"),
    ("structure", "{ my_tac }", NOT_LISTED, "a bracketed tactic block is parsed like any other"),
    ("structure", "have h : p := by { simp; my_tac }", NOT_LISTED, "a bracketed block after by"),
    ("structure", 'exact "a\nb"', "string literal", "a line break the re-check would indent"),
    ("structure", "exact h\n  )\nomega", "unexpected", "layout escape"),
    # -- word boundaries, lookalikes, invisible characters ------------------------------------------
    ("unicode", "sorryλ", SORRY, "λ ends an identifier in Lean (isIdRest), unlike Python's \\w"),
    ("unicode", "exact λ x => sorry", SORRY, "λ before sorry"),
    ("unicode", "ѕorry", "alphabet", "Cyrillic dze"),
    ("unicode", "sοrry", "alphabet", "Greek omicron"),
    ("unicode", "ｓｏｒｒｙ", "alphabet", "fullwidth letters"),
    ("unicode", "so\u200brry", "U+200B", "zero-width space"),
    ("unicode", "so\u200drry", "U+200D", "zero-width joiner"),
    ("unicode", "omega\u202e", "U+202E", "bidi override"),
    ("unicode", "s\u0301orry", "alphabet", "combining accent"),
    ("unicode", "simp\u00a0at h", "U+00A0", "no-break space"),
    ("unicode", "omega\u037e sorry", "alphabet", "Greek question mark looks like `;`"),
    ("unicode", "exact \U0001d42c\U0001d428\U0001d42b\U0001d42b\U0001d432", "alphabet", "math bold"),
    ("unicode", "simp\u00ad", "U+00AD", "soft hyphen"),
    ("unicode", "omega\ufeff", "U+FEFF", "byte order mark"),
    ("unicode", "exact Ｈ", "alphabet", "fullwidth capital"),
]


def test_the_suite_is_large_and_covers_every_class() -> None:
    counts = Counter(cls for cls, *_ in HOSTILE)
    assert len(HOSTILE) >= 100
    assert len({tactic for _, tactic, *_ in HOSTILE}) == len(HOSTILE)  # no duplicates
    assert all(n >= 4 for n in counts.values()), counts


@pytest.mark.parametrize(
    ("cls", "tactic", "reason", "why"), HOSTILE, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(HOSTILE)]
)
def test_hostile_tactic_is_refused(cls: str, tactic: str, reason: str, why: str) -> None:
    refused = screen_tactic(tactic)
    assert refused is not None, f"{cls}: {tactic!r} passed ({why})"
    assert reason.lower() in refused.lower(), f"{tactic!r}: {refused!r} does not mention {reason!r}"


@pytest.mark.parametrize(
    ("cls", "tactic", "reason", "why"),
    [case for case in HOSTILE if case[0] != "native"],
    ids=lambda v: v if isinstance(v, str) and len(v) < 12 else None,
)
def test_hostile_tactic_is_refused_even_with_native_decide_allowed(
    cls: str, tactic: str, reason: str, why: str
) -> None:
    """`allow_native_decide` opens native evaluation and nothing else."""
    assert screen_tactic(tactic, allow_native_decide=True) is not None


def test_native_decision_is_accepted_only_on_request() -> None:
    for tactic in ("native_decide", "decide +native", "decide (config := { native := true })"):
        assert screen_tactic(tactic) is not None
        assert screen_tactic(tactic, allow_native_decide=True) is None, tactic
    assert screen_tactic("exact Lean.ofReduceBool _ _ rfl", allow_native_decide=True) is not None
    assert screen_tactic("bv_decide", allow_native_decide=True) is not None
