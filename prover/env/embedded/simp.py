"""`simp only [rules] (at h)`, conservatively.

Modelled: post-order rewriting to a fixpoint with the given equations (core lemmas marked rewritable,
hypotheses `h : a = b`), the default Nat literal simprocs (`Nat.reduceAdd`... fold closed arithmetic;
literal comparisons fold to True/False), and closing when the target becomes `True` or an equation
with syntactically equal sides. Rejected as unsupported (Lean's behaviour is not modelled exactly):
permutation lemmas (simp orders them by a term order), two rules rewriting one subterm differently,
relations whose sides are literal offsets (`Nat.reduceEqDiff`/`reduceLeDiff` would fire), True/False or
`a = a` left nested inside a proposition, iff/propositional hypotheses as rules, plain `simp`.
"""

from __future__ import annotations

from prover.env.embedded.decide import Undecidable, decide_closed
from prover.env.embedded.defeq import Tri, closed_value
from prover.env.embedded.elab import ElabError
from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.lemmas import LEMMAS
from prover.env.embedded.proofs import Ctx, has_mvars, infer, new_mvar
from prover.env.embedded.rewrite import _flex, _head, _match3
from prover.env.embedded.tactics import TacticFail, _split_commas, term_of, unsupported
from prover.env.embedded.terms import (
    FALSE,
    TRUE,
    App,
    Bin,
    Binder,
    Lit,
    Not,
    Op,
    Rel,
    Succ,
    Term,
    children,
    instantiate,
)

PERMUTATION = {"Nat.add_comm", "Nat.mul_comm", "Nat.add_left_comm", "Nat.mul_left_comm", "Nat.add_right_comm"}
MAX_REWRITES = 2000
Rule = tuple[Term, Term]


def _rules(texts: list[str], goal: GoalState, thm: str) -> list[Rule]:
    rules = []
    for text in texts:
        reverse = text.startswith(("←", "<-"))
        name = text.lstrip("←<-").strip()
        head = name.split()[0] if name else ""
        if head in PERMUTATION:
            raise unsupported(f"simp with the permutation lemma {head}")
        if head in LEMMAS and not LEMMAS[head][2]:
            raise unsupported(f"simp with {head}")
        ctx = Ctx(goal, thm)
        try:
            ty = ctx.inst(infer(term_of(name), ctx))
        except ElabError as exc:
            raise TacticFail(str(exc)) from exc
        while isinstance(ty, Binder) and ty.q == "∀":
            ty = instantiate(ty.body, new_mvar())
        if not (isinstance(ty, Rel) and ty.op == "="):
            raise unsupported("simp with a rule that is not an equation")
        lhs, rhs = (ty.b, ty.a) if reverse else (ty.a, ty.b)
        if _head(lhs) is None and not isinstance(lhs, Lit):
            raise unsupported("simp with a rule whose left side is a variable pattern")
        rules.append((lhs, rhs))
    return rules


class _Simp:
    def __init__(self, rules: list[Rule], goal: GoalState) -> None:
        self.rules = rules
        self.goal = goal
        self.count = 0

    def visit(self, t: Term) -> Term:
        self.count += 1
        if self.count > MAX_REWRITES:
            raise TacticFail("embedded: step limit exceeded")
        t = _rebuild(t, [self.visit(c) for c in children(t)])
        value = closed_value(t) if isinstance(t, (Op, Succ)) else None
        if value is not None:
            return Lit(value)
        if isinstance(t, Rel) and isinstance(t.a, Lit) and isinstance(t.b, Lit):
            return TRUE if decide_closed(t) else FALSE
        new = self.rewrite(t)
        return t if new is None else self.visit(new)

    def rewrite(self, t: Term) -> Term | None:
        results = []
        for lhs, rhs in self.rules:
            ctx = Ctx(self.goal)
            if _head(lhs) != _head(t):
                continue
            verdict = _match3(lhs, t, ctx)
            if verdict is Tri.UNSURE:
                raise unsupported("simp: a subterm may match a rule up to reducible unfolding")
            if verdict is Tri.YES:
                out = ctx.inst(rhs)
                if has_mvars(out):
                    raise unsupported("simp rule leaving metavariables")
                results.append(out)
        if len(set(results)) > 1:
            raise unsupported("simp: several rules rewrite the same subterm")
        return results[0] if results else None


def _rebuild(t: Term, kids: list[Term]) -> Term:
    if not kids or list(children(t)) == kids:
        return t
    match t:
        case Op(op, _, _):
            return Op(op, kids[0], kids[1])
        case Rel(op, _, _):
            return Rel(op, kids[0], kids[1])
        case Bin(op, _, _):
            return Bin(op, kids[0], kids[1])
        case Succ():
            return Succ(kids[0])
        case Not():
            return Not(kids[0])
        case App():
            return App(kids[0], tuple(kids[1:]))
        case Binder(q, name, _, _, imp):
            return Binder(q, name, kids[0], kids[1], imp)
    raise TypeError(t)


def _check_result(t: Term, top: bool = True) -> None:
    """Reject results where Lean's other default simprocs or `eq_self` might still act."""
    if isinstance(t, Rel):
        if t.a == t.b and not (top and t.op == "="):
            raise unsupported("simp: a reflexive relation remains")
        if _flex(t.a) and _flex(t.b):
            raise unsupported("simp: a relation between literal offsets remains (Nat.reduceEqDiff)")
        return
    if isinstance(t, Op) and isinstance(t.b, Lit) and isinstance(t.a, Op) and isinstance(t.a.b, Lit):
        raise unsupported("simp: nested literal arithmetic remains (Nat offset simprocs)")
    if not top and t in (TRUE, FALSE):
        raise unsupported("simp: True/False remain inside the proposition")
    for c in children(t):
        _check_result(c, False)


def t_simp(goal: GoalState, args: str, thm: str) -> list[GoalState]:
    text = args.strip()
    if not text.startswith("only"):
        raise unsupported("simp without 'only'")
    text = text[4:].strip()
    location = ""
    if text.startswith("["):
        close = text.find("]")
        texts = [r.strip() for r in _split_commas(text[1:close]) if r.strip()]
        location = text[close + 1 :].strip()
    else:
        texts, location = [], text
    if location and not location.startswith("at "):
        raise TacticFail(f"unexpected '{location}' in simp")
    simp = _Simp(_rules(texts, goal, thm), goal)
    try:
        if location:
            return _simp_hyp(goal, location[3:].strip(), simp)
        new = simp.visit(goal.target)
    except Undecidable as exc:
        raise unsupported(f"simp ({exc})") from exc
    if new == goal.target:
        raise TacticFail("simp made no progress")
    if new == TRUE or (isinstance(new, Rel) and new.op == "=" and new.a == new.b):
        return []
    _check_result(new)
    return [goal.with_target(new)]


def _simp_hyp(goal: GoalState, name: str, simp: _Simp) -> list[GoalState]:
    hyp = goal.lookup(name)
    if hyp is None:
        raise TacticFail(f"unknown identifier '{name}'")
    new = simp.visit(hyp.ty)
    if new == hyp.ty:
        raise TacticFail("simp made no progress")
    if new == FALSE:
        return []
    if new == TRUE:
        raise unsupported("simp turning a hypothesis into True")
    _check_result(new)
    if isinstance(new, Rel) and new.a == new.b:
        raise unsupported("simp: a reflexive hypothesis remains")
    hyps = tuple(Hyp(h.fid, h.name, new, h.inaccessible) if h.fid == hyp.fid else h for h in goal.hyps)
    return [GoalState(hyps, goal.target, goal.tag, goal.tag_exact)]
