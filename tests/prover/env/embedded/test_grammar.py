"""The tactic grammar (`grammar.parse_script`) groups and rejects scripts as Lean 4's parser does."""

from __future__ import annotations

import pytest

from prover.env.embedded.grammar import ParseError, parse_script
from prover.env.embedded.lexer import is_ident


def shape(text: str) -> list[str]:
    """A compact rendering of the parse: name(children...)."""

    def show(t) -> str:
        if t.name == "<;>":
            return f"({show(t.kids[0])} <;> {show(t.kids[1])})"
        if t.body:
            return t.name + "[" + " | ".join("; ".join(show(x) for x in b) for b in t.body) + "]"
        return t.name

    return [show(t) for t in parse_script(text).tactics]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # `try` takes a whole tacticSeq: `try a; b` is `try (a; b)` (Init/Tactics.lean).
        ("try contradiction; decide", ["try[contradiction; decide]"]),
        ("all_goals omega; rfl", ["all_goals[omega; rfl]"]),
        # `<;>` is a trailing parser of precedence 1 with a right side at 2: left-associative.
        ("constructor <;> omega <;> rfl", ["((constructor <;> omega) <;> rfl)"]),
        ("try constructor <;> omega", ["try[(constructor <;> omega)]"]),
        ("constructor <;> try omega", ["(constructor <;> try[omega])"]),
        ("omega; rfl", ["omega", "rfl"]),
        ("first | omega | rfl", ["first[omega | rfl]"]),
        ("constructor\n· omega\n· rfl", ["constructor", "·[omega]", "·[rfl]"]),
        ("· constructor\n  · omega\n  rfl", ["·[constructor; ·[omega]; rfl]"]),
        ("case zero => rfl\nnext => omega", ["case[rfl]", "next[omega]"]),
        ("(omega; rfl)", ["([omega; rfl]"]),
        ("try\n  omega\n  rfl\ndecide", ["try[omega; rfl]", "decide"]),
    ],
)
def test_grouping(script: str, expected: list[str]) -> None:
    assert shape(script) == expected


def test_term_arguments_are_glued_across_more_indented_lines() -> None:
    (tac,) = parse_script("exact foo\n  bar baz").tactics
    assert tac.name == "exact" and tac.args == "foo bar baz"
    (have,) = parse_script("have h : ∀ m : Nat, m = m := fun m => rfl").tactics
    assert have.parts == ("∀ m : Nat, m = m", "fun m => rfl")


@pytest.mark.parametrize(
    ("script", "line", "col"),
    [
        ("omega h", 1, 6),  # a tactic without arguments followed by a token
        ("intro h\nomega\n  decide", 3, 2),  # a more-indented line glued onto `omega`
        ("decide foo", 1, 7),
        ("constructor\n  exact h", 2, 2),
        ("intro (h | h)", 1, 9),  # `(h | h)` is not a term
        ("exact a✝", 1, 7),  # `✝` is not an identifier character
        ("intro fun", 1, 6),  # keywords are not names
        ("frobnicate", 1, 0),
        ("omega\n exact h", 2, 1),  # right of the sequence's column: glued onto `omega`
        ("try", 1, 3),
        ("rfl;; rfl", 1, 4),
        ("have h : 1 = 1", 1, 14),  # core `have` needs `:=`
        ("exact (h", 1, 8),
        ("cases h with\n| inl a b => rfl | x", 2, 20),
    ],
)
def test_parse_errors_name_the_position(script: str, line: int, col: int) -> None:
    with pytest.raises(ParseError) as err:
        parse_script(script)
    assert (err.value.line, err.value.col) == (line, col), err.value


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("h", True),
        ("h₁", True),
        ("x'", True),
        ("α", True),
        ("ℕ", True),
        ("h!", True),
        ("_x", True),
        ("λ", False),
        ("Π", False),
        ("Σ", False),
        ("a✝", False),
        ("1a", False),
        ("fun", False),
        ("at", False),
        ("_", False),
        ("Nat.add_comm", True),
    ],
)
def test_identifiers_follow_is_id_first_and_rest(name: str, ok: bool) -> None:
    assert is_ident(name) is ok


def test_more_indented_line_after_intro_is_more_names() -> None:
    # `intro`'s arguments are `colGt term:max`, and `exact` is not a reserved word: Lean reads this as
    # `intro h exact h` (which then fails for want of binders, not in the parser).
    (tac,) = parse_script("intro h\n exact h").tactics
    assert tac.parts == ("h", "exact", "h")


def test_forbidden_and_unsupported_tactics() -> None:
    with pytest.raises(ParseError, match="not allowed"):
        parse_script("intro h\nsorry")
    with pytest.raises(ParseError, match="not supported"):
        parse_script("simp_all")
    with pytest.raises(ParseError, match="not supported"):
        parse_script("exact é")
