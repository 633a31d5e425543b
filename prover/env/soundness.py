"""The soundness gate shared by the real-Lean backends.

Two layers. `screen_tactic` refuses, before Lean ever sees it, text that could make Lean accept a proof
that is not one (`sorry`, new axioms, `native_decide`, metaprograms, options that change the kernel's
limits, commands smuggled after the tactic block). `judge_recheck` then decides a whole-script re-check,
run as a fresh command, from Lean's own messages and its `#print axioms` answer: no error, no `sorry`
warning, and no axiom beyond the three standard ones. A proof counts only when both agree.

The screen is textual and conservative: a forbidden word inside a comment or a string is refused too,
which costs a candidate tactic, never soundness.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prover.env.base import CheckResult

STANDARD_AXIOMS = frozenset({"propext", "Classical.choice", "Quot.sound"})
# `native_decide` proofs rest on the compiler being right, which Lean records as this axiom.
NATIVE_AXIOMS = frozenset({"Lean.ofReduceBool", "Lean.trustCompiler"})

# (pattern, reason): words that are never part of an honest tactic proof of a benchmark theorem.
_FORBIDDEN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"\bsorry\b|\bsorryAx\b", "uses sorry"),
        (r"\badmit\b", "uses admit"),
        (
            r"#(?:eval|exit|print|check|reduce|synth|find|help|lint|guard|time|where|simp|conv|norm_num)\b",
            "contains a # command",
        ),
        (r"\brun_(?:cmd|tac|elab|meta)\b", "runs a metaprogram"),
        (r"\b(?:E|Base)?IO\b", "uses IO"),
        (r"\bset_option\b", "changes an option (heartbeats, recursion depth, kernel checks)"),
        (r"unsafe", "uses unsafe code"),
        (r"\bimplemented_by\b|\bextern\b|\bcsimp\b", "replaces code by an implementation"),
        (r"\bdbg_?[Tt]race|\bpanic!", "uses debugging escapes"),
        (r"\bLean\.(?:Elab|Meta|Environment|Kernel|Compiler|addDecl)", "reaches into Lean's internals"),
        (
            r"\b(?:axiom|theorem|lemma|def|example|instance|abbrev|opaque|structure|inductive|class"
            r"|macro|macro_rules|syntax|elab|elab_rules|notation|infix|infixl|infixr|prefix|postfix"
            r"|attribute|import|namespace|section|mutual|universe|variable|initialize"
            r"|builtin_initialize|declare_syntax_cat|deriving)\b",
            "declares something (a command cannot appear inside a tactic)",
        ),
    )
)
_NATIVE = re.compile(r"\bnative_decide\b|\+native\b|\bofReduceBool\b|\breduceBool\b|\btrustCompiler\b")


def screen_tactic(text: str, *, allow_native_decide: bool = False) -> str | None:
    """Return why `text` (one tactic or a whole script) is refused, or None when it may go to Lean.

    `allow_native_decide`: accept `native_decide` (and `decide +native`), whose proofs trust the
    compiler through the `Lean.ofReduceBool` axiom; off by default because a compiler bug would make
    the prover accept a false theorem.
    """
    if not text.strip():
        return "empty tactic"
    for pattern, reason in _FORBIDDEN:
        if pattern.search(text):
            return reason
    if not allow_native_decide and _NATIVE.search(text):
        return "uses native_decide (trusts the compiler; enable allow_native_decide to accept it)"
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


def proof_command(statement: str, script: str) -> str:
    """The Lean command `statement := by <script>`, the script's lines indented under `by`."""
    body = "\n".join(f"  {line}" if line.strip() else "" for line in script.splitlines())
    return f"{statement} := by\n{body}"


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
