"""Property tests: random scripts never make the kernel accept what a strict re-parse rejects, and never
prove a false statement.

- Mutations of the reference proofs (lean_project/Benchmark/Proofs): token swaps, indentation changes,
  `;` / `<;>` / `try` insertions, unicode look-alikes, line duplications and deletions. An accepted
  mutant must parse under the kernel's grammar (`grammar.parse_script`) and pass an independent lexical
  check of Lean's rules written here (no tab, no `✝`, only characters Lean's tokenizer reads).
- Random closed and linear Nat statements, and random propositional formulas, with random scripts: an
  accepted statement must be true (closed: evaluated; linear: no counterexample on a small grid;
  propositional: a tautology given its hypotheses, by truth table).
Hypothesis runs derandomized (a fixed seed per test), so CI sees the same examples every time.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prover.env.audit import AuditCase, load_reference_proofs, theorem_of
from prover.env.embedded import EmbeddedEnv
from prover.env.embedded.grammar import ParseError, parse_script
from prover.theorems import Theorem

ROOT = Path(__file__).resolve().parents[4]
FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
ENV = EmbeddedEnv(timeout_s=2.0)

Choose = Callable[[Sequence], object]


@lru_cache(maxsize=1)
def references() -> list[AuditCase]:
    return load_reference_proofs(ROOT / "lean_project" / "Benchmark" / "Proofs")


# ---------------------------------------------------------------- an independent strict lexical check

# Characters Lean's tokenizer reads in this fragment: ASCII printables, identifier characters per
# Lean.isLetterLike / isSubScriptAlnum (Greek except λ Π Σ, letter-like symbols, subscripts) and the
# unicode tokens of core notation. Anything else (tabs, no-break or zero-width spaces, ✝, Cyrillic,
# fullwidth forms, the • operator at a tactic's start) is outside what an accepted script may hold.
_TOKENS = set("→←↔∀∃¬∧∨≠≤≥⊢⟨⟩·×∘∣⁻¹↦λ")


def _lean_char(c: str) -> bool:
    o = ord(c)
    return (
        c == "\n"
        or 0x20 <= o < 0x7F
        or c in _TOKENS
        or (0x3B1 <= o <= 0x3C9 and o != 0x3BB)
        or (0x391 <= o <= 0x3A9 and o not in (0x3A0, 0x3A3))
        or 0x3CA <= o <= 0x3FB
        or 0x1F00 <= o <= 0x1FFE
        or 0x2100 <= o <= 0x214F
        or 0x1D49C <= o <= 0x1D59F
        or 0x2080 <= o <= 0x2089
        or 0x2090 <= o <= 0x209C
        or 0x1D62 <= o <= 0x1D6A
    )


def strict_lexical_error(script: str) -> str | None:
    bad = sorted({c for c in script if not _lean_char(c)})
    if bad:
        return f"characters Lean does not read here: {[hex(ord(c)) for c in bad]}"
    if re.search(r"^\s*•", script, re.M):
        return "• is the SMul operator, not a focusing dot"
    return None


# ---------------------------------------------------------------- mutations of reference proofs

LOOKALIKES = {"h": "һ", "·": "•", "⟨": "<", "⟩": ">", " ": "\u00a0", "o": "ο", "a": "а", "e": "е"}
KEYWORDS = ("exact", "intro", "omega", "rfl", "decide", "constructor", "simp", "at", "with", "fun", "by")


def mutate(script: str, choose: Choose, integer: Callable[[int, int], int]) -> str:
    lines = script.split("\n")
    i = integer(0, len(lines) - 1)
    kind = choose(
        [
            "swap",
            "indent",
            "dedent",
            "tab",
            "semicolon",
            "bind",
            "try",
            "lookalike",
            "dup",
            "drop",
            "dagger",
            "kw",
        ]
    )
    if kind == "swap":
        toks = lines[i].split(" ")
        if len(toks) > 1:
            j = integer(0, len(toks) - 2)
            toks[j], toks[j + 1] = toks[j + 1], toks[j]
        lines[i] = " ".join(toks)
    elif kind == "indent":
        lines[i] = " " * integer(1, 3) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][integer(1, 2) :] if lines[i].startswith(" ") else lines[i]
    elif kind == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif kind in ("semicolon", "bind") and i + 1 < len(lines):
        sep = "; " if kind == "semicolon" else " <;> "
        lines[i : i + 2] = [lines[i] + sep + lines[i + 1].strip()]
    elif kind == "try":
        stripped = lines[i].lstrip(" ")
        lines[i] = lines[i][: len(lines[i]) - len(stripped)] + "try " + stripped
    elif kind == "lookalike":
        src = choose(sorted(LOOKALIKES))
        if src in lines[i]:
            lines[i] = lines[i].replace(src, LOOKALIKES[src], 1)
    elif kind == "dup":
        lines.insert(i, lines[i])
    elif kind == "drop" and len(lines) > 1:
        del lines[i]
    elif kind == "dagger":
        lines[i] = re.sub(r"\b(h\w*|[a-z])\b", r"\1✝", lines[i], count=1)
    elif kind == "kw":
        lines[i] = lines[i] + " " + str(choose(KEYWORDS))
    return "\n".join(lines)


def check_mutant(case: AuditCase, script: str) -> None:
    result = ENV.check(case.theorem, script)
    if not result.ok:
        return
    try:
        parse_script(script)
    except ParseError as exc:
        raise AssertionError(f"kernel accepts a script its grammar rejects ({exc}):\n{script}") from exc
    problem = strict_lexical_error(script)
    assert problem is None, f"kernel accepts a script Lean cannot tokenize ({problem}):\n{script!r}"


@FUZZ
@given(st.data())
def test_mutated_reference_proofs(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(references()), label="case")
    script = case.proof
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        script = mutate(
            script,
            lambda seq: data.draw(st.sampled_from(list(seq))),
            lambda lo, hi: data.draw(st.integers(lo, max(lo, hi))),
        )
    check_mutant(case, script)


# ---------------------------------------------------------------- false statements are never proved

ARITH_TACTICS = ("decide", "rfl", "omega", "simp only [Nat.add_zero]", "exact rfl", "trivial", "constructor")
OPS = {"+": lambda a, b: a + b, "*": lambda a, b: a * b, "-": lambda a, b: max(a - b, 0)}
RELS = {"=": lambda a, b: a == b, "≠": lambda a, b: a != b, "<": lambda a, b: a < b, "≤": lambda a, b: a <= b}


def closed_problem(choose: Choose, integer: Callable[[int, int], int]) -> tuple[str, str, bool]:
    a, b, c = integer(0, 40), integer(0, 40), integer(0, 60)
    op, rel = str(choose(sorted(OPS))), str(choose(sorted(RELS)))
    value = OPS[op](a, b)
    c = choose([c, value, value + 1, max(value - 1, 0)])
    statement = f"theorem t : {a} {op} {b} {rel} {c}"
    return statement, str(choose(ARITH_TACTICS)), RELS[rel](value, c)


def linear_problem(choose: Choose, integer: Callable[[int, int], int]) -> tuple[str, str, bool]:
    k1, k2, m = integer(0, 3), integer(0, 3), integer(1, 3)
    hyp_rel, goal_rel = str(choose(sorted(RELS))), str(choose(sorted(RELS)))
    statement = f"theorem t (x y : Nat) (h : x {hyp_rel} y + {k1}) : {m} * x {goal_rel} {m} * y + {k2}"
    holds = all(
        RELS[goal_rel](m * x, m * y + k2)
        for x, y in itertools.product(range(9), repeat=2)
        if RELS[hyp_rel](x, y + k1)
    )
    script = str(choose(("omega", "decide", "rfl", "exact h", "simp only [Nat.add_zero] at h\nexact h")))
    return statement, script, holds


def check_sound(statement: str, script: str, holds: bool) -> None:
    if not holds:
        result = ENV.check(theorem_of(statement), script)
        assert not result.ok, f"kernel proves a false statement: {statement} := by {script}"


@FUZZ
@given(st.data())
def test_false_arithmetic_is_never_proved(data: st.DataObject) -> None:
    make = data.draw(st.sampled_from([closed_problem, linear_problem]))
    choose = lambda seq: data.draw(st.sampled_from(list(seq)))  # noqa: E731
    integer = lambda lo, hi: data.draw(st.integers(lo, hi))  # noqa: E731
    check_sound(*make(choose, integer))


ATOMS = ("p", "q", "r")
PROP_STEPS = (
    "intro h",
    "intro h2",
    "intros",
    "constructor",
    "left",
    "right",
    "exact h",
    "exact h1",
    "exact h.1",
    "exact h.2",
    "assumption",
    "contradiction",
    "exfalso",
    "trivial",
    "decide",
    "omega",
    "rcases h with h1 | h1",
    "obtain ⟨h1, h2⟩ := h",
    "apply h",
    "apply h1",
    "cases h",
    "all_goals assumption",
    "constructor <;> assumption",
    "try assumption",
    "first | assumption | exact h",
)


# Whole scripts that often prove small goals, so that accepted (true) cases occur, not only rejections.
PROP_SCRIPTS = (
    "assumption",
    "trivial",
    "intro h\nexact h",
    "intro h\nassumption",
    "intros\nassumption",
    "intro h\nintro h2\nassumption",
    "constructor <;> assumption",
    "exfalso\nassumption",
    "contradiction",
    "exact h1",
    "exact h1.1",
    "left\nassumption",
    "right\nassumption",
    "intro h\nconstructor <;> assumption",
    "rcases h1 with h | h <;> assumption",
)


def formula(choose: Choose, integer: Callable[[int, int], int], depth: int) -> tuple[str, Callable]:
    if depth == 0 or integer(0, 2) == 0:
        atom = str(choose(ATOMS + ("True", "False")))
        return atom, (lambda env, a=atom: env.get(a, a == "True"))
    op = str(choose(("∧", "∨", "→", "↔", "¬")))
    left, fl = formula(choose, integer, depth - 1)
    if op == "¬":
        return f"¬({left})", (lambda env: not fl(env))
    right, fr = formula(choose, integer, depth - 1)
    fn = {
        "∧": lambda x, y: x and y,
        "∨": lambda x, y: x or y,
        "→": lambda x, y: (not x) or y,
        "↔": lambda x, y: x == y,
    }[op]
    return f"({left}) {op} ({right})", (lambda env: fn(fl(env), fr(env)))


def prop_problem(choose: Choose, integer: Callable[[int, int], int]) -> tuple[str, str, bool]:
    hyps = [formula(choose, integer, 1) for _ in range(integer(0, 2))]
    goal, fg = formula(choose, integer, 2)
    binders = "".join(f" (h{i + 1} : {text})" for i, (text, _) in enumerate(hyps))
    statement = f"theorem t (p q r : Prop){binders} : {goal}"
    valid = all(
        fg(env)
        for values in itertools.product((False, True), repeat=3)
        for env in [dict(zip(ATOMS, values, strict=True))]
        if all(fh(env) for _, fh in hyps)
    )
    if integer(0, 1):
        script = str(choose(PROP_SCRIPTS))
    else:
        script = "\n".join(str(choose(PROP_STEPS)) for _ in range(integer(1, 4)))
    return statement, script, valid


@FUZZ
@given(st.data())
def test_non_tautologies_are_never_proved(data: st.DataObject) -> None:
    choose = lambda seq: data.draw(st.sampled_from(list(seq)))  # noqa: E731
    integer = lambda lo, hi: data.draw(st.integers(lo, hi))  # noqa: E731
    check_sound(*prop_problem(choose, integer))


def test_generators_are_not_vacuous() -> None:
    """The same generators, seeded: the kernel does accept some of their true statements and mutants,
    so the properties above are exercised, and rejects the false ones."""
    rng = random.Random(0)
    choose, integer = rng.choice, rng.randint
    accepted_true = {closed_problem: 0, linear_problem: 0, prop_problem: 0}
    rejected_false = 0
    for _ in range(400):
        for make in accepted_true:
            statement, script, holds = make(choose, integer)
            ok = ENV.check(Theorem("t", statement), script).ok
            accepted_true[make] += ok and holds
            rejected_false += (not ok) and (not holds)
            assert holds or not ok, f"{statement} := by {script}"
    accepted_mutants = 0
    for case in references()[::7]:
        script = mutate(case.proof, choose, integer)
        accepted_mutants += ENV.check(case.theorem, script).ok
        check_mutant(case, script)
    assert min(accepted_true.values()) >= 5 and rejected_false >= 50 and accepted_mutants >= 5, (
        accepted_true,
        rejected_false,
        accepted_mutants,
    )
