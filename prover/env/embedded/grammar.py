"""The fragment's tactic language parsed as Lean 4's parser groups it.

Combinators follow src/Lean/Parser/Extra.lean and Term.lean:
- `tacticSeq1Indented := sepByIndentSemicolon tactic`, i.e. `withPosition (sepBy (checkColGe tactic)
  ("; " <|> checkColEq >> checkLinebreakBefore))` with a trailing `;` allowed: a sequence is fixed at
  the column of its first tactic; the next tactic follows a `;`, or starts a new line at exactly that
  column. Anything else ends the sequence, and whatever is left at the top is a parse error.
- Term arguments extend over tokens right of the sequence's column (`checkColGt` of application
  arguments); inside brackets columns do not matter (`withoutPosition`). So a more-indented next line
  is glued onto the previous tactic's term, and onto a tactic without arguments it is an error.
- `t <;> s` is `macro:1 x:tactic " <;> " y:tactic:2` (src/Init/Tactics.lean): a left-associative
  trailing parser; `try`, `all_goals`, `any_goals`, `·`, `case`, `next` take a whole tactic sequence,
  `first` takes `withPosition((colGe "| " tacticSeq)+)`.
Each tactic's own syntax (what follows its keyword) is the `args` kind of its entry in `table.TACTICS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from prover.env.embedded.blocks import register
from prover.env.embedded.lexer import LexError, Token, is_ident, join, tokenize
from prover.env.embedded.table import TACTICS, Args

MAX_SCRIPT = 200_000
MAX_DEPTH = 60
# Tokens that end a term at bracket depth 0: they belong to the enclosing tactic or sequence.
_TERM_STOP = frozenset({";", "<;>", ")", "]", "⟩", "}", ",", "|", "=>", ":=", ":"})
_KW_STOP = frozenset({"at", "with", "using", "generalizing", "from", "then", "else", "in"})
_OPEN = {"(": ")", "[": "]", "⟨": "⟩", "{": "}"}


class ParseError(Exception):
    """The script is not in Lean's tactic grammar (or not in the fragment: message `embedded: ...`).
    `line` is 1-based, `col` 0-based, as Lean reports positions."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line, self.col, self.message = line, col, message


@dataclass(frozen=True)
class Alt:
    """One `| ctor names => tactics` alternative of `cases ... with` / `induction ... with`."""

    ctor: str
    names: tuple[str, ...]
    body: tuple[Tactic, ...]
    line: int
    col: int


@dataclass(frozen=True)
class Tactic:
    """One parsed tactic. `name` is its table key, or `<;>` (kids: the two sides) or `(` (a
    parenthesized sequence in `body[0]`). `args` is the argument text as written; `parts` its
    arguments split where the grammar separates them; `names` the binder names (`case` tag first);
    `body` nested tactic sequences (`try`, `·`, `case`, `first` alternatives, `have ... := by`)."""

    name: str
    line: int
    col: int
    args: str = ""
    parts: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    body: tuple[tuple[Tactic, ...], ...] = ()
    alts: tuple[Alt, ...] = ()
    kids: tuple[Tactic, ...] = ()


@dataclass(frozen=True)
class ParsedScript:
    text: str
    tactics: tuple[Tactic, ...]


class _Parser:
    def __init__(self, toks: list[Token]) -> None:
        self.toks = toks
        self.i = 0
        self.depth = 0

    # ---- tokens ----------------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.toks[self.i]

    def error(self, message: str, tok: Token | None = None) -> ParseError:
        tok = tok or self.tok
        return ParseError(tok.line, tok.col, message)

    def unexpected(self, expected: str) -> ParseError:
        tok = self.tok
        found = "end of input" if tok.kind == "eof" else f"token '{tok.text}'"
        return self.error(f"unexpected {found}; expected {expected}")

    def at(self, text: str) -> bool:
        return self.tok.kind in ("sym", "kw") and self.tok.text == text

    def expect(self, text: str) -> Token:
        if not self.at(text):
            raise self.unexpected(f"'{text}'")
        tok = self.tok
        self.i += 1
        return tok

    def glued(self, pos: int) -> bool:
        """Whether the current token may continue an argument of a tactic in a sequence at column
        `pos`: on the same line, or on a later line right of `pos` (`checkColGt`)."""
        tok = self.tok
        return tok.kind != "eof" and (not tok.nl or tok.col > pos)

    # ---- sequences -------------------------------------------------------------------------------
    def seq(self) -> tuple[Tactic, ...]:
        """`sepByIndentSemicolon tactic` at the current token's column; at least one tactic."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("embedded: script is nested too deeply")
        pos = self.tok.col
        out = [self.tactic(0, pos)]
        while True:
            if self.at(";"):
                self.i += 1
                if not self._starts_tactic() or self.tok.col < pos:
                    break
            elif not (self.tok.nl and self.tok.col == pos and self._starts_tactic()):
                break
            out.append(self.tactic(0, pos))
        self.depth -= 1
        return tuple(out)

    def _starts_tactic(self) -> bool:
        tok = self.tok
        return tok.kind == "id" or (tok.kind == "sym" and tok.text in ("·", ".", "(")) or tok.text in TACTICS

    def tactic(self, prec: int, pos: int) -> Tactic:
        left = self.leading(pos)
        while prec <= 1 and self.at("<;>"):
            op = self.expect("<;>")
            right = self.tactic(2, pos)
            left = Tactic("<;>", op.line, op.col, kids=(left, right))
        return left

    def leading(self, pos: int) -> Tactic:
        tok = self.tok
        if tok.kind == "sym" and tok.text in ("·", "."):
            self.i += 1
            if self.tok.kind == "eof":
                raise self.unexpected("tactic")
            return Tactic("·", tok.line, tok.col, body=(self.seq(),))
        if tok.kind == "sym" and tok.text == "(":
            self.i += 1
            body = self.seq()
            self.expect(")")
            return Tactic("(", tok.line, tok.col, body=(body,))
        if tok.kind == "kw" and tok.text == "sorry":
            raise self.error("embedded: 'sorry' is not allowed in proofs")
        if tok.kind not in ("id", "kw"):
            raise self.unexpected("tactic")
        rule = TACTICS.get(tok.text)
        if rule is None:
            raise self.error(
                f"unknown tactic '{tok.text}'" if tok.kind == "id" else f"unexpected token '{tok.text}'"
            )
        if rule.args is Args.FORBIDDEN:
            raise self.error(f"embedded: '{tok.text}' is not allowed in proofs")
        if rule.args is Args.UNSUPPORTED:
            raise self.error(f"embedded: the tactic '{tok.text}' is not supported")
        self.i += 1
        return _ARGS[rule.args](self, tok, pos)

    # ---- terms and argument pieces ------------------------------------------------------------
    def term(self, pos: int, stops: frozenset[str] = _TERM_STOP, what: str = "term") -> str:
        """The tokens of one term (re-joined): greedy up to a stop token at bracket depth 0 or a token
        on a later line at or left of column `pos`. A binder's own `:`/`,` (`∀ x : T, p`) and a
        `fun`'s `=>` belong to the term."""
        start = self.i
        out: list[Token] = []
        stack: list[str] = []
        # Per bracket level: binders (`∀`/`∃`) awaiting their `,`, and `fun`s awaiting their `=>`.
        pending: list[list[int]] = [[0, 0]]
        while True:
            tok = self.tok
            text = tok.text if tok.kind in ("sym", "kw") else ""
            if tok.kind == "eof":
                if stack:
                    raise self.unexpected(f"'{stack[-1]}'")
                break
            level = pending[-1]
            if not stack:
                if self.i > start and tok.nl and tok.col <= pos:
                    break
                if tok.kind == "kw" and text in _KW_STOP:
                    break
                if text == "sorry":
                    raise self.error("embedded: 'sorry' is not allowed in proofs")
            if text == "by":
                # `Term.byTactic`: the block takes a whole tactic sequence, which ends at the first
                # token it cannot continue with (a closing bracket, `,`, a line left of it).
                self.i += 1
                if self.tok.kind == "eof":
                    raise self.unexpected("tactic")
                key = register(self.seq())
                out.append(Token("sym", f"⟪{key}⟫", tok.line, tok.col, tok.nl, tok.ws))
                continue
            if text in ("∀", "∃"):
                level[0] += 1
            elif text in ("fun", "λ"):
                level[1] += 1
            elif text == "," and level[0]:
                level[0] -= 1
            elif text in ("=>", "↦") and level[1]:
                level[1] -= 1
            elif text == ":" and (level[0] or level[1]):
                pass
            elif not stack and text in stops:
                break
            elif text in _OPEN:
                stack.append(_OPEN[text])
                pending.append([0, 0])
            elif text in (")", "]", "⟩", "}"):
                if not stack or stack.pop() != text:
                    raise self.error(f"unexpected token '{text}'")
                pending.pop()
            out.append(tok)
            self.i += 1
        if self.i == start:
            raise self.unexpected(what)
        return join(out)

    def group(self) -> str:
        """One bracketed group `( ... )` / `⟨ ... ⟩` / `[ ... ]` (the current token opens it)."""
        start = self.i
        stack = [_OPEN[self.tok.text]]
        self.i += 1
        while stack:
            tok = self.tok
            if tok.kind == "eof":
                raise self.unexpected(f"'{stack[-1]}'")
            if tok.kind == "sym" and tok.text in _OPEN:
                stack.append(_OPEN[tok.text])
            elif tok.kind == "sym" and tok.text in (")", "]", "⟩", "}"):
                if stack.pop() != tok.text:
                    raise self.error(f"unexpected token '{tok.text}'")
            self.i += 1
        return join(self.toks[start : self.i])

    def binder_ident(self) -> str:
        """`binderIdent := ident <|> hole`."""
        tok = self.tok
        if tok.kind == "id" or (tok.kind == "sym" and tok.text == "_"):
            self.i += 1
            return tok.text
        raise self.unexpected("identifier or '_'")

    def binder_idents(self, pos: int, *, at_least: int = 0) -> tuple[str, ...]:
        names = []
        while self.glued(pos) and (self.tok.kind == "id" or self.at("_")):
            names.append(self.binder_ident())
        if len(names) < at_least:
            raise self.unexpected("identifier or '_'")
        return tuple(names)

    def names_to_arrow(self, several: str) -> tuple[str, ...]:
        """`binderIdent* =>` of an alternative or `case`; a `|` before `=>` is refused with `several`."""
        names = []
        while not self.at("=>"):
            if self.tok.kind == "eof":
                raise self.unexpected("'=>'")
            if self.at("|"):
                raise self.error(several)
            names.append(self.binder_ident())
        self.expect("=>")
        return tuple(names)

    def pattern(self, pos: int) -> str:
        """An rcases pattern up to the end of the tactic (`rcasesPatLo`, `|` alternatives allowed)."""
        return self.term(pos, frozenset({";", "<;>", ")", "]", "⟩", "}", ":=", ":"}), "pattern")

    def alternatives(self) -> tuple[Alt, ...]:
        """`withPosition((colGe inductionAlt)+)`, `inductionAlt := "| " (ident <|> hole) binderIdent*
        " => " tacticSeq` (src/Lean/Parser/Tactic.lean, `inductionAlts`)."""
        if not self.at("|"):
            raise self.unexpected("'|' (a tactic after 'with' is not supported)")
        col = self.tok.col
        alts = []
        while self.at("|") and self.tok.col >= col:
            bar = self.expect("|")
            ctor = self.binder_ident()
            names = self.names_to_arrow("embedded: several patterns in one alternative are not supported")
            alts.append(Alt(ctor, names, self.seq(), bar.line, bar.col))
        return tuple(alts)


# ---- argument parsers, one per `Args` kind ------------------------------------------------------
def _none(p: _Parser, tok: Token, pos: int) -> Tactic:
    if p.at("(") and p.glued(pos) and p.tok.ws:
        raise p.error(f"embedded: configuration of '{tok.text}' is not supported")
    return Tactic(tok.text, tok.line, tok.col)


def _term(p: _Parser, tok: Token, pos: int) -> Tactic:
    text = p.term(pos)
    return Tactic(tok.text, tok.line, tok.col, text, (text,))


def _intro(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`"intro" notFollowedBy("|") (ppSpace colGt term:max)*`: names, `_`, or bracketed patterns."""
    if p.at("|"):
        raise p.unexpected("term (intro does not take '|' alternatives; use intro with a match)")
    parts = []
    while p.glued(pos):
        t = p.tok
        if t.kind == "id" or (t.kind == "sym" and t.text == "_"):
            p.i += 1
            parts.append(t.text)
        elif t.kind == "sym" and t.text in ("(", "⟨"):
            text = p.group()
            if t.text == "(" and _top_level_bar(text[1:-1]):
                raise ParseError(t.line, t.col + text.index("|"), "unexpected token '|'; expected ')'")
            parts.append(text)
        else:
            break
    return Tactic(tok.text, tok.line, tok.col, " ".join(parts), tuple(parts))


def _top_level_bar(inner: str) -> bool:
    depth = 0
    for ch in inner:
        depth += ch in "(⟨[{"
        depth -= ch in ")⟩]}"
        if ch == "|" and depth == 0:
            return True
    return False


def _idents(p: _Parser, tok: Token, pos: int) -> Tactic:
    names = p.binder_idents(pos, at_least=1 if tok.text == "rename_i" else 0)
    return Tactic(tok.text, tok.line, tok.col, " ".join(names), names, names)


def _rintro(p: _Parser, tok: Token, pos: int) -> Tactic:
    parts = []
    while p.glued(pos):
        t = p.tok
        if t.kind == "id" or (t.kind == "sym" and t.text == "_"):
            p.i += 1
            parts.append(t.text)
        elif t.kind == "sym" and t.text in ("(", "⟨"):
            parts.append(p.group())
        else:
            break
    if not parts:
        raise p.unexpected("rintro pattern")
    return Tactic(tok.text, tok.line, tok.col, " ".join(parts), tuple(parts))


def _rcases(p: _Parser, tok: Token, pos: int) -> Tactic:
    target = p.term(pos)
    p.expect("with")
    pat = p.pattern(pos)
    return Tactic(tok.text, tok.line, tok.col, f"{target} with {pat}", (target, pat))


def _obtain(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`"obtain" (ppSpace rcasesPatMed)? (" : " term)? (" := " term,+)?`; the value is required here."""
    pat = p.pattern(pos)
    ty = ""
    if p.at(":"):
        p.i += 1
        ty = p.term(pos)
    if not p.at(":="):
        raise p.error("embedded: obtain without ':=' is not supported")
    p.i += 1
    target = p.term(pos)
    text = f"{pat} : {ty} := {target}" if ty else f"{pat} := {target}"
    return Tactic(tok.text, tok.line, tok.col, text, (pat, ty, target))


def _cases(p: _Parser, tok: Token, pos: int) -> Tactic:
    target = p.term(pos)
    if p.at(":") or p.at(","):
        raise p.error(f"embedded: this form of '{tok.text}' is not supported")
    if p.at("using") or p.at("generalizing"):
        raise p.error(f"embedded: '{tok.text} ... {p.tok.text}' is not supported")
    alts: tuple[Alt, ...] = ()
    if p.at("with"):
        p.i += 1
        alts = p.alternatives()
    return Tactic(tok.text, tok.line, tok.col, target, (target,), alts=alts)


def _exists(p: _Parser, tok: Token, pos: int) -> Tactic:
    parts = [p.term(pos)]
    while p.at(","):
        p.i += 1
        parts.append(p.term(pos))
    return Tactic(tok.text, tok.line, tok.col, ", ".join(parts), tuple(parts))


def _have(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`have` haveIdDecl: `have (ident)? (: type)? := term`; the term may be `by tacticSeq`."""
    names: tuple[str, ...] = ()
    if p.at("⟨") or p.at("("):
        raise p.error("embedded: 'have' with a pattern is not supported")
    if p.tok.kind == "id" or p.at("_"):
        names = (p.binder_ident(),)
    ty = ""
    if p.at(":"):
        p.i += 1
        ty = p.term(pos)
    if not p.at(":="):
        raise p.unexpected("':=' (core Lean's have needs a value)")
    p.i += 1
    if p.at("by"):
        p.i += 1
        body = p.seq()
        return Tactic(tok.text, tok.line, tok.col, ty, (ty, ""), names, body=(body,))
    value = p.term(pos)
    return Tactic(tok.text, tok.line, tok.col, ty, (ty, value), names)


def _rw(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`"rw " (config)? rwRuleSeq (location)?`, `rwRuleSeq := "[" rwRule,*,? "]"`."""
    start = p.i
    if not p.at("["):
        raise p.unexpected("'['")
    p.group()
    _location(p, pos)
    return Tactic(tok.text, tok.line, tok.col, join(p.toks[start : p.i]))


def _location(p: _Parser, pos: int) -> None:
    """`location := " at " (locationWildcard <|> locationHyp)`."""
    if p.at("at"):
        p.i += 1
        if not (p.glued(pos) and (p.tok.kind == "id" or p.at("⊢"))):
            raise p.unexpected("hypothesis name")
        while p.glued(pos) and (p.tok.kind == "id" or p.at("⊢")):
            p.i += 1


def _simp(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`"simp" optConfig (discharger)? (&" only")? (" [" simpLemma,* "]")? (location)?`."""
    start = p.i
    if p.glued(pos) and p.tok.kind == "id" and p.tok.text == "only":
        p.i += 1
    if p.glued(pos) and p.at("["):
        p.group()
    _location(p, pos)
    return Tactic(tok.text, tok.line, tok.col, join(p.toks[start : p.i]))


def _by_cases(p: _Parser, tok: Token, pos: int) -> Tactic:
    names: tuple[str, ...] = ()
    if p.tok.kind == "id" and p.toks[p.i + 1].text == ":":
        names = (p.tok.text,)
        p.i += 2
    prop = p.term(pos)
    args = f"{names[0]} : {prop}" if names else prop
    return Tactic(tok.text, tok.line, tok.col, args, (prop,), names)


def _seq_arg(p: _Parser, tok: Token, pos: int) -> Tactic:
    if p.tok.kind == "eof":
        raise p.unexpected("tactic")
    return Tactic(tok.text, tok.line, tok.col, body=(p.seq(),))


def _first(p: _Parser, tok: Token, pos: int) -> Tactic:
    if not p.at("|"):
        raise p.unexpected("'|'")
    col = p.tok.col
    bodies = []
    while p.at("|") and p.tok.col >= col:
        p.i += 1
        bodies.append(p.seq())
    return Tactic(tok.text, tok.line, tok.col, body=tuple(bodies))


def _case(p: _Parser, tok: Token, pos: int) -> Tactic:
    """`case tag binderIdent* => tacticSeq` (one tag; `case a | b` is not supported)."""
    tag = (p.binder_ident(),) if tok.text == "case" else ()
    names = tag + p.names_to_arrow("embedded: 'case' with several tags is not supported")
    return Tactic(tok.text, tok.line, tok.col, names=names, body=(p.seq(),))


_ARGS = {
    Args.NONE: _none,
    Args.TERM: _term,
    Args.INTRO: _intro,
    Args.IDENTS: _idents,
    Args.RINTRO: _rintro,
    Args.RCASES: _rcases,
    Args.OBTAIN: _obtain,
    Args.CASES: _cases,
    Args.EXISTS: _exists,
    Args.HAVE: _have,
    Args.RW: _rw,
    Args.SIMP: _simp,
    Args.BY_CASES: _by_cases,
    Args.SEQ: _seq_arg,
    Args.FIRST: _first,
    Args.CASE: _case,
}


@lru_cache(maxsize=65536)
def parse_script(text: str) -> ParsedScript:
    """Parse a tactic block (the text after `by`); raises ParseError at the first position Lean's parser
    would reject (or that lies outside the fragment, with an `embedded:` message)."""
    if len(text) > MAX_SCRIPT:
        raise ParseError(1, 0, f"embedded: script of {len(text)} characters is too long")
    try:
        toks = tokenize(text)
    except LexError as exc:
        raise ParseError(exc.line, exc.col, exc.message) from exc
    p = _Parser(toks)
    if p.tok.kind == "eof":
        raise p.unexpected("tactic")
    tactics = p.seq()
    if p.tok.kind != "eof":
        raise p.unexpected("command" if p.tok.nl else "end of tactic")
    return ParsedScript(text, tactics)


def is_name(text: str) -> bool:
    """Whether `text` can be written as a local name in Lean source."""
    return is_ident(text)
