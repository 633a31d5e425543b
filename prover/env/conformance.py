"""Conformance checks that every backend (embedded, Lean REPL, lean-dojo) must pass.

Modelled on Gymnasium's `check_env`: a backend is driven only through the `base.py` contract, so the same
checks run against the embedded kernel, the real-Lean backends, and their protocol fakes. Each check is
recorded as a value (passed or not, with a reason); an exception raised by the backend fails that check
and the run goes on, so one report lists every problem.

A case's `tactics` are a linear proof in Lean's goal-list order: each tactic acts on the first open goal,
and the goals it leaves go in front of the remaining ones (as they would in a Lean tactic block without
focusing dots). The checks replay it through `apply` one goal at a time, which is how HyperTree search
uses a backend.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from prover.env.base import Environment, Goal, Outcome, Proved, Subgoals, TacticError
from prover.theorems import Theorem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConformanceCase:
    """A theorem with a known proof (`tactics`, in goal-list order) and a tactic that fails on its root."""

    theorem: Theorem
    tactics: tuple[str, ...]
    wrong_tactic: str


@dataclass(frozen=True)
class CheckRecord:
    """The verdict of one named check on one theorem; `detail` says what went wrong when it failed."""

    theorem: str
    check: str
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class ConformanceReport:
    """Every check's record, in the order run."""

    records: tuple[CheckRecord, ...]

    @property
    def passed(self) -> bool:
        return bool(self.records) and all(r.passed for r in self.records)

    @property
    def failures(self) -> tuple[CheckRecord, ...]:
        return tuple(r for r in self.records if not r.passed)

    def summary(self) -> str:
        lines = [f"{len(self.records) - len(self.failures)}/{len(self.records)} checks passed"]
        lines += [f"FAIL {r.theorem}: {r.check}: {r.detail}" for r in self.failures]
        return "\n".join(lines)


class _CheckFailed(Exception):
    """A check's expectation did not hold (internal to this module)."""


def _expect(condition: bool, detail: str) -> None:
    if not condition:
        raise _CheckFailed(detail)


def _signature(outcome: Outcome) -> tuple[object, ...]:
    """What two runs of the same tactic must agree on: the kind, goal texts and keys, error text."""
    if isinstance(outcome, Proved):
        return ("proved",)
    if isinstance(outcome, Subgoals):
        return ("subgoals", tuple((g.text, g.key) for g in outcome.goals))
    if isinstance(outcome, TacticError):
        return ("error", outcome.message)
    return ("unknown", repr(outcome))


def _replay(env: Environment, root: Goal, tactics: Sequence[str]) -> Outcome:
    """Apply `tactics` in goal-list order from `root`; Proved only if the last one closes the last goal."""
    open_goals: list[Goal] = [root]
    for step, tactic in enumerate(tactics):
        _expect(bool(open_goals), f"no goal left for tactic {step} ({tactic!r})")
        outcome = env.apply(open_goals.pop(0), tactic)
        if isinstance(outcome, TacticError):
            return TacticError(f"tactic {step} ({tactic!r}) failed: {outcome.message}")
        if isinstance(outcome, Subgoals):
            _expect(bool(outcome.goals), f"tactic {step} returned Subgoals with no goals")
            open_goals[:0] = outcome.goals
    if open_goals:
        return Subgoals(tuple(open_goals))
    return Proved()


def _script(tactics: Sequence[str]) -> str:
    return "\n".join(tactics)


class _Recorder:
    def __init__(self, theorem: str) -> None:
        self.theorem = theorem
        self.records: list[CheckRecord] = []

    @contextmanager
    def check(self, name: str) -> Iterator[None]:
        try:
            yield
        except _CheckFailed as failed:
            self.records.append(CheckRecord(self.theorem, name, False, str(failed)))
        except Exception as exc:  # a backend exception fails this check only, not the run
            log.debug("check %s on %s raised", name, self.theorem, exc_info=True)
            self.records.append(CheckRecord(self.theorem, name, False, f"raised {exc!r}"))
        else:
            self.records.append(CheckRecord(self.theorem, name, True))


def _check_case(env: Environment, case: ConformanceCase, rec: _Recorder) -> None:
    theorem = case.theorem
    root: Goal | None = None
    with rec.check("start returns a goal containing ⊢"):
        root = env.start(theorem)
        _expect(isinstance(root, Goal), f"start returned {type(root).__name__}, not Goal")
        _expect("⊢" in root.text, f"goal text has no ⊢: {root.text!r}")
    if root is None:
        return
    with rec.check("known proof reaches Proved tactic by tactic"):
        outcome = _replay(env, root, case.tactics)
        _expect(isinstance(outcome, Proved), f"ended with {outcome!r}")
    with rec.check("known proof passes check"):
        verdict = env.check(theorem, _script(case.tactics))
        _expect(verdict.ok, f"check rejected the known proof: {verdict.message}")
    with rec.check("incomplete proof fails check"):
        verdict = env.check(theorem, _script(case.tactics[:-1]) or "skip")
        _expect(not verdict.ok, "check accepted the proof without its last tactic")
    with rec.check("wrong tactic gives TacticError and leaves the goal usable"):
        first = env.apply(root, case.tactics[0])
        wrong = env.apply(root, case.wrong_tactic)
        _expect(isinstance(wrong, TacticError), f"wrong tactic gave {wrong!r}")
        again = env.apply(root, case.tactics[0])
        _expect(_signature(again) == _signature(first), f"after the error: {again!r}, before: {first!r}")
        _expect(isinstance(_replay(env, root, case.tactics), Proved), "proof no longer completes")
    with rec.check("sorry and admit are refused"):
        for cheat in ("sorry", "admit", "exact sorry"):
            outcome = env.apply(root, cheat)
            _expect(isinstance(outcome, TacticError), f"apply({cheat!r}) gave {outcome!r}")
            _expect(not env.check(theorem, cheat).ok, f"check accepted {cheat!r}")
    with rec.check("wrong whole proof fails check"):
        verdict = env.check(theorem, case.wrong_tactic)
        _expect(not verdict.ok, f"check accepted {case.wrong_tactic!r}")
        _expect(bool(verdict.message), "a failed check carries no message")
    with rec.check("start and apply are deterministic"):
        again_root = env.start(theorem)
        _expect((again_root.text, again_root.key) == (root.text, root.key), "two starts differ")
        for tactic in (case.tactics[0], case.wrong_tactic):
            runs = [_signature(env.apply(again_root, tactic)) for _ in range(2)]
            _expect(runs[0] == runs[1], f"{tactic!r} twice gave {runs[0]} then {runs[1]}")


def _check_lifecycle(make_env: Callable[[], Environment], case: ConformanceCase, rec: _Recorder) -> None:
    with rec.check("close is idempotent"):
        env = make_env()
        env.start(case.theorem)
        env.close()
        env.close()
    with rec.check("the context manager returns the env and closes it"):
        env = make_env()
        closes: list[bool] = []
        original_close = env.close

        def counting_close() -> None:
            closes.append(True)
            original_close()

        env.close = counting_close  # type: ignore[method-assign]
        with env as entered:
            _expect(entered is env, "__enter__ did not return the environment itself")
            entered.start(case.theorem)
        if not closes:
            original_close()  # do not leak the backend's process when its __exit__ is broken
        _expect(len(closes) == 1, f"close ran {len(closes)} times on leaving the with-block")


def run_conformance(
    make_env: Callable[[], Environment], cases: Sequence[ConformanceCase]
) -> ConformanceReport:
    """Run every check on every case, each case in a fresh environment from `make_env`.

    The lifecycle checks (idempotent close, context manager) run once, on the first case. A backend
    whose construction fails gets one failed record per case and the run goes on.
    """
    records: list[CheckRecord] = []
    for case in cases:
        rec = _Recorder(case.theorem.name)
        with rec.check("environment starts"):
            with make_env() as env:
                _check_case(env, case, rec)
        records += rec.records
    if cases:
        rec = _Recorder(cases[0].theorem.name)
        _check_lifecycle(make_env, cases[0], rec)
        records += rec.records
    return ConformanceReport(tuple(records))
