"""Closed decision procedures and translation of Nat facts into the `arith` helper's AST.

`decide` here evaluates closed, quantifier-free propositions exactly like Lean's `Decidable`
instances would; `to_formula` feeds `omega`.
"""

from __future__ import annotations

import itertools

from prover.env.embedded.defeq import closed_value
from prover.env.embedded.terms import (
    FALSE,
    NAT,
    PROP,
    TRUE,
    Bin,
    FVar,
    Lit,
    Not,
    Op,
    Rel,
    Succ,
    Term,
    replace,
)

LIMIT = 2**64


class Undecidable(Exception):
    """The proposition is not closed/decidable in the supported sense."""


def decide_closed(t: Term) -> bool:
    """Evaluate a closed proposition; raise Undecidable when it is not closed and quantifier-free."""
    match t:
        case Rel(op, a, b):
            x, y = closed_value(a), closed_value(b)
            if x is None or y is None or x >= LIMIT or y >= LIMIT:
                raise Undecidable("not a closed Nat comparison")
            return {"=": x == y, "≠": x != y, "<": x < y, "≤": x <= y, ">": x > y, "≥": x >= y}[op]
        case Not(p):
            return not decide_closed(p)
        case Bin(op, a, b):
            x, y = decide_closed(a), decide_closed(b)
            return {"∧": x and y, "∨": x or y, "↔": x == y, "→": (not x) or y}[op]
    if t == TRUE:
        return True
    if t == FALSE:
        return False
    raise Undecidable("failed to synthesize Decidable")


def to_formula(t: Term, arith, atoms: dict[Term, str]):
    """Translate a proposition into arith's formula AST (unknown propositions become `Opaque`)."""
    match t:
        case Rel(op, a, b):
            x, y = to_expr(a, arith, atoms), to_expr(b, arith, atoms)
            table = {
                "=": lambda: arith.Eq(x, y),
                "≠": lambda: arith.Ne(x, y),
                "<": lambda: arith.Lt(x, y),
                "≤": lambda: arith.Le(x, y),
                ">": lambda: arith.Lt(y, x),
                "≥": lambda: arith.Le(y, x),
            }
            return table[op]()
        case Not(p):
            return arith.Not(to_formula(p, arith, atoms))
        case Bin(op, a, b):
            x, y = to_formula(a, arith, atoms), to_formula(b, arith, atoms)
            return {"∧": arith.And, "∨": arith.Or, "↔": arith.Iff, "→": arith.Imp}[op](x, y)
    if t == TRUE:
        return arith.TrueF()
    if t == FALSE:
        return arith.FalseF()
    return arith.Opaque(_atom_key(t, atoms))


def to_expr(t: Term, arith, atoms: dict[Term, str]):
    match t:
        case Lit(n):
            return arith.Lit(n)
        case Succ(a):
            return arith.Succ(to_expr(a, arith, atoms))
        case Op(op, a, b):
            x, y = to_expr(a, arith, atoms), to_expr(b, arith, atoms)
            return {
                "+": arith.Add,
                "-": arith.Sub,
                "*": arith.Mul,
                "/": arith.Div,
                "%": arith.Mod,
                "^": arith.Pow,
            }[op](x, y)
    return arith.Atom(_atom_key(t, atoms))


def _atom_key(t: Term, atoms: dict[Term, str]) -> str:
    return atoms.setdefault(t, f"atom{len(atoms)}")


_SAMPLES = (0, 1, 2, 3, 5, 4, 7, 10, 16, 100, 1000)


def refuted(hyps: list[tuple[Term, Term]], target: Term, *, budget: int = 256) -> bool:
    """Whether a concrete model falsifies the goal: small Nat values and truth values for the locals
    `(fvar, type)` in `hyps` under which every proof hypothesis holds and `target` is false. Lean is
    sound, so no tactic closes such a goal: the failure of a closing tactic on it is certain."""
    nats = [v for v, ty in hyps if ty == NAT]
    props = [v for v, ty in hyps if ty == PROP]
    proofs = [ty for _, ty in hyps if ty not in (NAT, PROP)]
    if any(isinstance(ty, Bin) and ty.op == "→" and ty.a == NAT for ty in proofs):
        return False  # a Nat function or predicate: no finite model to try
    size = len(_SAMPLES)
    while size > 2 and size ** len(nats) * 2 ** len(props) > budget:
        size -= 1
    if size ** len(nats) * 2 ** len(props) > budget:
        return False
    domains = [[Lit(k) for k in _SAMPLES[:size]]] * len(nats) + [[TRUE, FALSE]] * len(props)
    keys = [v.id for v in nats + props]
    for values in itertools.product(*domains):
        env = dict(zip(keys, values, strict=True))

        def sub(t: Term, _d: int, env: dict[int, Term] = env) -> Term | None:
            return env.get(t.id) if isinstance(t, FVar) else None

        try:
            if all(decide_closed(replace(p, sub)) for p in proofs) and not decide_closed(
                replace(target, sub)
            ):
                return True
        except Undecidable:
            return False
    return False
