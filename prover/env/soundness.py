"""The soundness gate shared by the real-Lean backends.

Two layers. `screen_tactic` refuses, before Lean ever sees it, any text that is not a tactic sequence
over allowlisted tactics (so no `sorry`, new axioms, `native_decide`, metaprograms, options that change
the kernel's limits, commands smuggled after the tactic block). `judge_recheck` then decides a whole-script re-check,
run as a fresh command, from Lean's own messages and its `#print axioms` answer: no error, no `sorry`
warning, and no axiom beyond the three standard ones. A proof counts only when both agree.

The screen is an allowlist over parsed tactics (`tactic_syntax`, tables in `allowlist`): what it
cannot parse, or finds a head for that is not listed, is refused with the reason. Scripts are built
and split at "\\n" only (`script_lines`), the line discipline Lean's own comments follow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prover.env.base import CheckResult
from prover.env.tactic_syntax import Refused, check_tactic

STANDARD_AXIOMS = frozenset({"propext", "Classical.choice", "Quot.sound"})
# `native_decide` proofs rest on the compiler being right, which Lean records as this axiom.
NATIVE_AXIOMS = frozenset({"Lean.ofReduceBool", "Lean.trustCompiler"})


def screen_tactic(text: str, *, allow_native_decide: bool = False) -> str | None:
    """Return why `text` (one tactic or a whole script) is refused, or None when it may go to Lean.

    An allowlist over parsed tactics (`tactic_syntax.check_tactic`, tables in `allowlist`): every
    tactic head must be listed, term arguments may not contain code-running forms, and the text may
    contain no line separator but "\\n". `allow_native_decide`: accept `native_decide` (and
    `decide +native`), whose proofs trust the compiler through the `Lean.ofReduceBool` axiom; off by
    default because a compiler bug would make the prover accept a false theorem.
    """
    return _screen(text, allow_native_decide)


@functools.lru_cache(maxsize=65536)
def _screen(text: str, allow_native: bool) -> str | None:
    try:
        check_tactic(text, allow_native=allow_native)
    except Refused as refused:
        return str(refused)
    return None


def allowed_axioms(*, allow_native_decide: bool = False) -> frozenset[str]:
    return STANDARD_AXIOMS | NATIVE_AXIOMS if allow_native_decide else STANDARD_AXIOMS


_DECL = re.compile(
    r"^\s*(?:@\[[^\]]*\]\s*)?(?:private\s+|protected\s+)?(theorem|lemma|example)\b\s*([^\s:({\[]*)"
)


def named_statement(statement: str, fallback_name: str) -> tuple[str, str]:
    """Return the statement as a `theorem` with a name, and that name (for `#print axioms`).

    `example`s and `lemma`s (a Mathlib keyword) become `theorem`s; an unnamed one gets `fallback_name`
    with characters Lean would not accept replaced.
    """
    match = _DECL.match(statement)
    if match is None:
        raise ValueError(f"not a theorem, lemma or example statement: {statement[:80]!r}")
    keyword, name = match.group(1), match.group(2)
    if keyword == "example" or not name:
        name = re.sub(r"[^\w.']", "_", fallback_name) or "conformance_theorem"
        return f"{statement[: match.start(1)]}theorem {name}{statement[match.end(1) :]}", name
    if keyword == "lemma":
        return f"{statement[: match.start(1)]}theorem{statement[match.end(1) :]}", name
    return statement, name


def script_lines(script: str) -> list[str]:
    """The lines of a script as Lean sees them: split at "\\n" only (Lean's `--` comment ends only
    there; Python's `splitlines` would also split at "\\r", "\\x0b", "\\u2028", ...)."""
    return script.split("\n")


def indent_script(script: str, indent: str = "  ") -> str:
    """The script with every non-blank line indented, lines joined by "\\n" only."""
    return "\n".join(f"{indent}{line}" if line.strip() else "" for line in script_lines(script))


def proof_command(statement: str, script: str) -> str:
    """The Lean command `statement := by <script>`, the script's lines indented under `by`."""
    return f"{statement} := by\n{indent_script(script)}"


@dataclass(frozen=True)
class LeanMessage:
    """One message Lean printed for a command or a tactic (severity: error, warning or info)."""

    severity: str
    text: str
    line: int = 0
    column: int = 0


# Lean quotes the word with backticks since 2024 and with apostrophes before.
_SORRY_WARNING = re.compile(r"declaration uses [`']sorry[`']")


def is_sorry_warning(message: LeanMessage) -> bool:
    return message.severity == "warning" and _SORRY_WARNING.search(message.text) is not None


def first_error(messages: Iterable[LeanMessage]) -> LeanMessage | None:
    return next((m for m in messages if m.severity == "error"), None)


_AXIOMS = re.compile(r"'([^']+(?:'[^']+)*)' depends on axioms: \[([^\]]*)\]")
_NO_AXIOMS = re.compile(r"'[^\n]*' does not depend on any axioms")


def parse_axioms(text: str) -> frozenset[str] | None:
    """The axioms named in a `#print axioms` answer, or None when `text` is not such an answer."""
    match = _AXIOMS.search(text)
    if match:
        return frozenset(a.strip() for a in match.group(2).split(",") if a.strip())
    if _NO_AXIOMS.search(text):
        return frozenset()
    return None


def judge_recheck(
    messages: Sequence[LeanMessage],
    axiom_messages: Sequence[LeanMessage],
    *,
    allow_native_decide: bool = False,
) -> CheckResult:
    """Decide a whole-proof re-check from the proof command's messages and `#print axioms`' messages."""
    error = first_error(messages)
    if error is not None:
        return CheckResult(False, f"Lean error at {error.line}:{error.column}: {error.text}")
    if any(is_sorry_warning(m) for m in messages):
        return CheckResult(False, "the proof uses sorry")
    answers = [parse_axioms(m.text) for m in axiom_messages]
    axioms = next((a for a in answers if a is not None), None)
    if axioms is None:
        return CheckResult(False, "no #print axioms answer: " + " | ".join(m.text for m in axiom_messages))
    extra = axioms - allowed_axioms(allow_native_decide=allow_native_decide)
    if extra:
        return CheckResult(False, f"the proof depends on non-standard axioms: {', '.join(sorted(extra))}")
    return CheckResult(True)
