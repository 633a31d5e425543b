"""Lean 4's delaborator and parenthesizer for the fragment: minimal parentheses by precedence.

Precedences (Lean core notation): `↔` 20, `→` 25 right, `∨` 30 right, `∧` 35 right, `¬` arg 40,
relations 50, `+ -` 65 left, `* / %` 70 left, `^` 75 right, application 1024 (max).
"""

from __future__ import annotations

from collections.abc import Mapping

from prover.env.embedded.terms import (
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
    children,
    fvars,
    has_loose,
)

MAX = 1024
# (own precedence, left operand minimum, right operand minimum)
INFIX = {
    "↔": (20, 21, 21),
    "→": (25, 26, 25),
    "∨": (30, 31, 30),
    "∧": (35, 36, 35),
    "=": (50, 51, 51),
    "≠": (50, 51, 51),
    "<": (50, 51, 51),
    "≤": (50, 51, 51),
    ">": (50, 51, 51),
    "≥": (50, 51, 51),
    "+": (65, 65, 66),
    "-": (65, 65, 66),
    "*": (70, 70, 71),
    "/": (70, 70, 71),
    "%": (70, 70, 71),
    "^": (75, 76, 75),
}


class Printer:
    """Prints terms; `names` maps free-variable ids to display names; `canonical` renames bound
    variables by depth (used for merge keys, so alpha-equivalent goals print the same)."""

    def __init__(self, names: Mapping[int, str], *, canonical: bool = False) -> None:
        self.names = names
        self.canonical = canonical

    def show(self, term: Term) -> str:
        text, _ = self._pp(term, [])
        return text

    def _pp(self, t: Term, bound: list[str]) -> tuple[str, tuple[int, bool]]:
        """Return (text, (precedence, ends-with-open-binder))."""
        match t:
            case FVar(i):
                return self.names.get(i, f"?fv{i}"), (MAX, False)
            case BVar(i):
                return bound[-1 - i], (MAX, False)
            case Const(name) | Lit(name):
                return str(name), (MAX, False)
            case Op(op, a, b) | Rel(op, a, b) | Bin(op, a, b):
                return self._infix(op, a, b, bound)
            case Succ(a):
                return self._arg(a, bound, MAX, dotted=True) + ".succ", (MAX, False)
            case Not(p):
                inner = self._arg(p, bound, 40, last=True)
                return "¬" + inner, (MAX, self._trails(p))
            case App(fn, args):
                parts = [self._arg(fn, bound, MAX)] + [self._arg(x, bound, MAX) for x in args]
                return " ".join(parts), (MAX - 1, False)
            case Binder():
                return self._binder(t, bound), (0, True)
        raise TypeError(t)

    def _trails(self, t: Term) -> bool:
        return isinstance(t, Binder) or (isinstance(t, Not) and self._trails(t.p))

    def _arg(self, t: Term, bound: list[str], need: int, *, last: bool = False, dotted: bool = False) -> str:
        text, (prec, trailing) = self._pp(t, bound)
        if dotted and not isinstance(t, (FVar, BVar, Const, Lit, Succ)):
            return f"({text})"
        if last and isinstance(t, Binder):
            return text
        if prec < need or (trailing and not last):
            return f"({text})"
        return text

    def _infix(self, op: str, a: Term, b: Term, bound: list[str]) -> tuple[str, tuple[int, bool]]:
        prec, lmin, rmin = INFIX[op]
        left = self._arg(a, bound, lmin)
        right_text, (rprec, trailing) = self._pp(b, bound)
        if rprec < rmin and not trailing:
            right_text, trailing = f"({right_text})", False
        return f"{left} {op} {right_text}", (prec, trailing)

    def _fresh(self, name: str, body: Term, bound: list[str]) -> str:
        if self.canonical:
            return f"·{len(bound)}"
        taken = {self.names.get(i, "") for i in fvars(body)}
        taken |= {bound[-k] for k in _loose_indices(body, 0) if 0 < k <= len(bound)}
        if name not in taken:
            return name
        k = 1
        while f"{name}_{k}" in taken:
            k += 1
        return f"{name}_{k}"

    def _binder(self, t: Binder, bound: list[str]) -> str:
        if t.q == "∃":
            names: list[str] = []
            body: Term = t
            while isinstance(body, Binder) and body.q == "∃":
                nm = self._fresh(body.name, body.body, bound)
                names.append(nm)
                bound = [*bound, nm]
                body = body.body
            return f"∃ {' '.join(names)}, {self._pp(body, bound)[0]}"
        groups: list[str] = []
        body = t
        while isinstance(body, Binder) and body.q == "∀":
            ty, imp = body.ty, body.implicit
            ty_text = self._pp(ty, bound)[0]
            names = []
            while isinstance(body, Binder) and body.q == "∀" and body.ty == ty and body.implicit == imp:
                nm = self._fresh(body.name, body.body, bound)
                names.append(nm)
                bound = [*bound, nm]
                body = body.body
                if has_loose(ty):
                    break
            opn, cls = ("{", "}") if imp else ("(", ")")
            groups.append(f"{opn}{' '.join(names)} : {ty_text}{cls}")
        return f"∀ {' '.join(groups)}, {self._pp(body, bound)[0]}"


def _loose_indices(t: Term, depth: int) -> set[int]:
    """Indices (relative to the binder enclosing `t`) of the bound variables `t` refers to."""
    if isinstance(t, BVar):
        return {t.idx - depth} if t.idx >= depth else set()
    if isinstance(t, Binder):
        return _loose_indices(t.ty, depth) | _loose_indices(t.body, depth + 1)
    out: set[int] = set()
    for c in children(t):
        out |= _loose_indices(c, depth)
    return out
