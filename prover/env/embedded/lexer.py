"""Lean 4's token rules for tactic scripts and terms: identifiers, numerals, symbols, comments.

Identifier characters follow `isIdFirst`/`isIdRest` of src/Init/Meta.lean: ASCII letters, `_`, Greek
letters other than λ Π Σ, Coptic, polytonic Greek, the letter-like block U+2100-214F and the
mathematical alphanumerics U+1D49C-1D59F; after the first character also ASCII digits, `'`, `!`, `?`
and subscripts. `✝` is in neither set, so an inaccessible name such as `a✝` never lexes as one
identifier. Lean releases differ on Latin-1/Latin Extended-A letters (`é`) and the subscript `ⱼ`
(added to `isLetterLike`/`isSubScriptAlnum` in later sources), so those are refused as unsupported
rather than guessed. A `.` followed by an identifier start continues a dotted name
(`Nat.add_comm`, `h.left`); `.1` after a name is a separate field-index token, as in `identFn`
(src/Lean/Parser/Basic.lean).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prover.theorems import block_comment_end

_GREEK_LOWER = "\u03b1-\u03ba\u03bc-\u03c9"  # α..ω without λ (U+03BB)
_GREEK_UPPER = "\u0391-\u039f\u03a1\u03a2\u03a4-\u03a9"  # Α..Ω without Π (U+03A0) and Σ (U+03A3)
_LETTER_LIKE = _GREEK_LOWER + _GREEK_UPPER + "\u03ca-\u03fb\u1f00-\u1ffe\u2100-\u214f\U0001d49c-\U0001d59f"
_SUBSCRIPT = "\u2080-\u2089\u2090-\u209c\u1d62-\u1d6a"
ID_FIRST = "A-Za-z_" + _LETTER_LIKE
ID_REST = ID_FIRST + "0-9'!?" + _SUBSCRIPT
# One dotted identifier: parts joined by `.` when the next character can start an identifier.
IDENT = f"[{ID_FIRST}][{ID_REST}]*(?:\\.[{ID_FIRST}][{ID_REST}]*)*"
IDENT_RE = re.compile(IDENT)
_VERSION_DEPENDENT = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u2c7c]")

# Longest match first; ASCII spellings are Lean's own alternatives (`->` for `→`, `<-` for `←`, ...).
SYMBOLS = (
    "<;>",
    "<->",
    ":=",
    "=>",
    "->",
    "<-",
    "<=",
    ">=",
    "!=",
    "/\\",
    "\\/",
    "?_",
    "·",
    ".",
    "(",
    ")",
    "⟨",
    "⟩",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    ":",
    "|",
    "←",
    "→",
    "↔",
    "∧",
    "∨",
    "¬",
    "=",
    "≠",
    "<",
    ">",
    "≤",
    "≥",
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "∀",
    "∃",
    "λ",
    "↦",
    "⊢",
    "@",
    "!",
    "_",
)
_SYM_RE = re.compile("|".join(re.escape(s) for s in SYMBOLS))
_NUM_RE = re.compile(r"[0-9]+")
_WS_RE = re.compile(r"[ \n\r]+")
# Tokens of Lean's term grammar that are keywords, never identifiers (declared by `syntax`/`leading_parser`
# in the term category, whose leading identifiers are reserved): src/Lean/Parser/Term.lean, Do.lean.
KEYWORDS = frozenset(
    {
        "fun",
        "have",
        "at",
        "with",
        "from",
        "by",
        "then",
        "else",
        "if",
        "let",
        "show",
        "do",
        "match",
        "in",
        "using",
        "Type",
        "Sort",
        "Prop",
        "suffices",
        "calc",
        "nomatch",
        "nofun",
        "where",
        "deriving",
        "forall",
        "mut",
        "return",
        "for",
        "unless",
        "theorem",
        "def",
        "example",
        "instance",
        "structure",
        "inductive",
        "namespace",
        "section",
        "end",
        "open",
        "variable",
        "universe",
        "abbrev",
        "axiom",
        "sorry",
        "generalizing",
    }
)


class LexError(Exception):
    """A character Lean's tokenizer would not accept here; `line` is 1-based, `col` 0-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True, slots=True)
class Token:
    """kind: id | num | sym | kw | eof. `nl`: a line break precedes it; `ws`: whitespace precedes it."""

    kind: str
    text: str
    line: int
    col: int
    nl: bool
    ws: bool


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with positions; a trailing `eof` token sits after the last one."""
    out: list[Token] = []
    line, line_start, pos, n = 1, 0, 0, len(text)
    nl, ws = True, True
    while True:
        while pos < n:
            if text[pos] == "\n":
                line, line_start, pos, nl, ws = line + 1, pos + 1, pos + 1, True, True
            elif text[pos] in " \r":
                pos, ws = pos + 1, True
            elif text.startswith("--", pos):
                end = text.find("\n", pos)
                pos = n if end < 0 else end
            elif text.startswith("/-", pos):
                end = block_comment_end(text, pos)
                if end < 0:
                    raise LexError(line, pos - line_start, "unterminated comment")
                line += text.count("\n", pos, end)
                if "\n" in text[pos:end]:
                    line_start, nl = text.rindex("\n", pos, end) + 1, True
                pos, ws = end, True
            else:
                break
        col = pos - line_start
        if pos >= n:
            out.append(Token("eof", "", line, col, True, True))
            return out
        ch = text[pos]
        if ch == "\t":
            raise LexError(line, col, "tabs are not allowed; please configure your editor to expand them")
        m = IDENT_RE.match(text, pos)
        if m:
            word = m.group()
            bad = _VERSION_DEPENDENT.search(text, m.end(), m.end() + 1)
            if bad:
                msg = f"embedded: identifier character {bad.group()!r} is not supported"
                raise LexError(line, col + len(word), msg)
            kind = "sym" if word == "_" else "kw" if word in KEYWORDS else "id"
            out.append(Token(kind, word, line, col, nl, ws))
        elif (m := _NUM_RE.match(text, pos)) is not None:
            out.append(Token("num", m.group(), line, col, nl, ws))
        elif (m := _SYM_RE.match(text, pos)) is not None:
            out.append(Token("sym", m.group(), line, col, nl, ws))
        elif _VERSION_DEPENDENT.match(ch):
            raise LexError(line, col, f"embedded: identifier character {ch!r} is not supported")
        else:
            raise LexError(line, col, f"unexpected token {ch!r}")
        pos += len(m.group())
        nl, ws = False, False


def is_ident(name: str) -> bool:
    """Whether `name` is one Lean identifier (dotted parts allowed) and not a keyword."""
    return IDENT_RE.fullmatch(name) is not None and name not in KEYWORDS and name != "_"


def join(tokens: list[Token]) -> str:
    """The tokens as source text: one space wherever the source had whitespace, nothing elsewhere."""
    parts: list[str] = []
    for i, tok in enumerate(tokens):
        if i and tok.ws:
            parts.append(" ")
        parts.append(tok.text)
    return "".join(parts)
