"""One entry per tactic of the fragment: its argument syntax, its effect, and the Lean source it follows.

`args` names the shape of what follows the tactic's keyword (parsed by `grammar`); `run` is the effect
on the main goal (`goal, argument text, theorem name -> new goals`), or None for the tactics whose
effect the script runner gives because they act on goal lists or nested sequences (`try`, `case`,
`cases ... with`, `have ... := by`). `lean` cites the `syntax` declaration the entry mirrors
(leanprover/lean4 at the toolchain's tag; `T` = src/Init/Tactics.lean, `R` = src/Init/RCases.lean,
`P` = src/Lean/Parser/Tactic.lean, `O` = src/Init/Omega.lean).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from prover.env.embedded.goals import GoalState
from prover.env.embedded.rewrite import t_rewrite, t_rw
from prover.env.embedded.simp import t_simp
from prover.env.embedded.structural import t_intro, t_intros, t_obtain, t_rcases, t_rintro
from prover.env.embedded.tactics import (
    t_apply,
    t_assumption,
    t_by_cases,
    t_constructor,
    t_contradiction,
    t_decide,
    t_exact,
    t_exfalso,
    t_exists,
    t_left_right,
    t_omega,
    t_refine,
    t_rename_i,
    t_rfl,
    t_show,
    t_skip,
    t_trivial,
)


class Args(enum.Enum):
    NONE = "nothing (optConfig is not supported)"
    TERM = "term"
    INTRO = "(colGt term:max)*"
    IDENTS = "(colGt binderIdent)*"
    RINTRO = "(colGt rintroPat)+"
    RCASES = "term with rcasesPatLo"
    OBTAIN = "rcasesPatMed := term"
    CASES = "term (with inductionAlt+)?"
    EXISTS = "term,+"
    HAVE = "ident? (: term)? := (term | by tacticSeq)"
    RW = "[rwRule,*] (at location)?"
    SIMP = "only? [simpLemma,*]? (at location)?"
    BY_CASES = "(ident :)? term"
    SEQ = "tacticSeq"
    FIRST = "withPosition((colGe | tacticSeq)+)"
    CASE = "binderIdent+ => tacticSeq"
    FORBIDDEN = "(not allowed in proofs)"
    UNSUPPORTED = "(core tactic outside the fragment)"


Run = Callable[[GoalState, str, str], list[GoalState]]


@dataclass(frozen=True)
class Rule:
    args: Args
    run: Run | None
    lean: str


_T, _R, _P, _O = (
    "src/Init/Tactics.lean",
    "src/Init/RCases.lean",
    "src/Lean/Parser/Tactic.lean",
    "src/Init/Omega.lean",
)

TACTICS: dict[str, Rule] = {
    "intro": Rule(Args.INTRO, t_intro, f'{_T}: "intro" notFollowedBy("|") (ppSpace colGt term:max)*'),
    "intros": Rule(Args.IDENTS, t_intros, f'{_T}: "intros" (ppSpace colGt (ident <|> hole))*'),
    "rintro": Rule(Args.RINTRO, t_rintro, f'{_R}: "rintro" (ppSpace colGt rintroPat)+ (" : " term)?'),
    "exact": Rule(Args.TERM, t_exact, f'{_T}: "exact " term'),
    "refine": Rule(Args.TERM, t_refine, f'{_T}: "refine " term'),
    "apply": Rule(Args.TERM, t_apply, f'{_T}: "apply " term'),
    "show": Rule(Args.TERM, t_show, f'{_T}: "show " term (acts on the first goal it unifies with)'),
    "assumption": Rule(Args.NONE, t_assumption, f'{_T}: "assumption"'),
    "constructor": Rule(Args.NONE, t_constructor, f'{_T}: "constructor"'),
    "left": Rule(Args.NONE, t_left_right("left"), f'{_T}: "left"'),
    "right": Rule(Args.NONE, t_left_right("right"), f'{_T}: "right"'),
    "exfalso": Rule(Args.NONE, t_exfalso, f'{_T}: macro "exfalso"'),
    "contradiction": Rule(Args.NONE, t_contradiction, f'{_T}: "contradiction"'),
    "trivial": Rule(Args.NONE, t_trivial, f'{_T}: syntax "trivial"'),
    "rfl": Rule(Args.NONE, t_rfl, f'{_T}: syntax "rfl"'),
    "decide": Rule(Args.NONE, t_decide, f'{_T}: "decide" optConfig'),
    "omega": Rule(Args.NONE, t_omega, f'{_O}/{_T}: "omega" optConfig'),
    "skip": Rule(Args.NONE, t_skip, f'{_T}: "skip"'),
    "done": Rule(Args.NONE, None, f'{_T}: "done" (fails unless no goals remain)'),
    "cases": Rule(
        Args.CASES, None, f'{_T}: "cases " sepBy1(casesTarget, ", ") (" using " ident)? (inductionAlts)?'
    ),
    "induction": Rule(Args.CASES, None, f'{_T}: "induction " sepBy1(term, ", ") ... (inductionAlts)?'),
    "rcases": Rule(Args.RCASES, t_rcases, f'{_R}: "rcases" elimTarget,* (" with " rcasesPatLo)?'),
    "obtain": Rule(
        Args.OBTAIN, t_obtain, f'{_R}: "obtain" (ppSpace rcasesPatMed)? (" : " term)? (" := " term,+)?'
    ),
    "exists": Rule(Args.EXISTS, t_exists, f'{_T}: "exists" (ppSpace colGt term),+'),
    "have": Rule(Args.HAVE, None, f'{_T}: "have" haveDecl (src/Lean/Parser/Term.lean haveIdDecl)'),
    "rw": Rule(Args.RW, t_rw, f'{_T}: "rw " (config)? rwRuleSeq (location)?'),
    "rewrite": Rule(Args.RW, t_rewrite, f'{_T}: "rewrite" (config)? rwRuleSeq (location)?'),
    "simp": Rule(
        Args.SIMP, t_simp, f'{_T}: "simp" optConfig (discharger)? (&" only")? (" [" ... "]")? (location)?'
    ),
    "by_cases": Rule(Args.BY_CASES, t_by_cases, f'{_T}: "by_cases " (atomic(ident " : "))? term'),
    "rename_i": Rule(Args.IDENTS, t_rename_i, f'{_T}: "rename_i" (ppSpace colGt binderIdent)+'),
    "try": Rule(Args.SEQ, None, f'{_T}: macro "try " t:tacticSeq => first | $t | skip'),
    "all_goals": Rule(Args.SEQ, None, f'{_T}: "all_goals " tacticSeq'),
    "any_goals": Rule(Args.SEQ, None, f'{_T}: "any_goals " tacticSeq'),
    "first": Rule(Args.FIRST, None, f'{_T}: "first " withPosition((ppDedent(ppLine) colGe "| " tacticSeq)+)'),
    "case": Rule(Args.CASE, None, f'{_T}: "case " sepBy1(caseArg, " | ") " => " tacticSeq'),
    "next": Rule(Args.CASE, None, f'{_T}: macro "next " binderIdent* " => " tacticSeq (= case _ ...)'),
}
for _name in ("sorry", "admit", "native_decide", "exact?", "apply?", "simp?", "rw?", "decide!", "omega!"):
    TACTICS[_name] = Rule(Args.FORBIDDEN, None, "not a proof: sorry/admit/native_decide or a search tactic")
for _name in (
    "simp_all simpa dsimp unfold subst injection injections funext specialize generalize revert clear "
    "change symm ac_rfl repeat iterate split exact_mod_cast norm_cast push_cast apply_assumption rwa "
    "nofun congr focus fail rotate_left rotate_right with_reducible unhygienic fun_induction grind "
    "bv_decide subst_vars apply_rules delta conv solve_by_elim simp_arith show_term case' "
    "infer_instance exact_mod_cast refine'"
).split():
    TACTICS[_name] = Rule(Args.UNSUPPORTED, None, "a Lean 4 tactic the embedded kernel does not model")
