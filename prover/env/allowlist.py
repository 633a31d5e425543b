"""The tables of the tactic screen (`prover.env.tactic_syntax`): what may reach a real Lean, and why not.

Everything here is data. To accept one more tactic, add its head to `TACTICS` with the shape of its
Lean `syntax` declaration (cite the declaration); to accept a configuration key, add it to
`CONFIG_KEYS`. A head that is not listed is refused, so a new Mathlib tactic stays out until someone
has read what it runs.

Sources: Lean 4 `src/Init/Tactics.lean` (core tactics and combinators), `src/Init/Conv.lean` (conv
mode), `src/Lean/Parser/Term.lean` and `src/Init/NotationExtra.lean` (term syntax), `src/Lean/Elab/*`
(elaborators that run code), Mathlib `Mathlib/Tactic/*.lean`.
"""

from __future__ import annotations

import re
from enum import Enum


class Shape(Enum):
    """How a tactic's syntax continues after its head (the parser combinator of its `syntax` line)."""

    PLAIN = "plain"  # terms, `at h ⊢`, `with`, `using`, `[...]`, optional `| alt => tacticSeq`
    SEQ = "seq"  # `"try" tacticSeq`: the rest is a nested tactic sequence
    NUM_SEQ = "num_seq"  # `"iterate" num? tacticSeq`
    NUM_ARROW_SEQ = "num_arrow_seq"  # `"on_goal" num " => " tacticSeq`
    CASE = "case"  # `"case" tag binders* " => " tacticSeq` (`case'`, `next`)
    FIRST = "first"  # `"first" ("| " tacticSeq)+`
    IF = "if"  # `"if" h : c " then " tacticSeq " else " tacticSeq` (tactic-level if)
    CONV = "conv"  # `"conv" (" at " h)? (" in " pat)? " => " convSeq`


_P, _S = Shape.PLAIN, Shape.SEQ

# Tactic heads a prover may send. Core: src/Init/Tactics.lean (`syntax (name := X) "X" ...`) and the
# `Lean.Parser.Tactic` macros of src/Init/*.lean; Mathlib: the file named in each group.
TACTICS: dict[str, Shape] = {
    # core structural (Init/Tactics.lean)
    **dict.fromkeys(
        "intro intros rintro exact apply refine refine' exacts constructor left right exfalso "
        "contradiction trivial rfl assumption cases rcases obtain induction exists use use! have show "
        "suffices let set calc rw rewrite rwa erw nth_rewrite nth_rw simp simp_all dsimp simpa "
        "simp_arith simp_rw unfold delta change subst subst_vars symm trans injection injections "
        "specialize generalize clear revert rename_i rename by_cases split omega decide "
        "rotate_left rotate_right swap pick_goal skip done nofun nomatch and_intros funext "
        "apply_assumption apply_rules solve_by_elim exact_mod_cast apply_mod_cast rw_mod_cast "
        "assumption_mod_cast norm_cast push_cast absurd match haveI letI replace infer_instance "
        "congr ext".split(),
        _P,
    ),
    # Mathlib arithmetic and algebra: Mathlib/Tactic/{NormNum,Ring,Linarith,Positivity,FieldSimp,
    # GCongr,IntervalCases,Abel,NoncommRing,Group,LinearCombination,CancelDenoms,ModCases,Zify,Qify,
    # Rify,Bound,ComputeDegree,FinCases,Lift,Choose,Set,PushNeg,Contrapose,ByContra,SplitIfs,Tauto,
    # CongrExclamation,ApplyFun,FunProp,Continuity,Peel,WLOG,Rename,Cases,Induction}.lean and aesop.
    **dict.fromkeys(
        "norm_num norm_num1 ring ring1 ring_nf ring1_nf linarith linarith! nlinarith nlinarith! "
        "positivity field_simp gcongr rel interval_cases abel abel_nf noncomm_ring group "
        "linear_combination linear_combination' cancel_denoms mod_cases zify qify rify bound "
        "compute_degree monicity fin_cases lift choose push_neg contrapose contrapose! by_contra "
        "by_contra! split_ifs tauto congr! apply_fun fun_prop continuity peel wlog cases' "
        "induction' rsuffices filter_upwards aesop nontriviality "
        "unfold_let clear_value simp_intro beta_reduce split_ands convert convert_to constructorm "
        "casesm cases_type ac_rfl push field by_cases! wlog! generalize_proofs finiteness module "
        "expose_names".split(),
        _P,
    ),
    # newer core tactics: `grind` and its `lia` front end (src/Init/Grind/Tactics.lean), `fun_induction`
    # (src/Init/Tactics.lean); their proofs are kernel-checked terms.
    **dict.fromkeys(
        "grind lia fun_induction fun_cases".split(),
        _P,
    ),
    # combinators taking a tacticSeq (Init/Tactics.lean: `try`, `repeat`, `focus`, `all_goals`,
    # `any_goals`, `with_reducible`, `classical`, `fail_if_success`; Mathlib/Tactic/Core: `repeat'`)
    **dict.fromkeys(
        "try repeat repeat' focus all_goals any_goals with_reducible with_reducible_and_instances "
        "with_unfolding_all classical fail_if_success".split(),
        _S,
    ),
    "iterate": Shape.NUM_SEQ,  # Init/Tactics.lean `iterate num? tacticSeq`
    "on_goal": Shape.NUM_ARROW_SEQ,  # Mathlib/Tactic/PermuteGoals.lean `on_goal n => tacticSeq`
    "case": Shape.CASE,  # Init/Tactics.lean `case tag x* => tacticSeq`
    "case'": Shape.CASE,
    "next": Shape.CASE,  # Init/Tactics.lean `next x* => tacticSeq`
    "first": Shape.FIRST,  # Init/Tactics.lean `first withPosition((ppDedent(ppLine) colGe "| " tacticSeq)+)`
    "if": Shape.IF,  # Init/Tactics.lean `tacDepIfThenElse`, `tacIfThenElse`
    "conv": Shape.CONV,  # Init/Conv.lean `conv (at h)? (in pat)? => convSeq`
    "conv_lhs": Shape.CONV,  # Mathlib/Tactic/Conv.lean
    "conv_rhs": Shape.CONV,
}

# Conv-mode tactics (src/Init/Conv.lean; Mathlib/Tactic/Conv.lean), reached only inside `conv => ...`.
CONV_TACTICS: dict[str, Shape] = {
    **dict.fromkeys(
        "lhs rhs arg enter ext intro skip congr rw rewrite erw simp dsimp simp_rw norm_num ring_nf "
        "change pattern unfold delta zeta reduce whnf norm_cast push_cast rfl done fun funext "
        "apply_congr field_simp".split(),
        _P,
    ),
    **dict.fromkeys("try repeat focus all_goals any_goals".split(), _S),
    "first": Shape.FIRST,
    "conv": Shape.CONV,
}

# Heads of `PATTERN_HEADS` take rcases patterns, where `|` separates alternatives of the pattern, not
# alternatives of a tactic (Mathlib/Tactic/RCases.lean `rcasesPat`).
PATTERN_HEADS = frozenset({"rcases", "obtain", "rintro", "cases'", "induction'", "match"})

# Configuration keys a prover may set, in `(config := { k := v })`, `(k := v)`, `+k`, `-k`
# (Lean.Meta.Simp.Config, Lean.Meta.DSimp.Config, Lean.Elab.Tactic.Omega.OmegaConfig,
# Lean.Parser.Tactic.decide's DecideConfig minus `native`, Linarith.LinarithConfig).
CONFIG_KEYS = frozenset(
    "zeta beta eta etaStruct iota proj decide arith dsimp contextual singlePass memoize maxSteps "
    "maxDischargeDepth failIfUnchanged ground unfoldPartialApp zetaDelta index implicitDefEqProofs "
    "autoUnfold instances splitDisjunctions splitNatSub splitNatAbs splitMinMax kernel zetaUnused "
    "splitHypotheses maxDepth exp splits ring linarith cutsat ematch gen ac funext".split()
)
# Keys whose value is a tactic sequence (Init/Tactics.lean `discharger`), parsed and screened as one.
CONFIG_TACTIC_KEYS = frozenset({"disch", "discharger"})
# Native evaluation: `decide (config := { native := true })`, `decide +native`, `decide (native := true)`
# are `native_decide` (Init/Tactics.lean `decide` docstring; Lean.Elab.Tactic.ElabTerm `evalDecideCore`).
NATIVE_KEYS = frozenset({"native"})

# Words refused wherever they occur (as a whole token or as one component of a dotted name), with the
# reason. Looked up after tokenising the way Lean does, so `sorryλ` is `sorry` then `λ` (Lean's
# `isIdRest` excludes `λ`) and `h.sorry` names `sorry`.
FORBIDDEN_NAMES: dict[str, str] = {
    **dict.fromkeys(("sorry", "sorryAx", "admit"), "closes a goal without proof (sorry)"),
    "stop": "`stop` is `repeat sorry` (Init/Tactics.lean)",
    **dict.fromkeys(
        ("apply?", "exact?", "rw?", "hint", "observe", "says", "aesop?", "simp?", "simp_all?"),
        "a search tactic that may close the goal with sorry or rewrite the proof (Mathlib/Tactic/*)",
    ),
    **dict.fromkeys(
        ("native_decide", "ofReduceBool", "ofReduceNat", "reduceBool", "reduceNat", "trustCompiler"),
        "native evaluation (trusts the compiler via Lean.ofReduceBool/ofReduceNat)",
    ),
    "native": "native evaluation (trusts the compiler via Lean.ofReduceBool/ofReduceNat)",
    "bv_decide": "runs an external SAT solver and trusts the compiler (Std.Tactic.BVDecide)",
    "by_elab": "`by_elab` runs elaborator code (Lean/Elab/BuiltinNotation.lean `elabRunElab`)",
    "include_str": "`include_str` reads a host file at elaboration (Lean/Elab/BuiltinNotation.lean)",
    **dict.fromkeys(
        ("run_tac", "run_cmd", "run_elab", "run_meta"),
        "runs a metaprogram (Lean/Elab/Tactic/BuiltinTactic.lean, Lean/Elab/BuiltinCommand.lean)",
    ),
    "polyrith": "calls an external web service (Mathlib/Tactic/Polyrith.lean)",
    **dict.fromkeys(("plausible", "slim_check"), "compiles and runs code on the host (Plausible)"),
    "unsafe": "uses unsafe code",
    **dict.fromkeys(
        ("maxHeartbeats", "maxRecDepth", "skipKernelTC"), "changes an option (heartbeats, recursion, kernel)"
    ),
    **dict.fromkeys(("dbg_trace", "dbgTrace", "panic!", "unreachable!", "assert!"), "debugging escape"),
    **dict.fromkeys(("trace", "trace_state", "sleep", "extract_goal", "show_term"), "prints or stalls"),
}
# Keywords refused as whole tokens (they can also be the last component of an honest name such as
# `Nat.rec`, so they are not looked up per component).
FORBIDDEN_KEYWORDS: dict[str, str] = {
    **dict.fromkeys(
        ("open", "export"), "`open ... in` changes name resolution (it got round name rules before)"
    ),
    **dict.fromkeys(
        ("set_option", "options"),
        "changes an option (heartbeats, recursion depth, kernel checks)",
    ),
    **dict.fromkeys(
        (
            "axiom theorem lemma def example instance abbrev opaque structure inductive class macro "
            "macro_rules syntax elab elab_rules notation infix infixl infixr prefix postfix attribute "
            "import namespace section end mutual universe variable initialize builtin_initialize "
            "declare_syntax_cat deriving noncomputable partial private protected local scoped where "
            "termination_by decreasing_by rec implemented_by extern csimp include omit simproc dsimproc "
            "builtin_simproc unseal seal alias irreducible_def notation3 proof_wanted prelude nonrec "
            "add_decl_doc compile_inductive suppress_compilation register_simp_attr grind_pattern "
            "library_note assert_not_exists coinductive register_option binder_predicate "
            "recommended_spelling declare_config_elab initialize_simps_projections"
        ).split(),
        "a command or declaration keyword (a tactic cannot declare anything)",
    ),
    "do": "`do` notation builds monadic code (the body of by_elab, run_tac, ...)",
    "tactic": "runs a tactic named by a declaration (aesop's `tactic` rules, conv's `tactic =>`)",
}
# A dotted name whose FIRST component is one of these reaches Lean's metaprogramming or the host.
FORBIDDEN_ROOTS: dict[str, str] = {
    **dict.fromkeys(
        ("Lean", "Elab", "Meta", "Tactic", "Command", "Parser", "Macro"), "reaches into Lean's internals"
    ),
    **dict.fromkeys(("IO", "EIO", "BaseIO", "System", "ST", "Task"), "uses IO"),
}
# A dotted name with one of these components anywhere names metaprogramming API (`Mathlib.Meta.evalExpr`,
# `Mathlib.RunTac.evalExpr`, `Lake.evalTerm`'s `Elab` helpers, ...). Not `Kernel`: Mathlib's
# `ProbabilityTheory.Kernel` is honest (`Lean.Kernel` is caught by its root).
FORBIDDEN_INNER = frozenset({"Elab", "Meta", "Command", "Parser", "Macro", "RunTac", "Eval"})
# Components matching this are unsafe casts and pointer tricks (Init/Util.lean, Init/Core.lean).
FORBIDDEN_COMPONENT = re.compile(r"unsafe\w*|\w*Unsafe\w*|\w*MetaM|\w*ElabM|\w*TacticM|CoreM")

# Non-ASCII characters a tactic may contain: Mathlib and core notation. Anything else (Cyrillic or
# fullwidth lookalikes, zero-width and bidirectional controls, «» name quotes, combining marks) is
# refused. Identifier characters follow Lean's `isLetterLike`/`isSubScriptAlnum` (Init/Meta.lean)
# restricted to what mathematics uses.
ALLOWED_SYMBOLS = (
    "→←↔↦⟨⟩·∀∃¬∧∨≤≥≠≡⊢∘×∑∏∈∉⊆⊂⊇⊃∪∩∖∣∤√∞∅⋃⋂⌊⌋⌈⌉•∫ℕℤℚℝℂ⁻¹²³⁴ⁿ↑⇑↥∂∆∇≃≅⊤⊥⊓⊔∆‖⬝∗⦃⦄λΠΣ∠°₊⊕⊗⁅⁆▸≪≫∼≈⊊⊋∋⟶↪↠ᶜ‹›ᶠˢˣᵀ↓⟪⟫∡ᗮ"
    "₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ"
)
# Greek letters Lean reads as identifier characters, minus those that look like Latin ones (omicron,
# capital Alpha, ...), which are refused with everything else outside these tables.
GREEK_LETTERS = "αβγδεζηθικμνξπρστυφχψωΓΔΘΛΞΦΨΩ"
# Mathematical script, fraktur and double-struck letters (U+1D49C-U+1D59F) are letters to Lean
# (`isLetterLike`) and cannot spell a keyword.
MATH_LETTERS = "".join(chr(c) for c in range(0x1D49C, 0x1D5A0) if c not in range(0x1D4A0, 0x1D4A2))
ID_FIRST_SYMBOLS = GREEK_LETTERS + "ℕℤℚℝℂℓ" + MATH_LETTERS
SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜᵢᵣᵤᵥᵦᵧᵨᵩᵪⱼ"
IDENT_SYMBOLS = ID_FIRST_SYMBOLS + SUBSCRIPTS
