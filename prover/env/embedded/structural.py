"""`cases`, `induction`, `rcases`/`obtain`/`rintro`: case analysis on locals.

Field names follow Lean core's constructors (`And.intro left right`, `Or.inl h`, `Exists.intro w h`,
`Iff.intro mp mpr`) and Nat's custom eliminators (`zero`; `succ n` with `n✝ + 1`, induction
hypothesis `a✝`: `Nat.recAux`/`Nat.casesAuxOn`, the `induction_eliminator`/`cases_eliminator` of
src/Init/Prelude.lean and src/Init/Data/Nat/Basic.lean, name the successor field `n` whatever the
variable is called, and leave the hypothesis binder anonymous). Locals that
depend on the variable are reverted and reintroduced, as Lean's `generalize`-then-`intro` does.
"""

from __future__ import annotations

from prover.env.embedded.elab import ElabError
from prover.env.embedded.goals import GoalState, Hyp, child_tag
from prover.env.embedded.lexer import is_ident as is_name
from prover.env.embedded.proofs import Ctx, check, has_mvars, infer
from prover.env.embedded.tactics import TacticFail, fails, intro_one, term_of, unsupported
from prover.env.embedded.tactics import _prop as _prop_of
from prover.env.embedded.terms import (
    FALSE,
    NAT,
    TRUE,
    Bin,
    Binder,
    FVar,
    Lit,
    Op,
    Term,
    abstract,
    fresh_id,
    fvars,
    instantiate,
)

Goals = list[GoalState]


def _local(goal: GoalState, name: str) -> Hyp:
    hyp = goal.lookup(name.strip())
    if hyp is None:
        raise unsupported(f"case analysis on the expression '{name.strip()}' (only locals)")
    return hyp


def _fields(hyp: Hyp) -> list[tuple[str, list[tuple[str, Term]]]] | None:
    """Constructors of the hypothesis type: (tag, [(field name, field type)]); None for Nat."""
    ty = hyp.ty
    if ty == NAT:
        return None
    if ty == FALSE:
        return []
    if ty == TRUE:
        return [("intro", [])]
    if isinstance(ty, Bin) and ty.op == "∧":
        return [("intro", [("left", ty.a), ("right", ty.b)])]
    if isinstance(ty, Bin) and ty.op == "↔":
        return [("intro", [("mp", Bin("→", ty.a, ty.b)), ("mpr", Bin("→", ty.b, ty.a))])]
    if isinstance(ty, Bin) and ty.op == "∨":
        return [("inl", [("h", ty.a)]), ("inr", [("h", ty.b)])]
    if isinstance(ty, Binder) and ty.q == "∃" and ty.ty == NAT:
        return [("intro", [("w", NAT), ("h", ty.body)])]
    raise unsupported("cases on a hypothesis of this type")


def _prop_cases(goal: GoalState, hyp: Hyp, names: dict[str, list[str]], tags: bool) -> Goals:
    out = []
    base = tuple(h for h in goal.hyps if h.fid != hyp.fid)
    for tag, fields in _fields(hyp) or []:
        given = names.get(tag, [])
        _check_arity(tag, given, len(fields))
        hyps = list(base)
        witness: Term | None = None
        for i, (fname, fty) in enumerate(fields):
            if witness is not None:
                fty = instantiate(fty, witness)
            name = given[i] if i < len(given) and given[i] != "_" else None
            fid = fresh_id()
            hyps.append(Hyp(fid, name or fname, fty, name is None))
            if fty == NAT:
                witness = FVar(fid)
        out.append(
            GoalState(
                tuple(hyps), goal.target, child_tag(goal.tag, tag) if tags else goal.tag, goal.tag_exact
            )
        )
    return out


def _check_arity(tag: str, given: list[str], fields: int) -> None:
    """An alternative naming more fields than the constructor has explicit fields is an error
    (src/Lean/Elab/Tactic/Induction.lean, `ElimApp.evalAlts`: "too many variable names provided")."""
    if len(given) > fields:
        raise fails(
            f"too many variable names provided at alternative '{tag}', #{len(given)} provided, but #{fields} expected"
        )


def _revert(goal: GoalState, fid: int) -> tuple[list[Hyp], list[Hyp]]:
    """Split the context into kept locals (minus `fid`) and those depending on `fid`."""
    deps = [h for h in goal.hyps if h.fid != fid and fid in fvars(h.ty)]
    dep_ids = {h.fid for h in deps}
    kept = [h for h in goal.hyps if h.fid != fid and h.fid not in dep_ids]
    return kept, deps


def _subst(t: Term, fid: int, val: Term) -> Term:
    return instantiate(abstract(t, fid), val)


def nat_split(goal: GoalState, hyp: Hyp, names: dict[str, list[str]], *, induction: bool) -> Goals:
    kept, deps = _revert(goal, hyp.fid)
    zero = GoalState(
        tuple(kept + [Hyp(fresh_id(), h.name, _subst(h.ty, hyp.fid, Lit(0)), h.inaccessible) for h in deps]),
        _subst(goal.target, hyp.fid, Lit(0)),
        child_tag(goal.tag, "zero"),
        goal.tag_exact,
    )
    _check_arity("zero", names.get("zero", []), 0)
    given = names.get("succ", [])
    _check_arity("succ", given, 2 if induction else 1)
    k_name = given[0] if given and given[0] != "_" else None
    k = fresh_id()
    ctx = kept + [Hyp(k, k_name or "n", NAT, k_name is None)]
    if induction:
        motive = goal.target
        for h in reversed(deps):
            motive = Bin("→", h.ty, motive)
        ih_name = given[1] if len(given) > 1 and given[1] != "_" else None
        ctx.append(Hyp(fresh_id(), ih_name or "a", _subst(motive, hyp.fid, FVar(k)), ih_name is None))
    succ_val = Op("+", FVar(k), Lit(1))
    ctx += [Hyp(fresh_id(), h.name, _subst(h.ty, hyp.fid, succ_val), h.inaccessible) for h in deps]
    succ = GoalState(
        tuple(ctx), _subst(goal.target, hyp.fid, succ_val), child_tag(goal.tag, "succ"), goal.tag_exact
    )
    return [zero, succ]


def t_cases(goal: GoalState, args: str, thm: str, names: dict[str, list[str]] | None = None) -> Goals:
    if " with" in args or ":" in args or " generalizing" in args:
        raise unsupported(f"cases syntax '{args}'")
    if goal.lookup(args.strip()) is None:
        # `cases e` on a proof term: Lean generalizes `e` first; the fresh local is consumed at once.
        ty = _proof_type(goal, args, thm)
        hyp = Hyp(fresh_id(), "x", ty, True)
        return _prop_cases(goal.add(hyp), hyp, names or {}, tags=True)
    hyp = _local(goal, args)
    if hyp.ty == NAT:
        return nat_split(goal, hyp, names or {}, induction=False)
    return _prop_cases(goal, hyp, names or {}, tags=True)


def t_induction(goal: GoalState, args: str, _: str, names: dict[str, list[str]] | None = None) -> Goals:
    if " with" in args or " using" in args or " generalizing" in args:
        raise unsupported(f"induction syntax '{args}'")
    hyp = _local(goal, args)
    if hyp.ty != NAT:
        raise unsupported("induction on a non-Nat local")
    return nat_split(goal, hyp, names or {}, induction=True)


# ---- rcases patterns ----------------------------------------------------------------------------


def parse_pattern(text: str) -> object:
    """Patterns: name, `_`, `⟨p, ...⟩`, `p | q`, `(p)`; returned as str / ("tuple", [...]) / ("alt", [...])."""
    text = text.strip()
    alts = _split_top(text, "|")
    if len(alts) > 1:
        return ("alt", [parse_pattern(a) for a in alts])
    if text.startswith("⟨") and text.endswith("⟩"):
        return ("tuple", [parse_pattern(p) for p in _split_top(text[1:-1], ",")])
    if text.startswith("(") and text.endswith(")"):
        return parse_pattern(text[1:-1])
    if text == "rfl":
        raise unsupported("the rcases pattern 'rfl'")
    if text == "_" or is_name(text):
        return text
    raise unsupported(f"rcases pattern '{text}'")


def _split_top(text: str, sep: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "(⟨"
        depth -= ch in ")⟩"
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [*parts, cur]


def rcases(goal: GoalState, hyp: Hyp, pat: object, depth: int = 0) -> Goals:
    if depth > 50:
        raise TacticFail("embedded: rcases pattern is nested too deeply")
    if isinstance(pat, str):
        if pat == "_" or (pat == hyp.name and not hyp.inaccessible):
            return [goal]
        hyps = tuple(Hyp(h.fid, pat, h.ty, False) if h.fid == hyp.fid else h for h in goal.hyps)
        return [GoalState(hyps, goal.target, goal.tag, goal.tag_exact)]
    kind, items = pat
    fields = _fields(hyp)
    if fields is None:
        raise unsupported("rcases patterns on Nat")
    if kind == "alt" and len(items) == 1:
        return rcases(goal, hyp, items[0], depth + 1)
    if not fields:
        return []
    if kind == "alt" and len(fields) == 2:
        subs = [items[0], items[1] if len(items) == 2 else ("alt", items[1:])]
        split = _prop_cases(goal, hyp, {}, tags=True)
        return [g for g, p in zip(split, subs, strict=True) for g in rcases(g, _last(g, 1), p, depth + 1)]
    if kind == "alt" or len(fields) != 1 or len(fields[0][1]) != 2:
        raise unsupported("this rcases pattern for the hypothesis type")
    (g,) = _prop_cases(goal, hyp, {}, tags=False)
    first, second = _last(g, 2), _last(g, 1)
    # rcases pads a short tuple with `_` (the remaining fields stay, inaccessible) and nests a long one
    # into the last field (src/Lean/Elab/Tactic/RCases.lean, `processConstructor`).
    rest = "_" if len(items) == 1 else items[1] if len(items) == 2 else ("tuple", items[1:])
    out = []
    for g1 in rcases(g, first, items[0], depth + 1):
        second_now = next(h for h in g1.hyps if h.fid == second.fid)
        out += rcases(g1, second_now, rest, depth + 1)
    return out


def _last(goal: GoalState, k: int) -> Hyp:
    return goal.hyps[-k]


def t_rcases(goal: GoalState, args: str, thm: str) -> Goals:
    target, sep, pat = args.partition(" with ")
    if not sep:
        raise TacticFail("rcases expects 'rcases h with pattern'")
    return _destruct(goal, target, parse_pattern(pat), thm)


def t_obtain(goal: GoalState, args: str, thm: str) -> Goals:
    """`obtain pat (: type)? := value`: with a type, the value is checked against it first (as
    `have h : type := value; rcases h with pat`)."""
    head, sep, target = args.partition(":=")
    if not sep:
        raise unsupported("obtain without ':='")
    parts = _split_top(head, ":")
    if len(parts) >= 2:
        # The pattern has no top-level `:`; the type may (`∃ n : Nat, ...`).
        parts = [parts[0], ":".join(parts[1:])]
        ty = _prop_of(parts[1], goal)
        ctx = Ctx(goal, thm)
        try:
            check(term_of(target), ty, ctx)
        except ElabError as exc:
            raise TacticFail(str(exc), certain=exc.certain) from exc
        hyp = Hyp(fresh_id(), "this", ty, True)
        return rcases(goal.add(hyp), hyp, parse_pattern(parts[0]))
    return _destruct(goal, target, parse_pattern(head), thm)


def _proof_type(goal: GoalState, target: str, thm: str) -> Term:
    ctx = Ctx(goal, thm)
    try:
        ty = ctx.inst(infer(term_of(target), ctx))
    except ElabError as exc:
        raise TacticFail(str(exc), certain=exc.certain) from exc
    if has_mvars(ty):
        raise unsupported("case analysis on a term that leaves metavariables")
    return ty


def _destruct(goal: GoalState, target: str, pat: object, thm: str) -> Goals:
    hyp = goal.lookup(target.strip())
    if hyp is None:
        hyp = Hyp(fresh_id(), "this", _proof_type(goal, target, thm), True)
        goal = goal.add(hyp)
    return rcases(goal, hyp, pat)


def t_rintro(goal: GoalState, args: str, _: str) -> Goals:
    pats = [p.strip() for p in _split_top(args.strip(), " ") if p.strip()]
    if not pats:
        raise TacticFail("rintro expects at least one pattern")
    goals = [goal]
    for p in pats:
        pat = parse_pattern(p)
        nxt = []
        for g in goals:
            g2, fid = intro_one(g, pat if isinstance(pat, str) and pat != "_" else None)
            hyp = next(h for h in g2.hyps if h.fid == fid)
            nxt += [g2] if isinstance(pat, str) else rcases(g2, hyp, pat)
        goals = nxt
    return goals


# ---- intro --------------------------------------------------------------------------------------


def t_intro(goal: GoalState, args: str, thm: str) -> Goals:
    """`intro x y ...`: names and `_` introduce one binder each; `⟨p, ...⟩` is `intro h; match h with
    | ⟨p, ...⟩ => ?_` (src/Lean/Elab/Tactic/BuiltinTactic.lean, `evalIntro`), so the anonymous
    constructor must supply every field, unlike an rcases pattern."""
    parts = _split_top(args.strip(), " ")
    parts = [p for p in parts if p.strip()] or [""]
    goals = [goal]
    for part in parts:
        goals = [g2 for g in goals for g2 in _intro_part(g, part.strip(), thm)]
    return goals


def _intro_part(goal: GoalState, part: str, thm: str) -> Goals:
    if not part or part == "_" or is_name(part):
        return [intro_one(goal, part or None)[0]]
    if part.startswith("⟨") and "|" not in part:
        pat = parse_pattern(part)
        g2, fid = intro_one(goal, None)
        hyp = next(h for h in g2.hyps if h.fid == fid)
        fields = _fields(hyp)
        if fields is not None and len(fields) == 1 and len(pat[1]) < len(fields[0][1]):
            raise fails(
                "invalid constructor ⟨...⟩, insufficient number of arguments, constructs "
                f"'{fields[0][0]}' has #{len(fields[0][1])} explicit fields, but only #{len(pat[1])} provided"
            )
        return rcases(g2, hyp, pat)
    raise unsupported(f"intro pattern '{part}'")


def t_intros(goal: GoalState, args: str, _: str) -> Goals:
    """`intros x y`: exactly these binders, without unfolding; bare `intros` introduces every leading
    binder as an inaccessible local (src/Lean/Elab/Tactic/BuiltinTactic.lean, `evalIntros`)."""
    if args.split():
        for name in args.split():
            goal, _fid = intro_one(goal, name, unfold=False)
        return [goal]
    while (isinstance(goal.target, Binder) and goal.target.q == "∀") or (
        isinstance(goal.target, Bin) and goal.target.op == "→"
    ):
        goal, _fid = intro_one(goal, None, unfold=False)
    return [goal]
