"""The embedded kernel against the adversarial suite (cases.yaml: scripts with Lean 4's recorded verdict).

- No false accept, ever: a case Lean rejects (or whose Lean verdict is `unsure`) must be rejected.
- Completeness: of the ordinary in-fragment proofs (class `complete`) the kernel accepts at least 95%.
- Other cases Lean accepts may be rejected by the kernel (it refuses what it cannot decide); they are
  counted in the printed summary, not asserted.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from prover.env.audit import AuditCase, check_case, load_suite
from prover.env.embedded import EmbeddedEnv

SUITE = Path(__file__).with_name("cases.yaml")
CASES = load_suite(SUITE)
MIN_COMPLETENESS = 0.95


@pytest.fixture(scope="module")
def env() -> EmbeddedEnv:
    return EmbeddedEnv()


def test_suite_shape() -> None:
    classes = Counter(c.klass for c in CASES)
    assert len(CASES) >= 200, len(CASES)
    assert len(classes) >= 15, classes
    assert all(n >= 3 for n in classes.values()), classes
    assert sum(c.lean == "accept" for c in CASES if c.klass == "complete") >= 40


def _rejecting(case: AuditCase) -> bool:
    return case.lean in ("reject", "unsure")


@pytest.mark.parametrize("case", [c for c in CASES if _rejecting(c)], ids=lambda c: c.id)
def test_no_false_accept(env: EmbeddedEnv, case: AuditCase) -> None:
    verdict = check_case(env, case)
    assert not verdict.ok, f"kernel accepts what Lean rejects ({case.lean}): {case.reason}"


def test_completeness_on_ordinary_proofs(env: EmbeddedEnv) -> None:
    ordinary = [c for c in CASES if c.klass == "complete"]
    rejected = [(c.id, check_case(env, c).message) for c in ordinary if not check_case(env, c).ok]
    rate = 1 - len(rejected) / len(ordinary)
    print(f"completeness: {len(ordinary) - len(rejected)}/{len(ordinary)} ({100 * rate:.1f}%)")
    assert rate >= MIN_COMPLETENESS, rejected


def test_summary_by_class(env: EmbeddedEnv) -> None:
    """Prints the per-class verdict counts (`pytest -s` shows them); fails only on a false accept."""
    counts: Counter[tuple[str, str]] = Counter()
    false_accepts = []
    for case in CASES:
        ok = check_case(env, case).ok
        if ok and _rejecting(case):
            kind = "false_accept"
            false_accepts.append(case.id)
        elif ok:
            kind = "accept"
        elif case.lean == "accept":
            kind = "false_reject"
        else:
            kind = "reject"
        counts[(case.klass, kind)] += 1
    for klass in sorted({k for k, _ in counts}):
        row = ", ".join(
            f"{kind} {counts[(klass, kind)]}" for kind in ("accept", "reject", "false_reject", "false_accept")
        )
        print(f"{klass:<16} {row}")
    assert not false_accepts, false_accepts
