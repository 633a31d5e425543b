"""Single tactics on one goal: each returns the new goals or raises `TacticFail`.

Auto-closing decisions are three-valued (see `defeq.Tri`); when the kernel cannot tell what Lean does,
the tactic is rejected with `embedded: ... is not supported`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from prover.env.embedded.decide import Undecidable, decide_closed, refuted, to_formula
from prover.env.embedded.defeq import Tri, nat_defeq, prop_defeq, unfold_prop
from prover.env.embedded.elab import ElabError, Scope, elab_nat, parse_prop
from prover.env.embedded.goals import GoalState, Hyp, child_tag
from prover.env.embedded.lemmas import PREMISE_NAMES
from prover.env.embedded.proofs import Ctx, check, has_mvars, infer, match, new_mvar
from prover.env.embedded.syntax import ParseError, parse_term
from prover.env.embedded.terms import (
    FALSE,
    NAT,
    PROP,
    TRUE,
    App,
    Bin,
    Binder,
    FVar,
    Not,
    Rel,
    Term,
    children,
    fresh_id,
    fvars,
    instantiate,
)

Goals = list[GoalState]


class TacticFail(Exception):
    """The tactic fails on this goal; the message is Lean-like or starts with `embedded:`.

    `certain` says Lean's tactic certainly fails here too. Only such failures may be caught by `try`,
    `first` or `any_goals`; any other failure (the kernel is unsure or deliberately weaker than Lean)
    rejects the whole script, since Lean might succeed and change what follows."""

    def __init__(self, message: str, *, certain: bool | Callable[[], bool] = False) -> None:
        super().__init__(message)
        self._certain = certain

    @property
    def certain(self) -> bool:
        # Decided on demand: only `try`/`first`/`any_goals` ask, and a model search is not free.
        if callable(self._certain):
            self._certain = bool(self._certain())
        return self._certain


def fails(message: str) -> TacticFail:
    """A failure Lean's own tactic certainly has on this goal as well."""
    return TacticFail(message, certain=True)


def unsupported(what: str) -> TacticFail:
    return TacticFail(f"embedded: {what} is not supported")


def term_of(text: str):
    try:
        return parse_term(text)
    except ParseError as exc:
        raise TacticFail(f"embedded: cannot parse term '{text[:60]}': {exc}") from exc


def _prop(text: str, goal: GoalState) -> Term:
    try:
        return parse_prop(text, goal)
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc


# ---- introduction -------------------------------------------------------------------------------


def intro_one(goal: GoalState, name: str | None, *, unfold: bool = True) -> tuple[GoalState, int]:
    tgt = goal.target
    if unfold and not isinstance(tgt, (Binder, Bin)) or (isinstance(tgt, Bin) and tgt.op != "→"):
        tgt = unfold_prop(tgt)
    fid = fresh_id()
    hidden = name is None or name == "_"
    if isinstance(tgt, Binder) and tgt.q == "∀":
        hyp = Hyp(fid, tgt.name if hidden else name, tgt.ty, hidden)
        body = instantiate(tgt.body, FVar(fid))
    elif isinstance(tgt, Bin) and tgt.op == "→":
        hyp = Hyp(fid, "a" if hidden else name, tgt.a, hidden)
        body = tgt.b
    else:
        raise fails(f"no additional binders or let bindings to introduce\n{goal.text}")
    return GoalState((*goal.hyps, hyp), body, goal.tag, goal.tag_exact), fid


# ---- terms --------------------------------------------------------------------------------------


def t_exact(goal: GoalState, args: str, thm: str) -> Goals:
    ctx = Ctx(goal, thm)
    try:
        check(term_of(args), goal.target, ctx)
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc
    return []


def t_refine(goal: GoalState, args: str, thm: str) -> Goals:
    ctx = Ctx(goal, thm, allow_holes=True)
    try:
        check(term_of(args), goal.target, ctx)
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc
    return [
        GoalState(g.hyps, ctx.inst(t), goal.tag if len(ctx.holes) == 1 else "", goal.tag_exact)
        for g, t in ctx.holes
    ]


def _unfold_negation(t: Term) -> Term:
    """`¬p` and `a ≠ b` as the arrows they are by definition: Lean's `apply` counts premises with a
    reducing telescope, so `apply h` with `h : ¬q` on `False` leaves `q`."""
    return unfold_prop(t) if isinstance(t, Not) or (isinstance(t, Rel) and t.op == "≠") else t


def _arity(t: Term) -> int:
    n = 0
    t = _unfold_negation(t)
    while (isinstance(t, Binder) and t.q == "∀") or (isinstance(t, Bin) and t.op == "→"):
        t = _unfold_negation(t.body if isinstance(t, Binder) else t.b)
        n += 1
    return n


def t_apply(goal: GoalState, args: str, thm: str) -> Goals:
    ctx = Ctx(goal, thm)
    try:
        ety = infer(term_of(args), ctx)
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc
    ety = ctx.inst(ety)
    total, want = _arity(ety), _arity(goal.target)
    for k in range(max(total - want, 0), total + 1):
        attempt = Ctx(goal, thm, assign=dict(ctx.assign))
        ty, premises = ety, []
        for _ in range(k):
            ty = _unfold_negation(ty)
            if isinstance(ty, Binder):
                ty = instantiate(ty.body, new_mvar())
            else:
                premises.append(ty.a)
                ty = ty.b
        if match(ty, goal.target, attempt):
            return _apply_goals(goal, ty, premises, attempt, PREMISE_NAMES.get(args.strip(), ()))
    raise TacticFail(
        f"apply failed: could not unify the conclusion of\n  {args}\nwith the goal\n  {goal.text}"
    )


def _apply_goals(
    goal: GoalState, concl: Term, premises: list[Term], ctx: Ctx, names: tuple[str, ...]
) -> Goals:
    concl = ctx.inst(concl)
    prem = [ctx.inst(p) for p in premises]
    if has_mvars(concl) or any(has_mvars(p) for p in prem):
        raise unsupported("apply leaving metavariables")
    verdict = prop_defeq(concl, goal.target)
    if verdict is not Tri.YES:
        raise (
            TacticFail("apply failed: the conclusion does not match the goal")
            if verdict is Tri.NO
            else (unsupported("apply up to this definitional unfolding"))
        )
    if len(prem) == 1:
        return [goal.with_target(prem[0])]
    known = len(names) == len(prem)
    tags = names if known else ("a",) * len(prem)
    return [goal.with_target(p, child_tag(goal.tag, t), exact=known) for p, t in zip(prem, tags, strict=True)]


# ---- structural ---------------------------------------------------------------------------------


def t_constructor(goal: GoalState, args: str, _: str) -> Goals:
    tgt = goal.target
    if args.strip():
        raise TacticFail("constructor takes no arguments")
    if tgt == TRUE:
        return []
    if isinstance(tgt, Bin) and tgt.op == "∧":
        return [
            goal.with_target(tgt.a, child_tag(goal.tag, "left")),
            goal.with_target(tgt.b, child_tag(goal.tag, "right")),
        ]
    if isinstance(tgt, Bin) and tgt.op == "↔":
        return [
            goal.with_target(Bin("→", tgt.a, tgt.b), child_tag(goal.tag, "mp")),
            goal.with_target(Bin("→", tgt.b, tgt.a), child_tag(goal.tag, "mpr")),
        ]
    if isinstance(tgt, Bin) and tgt.op == "∨":
        return [goal.with_target(tgt.a)]
    if isinstance(tgt, (Bin, Not, FVar, App)) or tgt == FALSE or (isinstance(tgt, Binder) and tgt.q == "∀"):
        raise fails(f"tactic 'constructor' failed, target is not an inductive datatype\n{goal.text}")
    raise unsupported("constructor on this goal")


def t_left_right(side: str) -> Callable[[GoalState, str, str], Goals]:
    def run(goal: GoalState, args: str, _: str) -> Goals:
        tgt = goal.target
        if isinstance(tgt, Bin) and tgt.op == "∨":
            return [goal.with_target(tgt.a if side == "left" else tgt.b)]
        if isinstance(tgt, Bin) and tgt.op in ("∧", "↔") or tgt == TRUE:
            raise fails(f"{side} tactic works for inductive types with exactly 2 constructors")
        raise unsupported(f"'{side}' on this goal")

    return run


def t_skip(goal: GoalState, args: str, _: str) -> Goals:
    return [goal]


def t_exfalso(goal: GoalState, args: str, _: str) -> Goals:
    return [goal.with_target(FALSE)]


def t_assumption(goal: GoalState, args: str, _: str) -> Goals:
    if assumption_tri(goal) is Tri.YES:
        return []
    raise fails(f"tactic 'assumption' failed\n{goal.text}")


def assumption_tri(goal: GoalState) -> Tri:
    verdicts = [prop_defeq(h.ty, goal.target) for h in goal.hyps if is_proof(h)]
    if Tri.YES in verdicts:
        return Tri.YES
    return Tri.UNSURE if Tri.UNSURE in verdicts else Tri.NO


def rfl_tri(goal: GoalState) -> Tri:
    tgt = goal.target
    if isinstance(tgt, Rel) and tgt.op == "=":
        return nat_defeq(tgt.a, tgt.b)
    if isinstance(tgt, Bin) and tgt.op == "↔":
        return prop_defeq(tgt.a, tgt.b)
    if isinstance(tgt, Rel) and tgt.op in ("≤", "≥"):
        return Tri.UNSURE
    return Tri.NO


def t_rfl(goal: GoalState, args: str, _: str) -> Goals:
    verdict = rfl_tri(goal)
    if verdict is Tri.YES:
        return []
    if verdict is Tri.UNSURE:
        raise unsupported("rfl on a goal whose sides are not evidently definitionally equal")
    raise fails(f"The rfl tactic failed.\n{goal.text}")


def decide_tri(goal: GoalState) -> Tri:
    if fvars(goal.target):
        return Tri.NO
    try:
        return Tri.YES if decide_closed(goal.target) else Tri.NO
    except Undecidable:
        return Tri.UNSURE


def no_decidable_instance(goal: GoalState) -> bool:
    """Whether `Decidable target` has no instance in core: the target mentions a Prop local, a
    predicate application or an unbounded quantifier (instDecidableAnd/Or/Not/... need every part
    decidable; Nat.decEq/decLe cover only Nat comparisons)."""
    props = {h.fid for h in goal.hyps if h.ty == PROP}
    stack = [goal.target]
    while stack:
        t = stack.pop()
        if isinstance(t, (App, Binder)) or (isinstance(t, FVar) and t.id in props):
            return True
        stack.extend(children(t))
    return False


def t_decide(goal: GoalState, args: str, _: str) -> Goals:
    if fvars(goal.target):
        # With only Nat locals the instance exists and may still evaluate (`a * 0 = 0`); it cannot
        # when some values of the locals make the proposition false (decide is sound).
        locals_ = [(FVar(h.fid), h.ty) for h in goal.hyps if h.ty in (NAT, PROP)]
        raise TacticFail(
            "failed to reduce to true/false: the proposition has free variables",
            certain=lambda: no_decidable_instance(goal) or refuted(locals_, goal.target),
        )
    try:
        value = decide_closed(goal.target)
    except Undecidable as exc:
        raise unsupported(f"decide here ({exc})") from exc
    if not value:
        raise fails(f"tactic 'decide' proved that the proposition\n  {goal.text[2:]}\nis false")
    return []


def contradiction_tri(goal: GoalState) -> Tri:
    props = [h.ty for h in goal.hyps if is_proof(h)]
    unsure = False
    for p in props:
        if p == FALSE:
            return Tri.YES
        if isinstance(p, Rel) and p.op == "≠" and p.a == p.b:
            return Tri.YES
        if isinstance(p, Rel) or (isinstance(p, Not) and isinstance(p.p, Rel)):
            # Constructor clashes (`0 = n + 1`) and empty `Nat.le` instances (`a < 0`) may be found
            # by Lean's contradiction; they are not modelled, so the verdict stays open.
            unsure = True
        if isinstance(p, Bin) and p.op == "→":
            # Lean's contradiction matches `Not p` syntactically; the unfolded arrow form is left undecided.
            unsure = True
        neg = p.p if isinstance(p, Not) else None
        if neg is not None:
            verdicts = [prop_defeq(q, neg) for q in props]
            if any(q == neg for q in props):
                return Tri.YES
            unsure |= Tri.UNSURE in verdicts or Tri.YES in verdicts
        if not fvars(p):
            unsure = True
    return Tri.UNSURE if unsure else Tri.NO


def t_contradiction(goal: GoalState, args: str, _: str) -> Goals:
    verdict = contradiction_tri(goal)
    if verdict is Tri.YES:
        return []
    if verdict is Tri.UNSURE:
        raise unsupported("contradiction with these hypotheses")
    raise fails(f"tactic 'contradiction' failed\n{goal.text}")


def trivial_tri(goal: GoalState, depth: int = 0) -> Tri:
    """Lean's `trivial` macro: assumption | rfl | contradiction | decide | True.intro | And.intro."""
    tgt = goal.target
    if tgt == TRUE:
        return Tri.YES
    results = [assumption_tri(goal), rfl_tri(goal), contradiction_tri(goal), decide_tri(goal)]
    if isinstance(tgt, Bin) and tgt.op == "∧" and depth < 8:
        parts = [
            trivial_tri(goal.with_target(tgt.a), depth + 1),
            trivial_tri(goal.with_target(tgt.b), depth + 1),
        ]
        results.append(Tri.NO if Tri.NO in parts else (Tri.UNSURE if Tri.UNSURE in parts else Tri.YES))
    if Tri.YES in results:
        return Tri.YES
    return Tri.UNSURE if Tri.UNSURE in results else Tri.NO


def t_trivial(goal: GoalState, args: str, _: str) -> Goals:
    verdict = trivial_tri(goal)
    if verdict is Tri.YES:
        return []
    if verdict is Tri.UNSURE:
        raise unsupported("trivial on this goal")
    # Every alternative failed for sure, except that `decide` may evaluate a goal over Nat locals.
    certain = not fvars(goal.target) or no_decidable_instance(goal)
    raise TacticFail(f"tactic 'trivial' failed\n{goal.text}", certain=certain)


def t_exists(goal: GoalState, args: str, thm: str) -> Goals:
    witnesses = [w.strip() for w in _split_commas(args)]
    for w in witnesses:
        tgt = goal.target
        if not (isinstance(tgt, Binder) and tgt.q == "∃"):
            raise TacticFail(
                f"invalid constructor ⟨...⟩, expected type must be an inductive type\n{goal.text}"
            )
        try:
            value = elab_nat(term_of(w), Scope(goal))
        except ElabError as exc:
            raise TacticFail(str(exc), certain=exc.certain) from exc
        goal = goal.with_target(instantiate(tgt.body, value))
    verdict = trivial_tri(goal)
    if verdict is Tri.UNSURE:
        raise unsupported("exists: cannot tell whether 'trivial' closes the remaining goal")
    return [] if verdict is Tri.YES else [goal]


def _split_commas(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "(⟨[{"
        depth -= ch in ")⟩]}"
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [*parts, cur]


def t_show(goal: GoalState, args: str, _: str) -> Goals:
    new = _prop(args, goal)
    verdict = prop_defeq(new, goal.target)
    if verdict is Tri.YES:
        return [goal.with_target(new)]
    if verdict is Tri.UNSURE:
        raise unsupported("show up to this definitional unfolding")
    raise fails(f"type mismatch\n  {args}\nis not definitionally equal to the goal")


def t_omega(goal: GoalState, args: str, _: str) -> Goals:
    try:
        arith = importlib.import_module("prover.env.embedded.arith")
    except ImportError as exc:
        raise unsupported("omega (the arith module is missing)") from exc
    goal = _false_or_by_contra(goal)
    atoms: dict[Term, str] = {}
    hyps = [to_formula(f, arith, atoms) for h in goal.hyps if is_proof(h) for f in _omega_facts(h.ty)]
    target = goal.target
    try:
        ok = arith.omega(hyps, to_formula(target, arith, atoms))
    except arith.ArithLimit as exc:
        raise TacticFail("embedded: step limit exceeded") from exc
    except arith.Unsupported as exc:
        raise unsupported(f"omega on this goal ({exc})") from exc
    if not ok:
        raise TacticFail(f"omega could not prove the goal\n{goal.text}")
    return []


def _false_or_by_contra(goal: GoalState) -> GoalState:
    """omega starts with `falseOrByContra` (src/Lean/Meta/Tactic/FalseOrByContra.lean): leading `∀`,
    `→`, `¬` and `≠` of the target are introduced before the problem is collected."""
    for _ in range(64):
        tgt = goal.target
        if not (isinstance(tgt, (Binder, Bin, Not, Rel)) and getattr(tgt, "q", "∀") == "∀"):
            return goal
        if isinstance(tgt, Bin) and tgt.op != "→" or isinstance(tgt, Rel) and tgt.op != "≠":
            return goal
        goal = intro_one(goal, None)[0]
    return goal


def _omega_facts(t: Term) -> list[Term]:
    """omega's `addFact` (src/Lean/Elab/Tactic/Omega/Frontend.lean): a conjunction gives both sides,
    `∃ x, p x` gives `p (Exists.choose h)`, a fresh atom."""
    if isinstance(t, Bin) and t.op == "∧":
        return _omega_facts(t.a) + _omega_facts(t.b)
    if isinstance(t, Binder) and t.q == "∃" and t.ty == NAT:
        return _omega_facts(instantiate(t.body, FVar(fresh_id())))
    return [t]


def is_proof(h: Hyp) -> bool:
    """Whether the local is a proof (not a Nat, a Prop, or a Nat function/predicate)."""
    return h.ty not in (NAT, PROP) and not (isinstance(h.ty, Bin) and h.ty.op == "→" and h.ty.a == NAT)


def t_by_cases(goal: GoalState, args: str, _: str) -> Goals:
    m = re.fullmatch(r"\s*(?:([A-Za-z_][\w'!?]*)\s*:)?\s*(.+)", args, re.S)
    if not m:
        raise TacticFail("by_cases expects 'h : p'")
    prop = _prop(m.group(2), goal)
    name = m.group(1) or "h"
    pos = goal.add(Hyp(fresh_id(), name, prop, m.group(1) is None))
    neg = goal.add(Hyp(fresh_id(), name, Not(prop), m.group(1) is None))
    return [
        GoalState(pos.hyps, goal.target, child_tag(goal.tag, "pos"), goal.tag_exact),
        GoalState(neg.hyps, goal.target, child_tag(goal.tag, "neg"), goal.tag_exact),
    ]


def t_have(goal: GoalState, name: str, ty: str, value: str, thm: str) -> Goals:
    """`have name : ty := value` (term mode value); without a type the value's type is inferred."""
    ctx = Ctx(goal, thm)
    try:
        if ty:
            prop = _prop(ty, goal)
            check(term_of(value), prop, ctx)
        else:
            prop = ctx.inst(infer(term_of(value), ctx))
            if has_mvars(prop):
                raise unsupported("have whose type is not determined by its value")
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc
    return [goal.add(Hyp(fresh_id(), name, prop, name == "_"))]


def t_rename_i(goal: GoalState, args: str, _: str) -> Goals:
    names = args.split()
    hidden = [i for i, h in enumerate(goal.hyps) if "✝" in goal.display[h.fid]]
    if not names or len(names) > len(hidden):
        raise fails("too many variable names provided")
    hyps = list(goal.hyps)
    for idx, name in zip(hidden[len(hidden) - len(names) :], names, strict=True):
        if name != "_":
            h = hyps[idx]
            hyps[idx] = Hyp(h.fid, name, h.ty, False)
    return [GoalState(tuple(hyps), goal.target, goal.tag, goal.tag_exact)]
