"""The REPL backend against REAL Lean (marker `lean`): skipped unless a Lean toolchain is installed and
HTPS_REPL_PROJECT names a built Lake project. The REPL comes from lean-interact (`pip install '.[lean]'`,
which clones and builds it on first use), or from HTPS_REPL_CMD (a hand-built REPL's command line,
split at spaces)."""

from __future__ import annotations

import os
import shutil

import pytest

from prover.env.base import Proved, Subgoals
from prover.env.conformance import ConformanceCase, run_conformance
from prover.env.repl import ReplEnv
from prover.theorems import Theorem

pytestmark = [
    pytest.mark.lean,
    pytest.mark.skipif(
        shutil.which("lake") is None or not os.environ.get("HTPS_REPL_PROJECT"),
        reason="needs lake on PATH and HTPS_REPL_PROJECT",
    ),
]

AND_SWAP = Theorem("and_swap", "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p")
ADD_ZERO = Theorem("add_zero'", "theorem add_zero' (n : Nat) : n + 0 = n")
CASES = [
    ConformanceCase(AND_SWAP, ("intro h", "constructor", "exact h.2", "exact h.1"), "exact h"),
    ConformanceCase(ADD_ZERO, ("simp",), "exact Nat.succ_ne_zero n"),
]


def make_env() -> ReplEnv:
    command = os.environ.get("HTPS_REPL_CMD")
    return ReplEnv(
        project_dir=os.environ["HTPS_REPL_PROJECT"],
        repl_cmd=command.split() if command else None,
        tactic_timeout_s=60,
    )


def test_conformance_on_real_lean() -> None:
    report = run_conformance(make_env, CASES)
    assert report.passed, report.summary()


def test_split_goals_on_real_lean() -> None:
    with make_env() as env:
        split = env.apply(env.apply(env.start(AND_SWAP), "intro h").goals[0], "constructor")
        assert isinstance(split, Subgoals) and len(split.goals) == 2
        assert [g.text.splitlines()[0] for g in split.goals] == ["case left", "case right"]
        assert env.apply(split.goals[1], "exact h.1") == Proved()
        assert env.apply(split.goals[0], "exact h.2") == Proved()
