"""Fuzzing the screen over unicode and whitespace (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from prover.env import allowlist
from prover.env.soundness import proof_command, screen_tactic

# Every character Python's str.splitlines breaks at, plus tab; of these Lean ends a `--` comment at
# "\n" only.
SEPARATORS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t"
HONEST = [
    "omega",
    "simp [h] at h ⊢",
    "nlinarith [sq_nonneg (a - b)]",
    "exact ⟨h.2, h.1⟩",
    "rcases h with ⟨x, rfl⟩",
]
_FORBIDDEN_WORDS = set(allowlist.FORBIDDEN_NAMES) | set(allowlist.FORBIDDEN_KEYWORDS)
# An identifier as Lean reads it (isIdFirst / isIdRest, Init/Meta.lean); λ is not a letter there.
_LEAN_WORD = re.compile(f"[A-Za-z_{allowlist.GREEK_LETTERS}][A-Za-z_0-9'!?{allowlist.GREEK_LETTERS}]*")


def _code(text: str) -> str:
    """`text` without comments and string literals."""
    return re.sub(r"--[^\n]*", " ", re.sub(r'"(?:[^"\\]|\\.)*"', " ", text))


def _code_words(text: str) -> set[str]:
    """Identifier components outside comments and string literals."""
    return {part for word in _LEAN_WORD.findall(_code(text)) for part in word.split(".")}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(HONEST), st.sampled_from(SEPARATORS), st.integers(min_value=0, max_value=40))
def test_any_separator_anywhere_is_refused(tactic: str, separator: str, at: int) -> None:
    at = min(at, len(tactic))
    for text in (tactic[:at] + separator + tactic[at:], f"{tactic} -- {separator}#exit"):
        refused = screen_tactic(text)
        assert refused is not None and ("line" in refused or "tab" in refused)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HONEST), st.lists(st.sampled_from([" ", "  ", "\n  ", " -- note\n  "]), max_size=6))
def test_whitespace_and_comments_between_tokens_keep_honest_tactics(tactic: str, gaps: list[str]) -> None:
    words = tactic.split(" ")
    text = words[0]
    for i, word in enumerate(words[1:]):
        text += (gaps[i] if i < len(gaps) else " ") + word
    assert screen_tactic(text) is None, text
    assert screen_tactic(f"\n\n{text}   \n") is None


_VOCAB = [
    "omega",
    "simp",
    "exact",
    "h",
    "sorry",
    "admit",
    "native_decide",
    "by",
    "(",
    ")",
    "⟨",
    "⟩",
    "[",
    "]",
    ";",
    "<;>",
    "·",
    "|",
    "=>",
    "fun",
    "x",
    "λ",
    "--",
    "\n",
    "\n  ",
    " ",
    ":=",
    "have",
    "try",
    "first",
    "decide",
    "+native",
    "open",
    "in",
    '"',
    "'",
    "#",
    "%",
    "«",
    "\u2028",
    "\r",
    "rfl",
    ",",
    "at",
    "⊢",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=14))
def test_random_token_soup_never_crashes_and_never_passes_a_forbidden_word(parts: list[str]) -> None:
    text = " ".join(parts)
    refused = screen_tactic(text)
    assert refused is None or isinstance(refused, str)
    if refused is None:
        assert not _code_words(text) & _FORBIDDEN_WORDS, text
        assert not any(ch in text for ch in SEPARATORS + "«`$")
        assert _code(text).count("#") == _code(text).count("#[")
        # the re-check sees the same lines the search applied
        assert proof_command("theorem t : True", text).count("\n") == text.count("\n") + 1


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_arbitrary_unicode_is_refused_unless_in_the_alphabet(text: str) -> None:
    refused = screen_tactic(text)
    allowed = set(allowlist.ALLOWED_SYMBOLS + allowlist.IDENT_SYMBOLS + "\n")
    if any(not (" " <= ch <= "~") and ch not in allowed for ch in text):
        assert refused is not None
    if refused is None:
        assert text.strip() and not _code_words(text) & _FORBIDDEN_WORDS


def test_pathological_inputs_end_in_a_verdict() -> None:
    """Deep nesting and huge inputs are refused with a reason, never a RecursionError."""
    assert "nested too deeply" in screen_tactic("(" * 5000)
    assert "nested too deeply" in screen_tactic("exact " + "(by exact " * 60 + "h" + ")" * 60)
    assert "longer than" in screen_tactic("simp\n" * 5000)
    assert screen_tactic("exact " + "(by exact " * 20 + "h" + ")" * 20) is None
    assert screen_tactic("rcases h with " + " | ".join(["a"] * 500)) is None
