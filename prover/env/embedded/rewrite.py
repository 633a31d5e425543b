"""`rw [rules] (at h)`: Lean's kabstract (pre-order, left to right, all instances of the first match)
followed by `with_reducible rfl` on the main goal, decided three-valuedly."""

from __future__ import annotations

import re

from prover.env.embedded.defeq import Tri, closed_value, polynomial
from prover.env.embedded.elab import ElabError
from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.lemmas import LEMMAS
from prover.env.embedded.proofs import Ctx, has_mvars, infer, new_mvar
from prover.env.embedded.tactics import TacticFail, _split_commas, term_of, unsupported
from prover.env.embedded.terms import (
    FALSE,
    App,
    Bin,
    Binder,
    FVar,
    Lit,
    Not,
    Op,
    Rel,
    Succ,
    Term,
    children,
    fvars,
    has_loose,
    instantiate,
    replace,
)


def _head(t: Term) -> tuple[object, int] | None:
    match t:
        case Op(op, _, _) | Rel(op, _, _):
            return (op, 2)
        case Bin(op, _, _) if op != "→":
            return (op, 2)
        case Succ():
            return ("succ", 1)
        case Not():
            return ("not", 1)
        case Lit():
            return ("lit", 1)
        case App(f, args):
            return (f, len(args))
        case Binder(q="∃"):
            return ("∃", 1)
        case FVar(i) if i > 0:
            return (("fv", i), 0)
    return None


def _flex(t: Term) -> bool:
    """Nat terms Lean's isDefEq treats up to offsets/literal folding even at instances transparency."""
    match t:
        case Lit() | Succ():
            return True
        case Op(op, _, b):
            return (op in ("+", "-") and isinstance(b, Lit)) or closed_value(t) is not None
    return False


def _nat_like(t: Term) -> bool:
    return isinstance(t, (Lit, Succ, Op)) or (isinstance(t, FVar) and t.id < 0)


def _match3(pat: Term, term: Term, ctx: Ctx) -> Tri:
    """Three-valued first-order match emulating kabstract's isDefEq (instances transparency): with
    `Nat.add`/`Nat.mul` opaque, differing rigid structure is a definite mismatch; terms that differ only
    through literal offsets or closed arithmetic are left undecided."""
    pat = ctx.inst(pat)
    if pat == term:
        return Tri.YES
    if isinstance(pat, FVar) and pat.id < 0:
        ctx.assign[pat.id] = term
        return Tri.YES
    if not has_mvars(pat) and (_nat_like(pat) or _nat_like(term) or isinstance(pat, (FVar, App))):
        pa, pb = polynomial(pat), polynomial(term)
        if pa is not None and pb is not None and pa != pb:
            return Tri.NO
        if pa is not None and pa == pb and (_flex(pat) or _flex(term)):
            return Tri.UNSURE
    if _head(pat) != _head(term) or type(pat) is not type(term) or isinstance(pat, (Lit, FVar)):
        return Tri.UNSURE if _flex(pat) and _flex(term) else Tri.NO
    verdicts = [_match3(p, t, ctx) for p, t in zip(children(pat), children(term), strict=True)]
    if Tri.NO in verdicts:
        return Tri.UNSURE if _flex(pat) and _flex(term) else Tri.NO
    return Tri.UNSURE if Tri.UNSURE in verdicts else Tri.YES


def _find(pat: Term, term: Term, ctx: Ctx) -> bool:
    """Pre-order, left-to-right search for the first instance; raises on an undecidable candidate."""
    if not has_loose(term) and _head(term) is not None and _head(term) == _head(pat):
        saved = dict(ctx.assign)
        verdict = _match3(pat, term, ctx)
        if verdict is Tri.YES:
            return True
        ctx.assign = saved
        if verdict is Tri.UNSURE:
            raise unsupported("rw: a candidate subterm may match the pattern up to reducible unfolding")
    return any(_find(pat, c, ctx) for c in children(term))


def _rule_eq(rule: str, goal: GoalState, thm: str) -> tuple[Term, Term, Ctx]:
    ctx = Ctx(goal, thm)
    syn = term_of(rule)
    head = syn[1] if syn[0] == "app" else syn
    if head[0] == "id" and head[1] in LEMMAS and not LEMMAS[head[1]][2]:
        raise unsupported(f"rw with {head[1]}")
    try:
        ty = ctx.inst(infer(syn, ctx))
    except ElabError as exc:
        raise TacticFail(str(exc)) from exc
    while isinstance(ty, Binder) and ty.q == "∀":
        ty = instantiate(ty.body, new_mvar())
    if isinstance(ty, Rel) and ty.op == "=":
        return ty.a, ty.b, ctx
    if isinstance(ty, Bin) and ty.op == "↔":
        return ty.a, ty.b, ctx
    raise unsupported("rw with a hypothesis that is not an equation or iff")


def rewrite_once(term: Term, rule: str, goal: GoalState, thm: str) -> Term:
    reverse = rule.startswith("←") or rule.startswith("<-")
    rule = rule.lstrip("←<-").strip()
    lhs, rhs, ctx = _rule_eq(rule, goal, thm)
    if reverse:
        lhs, rhs = rhs, lhs
    if has_mvars(lhs) and not _head(ctx.inst(lhs)):
        raise TacticFail("motive is not type correct: pattern is a metavariable")
    if not _find(lhs, term, ctx):
        raise TacticFail(
            f"tactic 'rewrite' failed, did not find instance of the pattern in the target expression\n"
            f"  {ctx.show(lhs)}\n{goal.text}"
        )
    pat, new = ctx.inst(lhs), ctx.inst(rhs)
    if has_mvars(pat) or has_mvars(new):
        raise unsupported("rw leaving metavariables")
    return _abstract_all(term, pat, new, goal)


def _abstract_all(term: Term, pat: Term, new: Term, goal: GoalState) -> Term:
    """kabstract: every subterm defeq to the instantiated pattern (instances transparency) is replaced,
    not only the syntactically equal ones (`x + Nat.succ 1` and `x + (1 + 1)` are instances of
    `x + 2`). A subterm that might match up to instances is refused rather than guessed."""

    # kabstract only tries isDefEq on subterms with the pattern's head function and arity.
    key, head = _literal_form(pat), _head(pat)

    def swap(node: Term, depth: int) -> Term | None:
        if node == pat:
            return None if has_loose(node) else new
        if _head(node) == head and _literal_form(node) == key and not has_loose(node):
            raise unsupported("rw: a subterm may be an instance of the pattern up to Nat literals")
        return None

    return replace(term, swap)


def _literal_form(t: Term) -> Term:
    """`t` with Nat literal spellings identified (`Nat.succ 1`, `1 + 1`, `2`; `x + 1 + 1`, `x + 2`):
    terms that differ only there may be defeq under instances transparency (literal folding and
    offset unification); terms whose forms differ are not."""
    value = closed_value(t)
    if value is not None:
        return Lit(value)
    match t:
        case Succ(a):
            return _offset(_literal_form(a), 1)
        case Op("+", a, b):
            a2, b2 = _literal_form(a), _literal_form(b)
            return _offset(a2, b2.n) if isinstance(b2, Lit) and b2.n > 0 else Op("+", a2, b2)
    kids = children(t)
    if not kids:
        return t
    return replace(t, lambda n, d: None if n is t else _literal_form(n))


def _offset(base: Term, k: int) -> Term:
    if isinstance(base, Op) and base.op == "+" and isinstance(base.b, Lit) and base.b.n > 0:
        return Op("+", base.a, Lit(base.b.n + k))
    return Op("+", base, Lit(k))


def with_reducible_rfl(goal: GoalState) -> Tri:
    """Whether `with_reducible rfl` closes the goal (Eq.refl, Iff.refl, or a reflexivity lemma)."""
    tgt = goal.target
    if isinstance(tgt, (Rel, Bin)) and tgt.op in ("=", "↔", "≤", "≥"):
        if tgt.a == tgt.b:
            return Tri.UNSURE if tgt.op in ("≤", "≥") else Tri.YES
        verdict = _match3(tgt.a, tgt.b, Ctx(goal))
        if verdict is Tri.NO and not (_truncating(tgt.a) or _truncating(tgt.b)):
            return Tri.NO
        # `b + 1 - 1 = b`: whether reducible defeq folds truncated subtraction/division is left open.
        return Tri.UNSURE
    if isinstance(tgt, (Rel, Bin, Not, Binder, App, FVar)) or tgt == FALSE:
        return Tri.NO
    return Tri.UNSURE


def _truncating(t: Term) -> bool:
    return (isinstance(t, Op) and t.op in ("-", "/", "%")) or any(_truncating(c) for c in children(t))


def t_rw(goal: GoalState, args: str, thm: str) -> list[GoalState]:
    """`rw` is `rewrite` followed by `with_reducible rfl` on the main goal."""
    goal = t_rewrite(goal, args, thm)[0]
    verdict = with_reducible_rfl(goal)
    if verdict is Tri.UNSURE:
        raise unsupported("rw: cannot tell whether 'rfl' closes the rewritten goal")
    return [] if verdict is Tri.YES else [goal]


def t_rewrite(goal: GoalState, args: str, thm: str) -> list[GoalState]:
    text = args.strip()
    if not text.startswith("["):
        raise TacticFail("rw expects a list of rules: rw [h]")
    close = text.find("]")
    rules = [r.strip() for r in _split_commas(text[1:close])]
    location = text[close + 1 :].strip()
    if not rules or any(not r for r in rules):
        raise TacticFail("rw: empty rule")
    if location and not location.startswith("at "):
        raise TacticFail(f"unexpected '{location}' after rw rules")
    # Each rule at every location: the named hypotheses in order, then `⊢` (withLocation).
    places = location[3:].split() if location else ["⊢"]
    if "*" in places:
        raise unsupported("rw at *")
    hyps = [p for p in places if p != "⊢"]
    for rule in rules:
        for name in hyps:
            goal = _rewrite_hyp(goal, name, rule, thm)
        if "⊢" in places:
            goal = goal.with_target(rewrite_once(goal.target, rule, goal, thm))
    return [goal]


def _rewrite_hyp(goal: GoalState, name: str, rule: str, thm: str) -> GoalState:
    hyp = goal.lookup(name)
    if hyp is None:
        raise TacticFail(f"unknown identifier '{name}'")
    new_ty = rewrite_once(hyp.ty, rule, goal, thm)
    # Lean's replaceLocalDecl keeps the position unless the proof or new type uses later locals.
    words = set(re.findall(r"[\w'!?.✝]+", rule))
    used = fvars(new_ty) | {h.fid for h in goal.hyps if goal.display[h.fid] in words}
    pos = max([i for i, h in enumerate(goal.hyps) if h.fid in used or h.fid == hyp.fid])
    new = Hyp(hyp.fid, hyp.name, new_ty, hyp.inaccessible)
    hyps = [h for h in goal.hyps[: pos + 1] if h.fid != hyp.fid] + [new] + list(goal.hyps[pos + 1 :])
    return GoalState(tuple(hyps), goal.target, goal.tag, goal.tag_exact)
