"""The embedded kernel through the same conformance checks as the real-Lean backends."""

from prover.env.conformance import ConformanceCase, run_conformance
from prover.env.embedded import EmbeddedEnv
from prover.theorems import Theorem

CASES = [
    ConformanceCase(
        Theorem("and_swap", "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p"),
        ("intro h", "constructor", "exact h.2", "exact h.1"),
        "exact h",
    ),
    ConformanceCase(
        Theorem("add_zero'", "theorem add_zero' (n : Nat) : n + 0 = n"),
        ("omega",),
        "exact Nat.succ_ne_zero n",
    ),
    ConformanceCase(
        Theorem("or_comm'", "theorem or_comm' (p q : Prop) : p ∨ q → q ∨ p"),
        ("intro h", "cases h", "right", "assumption", "left", "assumption"),
        "left",
    ),
]


def test_embedded_passes_conformance() -> None:
    report = run_conformance(EmbeddedEnv, CASES)
    assert report.passed, report.summary()
