"""Core terms of the embedded kernel: a locally nameless AST for Lean 4's Nat/Prop fragment.

Free variables are `FVar(id)` (ids are unique per kernel process; names live in the goal context),
bound variables are de Bruijn indices. Nodes are frozen, so goals built from them are immutable and
compare structurally. Metavariables (used while elaborating proof terms) are `FVar`s with negative ids.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

_fresh = itertools.count(1)


def fresh_id() -> int:
    """A new free-variable id; ids only need to be unique, never stable across processes."""
    return next(_fresh)


@dataclass(frozen=True, slots=True)
class FVar:
    id: int


@dataclass(frozen=True, slots=True)
class BVar:
    idx: int


@dataclass(frozen=True, slots=True)
class Const:
    """`Nat`, `Prop`, `True`, `False`."""

    name: str


@dataclass(frozen=True, slots=True)
class Lit:
    n: int


@dataclass(frozen=True, slots=True)
class Op:
    """Nat arithmetic: one of `+ - * / % ^`."""

    op: str
    a: Term
    b: Term


@dataclass(frozen=True, slots=True)
class Succ:
    a: Term


@dataclass(frozen=True, slots=True)
class App:
    """Application of a function-typed variable (`P n`, `f (n + 1)`)."""

    fn: Term
    args: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Rel:
    """Nat relations: one of `= ≠ < ≤ > ≥`."""

    op: str
    a: Term
    b: Term


@dataclass(frozen=True, slots=True)
class Not:
    p: Term


@dataclass(frozen=True, slots=True)
class Bin:
    """Propositional connectives `∧ ∨ ↔ →`; `→` is also the arrow of function types."""

    op: str
    a: Term
    b: Term


@dataclass(frozen=True, slots=True)
class Binder:
    """`∀` or `∃` over a Nat/Prop/function type; `implicit` marks `∀ {n : Nat}` (lemma statements)."""

    q: str
    name: str
    ty: Term
    body: Term
    implicit: bool = False


Term = FVar | BVar | Const | Lit | Op | Succ | App | Rel | Not | Bin | Binder

NAT = Const("Nat")
PROP = Const("Prop")
TRUE = Const("True")
FALSE = Const("False")
ZERO = Lit(0)
ONE = Lit(1)


def instantiate(body: Term, val: Term, depth: int = 0) -> Term:
    """Replace bound variable `depth` by `val` (which has no loose bound variables)."""
    match body:
        case BVar(idx):
            if idx == depth:
                return val
            return BVar(idx - 1) if idx > depth else body
        case FVar() | Const() | Lit():
            return body
        case Op(op, a, b):
            return Op(op, instantiate(a, val, depth), instantiate(b, val, depth))
        case Rel(op, a, b):
            return Rel(op, instantiate(a, val, depth), instantiate(b, val, depth))
        case Bin(op, a, b):
            return Bin(op, instantiate(a, val, depth), instantiate(b, val, depth))
        case Succ(a):
            return Succ(instantiate(a, val, depth))
        case Not(p):
            return Not(instantiate(p, val, depth))
        case App(fn, args):
            return App(instantiate(fn, val, depth), tuple(instantiate(x, val, depth) for x in args))
        case Binder(q, name, ty, b, imp):
            return Binder(q, name, instantiate(ty, val, depth), instantiate(b, val, depth + 1), imp)
    raise TypeError(body)


def replace(term: Term, fn, depth: int = 0) -> Term:
    """Rebuild `term` bottom-up, letting `fn(node, depth)` return a replacement or None."""
    out = fn(term, depth)
    if out is not None:
        return out
    match term:
        case Op(op, a, b):
            return Op(op, replace(a, fn, depth), replace(b, fn, depth))
        case Rel(op, a, b):
            return Rel(op, replace(a, fn, depth), replace(b, fn, depth))
        case Bin(op, a, b):
            return Bin(op, replace(a, fn, depth), replace(b, fn, depth))
        case Succ(a):
            return Succ(replace(a, fn, depth))
        case Not(p):
            return Not(replace(p, fn, depth))
        case App(f, args):
            return App(replace(f, fn, depth), tuple(replace(x, fn, depth) for x in args))
        case Binder(q, name, ty, b, imp):
            return Binder(q, name, replace(ty, fn, depth), replace(b, fn, depth + 1), imp)
    return term


def abstract(term: Term, fid: int) -> Term:
    """Turn free variable `fid` into the bound variable of a binder placed around `term`."""
    return replace(term, lambda t, d: BVar(d) if isinstance(t, FVar) and t.id == fid else None)


def children(term: Term) -> tuple[Term, ...]:
    # Dispatch on the exact class: this is the kernel's hottest helper.
    kind = type(term)
    if kind is Op or kind is Rel or kind is Bin:
        return (term.a, term.b)  # type: ignore[union-attr]
    if kind is Succ:
        return (term.a,)  # type: ignore[union-attr]
    if kind is Not:
        return (term.p,)  # type: ignore[union-attr]
    if kind is App:
        return (term.fn, *term.args)  # type: ignore[union-attr]
    if kind is Binder:
        return (term.ty, term.body)  # type: ignore[union-attr]
    return ()


def fvars(term: Term) -> set[int]:
    out: set[int] = set()
    stack = [term]
    while stack:
        t = stack.pop()
        if isinstance(t, FVar):
            out.add(t.id)
        else:
            stack.extend(children(t))
    return out


def has_loose(term: Term, depth: int = 0) -> bool:
    match term:
        case BVar(idx):
            return idx >= depth
        case Binder(_, _, ty, b, _):
            return has_loose(ty, depth) or has_loose(b, depth + 1)
    return any(has_loose(c, depth) for c in children(term))
