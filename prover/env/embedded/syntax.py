"""Tokenizer and Pratt parser for Lean 4 term syntax (surface trees, before elaboration).

Surface trees are tuples: ("id", name), ("num", n), ("app", f, args), ("bin", op, a, b), ("not", a),
("binder", q, groups, body) with groups of (names, type-or-None, implicit), ("fun", names, body),
("anon", items), ("proj", e, field), ("hole",), ("synth",) for `?_`, ("typed", e, type), ("explicit",
name) for `@name`, ("by", k) for
a nested tactic block registered in `blocks`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from prover.env.embedded.lexer import IDENT, KEYWORDS
from prover.env.embedded.pretty import INFIX

MAX_DEPTH = 150
MAX_LEN = 4000

Syn = tuple[Any, ...]


class ParseError(Exception):
    """The text is not in the supported term syntax; the message says what was found."""


_TOKEN = re.compile(
    rf"\s*(?:(?P<num>\d+)|(?P<id>{IDENT})|⟪(?P<by>\d+)⟫"
    r"|(?P<sym><->|->|<=|>=|/\\|\\/|=>|\?_|[()⟨⟩,:↔→∧∨¬=≠<≤>≥+\-*/%^∀∃λ↦{}.·|←@]))"
)
_ASCII = {"<->": "↔", "->": "→", "<=": "≤", ">=": "≥", "/\\": "∧", "\\/": "∨", "λ": "fun", "↦": "=>"}
_KEYWORDS = {"fun", "at", "with", "from"}
_BINDER_PREDS = {">", "≥", "<", "≤", "≠"}


def tokenize(text: str) -> list[tuple[str, str]]:
    if len(text) > MAX_LEN:
        raise ParseError(f"input of {len(text)} characters is too long")
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ParseError(f"unexpected character {text[pos:].lstrip()[:1]!r}")
        pos = m.end()
        if m.group("num") is not None:
            out.append(("num", m.group("num")))
        elif m.group("by") is not None:
            out.append(("by", m.group("by")))
        elif m.group("id") is not None:
            word = m.group("id")
            if word in KEYWORDS and word not in _KEYWORDS and word not in ("Prop", "Type", "Sort"):
                raise ParseError(f"unexpected token '{word}'")
            out.append(("kw" if word in _KEYWORDS else "id", word))
        else:
            sym = m.group("sym")
            sym = _ASCII.get(sym, sym)
            out.append(("kw" if sym == "fun" else "sym", sym))
    return out


class Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str]:
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", "")

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, sym: str) -> None:
        kind, val = self.take()
        if val != sym or kind == "eof":
            raise ParseError(f"expected '{sym}', found '{val or 'end of input'}'")

    def at(self, sym: str) -> bool:
        kind, val = self.peek()
        return kind in ("sym", "kw") and val == sym

    def term(self, prec: int = 0) -> Syn:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError("term is nested too deeply")
        try:
            left = self._leading()
            while True:
                kind, val = self.peek()
                if kind != "sym" or val not in INFIX:
                    break
                own, lmin, rmin = INFIX[val]
                if own < prec:
                    break
                self.take()
                left = ("bin", val, left, self.term(rmin))
            return left
        finally:
            self.depth -= 1

    def _leading(self) -> Syn:
        kind, val = self.peek()
        if kind == "sym" and val == "¬":
            self.take()
            return ("not", self.term(40))
        if kind == "sym" and val in ("∀", "∃"):
            self.take()
            return self._binder(val)
        if kind == "kw" and val == "fun":
            self.take()
            names: list[Any] = []
            while True:
                if self.peek()[0] == "id" or self.at("_"):
                    names.append(self.take()[1])
                elif self.at("⟨"):
                    # `fun ⟨a, b⟩ => e` is `fun x => match x with | ⟨a, b⟩ => e`: kept as the pattern.
                    names.append(self._atom())
                elif self.at("{") or self.at("("):
                    names.extend(self._fun_group())
                else:
                    break
            if names and self.at(":"):
                self.take()
                ty = self.term(0)
                names = [("typed", n, ty) if isinstance(n, str) else n for n in names]
            if not names:
                raise ParseError("expected a name after 'fun'")
            self.expect("=>")
            return ("fun", tuple(names), self.term(0))
        head = self._atom()
        args = []
        while self._starts_atom():
            args.append(self._atom())
        return ("app", head, tuple(args)) if args else head

    def _fun_group(self) -> list[Any]:
        """`{x y}` (implicit binders) or `(x y : T)` in a `fun`."""
        close = "}" if self.take()[1] == "{" else ")"
        names = []
        while self.peek()[0] == "id" or self.at("_"):
            names.append(self.take()[1])
        if not names:
            raise ParseError("expected a name in a 'fun' binder")
        ty = None
        if self.at(":"):
            self.take()
            ty = self.term(0)
        self.expect(close)
        if close == "}":
            return [("implicit", n, ty) for n in names]
        if ty is None:
            raise ParseError("expected ':' in a parenthesized 'fun' binder")
        return [("typed", n, ty) for n in names]

    def _starts_atom(self) -> bool:
        kind, val = self.peek()
        return kind in ("id", "num", "by") or (kind == "sym" and val in ("(", "⟨", "?_", "_", "@"))

    def _atom(self) -> Syn:
        kind, val = self.take()
        if kind == "num":
            node: Syn = ("num", int(val))
        elif kind == "by":
            node = ("by", int(val))
        elif val == "@":
            kind, name = self.take()
            if kind != "id":
                raise ParseError("expected an identifier after '@'")
            node = ("explicit", name)
        elif kind == "id":
            node = ("hole",) if val == "_" else ("id", val)
        elif val == "?_":
            node = ("synth",)
        elif val == "(":
            inner = self.term(0)
            if self.at(":"):
                self.take()
                inner = ("typed", inner, self.term(0))
            self.expect(")")
            node = ("paren", inner)
        elif val == "⟨":
            items = []
            if not self.at("⟩"):
                items.append(self.term(0))
                while self.at(","):
                    self.take()
                    items.append(self.term(0))
            self.expect("⟩")
            node = ("anon", tuple(items))
        else:
            raise ParseError(f"unexpected '{val or 'end of input'}'")
        while self.at(".") or (self.peek()[0] == "id" and self.peek()[1].startswith(".")):
            self.take()
            kind, field = self.take()
            if kind not in ("id", "num"):
                raise ParseError("expected a field name after '.'")
            node = ("proj", node, field)
        return node

    def _binder(self, q: str) -> Syn:
        groups: list[tuple[tuple[str, ...], Syn | None, bool]] = []
        while True:
            if self.at("(") or self.at("{"):
                close = ")" if self.take()[1] == "(" else "}"
                names = self._names()
                self.expect(":")
                groups.append((names, self.term(0), close == "}"))
                self.expect(close)
            elif self.peek()[0] == "id":
                names = self._names()
                ty = None
                if self.at(":"):
                    self.take()
                    ty = self.term(0)
                elif len(names) == 1 and self.peek()[1] in _BINDER_PREDS and self.peek()[0] == "sym":
                    return self._binder_pred(q, names[0])
                groups.append((names, ty, False))
                break
            else:
                break
        if not groups:
            raise ParseError(f"expected a binder after '{q}'")
        self.expect(",")
        return ("binder", q, tuple(groups), self.term(0))

    def _binder_pred(self, q: str, name: str) -> Syn:
        """`∃ x > y, p` is `∃ x, x > y ∧ p`; `∀ x > y, p` is `∀ x, x > y → p` (Init/BinderPredicates)."""
        op = self.take()[1]
        bound = self.term(0)
        self.expect(",")
        body = self.term(0)
        pred = ("bin", op, ("id", name), bound)
        return ("binder", q, (((name,), None, False),), ("bin", "∧" if q == "∃" else "→", pred, body))

    def _names(self) -> tuple[str, ...]:
        names = []
        while self.peek()[0] == "id":
            names.append(self.take()[1])
        if not names:
            raise ParseError(f"expected a name, found '{self.peek()[1]}'")
        return tuple(names)


@lru_cache(maxsize=65536)
def parse_term(text: str) -> Syn:
    """Parse a whole term; raises ParseError (never RecursionError) on bad or oversized input."""
    parser = Parser(tokenize(text))
    node = parser.term(0)
    if parser.peek()[0] != "eof":
        raise ParseError(f"unexpected '{parser.peek()[1]}' after term")
    return node
