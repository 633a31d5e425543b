"""Elaboration of proof terms (`exact`, `refine`, `apply`, `have`) against expected propositions.

Metavariables are `FVar`s with negative ids, assigned by first-order matching; a proof is accepted only
when every comparison is a definite defeq (`Tri.YES`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from prover.env.embedded import blocks
from prover.env.embedded.defeq import Tri, prop_defeq, unfold_prop
from prover.env.embedded.elab import ElabError, Scope, elab_nat, elab_prop, elab_type
from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.lemmas import lemma
from prover.env.embedded.pretty import Printer
from prover.env.embedded.syntax import Syn
from prover.env.embedded.terms import (
    FALSE,
    NAT,
    PROP,
    TRUE,
    Bin,
    Binder,
    FVar,
    Lit,
    Op,
    Rel,
    Succ,
    Term,
    children,
    fresh_id,
    instantiate,
    replace,
)

_mvar_ids = itertools.count(1)


@dataclass
class Ctx:
    """Elaboration state: the goal, metavariable assignments, and holes (`?_`) to become goals."""

    goal: GoalState
    theorem: str = ""
    allow_holes: bool = False
    assign: dict[int, Term] = field(default_factory=dict)
    holes: list[tuple[GoalState, Term]] = field(default_factory=list)

    def show(self, t: Term) -> str:
        return Printer(self.goal.display).show(self.inst(t))

    def inst(self, t: Term) -> Term:
        if not self.assign:
            return t
        return replace(
            t, lambda n, d: self.inst(self.assign[n.id]) if _is_mvar(n) and n.id in self.assign else None
        )


def new_mvar() -> FVar:
    return FVar(-next(_mvar_ids))


def _is_mvar(t: Term) -> bool:
    return isinstance(t, FVar) and t.id < 0


def has_mvars(t: Term) -> bool:
    stack = [t]
    while stack:
        node = stack.pop()
        if type(node) is FVar:
            if node.id < 0:
                return True
        else:
            stack.extend(children(node))
    return False


def match(pat: Term, term: Term, ctx: Ctx) -> bool:
    """First-order matching of `pat` (with metavariables) against `term`, unfolding notations."""
    pat, term = ctx.inst(pat), ctx.inst(term)
    if pat == term:
        return True
    if _is_mvar(pat) or _is_mvar(term):
        mv, val = (pat, term) if _is_mvar(pat) else (term, pat)
        ctx.assign[mv.id] = val
        return True
    if pat == term:
        return True
    if type(pat) is type(term):
        if isinstance(pat, Binder) and (pat.q != term.q or pat.ty != term.ty):
            return False
        if isinstance(pat, (Rel, Bin)) and pat.op != term.op:
            return _match_unfolded(pat, term, ctx)
        kids_p, kids_t = children(pat), children(term)
        if kids_p and len(kids_p) == len(kids_t) and _same_head(pat, term):
            saved = dict(ctx.assign)
            if all(match(p, t, ctx) for p, t in zip(kids_p, kids_t, strict=True)):
                return True
            ctx.assign = saved
    if has_mvars(pat) and _match_offset(pat, term, ctx):
        return True
    return _match_unfolded(pat, term, ctx)


def _offset_form(t: Term) -> tuple[Term | None, int]:
    """`e + k` as (e, k): literals are (None, k), `Nat.succ e` adds one (isNatOffset in Lean's
    Meta/Offset.lean)."""
    if isinstance(t, Lit):
        return None, t.n
    if isinstance(t, Succ):
        base, k = _offset_form(t.a)
        return base, k + 1
    if isinstance(t, Op) and t.op == "+" and isinstance(t.b, Lit):
        base, k = _offset_form(t.a)
        return base, k + t.b.n
    return t, 0


def _match_offset(pat: Term, term: Term, ctx: Ctx) -> bool:
    """isDefEqOffsetNat: `?n + 1 =?= 2` assigns `?n := 1`, `?n + 1 =?= Nat.succ a` assigns `?n := a`."""
    (pb, pk), (tb, tk) = _offset_form(pat), _offset_form(term)
    if pk == 0 and tk == 0 or pk > tk or pb is None:
        return False
    rest = tk - pk
    if tb is None:
        value: Term = Lit(rest)
    else:
        value = Op("+", tb, Lit(rest)) if rest else tb
    saved = dict(ctx.assign)
    if match(pb, value, ctx):
        return True
    ctx.assign = saved
    return False


def _same_head(a: Term, b: Term) -> bool:
    return getattr(a, "op", None) == getattr(b, "op", None) and getattr(a, "q", None) == getattr(b, "q", None)


def _match_unfolded(pat: Term, term: Term, ctx: Ctx) -> bool:
    up, ut = unfold_prop(pat), unfold_prop(term)
    if (up, ut) == (pat, term):
        return False
    return match(up, ut, ctx)


def infer(s: Syn, ctx: Ctx) -> Term:
    """The proposition proved by `s` (may contain metavariables for implicit arguments)."""
    while s[0] == "paren":
        s = s[1]
    if s[0] == "id":
        return _ident(s[1], ctx)
    if s[0] == "app" and _strip(s[1])[0] == "explicit":
        return _apply_args(_explicit(_strip(s[1])[1], ctx), s[2], ctx, explicit=True)
    if s[0] == "app":
        return _apply_args(infer(s[1], ctx), s[2], ctx)
    if s[0] == "explicit":
        return _explicit(s[1], ctx)
    if s[0] == "proj":
        return _project(infer(s[1], ctx), str(s[2]), ctx)
    if s[0] == "typed":
        from prover.env.embedded.elab import elab_prop

        ty = elab_prop(s[2], Scope(ctx.goal))
        check(s[1], ty, ctx)
        return ty
    raise ElabError("embedded: cannot infer the type of this term; give it an expected type")


def _ident(name: str, ctx: Ctx) -> Term:
    if name == ctx.theorem:
        raise ElabError(f"fail to show termination: '{name}' refers to the theorem being proved")
    hyp = ctx.goal.lookup(name)
    if hyp is not None:
        if hyp.ty in (NAT, PROP) or (isinstance(hyp.ty, Bin) and hyp.ty.a == NAT):
            raise ElabError(f"'{name}' is not a proof")
        # An identifier's leading implicit arguments become metavariables (Lean's elabAppArgs with
        # no explicit arguments), for locals as for constants.
        return _open_implicits(hyp.ty)
    if name in ("trivial", "True.intro"):
        return TRUE
    found = lemma(name)
    if found is not None:
        return _open_implicits(found[0])
    head, _, fld = name.rpartition(".")
    if head and ctx.goal.lookup(head) is not None:
        return _project(_ident(head, ctx), fld, ctx)
    if head and "." in head and ctx.goal.lookup(head.split(".")[0]) is not None:
        return _project(_ident(head, ctx), fld, ctx)
    raise ElabError(f"unknown identifier '{name}'")


_NEEDS_EXPECTED = frozenset({"fun", "anon", "by", "hole", "synth"})


def _infer_app(s: Syn, expected: Term, ctx: Ctx) -> Term:
    """An application against a known expected type: as Lean's elabAppArgs propagates the expected
    type, the function's result (after as many premises as there are arguments) is first unified with
    it, so later arguments such as `fun hp => Or.inr hp` meet known types. A failed unification is
    not an error here; the final comparison decides."""
    head = _strip(s[1])
    explicit = head[0] == "explicit"
    fty = _explicit(head[1], ctx) if explicit else infer(head, ctx)
    if not any(_strip(a)[0] in _NEEDS_EXPECTED for a in s[2]):
        # Arguments that elaborate without an expected type give the same result either way.
        return _apply_args(fty, s[2], ctx, explicit=explicit)
    concl = ctx.inst(fty)
    for _ in s[2]:
        concl = concl if explicit else _open_implicits(concl)
        if isinstance(concl, Binder) and concl.q == "∀":
            concl = instantiate(concl.body, new_mvar())
            continue
        concl = concl if isinstance(concl, Bin) and concl.op == "→" else unfold_prop(concl)
        if not (isinstance(concl, Bin) and concl.op == "→"):
            break
        concl = concl.b
    else:
        scratch = Ctx(ctx.goal, ctx.theorem, assign=dict(ctx.assign))
        if has_mvars(concl) and match(concl, expected, scratch):
            ctx.assign = scratch.assign
    return _apply_args(fty, s[2], ctx, explicit=explicit)


def _explicit(name: str, ctx: Ctx) -> Term:
    """`@name`: the constant's or local's type with its implicit binders left in place."""
    hyp = ctx.goal.lookup(name)
    if hyp is not None:
        if hyp.ty in (NAT, PROP) or (isinstance(hyp.ty, Bin) and hyp.ty.a == NAT):
            raise ElabError(f"'{name}' is not a proof")
        return hyp.ty
    found = lemma(name)
    if found is None:
        raise ElabError(f"unknown identifier '{name}'")
    return found[0]


def _strip(s: Syn) -> Syn:
    while s[0] == "paren":
        s = s[1]
    return s


def _open_implicits(ty: Term) -> Term:
    while isinstance(ty, Binder) and ty.q == "∀" and ty.implicit:
        ty = instantiate(ty.body, new_mvar())
    return ty


def _project(ty: Term, fld: str, ctx: Ctx) -> Term:
    ty = ctx.inst(ty)
    if isinstance(ty, Bin) and ty.op == "∧" and fld in ("1", "left"):
        return ty.a
    if isinstance(ty, Bin) and ty.op == "∧" and fld in ("2", "right"):
        return ty.b
    if isinstance(ty, Bin) and ty.op == "↔" and fld in ("1", "mp"):
        return Bin("→", ty.a, ty.b)
    if isinstance(ty, Bin) and ty.op == "↔" and fld in ("2", "mpr"):
        return Bin("→", ty.b, ty.a)
    if isinstance(ty, Rel) and ty.op == "=" and fld == "symm":
        return Rel("=", ty.b, ty.a)
    raise ElabError(f"invalid field '{fld}' for a proof of {ctx.show(ty)}")


def _apply_args(fty: Term, args: tuple[Syn, ...], ctx: Ctx, *, explicit: bool = False) -> Term:
    """Apply a proof of `fty` to `args`; with `explicit` (`@f`) implicit binders take arguments too."""
    for arg in args:
        fty = ctx.inst(fty) if explicit else _open_implicits(ctx.inst(fty))
        if isinstance(fty, Binder) and fty.q == "∀":
            if fty.ty not in (NAT, PROP):
                raise ElabError("embedded: only Nat and Prop arguments can be supplied to ∀")
            if _strip(arg) == ("hole",):
                value: Term = new_mvar()
            elif fty.ty == NAT:
                value = elab_nat(arg, Scope(ctx.goal))
            else:
                value = elab_prop(arg, Scope(ctx.goal))
            fty = instantiate(fty.body, value)
            continue
        fty = unfold_prop(fty) if not (isinstance(fty, Bin) and fty.op == "→") else fty
        if not (isinstance(fty, Bin) and fty.op == "→"):
            raise ElabError(f"function expected: a proof of {ctx.show(fty)} cannot be applied")
        check(arg, fty.a, ctx)
        fty = fty.b
    return fty


def check(s: Syn, expected: Term, ctx: Ctx) -> None:
    """Check that `s` proves `expected`; raise ElabError with a Lean-like message otherwise."""
    while s[0] == "paren":
        s = s[1]
    expected = ctx.inst(expected)
    explicit = s[0] == "explicit" or (s[0] == "app" and _strip(s[1])[0] == "explicit")
    explicit |= s[0] == "fun" and isinstance(s[1][0], tuple) and s[1][0][0] == "implicit"
    if isinstance(expected, Binder) and expected.q == "∀" and expected.implicit and not explicit:
        # `@f` blocks the implicit lambda (Lean.Elab.Term's blockImplicitLambda).
        _implicit_lambda(s, expected, ctx)
        return
    if _check_special(s, expected, ctx):
        return
    # Instantiate first: when no metavariable is left, definitional equality decides (Nat.succ a ≤
    # Nat.succ b against a + 1 ≤ b + 1), not first-order matching.
    got = ctx.inst(_infer_app(s, expected, ctx) if s[0] == "app" else infer(s, ctx))
    if (has_mvars(got) or has_mvars(expected)) and not match(got, expected, ctx):
        raise _mismatch(got, expected, ctx)
    got, want = ctx.inst(got), ctx.inst(expected)
    if has_mvars(got) or has_mvars(want):
        raise ElabError("embedded: term leaves metavariables; this is not supported")
    verdict = prop_defeq(got, want)
    if verdict is not Tri.YES:
        raise _mismatch(got, want, ctx, certain=verdict is Tri.NO)


def _by_block(key: int, expected: Term, ctx: Ctx) -> None:
    """`by tacs` against a known expected type: the block must close that goal. Lean postpones the
    block to the end of elaboration; a type that still has metavariables is not supported."""
    expected = ctx.inst(expected)
    if has_mvars(expected):
        raise ElabError("embedded: 'by' block whose expected type is not yet known")
    try:
        blocks.run(key, GoalState(ctx.goal.hyps, expected), ctx.theorem)
    except Exception as exc:  # the runner's ScriptError: keep its verdict and message
        certain = bool(getattr(exc, "certain", False))
        raise ElabError(f"in nested 'by': {exc}", certain=certain) from exc


def _fun_binder(binder: tuple, tgt: Term, ctx: Ctx) -> Term:
    """`fun (x : T) =>` / `fun {x} =>`: the binder's annotation must match the expected one (an implicit
    binder against an explicit `∀` or a type not evidently equal is left undecided)."""
    kind, name, ty_syn = binder
    if isinstance(tgt, Binder) and tgt.q == "∀":
        dom, body = tgt.ty, None
    elif isinstance(tgt, Bin) and tgt.op == "→":
        dom, body = tgt.a, tgt.b
    else:
        raise ElabError(f"type mismatch: a function cannot prove {ctx.show(tgt)}")
    if (kind == "implicit") != (isinstance(tgt, Binder) and tgt.implicit):
        raise ElabError("embedded: 'fun' binder annotation differs from the expected type's")
    if ty_syn is not None:
        try:
            given = elab_type(ty_syn, Scope(ctx.goal))
        except ElabError:
            given = elab_prop(ty_syn, Scope(ctx.goal))
        if given != dom and prop_defeq(given, dom) is not Tri.YES:
            raise ElabError("embedded: 'fun' binder type not evidently equal to the expected one")
    fid = fresh_id()
    ctx.goal = ctx.goal.add(Hyp(fid, name, dom, name == "_"))
    return instantiate(tgt.body, FVar(fid)) if body is None else body


def _bind_pattern(pat: Syn, ty: Term, ctx: Ctx) -> None:
    """Add the locals a `match` on an anonymous-constructor pattern gives (And, Iff, ∃ over Nat); as in
    a match, the constructor's explicit fields must all be given (more nest into the last)."""
    pat = _strip(pat)
    if pat[0] in ("id", "hole"):
        name = pat[1] if pat[0] == "id" else "x"
        ctx.goal = ctx.goal.add(Hyp(fresh_id(), name, ty, pat[0] == "hole"))
        return
    if pat[0] != "anon":
        raise ElabError("embedded: this pattern in 'fun' is not supported")
    items = pat[1]
    tgt = ty if isinstance(ty, (Bin, Binder)) else unfold_prop(ty)
    known = (isinstance(tgt, Bin) and tgt.op in ("∧", "↔")) or (isinstance(tgt, Binder) and tgt.q == "∃")
    if not known:
        raise ElabError(f"embedded: anonymous-constructor pattern for {ctx.show(ty)} is not supported")
    if len(items) < 2:
        raise ElabError("invalid constructor ⟨...⟩, insufficient number of arguments", certain=True)
    rest: Syn = items[1] if len(items) == 2 else ("anon", items[1:])
    if isinstance(tgt, Binder):
        if tgt.ty != NAT or _strip(items[0])[0] not in ("id", "hole"):
            raise ElabError("embedded: this ∃ pattern is not supported")
        first = _strip(items[0])
        fid = fresh_id()
        ctx.goal = ctx.goal.add(Hyp(fid, first[1] if first[0] == "id" else "w", NAT, first[0] == "hole"))
        _bind_pattern(rest, instantiate(tgt.body, FVar(fid)), ctx)
        return
    a, b = (tgt.a, tgt.b) if tgt.op == "∧" else (Bin("→", tgt.a, tgt.b), Bin("→", tgt.b, tgt.a))
    _bind_pattern(items[0], a, ctx)
    _bind_pattern(rest, b, ctx)


def _implicit_lambda(s: Syn, expected: Term, ctx: Ctx) -> None:
    """Against `∀ {x}, p` Lean first introduces `x` (the implicit lambda of Lean.Elab.Term,
    `useImplicitLambda`) and elaborates the term against `p`."""
    saved = ctx.goal
    try:
        while isinstance(expected, Binder) and expected.q == "∀" and expected.implicit:
            fid = fresh_id()
            ctx.goal = ctx.goal.add(Hyp(fid, expected.name, expected.ty, True))
            expected = instantiate(expected.body, FVar(fid))
        check(s, expected, ctx)
    finally:
        ctx.goal = saved


def _mismatch(got: Term, want: Term, ctx: Ctx, *, certain: bool = False) -> ElabError:
    return ElabError(
        f"type mismatch\n  this term has type\n    {ctx.show(got)}\n  but is expected to have type\n    {ctx.show(want)}",
        certain=certain,
    )


def _ctor(name: str, args: tuple[Syn, ...], expected: Term, ctx: Ctx) -> bool:
    tgt = expected
    if name in ("Or.inl", "Or.inr") and len(args) == 1 and isinstance(tgt, Bin) and tgt.op == "∨":
        check(args[0], tgt.a if name == "Or.inl" else tgt.b, ctx)
        return True
    if name in ("And.intro", "Iff.intro") and len(args) == 2 and isinstance(tgt, Bin):
        if tgt.op == ("∧" if name == "And.intro" else "↔"):
            _anon(args, tgt, ctx)
            return True
    if name == "absurd" and len(args) == 2:
        prop = infer(args[0], ctx)
        check(args[1], Bin("→", prop, FALSE), ctx)
        return True
    if name == "False.elim" and len(args) == 1:
        check(args[0], FALSE, ctx)
        return True
    return False


def _head_name(s: Syn) -> str | None:
    s = _strip(s)
    if s[0] == "app":
        s = _strip(s[1])
    return s[1] if s[0] == "id" else None


def _check_special(s: Syn, expected: Term, ctx: Ctx) -> bool:
    tag = s[0]
    head = _head_name(s)
    if head is not None and ctx.goal.lookup(head.split(".")[0]) is not None:
        # A local of that name shadows the global constant (`rfl`, `absurd`, ...): plain elaboration.
        return False
    if tag == "synth":
        if not ctx.allow_holes:
            raise ElabError("embedded: '?_' is only allowed in refine")
        ctx.holes.append((ctx.goal, expected))
        return True
    if tag == "hole":
        raise ElabError(f"don't know how to synthesize placeholder\ncontext:\n{ctx.goal.text}")
    if tag == "by":
        _by_block(s[1], expected, ctx)
        return True
    if tag == "anon":
        _anon(s[1], expected, ctx)
        return True
    if tag == "fun":
        _fun(s[1], s[2], expected, ctx)
        return True
    if tag == "id" and s[1] == "rfl":
        tgt = unfold_prop(expected)
        if isinstance(tgt, Rel) and tgt.op == "=" and prop_defeq(expected, Rel("=", tgt.a, tgt.a)) is Tri.YES:
            return True
        if isinstance(tgt, Rel) and tgt.op == "=":
            from prover.env.embedded.defeq import nat_defeq

            if nat_defeq(tgt.a, tgt.b) is Tri.YES:
                return True
        raise ElabError(f"type mismatch: rfl cannot prove {ctx.show(expected)}")
    if tag == "app" and s[1][0] == "id":
        return _ctor(s[1][1], s[2], expected, ctx)
    return False


def _anon(items: tuple[Syn, ...], expected: Term, ctx: Ctx) -> None:
    tgt = expected if isinstance(expected, (Bin, Binder)) else unfold_prop(expected)
    if len(items) < 2:
        raise ElabError("invalid constructor ⟨...⟩: expected at least two arguments")
    rest: Syn = items[1] if len(items) == 2 else ("anon", items[1:])
    if isinstance(tgt, Bin) and tgt.op in ("∧", "↔"):
        first = tgt.a if tgt.op == "∧" else Bin("→", tgt.a, tgt.b)
        second = tgt.b if tgt.op == "∧" else Bin("→", tgt.b, tgt.a)
        check(items[0], first, ctx)
        check(rest, second, ctx)
        return
    if isinstance(tgt, Binder) and tgt.q == "∃" and tgt.ty == NAT:
        witness = elab_nat(items[0], Scope(ctx.goal))
        check(rest, instantiate(tgt.body, witness), ctx)
        return
    raise ElabError(
        f"invalid constructor ⟨...⟩, expected type must be an inductive type\n  {ctx.show(expected)}"
    )


def _fun(names: tuple, body: Syn, expected: Term, ctx: Ctx) -> None:
    saved = ctx.goal
    try:
        for name in names:
            tgt = ctx.inst(expected)
            if not isinstance(tgt, (Bin, Binder)) or (isinstance(tgt, Binder) and tgt.q != "∀"):
                tgt = unfold_prop(tgt)
            fid = fresh_id()
            if isinstance(name, tuple) and name[0] in ("typed", "implicit"):
                expected = _fun_binder(name, tgt, ctx)
                continue
            if not isinstance(name, str):
                if not (isinstance(tgt, Bin) and tgt.op == "→"):
                    raise ElabError(f"type mismatch: a function cannot prove {ctx.show(tgt)}")
                _bind_pattern(name, tgt.a, ctx)
                expected = tgt.b
            elif isinstance(tgt, Binder) and tgt.q == "∀":
                ctx.goal = ctx.goal.add(Hyp(fid, name, tgt.ty, name == "_"))
                expected = instantiate(tgt.body, FVar(fid))
            elif isinstance(tgt, Bin) and tgt.op == "→":
                ctx.goal = ctx.goal.add(Hyp(fid, name, tgt.a, name == "_"))
                expected = tgt.b
            else:
                raise ElabError(f"type mismatch: a function cannot prove {ctx.show(tgt)}")
        check(body, expected, ctx)
    finally:
        ctx.goal = saved
