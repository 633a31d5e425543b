"""Three-valued definitional equality for the fragment.

`YES` is only answered when both sides reach the same normal form through genuine Lean defeqs
(closed Nat literal arithmetic; Nat.add/Nat.mul/Nat.pow/Nat.sub recursion on the second argument;
`Nat.succ n ≡ n + 1`; `¬p ≡ p → False`; `a ≠ b ≡ a = b → False`; `a > b ≡ b < a`; `a ≥ b ≡ b ≤ a`;
`a < b ≡ a + 1 ≤ b`). `NO` is only answered when the two sides differ as polynomial functions (so they
cannot be defeq) or differ in an injective head. Anything else is `UNSURE`, and callers reject.
"""

from __future__ import annotations

import enum

from prover.env.embedded.terms import (
    FALSE,
    App,
    Bin,
    Binder,
    BVar,
    Const,
    FVar,
    Lit,
    Not,
    Op,
    Rel,
    Succ,
    Term,
)

MAX_UNFOLD = 16
MAX_LIT = 10**12


class Tri(enum.Enum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


def closed_value(t: Term) -> int | None:
    """The value of a closed Nat term (Lean's truncated `-`, `/ 0 = 0`, `% 0 = n`), or None."""
    match t:
        case Lit(n):
            return n
        case Succ(a):
            v = closed_value(a)
            return None if v is None else v + 1
        case Op(op, a, b):
            x, y = closed_value(a), closed_value(b)
            if x is None or y is None:
                return None
            if op == "^":
                return x**y if y <= 64 and x.bit_length() * y <= 256 else None
            table = {
                "+": lambda: x + y,
                "-": lambda: max(x - y, 0),
                "*": lambda: x * y,
                "/": lambda: x // y if y else 0,
                "%": lambda: x % y if y else x,
            }
            return table[op]()
    return None


def _offset(t: Term) -> tuple[Term | None, int]:
    """Normal form `core + k` (core None means the literal k)."""
    v = closed_value(t)
    if v is not None:
        return None, v
    match t:
        case Succ(a):
            core, k = _offset(a)
            return core, k + 1
        case Op("+", a, b):
            cb, kb = _offset(b)
            if cb is None:
                ca, ka = _offset(a)
                return ca, ka + kb
            return Op("+", _term(_offset(a)), cb), kb
        case Op("*", a, b):
            cb, kb = _offset(b)
            if cb is None and kb <= MAX_UNFOLD:
                acc: tuple[Term | None, int] = (None, 0)
                for _ in range(kb):
                    acc = _offset(Op("+", _term(acc), a))
                return acc
            return Op("*", _term(_offset(a)), _term((cb, kb))), 0
        case Op("-", a, Lit(0)):
            return _offset(a)
        case Op("^", a, b):
            cb, kb = _offset(b)
            if cb is None and kb <= MAX_UNFOLD:
                acc = (None, 1)
                for _ in range(kb):
                    acc = _offset(Op("*", _term(acc), a))
                return acc
            return Op("^", _term(_offset(a)), _term((cb, kb))), 0
        case Op(op, a, b):
            return Op(op, _term(_offset(a)), _term(_offset(b))), 0
        case App(f, args):
            return App(f, tuple(_term(_offset(x)) for x in args)), 0
    return t, 0


def _term(nf: tuple[Term | None, int]) -> Term:
    core, k = nf
    if core is None:
        return Lit(k)
    return Op("+", core, Lit(k)) if k else core


def nat_normal(t: Term) -> Term:
    return _term(_offset(t))


Poly = tuple[tuple[tuple[object, ...], int], ...]


def polynomial(t: Term) -> Poly | None:
    """Canonical polynomial of `t` over atoms (variables, applications), or None when `t` uses
    `-`, `/`, `%` or `^` on non-literals (no sound polynomial exists then)."""
    raw = _poly(t)
    return None if raw is None else tuple(sorted((k, v) for k, v in raw.items() if v))


def _poly(t: Term) -> dict[tuple[object, ...], int] | None:
    v = closed_value(t)
    if v is not None:
        return {(): v}
    match t:
        case FVar(i) | BVar(i):
            return {((type(t).__name__, i),): 1}
        case Succ(a):
            return _poly(Op("+", a, Lit(1)))
        case App(f, args):
            keys = [polynomial(x) for x in args]
            if any(k is None for k in keys):
                return None
            return {(("app", f, tuple(keys)),): 1}
        case Op("+", a, b):
            pa, pb = _poly(a), _poly(b)
            if pa is None or pb is None:
                return None
            out = dict(pa)
            for k, c in pb.items():
                out[k] = out.get(k, 0) + c
            return out
        case Op("*", a, b):
            pa, pb = _poly(a), _poly(b)
            if pa is None or pb is None or len(pa) * len(pb) > 400:
                return None
            out = {}
            for ka, ca in pa.items():
                for kb, cb in pb.items():
                    key = tuple(sorted(ka + kb, key=repr))
                    out[key] = out.get(key, 0) + ca * cb
            return out
        case Op("^", a, b):
            e = closed_value(b)
            if e is None or e > 8:
                return None
            acc: Term = Lit(1)
            for _ in range(e):
                acc = Op("*", acc, a)
            return _poly(acc)
    return None


def nat_defeq(a: Term, b: Term) -> Tri:
    if a == b:
        return Tri.YES
    na, nb = nat_normal(a), nat_normal(b)
    if na == nb:
        return Tri.YES
    pa, pb = polynomial(a), polynomial(b)
    if pa is not None and pb is not None and pa != pb:
        return Tri.NO
    if (_stuck(na) and _rigid(nb)) or (_stuck(nb) and _rigid(na)):
        return Tri.NO
    return Tri.UNSURE


def _blocked(t: Term) -> bool:
    """Whether `t`'s whnf is not a constructor: a local, a local function's application, or a
    recursion blocked on one."""
    if isinstance(t, FVar):
        return t.id > 0
    if isinstance(t, App):
        return isinstance(t.fn, FVar) and t.fn.id > 0
    return isinstance(t, BVar) or _stuck(t)


def _stuck(t: Term) -> bool:
    """`Nat.add/mul/pow/sub x y` recurse on `y` (src/Init/Prelude.lean, Init/Data/Nat/Basic.lean): with
    `y` blocked, whnf stops at the recursor, which no local, literal or successor is defeq to (`0 + n`
    is not `n`: Nat.zero_add is a theorem, not a reduction)."""
    return isinstance(t, Op) and t.op in ("+", "*", "^", "-") and _blocked(t.b)


def _rigid(t: Term) -> bool:
    """A local, a local function's application, a literal or a successor: never a stuck recursor."""
    if isinstance(t, (Lit, Succ, BVar)):
        return True
    if isinstance(t, Op):
        return t.op == "+" and isinstance(t.b, Lit) and t.b.n > 0
    return _blocked(t) and not _stuck(t)


def unfold_prop(t: Term) -> Term:
    """Head-unfold the reducible/default notations of the fragment to their core shape."""
    match t:
        case Not(p):
            return Bin("→", p, FALSE)
        case Rel("≠", a, b):
            return Bin("→", Rel("=", a, b), FALSE)
        case Rel(">", a, b):
            return unfold_prop(Rel("<", b, a))
        case Rel("≥", a, b):
            return Rel("≤", b, a)
        case Rel("<", a, b):
            return Rel("≤", Op("+", a, Lit(1)), b)
    return t


def _all(results: list[Tri]) -> Tri:
    if Tri.NO in results:
        return Tri.NO
    return Tri.UNSURE if Tri.UNSURE in results else Tri.YES


def prop_defeq(a: Term, b: Term) -> Tri:
    """Defeq of two propositions at default transparency (three-valued)."""
    if a == b:
        return Tri.YES
    a, b = unfold_prop(a), unfold_prop(b)
    if type(a) is not type(b):
        return Tri.NO
    match a, b:
        case Rel(op1, x1, y1), Rel(op2, x2, y2):
            if op1 != op2:
                return Tri.NO
            return _all([nat_defeq(x1, x2), nat_defeq(y1, y2)])
        case Bin(op1, x1, y1), Bin(op2, x2, y2):
            if op1 != op2:
                return Tri.NO
            return _all([prop_defeq(x1, x2), prop_defeq(y1, y2)])
        case App(f1, args1), App(f2, args2):
            if f1 != f2 or len(args1) != len(args2):
                return Tri.NO if isinstance(f1, FVar) and isinstance(f2, FVar) else Tri.UNSURE
            return _all([nat_defeq(x, y) for x, y in zip(args1, args2, strict=True)])
        case Binder(q1, _, t1, body1, _), Binder(q2, _, t2, body2, _):
            if q1 != q2 or t1 != t2:
                return Tri.NO
            return prop_defeq(body1, body2)
        case ((FVar() | BVar() | Const()), _):
            return Tri.YES if a == b else Tri.NO
    return Tri.UNSURE
