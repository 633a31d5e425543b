"""The tactic screen: a tokenizer and a parser of tactic structure, checked against `allowlist`.

Every tactic (or whole script) bound for a real Lean goes through `check_tactic`, which raises
`Refused` naming the reason and position unless all of these hold:

- Alphabet: printable ASCII, "\\n" and the notation characters of `allowlist.ALLOWED_SYMBOLS`. So no
  "\\r", "\\x0b", "\\x0c", "\\x1c"-"\\x1e", "\\x85", "\\u2028", "\\u2029" (Python's `splitlines` breaks
  there, Lean's `--` comment does not), no tabs (Lean refuses them), no lookalike or invisible
  characters, no «» quoted names.
- Tokens as Lean reads them (`isIdFirst`/`isIdRest`, Init/Meta.lean: `λ` ends an identifier, `!`
  and `?` do not): no token or name component from `allowlist.FORBIDDEN_*`, no `#` command, no
  quotation, no `x%` elaborator, no prefixed string literal, no block comment.
- Structure: the text parses as a tactic sequence (items separated by `;` or a new line at the
  sequence's column, `<;>`/`<|>` chains, `·` bullets, parenthesised sequences, `case`/`next`,
  `first | ... | ...`, `try`/`repeat`/`all_goals`/... , tactic `if`, `conv => ...`, `| alt =>`
  alternatives) whose every tactic head is on `allowlist.TACTICS` (conv heads on `CONV_TACTICS`), and
  whose term arguments are balanced, with nested `by` blocks checked the same way and configuration
  keys on `allowlist.CONFIG_KEYS`. Anything the parser does not understand is refused.

The parser is deliberately smaller than Lean's: it follows Lean's layout rules (`sepByIndent`: a new
tactic starts at the sequence's column; deeper lines continue the current one) where they decide
which tokens are tactic heads, and refuses where Lean's grammar would need more than this to decide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from prover.env import allowlist as table
from prover.env.allowlist import Shape

MAX_CHARS = 20_000
MAX_NESTING = 48

_ALPHABET = re.compile("[^\n\x20-\x7e" + re.escape(table.ALLOWED_SYMBOLS + table.IDENT_SYMBOLS) + "]")
_ID_FIRST = "A-Za-z_" + table.ID_FIRST_SYMBOLS
_ID_REST = _ID_FIRST + "0-9'!?" + table.SUBSCRIPTS
_IDENT = re.compile(f"[{_ID_FIRST}][{_ID_REST}]*(?:\\.(?:[{_ID_FIRST}][{_ID_REST}]*|[0-9]+))*")
_HOLE = re.compile(f"\\?(?:_|[{_ID_FIRST}][{_ID_REST}]*)")
_NUMBER = re.compile(
    r"0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_CHAR = re.compile(r"'(?:[^'\\\n]|\\.)'")
_SYMBOLS = ("<;>", "<|>", ":=", "=>", "<|", "|>.", "|>", "->", "<-", "<=", ">=", "!=", "==", "&&", "||")
_SYMBOLS += ("::", "..", "#[", "#{", "#(")
_OPENERS = {
    "(": ")",
    "[": "]",
    "#[": "]",
    "#{": "}",
    "#(": ")",
    "⟨": "⟩",
    "⟪": "⟫",
    "{": "}",
    "⦃": "⦄",
    "⌊": "⌋",
    "⌈": "⌉",
    "⁅": "⁆",
    "‹": "›",
}
_CLOSERS = frozenset(_OPENERS.values())
_SEPARATORS = frozenset({";", "<;>", "<|>"})
_TERM_KEYWORDS = frozenset(
    {"by", "fun", "match", "if", "then", "else", "let", "have", "show", "from", "with"}
)


class Refused(ValueError):
    """The tactic may not go to Lean; `str()` is the reason with its position."""

    def __init__(self, reason: str, line: int = 0, column: int = 0) -> None:
        where = f" (line {line}, column {column})" if line else ""
        super().__init__(f"{reason}{where}")
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Token:
    """One token: `kind` is ident, hole, num, str, char or sym; `col` counts characters from 0."""

    kind: str
    text: str
    line: int
    col: int
    line_start: bool
    glued: bool  # no space or newline before it


def _char_reason(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if ch == "\t":
        return "a tab (Lean refuses tabs)"
    if ch in "«»":
        return "a French-quoted name «…» (it escapes name rules)"
    if unicodedata.category(ch)[0] in "CZ":
        return f"control, space or line-separator character U+{ord(ch):04X} {name}: lines break at \\n only"
    return f"character U+{ord(ch):04X} {name} is not in the allowed alphabet (lookalikes are refused)"


def tokenize(text: str) -> list[Token]:
    """Lean's tokens of `text`, without comments; raises `Refused` on anything outside the alphabet."""
    bad = _ALPHABET.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise Refused(_char_reason(bad.group()), line, bad.start() - (text.rfind("\n", 0, bad.start()) + 1))
    tokens: list[Token] = []
    pos, line, line_pos, line_start, glued = 0, 1, 0, True, False
    while pos < len(text):
        ch = text[pos]
        if ch == "\n":
            pos, line, line_pos, line_start, glued = pos + 1, line + 1, pos + 1, True, False
            continue
        if ch == " ":
            pos, glued = pos + 1, False
            continue
        col = pos - line_pos
        if text.startswith("--", pos):
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
            continue
        kind, length = _lex_one(text, pos, line, col, tokens[-1] if glued and tokens else None)
        tokens.append(Token(kind, text[pos : pos + length], line, col, line_start, glued))
        if kind == "str":
            line += text.count("\n", pos, pos + length)
        pos += length
        line_start, glued = False, True
    return tokens


def _lex_one(text: str, pos: int, line: int, col: int, glued_to: Token | None) -> tuple[str, int]:
    ch = text[pos]
    if text.startswith("/-", pos):
        raise Refused("a block comment (not needed in a tactic; its nesting is easy to get wrong)", line, col)
    if ch == "`":
        raise Refused("a quotation or name literal (metaprogramming syntax)", line, col)
    if ch == "$":
        raise Refused("`$` (antiquotation syntax; write `<|` for application)", line, col)
    if ch == "#" and not text.startswith(("#[", "#{", "#("), pos):
        # `#[..]` arrays, `#{..}`/`#(..)` Finset.card; `#word` may be a command (#eval, #exit, ...)
        raise Refused("a `#` command (#eval, #print, #exit, ...)", line, col)
    if text.startswith("@[", pos):
        raise Refused("an attribute `@[...]`", line, col)
    if ch == "%" and glued_to is not None and glued_to.kind == "ident":
        raise Refused(f"the term elaborator `{glued_to.text}%` (eval%, json%, ... run code)", line, col)
    for kind, pattern in (("ident", _IDENT), ("hole", _HOLE), ("num", _NUMBER), ("str", _STRING)):
        match = pattern.match(text, pos)
        if match:
            if kind == "str" and glued_to is not None and glued_to.kind == "ident":
                raise Refused(f'a prefixed string literal `{glued_to.text}"..."` (interpolation)', line, col)
            if kind == "str" and "\n" in match.group():
                raise Refused(
                    "a line break inside a string literal (the re-check indents every line)", line, col
                )
            return kind, match.end() - pos
    if ch == '"':
        raise Refused("an unterminated string literal", line, col)
    if text.startswith("''", pos):  # `f '' s`, Set.image
        return "sym", 2
    if ch == "'" and glued_to is not None and glued_to.text == "]":  # `xs[i]'h`, GetElem with a proof
        return "sym", 1
    match = _CHAR.match(text, pos)
    if match:
        return "char", match.end() - pos
    if ch == "'":
        raise Refused("a stray `'`", line, col)
    for symbol in _SYMBOLS:
        if text.startswith(symbol, pos):
            return "sym", len(symbol)
    return "sym", 1


def check_names(tokens: list[Token], *, allow_native: bool) -> None:
    """Refuse forbidden keywords, names, name components and namespaces, wherever they occur."""
    for tok in tokens:
        if tok.kind not in ("ident", "hole"):
            continue
        name = tok.text.lstrip("?")
        reason = table.FORBIDDEN_KEYWORDS.get(name)
        parts = name.split(".")
        if parts[0] == "_root_" and len(parts) > 1:
            parts = parts[1:]
        if reason is None:
            reason = table.FORBIDDEN_ROOTS.get(parts[0])
        if reason is None and len(parts) > 1 and not table.FORBIDDEN_INNER.isdisjoint(parts):
            reason = "reaches into metaprogramming internals"
        for part in parts:
            if reason is not None:
                break
            if allow_native and part in ("native_decide", *table.NATIVE_KEYS):
                continue
            # `sorry!` is one identifier to Lean (`isIdRest` takes `!`, `?`), refused all the same.
            reason = table.FORBIDDEN_NAMES.get(part) or table.FORBIDDEN_NAMES.get(part.rstrip("!?'"))
            if reason is None and table.FORBIDDEN_COMPONENT.fullmatch(part):
                reason = "uses unsafe code or a metaprogramming monad"
        if reason is not None:
            raise Refused(f"`{tok.text}`: {reason}", tok.line, tok.col)


class _Bar(Enum):
    """What a `|` at the top of a nested sequence means."""

    TOP = "top"  # part of the tactic (rcases patterns, alternatives of this tactic)
    ALT = "alt"  # ends the sequence when it starts the next `| lhs =>` alternative
    FIRST = "first"  # ends the sequence (the next alternative of `first`)


@dataclass
class _Frame:
    """An open bracket of a term and what is pending inside it."""

    closer: str | None = None
    funs: int = 0  # `fun` binders whose `=>` has not come yet
    match: bool = False  # a term `match` or `fun | ...`: `=>` and `|` belong to it
    ifs: int = 0  # term `if`s whose `else` has not come yet


class _Parser:
    def __init__(self, tokens: list[Token], *, allow_native: bool) -> None:
        self.tokens = tokens
        self.i = 0
        self.nesting = 0
        self.allow_native = allow_native

    # helpers ------------------------------------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def refuse(self, reason: str, tok: Token | None = None) -> Refused:
        tok = tok or self.peek()
        if tok is None:
            return Refused(f"{reason} (at the end)")
        return Refused(reason, tok.line, tok.col)

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok is None or tok.text != text:
            found = "the end" if tok is None else f"`{tok.text}`"
            raise self.refuse(f"expected `{text}`, found {found}")
        self.i += 1

    def alternative_bar(self, j: int) -> bool:
        """Whether the `|` at `j` starts a `| lhs =>` alternative (an `=>` follows on its line)."""
        bar, depth = self.tokens[j], 0
        for tok in self.tokens[j + 1 :]:
            if tok.line != bar.line:
                return False
            if tok.text in _OPENERS:
                depth += 1
            elif tok.text in _CLOSERS:
                depth -= 1
                if depth < 0:
                    return False
            elif depth == 0 and tok.text in ("|", ":=", ";"):
                return False
            elif depth == 0 and tok.text == "=>":
                return True
        return False

    def ends_sequence(self, tok: Token, bar: _Bar, in_bracket: bool) -> bool:
        if tok.text in _CLOSERS or tok.text in ("then", "else"):
            return True
        if tok.text == "," and in_bracket:
            return True
        if tok.text == "|" and tok.kind == "sym":
            return bar is _Bar.FIRST or (bar is _Bar.ALT and self.alternative_bar(self.i))
        return False

    # tactic sequences ---------------------------------------------------------------------------

    def sequence(self, heads: dict[str, Shape], bar: _Bar, in_bracket: bool) -> None:
        """`sepByIndent tactic "; "`: items at the column of the first one, or after `;`."""
        first = self.peek()
        if first is None or self.ends_sequence(first, bar, in_bracket):
            raise self.refuse("expected a tactic")
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise self.refuse("tactics nested too deeply")
        column = first.col
        while True:
            self.item(heads, column, bar, in_bracket)
            tok = self.peek()
            if tok is None or self.ends_sequence(tok, bar, in_bracket):
                break
            if tok.text == ";":
                self.i += 1
                tok = self.peek()
                if tok is None or self.ends_sequence(tok, bar, in_bracket):
                    break
                if tok.line_start and tok.col < column:
                    break
                continue
            if tok.line_start and tok.col == column:
                continue
            if tok.line_start and tok.col < column:
                break
            raise self.refuse(f"unexpected `{tok.text}` after a tactic")
        self.nesting -= 1

    def item(self, heads: dict[str, Shape], column: int, bar: _Bar, in_bracket: bool) -> None:
        """A tactic, then `<;> tactic` / `<|> tactic` (trailing parsers of precedence 1)."""
        self.tactic(heads, column, bar, in_bracket)
        while (tok := self.peek()) is not None and tok.text in ("<;>", "<|>"):
            self.i += 1
            self.tactic(heads, column, bar, in_bracket)

    def tactic(self, heads: dict[str, Shape], column: int, bar: _Bar, in_bracket: bool) -> None:
        tok = self.peek()
        if tok is None:
            raise self.refuse("expected a tactic")
        if tok.text in ("·", "."):
            self.i += 1
            self.sequence(heads, bar, in_bracket)
            return
        if tok.text in ("(", "{"):  # `(tacticSeq)` and `tacticSeqBracketed` (Init/Tactics.lean)
            self.i += 1
            self.sequence(heads, _Bar.TOP, True)
            self.expect(_OPENERS[tok.text])
            return
        shape = heads.get(tok.text) if tok.kind == "ident" else None
        if self.allow_native and tok.text == "native_decide" and heads is table.TACTICS:
            shape = Shape.PLAIN
        if shape is None:
            what = "tactic" if tok.kind == "ident" else "token"
            raise self.refuse(f"{what} `{tok.text}` is not on the allowlist (prover/env/allowlist.py)")
        self.i += 1
        if shape is Shape.PLAIN:
            self.options()
            self.arguments(heads, column, bar, in_bracket, tok.text)
        elif shape is Shape.SEQ:
            self.sequence(heads, bar, in_bracket)
        elif shape is Shape.NUM_SEQ:
            if (num := self.peek()) is not None and num.kind == "num":
                self.i += 1
            self.sequence(heads, bar, in_bracket)
        elif shape is Shape.NUM_ARROW_SEQ:
            self.expect_kind("num")
            self.expect("=>")
            self.sequence(heads, bar, in_bracket)
        elif shape is Shape.CASE:
            self.case_tags()
            self.sequence(heads, bar, in_bracket)
        elif shape is Shape.FIRST:
            self.expect("|")
            self.sequence(heads, _Bar.FIRST, in_bracket)
            while (nxt := self.peek()) is not None and nxt.text == "|":
                self.i += 1
                self.sequence(heads, _Bar.FIRST, in_bracket)
        elif shape is Shape.IF:
            self.arguments(heads, column, bar, in_bracket)
            self.expect("then")
            self.sequence(heads, bar, in_bracket)
            self.expect("else")
            self.sequence(heads, bar, in_bracket)
        else:
            self.conv_header()
            self.sequence(table.CONV_TACTICS, bar, in_bracket)

    def expect_kind(self, kind: str) -> None:
        tok = self.peek()
        if tok is None or tok.kind != kind:
            raise self.refuse(f"expected a {kind}")
        self.i += 1

    def case_tags(self) -> None:
        """`case tag x y =>` / `next x =>`: names, `_`, `@` and `|` up to `=>`."""
        while (tok := self.peek()) is not None and tok.text != "=>":
            if tok.kind not in ("ident", "hole") and tok.text not in ("_", "|", "@"):
                raise self.refuse(f"unexpected `{tok.text}` in a case tag")
            self.i += 1
        self.expect("=>")

    def conv_header(self) -> None:
        """`conv (at h)? (in pattern)? =>`: plain names and symbols up to `=>`, no nested tactics."""
        depth = 0
        while (tok := self.peek()) is not None and not (depth == 0 and tok.text == "=>"):
            if tok.text in ("by", "fun", "λ", "match", ";", "<;>"):
                raise self.refuse(f"`{tok.text}` in a conv header")
            depth += tok.text in _OPENERS
            depth -= tok.text in _CLOSERS
            if depth < 0:
                raise self.refuse("unbalanced brackets in a conv header")
            self.i += 1
        self.expect("=>")

    # configuration ------------------------------------------------------------------------------

    def options(self) -> None:
        """`optConfig` right after a head: `(key := value)`, `+key`, `-key` with allowlisted keys."""
        while (tok := self.peek()) is not None:
            nxt, after = self.peek(1), self.peek(2)
            if tok.text == "(" and nxt is not None and nxt.kind == "ident" and after is not None:
                if after.text != ":=":
                    return
                self.config_item()
            elif tok.text in ("+", "-") and nxt is not None and nxt.glued and nxt.text in self.keys():
                self.i += 2
            else:
                return

    def keys(self) -> frozenset[str]:
        return table.CONFIG_KEYS | (table.NATIVE_KEYS if self.allow_native else frozenset())

    def check_key(self, key: Token) -> None:
        if key.text not in self.keys():
            raise self.refuse(f"configuration key `{key.text}` is not on the allowlist", key)

    def config_item(self) -> None:
        """`(config := { k := v, ... })`, `(disch := tactics)` or `(k := literal)`, at `(`."""
        key = self.tokens[self.i + 1]
        self.i += 3
        if key.text in table.CONFIG_TACTIC_KEYS:
            self.sequence(table.TACTICS, _Bar.TOP, True)
        elif key.text == "config":
            self.config_record()
        else:
            self.check_key(key)
            self.config_value()
        self.expect(")")

    def config_record(self) -> None:
        if (tok := self.peek()) is None or tok.text != "{":
            raise self.refuse("a configuration must be a literal `{ key := value, ... }`")
        self.i += 1
        while (tok := self.peek()) is not None and tok.text != "}":
            if tok.kind != "ident":
                raise self.refuse("a configuration must be a literal `{ key := value, ... }`")
            self.check_key(tok)
            self.i += 1
            self.expect(":=")
            self.config_value()
            if (sep := self.peek()) is not None and sep.text == ",":
                self.i += 1
        self.expect("}")

    def config_value(self) -> None:
        """A literal: `true`, `false`, a number, a name or `.name` (never a term that runs tactics)."""
        tok = self.peek()
        if tok is not None and tok.text == ".":
            self.i += 1
            tok = self.peek()
        if tok is None or tok.kind not in ("ident", "num") or tok.text in _TERM_KEYWORDS:
            found = "nothing" if tok is None else f"`{tok.text}`"
            raise self.refuse(f"configuration values are literals, not {found}")
        self.i += 1

    # arguments (term positions) -----------------------------------------------------------------

    def arguments(
        self, heads: dict[str, Shape], column: int, bar: _Bar, in_bracket: bool, head: str = ""
    ) -> None:
        """The rest of a tactic: terms and clauses up to the end of the tactic.

        Ends at `;`, `<;>`, `<|>`, a line at or left of the sequence's column (except a `|`
        alternative at that column), or whatever ends the enclosing sequence. Nested `by` blocks and
        `| lhs =>` tactic alternatives are parsed as tactic sequences; `fun`/`match`/`if` in terms
        own their `=>`, `|` and `else`.
        """
        frames = [_Frame()]
        while (tok := self.peek()) is not None:
            top = frames[-1]
            outer = len(frames) == 1
            if outer and self.ends_arguments(tok, column, bar, in_bracket, top, head):
                return
            if tok.text in _OPENERS:
                if tok.text == "(" and self.is_config_at(self.i):
                    self.config_item()
                    continue
                frames.append(_Frame(closer=_OPENERS[tok.text]))
            elif tok.text in _CLOSERS:
                if tok.text != top.closer:
                    raise self.refuse(f"unbalanced `{tok.text}`")
                frames.pop()
            elif tok.text in _SEPARATORS:
                raise self.refuse(f"`{tok.text}` inside a term")
            elif tok.text == "by":
                self.i += 1
                nested_bar = _Bar.ALT if top.match else (bar if outer else _Bar.TOP)
                self.sequence(table.TACTICS, nested_bar, in_bracket or not outer)
                continue
            elif tok.text in ("=>", "↦"):
                if self.arrow(top, tok, heads, outer, in_bracket):
                    continue
            else:
                self.term_keyword(top, tok)
            self.i += 1
        if len(frames) > 1:
            raise self.refuse(f"unclosed bracket (expected `{frames[-1].closer}`)")

    def ends_arguments(
        self, tok: Token, column: int, bar: _Bar, in_bracket: bool, top: _Frame, head: str
    ) -> bool:
        # At the sequence's column, `| alt` continues the tactic, and so does `_ = ...` a calc step
        # (`calcSteps`: steps are `colGe` their own first step, not the tactic's column).
        continues = tok.text == "|" or (tok.text == "_" and head == "calc")
        if tok.line_start and (tok.col < column or (tok.col == column and not continues)):
            return True
        if tok.text in _SEPARATORS or tok.text in _CLOSERS:
            return True
        if tok.text in ("then", "else") and top.ifs == 0:
            return True
        return tok.text != "else" and tok.text != "then" and self.ends_sequence(tok, bar, in_bracket)

    def is_config_at(self, j: int) -> bool:
        key, arrow = (self.tokens[j + k] if j + k < len(self.tokens) else None for k in (1, 2))
        return (
            key is not None
            and arrow is not None
            and arrow.text == ":="
            and key.text in table.CONFIG_TACTIC_KEYS | {"config"}
        )

    def arrow(self, top: _Frame, tok: Token, heads: dict[str, Shape], outer: bool, in_bracket: bool) -> bool:
        """Handle `=>`/`↦`; True when it opened a tactic alternative (already consumed)."""
        if top.funs:
            top.funs -= 1
            return False
        if top.match or tok.text == "↦":
            return False
        if not outer:
            raise self.refuse("`=>` in a term outside `fun` or `match`")
        self.i += 1
        self.sequence(heads, _Bar.ALT, in_bracket)
        return True

    def term_keyword(self, top: _Frame, tok: Token) -> None:
        if tok.text in ("fun", "λ"):
            nxt = self.peek(1)
            if nxt is not None and nxt.text == "|":
                top.match = True
            else:
                top.funs += 1
        elif tok.text == "match":
            top.match = True
        elif tok.text == "if":
            top.ifs += 1
        elif tok.text == "else":
            if not top.ifs:
                raise self.refuse("`else` without `if`")
            top.ifs -= 1


def check_tactic(text: str, *, allow_native: bool = False) -> None:
    """Raise `Refused` unless `text` (one tactic or a whole script) passes the screen."""
    if len(text) > MAX_CHARS:
        raise Refused(f"longer than {MAX_CHARS} characters")
    tokens = tokenize(text)
    if not tokens:
        raise Refused("empty tactic")
    check_names(tokens, allow_native=allow_native)
    parser = _Parser(tokens, allow_native=allow_native)
    parser.sequence(table.TACTICS, _Bar.TOP, False)
    if (tok := parser.peek()) is not None:
        raise parser.refuse(f"unexpected `{tok.text}`")
