"""Nat expression and formula AST, closed evaluation, closed decision, and polynomial normal forms.

Semantics are Lean 4 core's `Nat`: `a - b` truncates at 0, `x / 0 = 0`, `x % 0 = x`, `0 ^ 0 = 1`.
Every walk carries an explicit depth and raises `ArithLimit` past `MAX_DEPTH`, so deep input never
overflows Python's stack; values are capped at `MAX_BITS` bits.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

MAX_DEPTH = 500
MAX_BITS = 4096
MAX_POLY_TERMS = 4096


class Unsupported(Exception):
    """The input lies outside what the procedure handles (atoms in a closed evaluation, Opaque, ...)."""


class ArithLimit(Exception):
    """A size, depth or step budget was exceeded; the caller reports a tactic error."""


@dataclass(frozen=True)
class Lit:
    n: int


@dataclass(frozen=True)
class Atom:
    key: Hashable


@dataclass(frozen=True)
class Add:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Sub:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Mul:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Div:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Mod:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Pow:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Succ:
    a: NatExpr


NatExpr = Lit | Atom | Add | Sub | Mul | Div | Mod | Pow | Succ


@dataclass(frozen=True)
class Eq:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Lt:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Le:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Ne:
    a: NatExpr
    b: NatExpr


@dataclass(frozen=True)
class Not:
    f: Formula


@dataclass(frozen=True)
class And:
    f: Formula
    g: Formula


@dataclass(frozen=True)
class Or:
    f: Formula
    g: Formula


@dataclass(frozen=True)
class Imp:
    f: Formula
    g: Formula


@dataclass(frozen=True)
class Iff:
    f: Formula
    g: Formula


@dataclass(frozen=True)
class TrueF:
    pass


@dataclass(frozen=True)
class FalseF:
    pass


@dataclass(frozen=True)
class Opaque:
    key: Hashable


Formula = Eq | Lt | Le | Ne | Not | And | Or | Imp | Iff | TrueF | FalseF | Opaque


def check_depth(depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ArithLimit(f"expression deeper than {MAX_DEPTH}")


def check_size(value: int) -> int:
    if value.bit_length() > MAX_BITS:
        raise ArithLimit(f"value exceeds {MAX_BITS} bits")
    return value


def nat_pow(base: int, exp: int) -> int:
    """`base ^ exp` on Nat, refusing results above `MAX_BITS` bits before computing them."""
    if base in (0, 1):
        return 1 if exp == 0 else base
    if exp * (base.bit_length() - 1) > MAX_BITS:
        raise ArithLimit(f"{base} ^ {exp} exceeds {MAX_BITS} bits")
    return check_size(base**exp)


def nat_binop(kind: type, x: int, y: int) -> int:
    """Lean's Nat semantics for the binary operators."""
    if kind is Add:
        return check_size(x + y)
    if kind is Sub:
        return max(x - y, 0)
    if kind is Mul:
        return check_size(x * y)
    if kind is Div:
        return x // y if y else 0
    if kind is Mod:
        return x % y if y else x
    return nat_pow(x, y)


def evaluate(expr: NatExpr) -> int:
    """Value of a closed expression under Lean's Nat semantics; `Unsupported` on atoms."""
    return _eval(expr, 0)


def _eval(e: NatExpr, depth: int) -> int:
    check_depth(depth)
    if isinstance(e, Lit):
        if e.n < 0:
            raise Unsupported(f"negative Nat literal {e.n}")
        return check_size(e.n)
    if isinstance(e, Atom):
        raise Unsupported(f"atom {e.key!r} in a closed evaluation")
    if isinstance(e, Succ):
        return check_size(_eval(e.a, depth + 1) + 1)
    return nat_binop(type(e), _eval(e.a, depth + 1), _eval(e.b, depth + 1))


def decide(formula: Formula) -> bool:
    """Truth value of a closed formula; `Unsupported` on atoms or `Opaque`."""
    return _decide(formula, 0)


_RELATIONS = {
    Eq: lambda x, y: x == y,
    Lt: lambda x, y: x < y,
    Le: lambda x, y: x <= y,
    Ne: lambda x, y: x != y,
}


def _decide(f: Formula, depth: int) -> bool:
    check_depth(depth)
    if type(f) in _RELATIONS:
        return _RELATIONS[type(f)](_eval(f.a, depth + 1), _eval(f.b, depth + 1))
    if isinstance(f, Not):
        return not _decide(f.f, depth + 1)
    if isinstance(f, TrueF | FalseF):
        return isinstance(f, TrueF)
    if isinstance(f, Opaque):
        raise Unsupported(f"opaque proposition {f.key!r}")
    x, y = _decide(f.f, depth + 1), _decide(f.g, depth + 1)
    if isinstance(f, And):
        return x and y
    if isinstance(f, Or):
        return x or y
    if isinstance(f, Imp):
        return (not x) or y
    return x == y


Monomial = frozenset  # of (variable, exponent) pairs


@dataclass(frozen=True)
class Poly:
    """Canonical polynomial: `terms` is a frozenset of (monomial, positive coefficient).

    A variable is `("atom", key)` for an `Atom`, or `("opaque", subterm)` for a non-closed `Sub`/`Div`/
    `Mod` subterm or a power with a non-closed exponent. `exact` is False when an opaque variable
    occurs: then two different polynomials may still denote the same function (`x - x` vs `0`).
    """

    terms: frozenset
    exact: bool


def polynomial(expr: NatExpr) -> Poly:
    """Normal form of `expr` as a polynomial with Nat coefficients over its atoms."""
    terms, exact = _poly(expr, 0)
    return Poly(frozenset(terms.items()), exact)


def definitely_distinct(a: NatExpr, b: NatExpr) -> bool:
    """True only when `a` and `b` differ as functions of their atoms (safe for "not defeq")."""
    pa, pb = polynomial(a), polynomial(b)
    return pa.exact and pb.exact and pa.terms != pb.terms


def _poly(e: NatExpr, depth: int) -> tuple[dict, bool]:
    check_depth(depth)
    if isinstance(e, Lit):
        return ({frozenset(): check_size(e.n)} if e.n else {}), True
    if isinstance(e, Atom):
        return {frozenset({(("atom", e.key), 1)}): 1}, True
    if isinstance(e, Succ):
        terms, exact = _poly(e.a, depth + 1)
        return _add(terms, {frozenset(): 1}), exact
    if isinstance(e, Add | Mul):
        (x, ex), (y, ey) = _poly(e.a, depth + 1), _poly(e.b, depth + 1)
        return (_add(x, y) if isinstance(e, Add) else _mul(x, y)), ex and ey
    closed = _closed_value(e, depth)
    if closed is not None:
        return ({frozenset(): closed} if closed else {}), True
    if isinstance(e, Pow):
        exp = _closed_value(e.b, depth + 1)
        if exp is not None:
            base, exact = _poly(e.a, depth + 1)
            return _power(base, exp), exact
    return {frozenset({(("opaque", e), 1)}): 1}, False


def _closed_value(e: NatExpr, depth: int) -> int | None:
    try:
        return _eval(e, depth)
    except Unsupported:
        return None


def _add(x: dict, y: dict) -> dict:
    out = dict(x)
    for mono, c in y.items():
        out[mono] = check_size(out.get(mono, 0) + c)
    return out


def _mul(x: dict, y: dict) -> dict:
    if len(x) * len(y) > MAX_POLY_TERMS:
        raise ArithLimit("polynomial product too large")
    out: dict = {}
    for m1, c1 in x.items():
        for m2, c2 in y.items():
            powers = dict(m1)
            for var, k in m2:
                powers[var] = powers.get(var, 0) + k
            mono = frozenset(powers.items())
            out[mono] = check_size(out.get(mono, 0) + c1 * c2)
    return out


def _power(base: dict, exp: int) -> dict:
    if exp > MAX_DEPTH and len(base) > 1:
        raise ArithLimit(f"polynomial power {exp} too large")
    if exp == 0:
        return {frozenset(): 1}
    if len(base) <= 1:
        return {frozenset((v, k * exp) for v, k in mono): nat_pow(c, exp) for mono, c in base.items()}
    result: dict = {frozenset(): 1}
    for _ in range(exp):
        result = _mul(result, base)
    return result
