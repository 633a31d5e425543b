"""A fault-injecting wrapper around any backend, for testing that the prover survives crashes and hangs.

Faults are keyed by theorem name (`faults`) or by tactic text (`tactic_faults`), so that a test knows
exactly what must fail: `crash` raises `EnvCrash` (as a dead Lean process would); `hang` sleeps for
`hang_seconds` (as a stuck Lean process would). With `tactic_timeout_s` set, a hang is cut there and
raises `EnvTimeout`, as the real backends do after killing and restarting a Lean process that ran past
its tactic timeout; without it only the prover's per-theorem deadline can cut it short. A theorem
fault strikes from its `after`-th `apply` on; a tactic fault whenever that tactic is applied.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from prover.env.base import CheckResult, EnvCrash, Environment, EnvTimeout, Goal, Outcome
from prover.theorems import Theorem

FAULTS = ("crash", "hang")


class FaultyEnv:
    """Delegates to `inner`, injecting the faults in `faults` ({theorem name: "crash" | "hang"}) and
    `tactic_faults` ({tactic: "crash" | "hang"}); `restarts` counts the faults raised (a real backend
    restarts on each); `max_restarts` is handed to `resilient.build_env` like a real backend's."""

    def __init__(
        self,
        inner: Environment,
        *,
        faults: Mapping[str, str] | None = None,
        tactic_faults: Mapping[str, str] | None = None,
        after: int = 1,
        hang_seconds: float = 3600.0,
        tactic_timeout_s: float | None = None,
        max_restarts: int = 3,
    ) -> None:
        self.inner = inner
        self.name = f"faulty({inner.name})"
        self._faults = dict(faults or {})
        self._tactic_faults = dict(tactic_faults or {})
        for fault in (*self._faults.values(), *self._tactic_faults.values()):
            if fault not in FAULTS:
                raise ValueError(f"unknown fault {fault!r} (known: {', '.join(FAULTS)})")
        self._after = after
        self._hang_seconds = hang_seconds
        self._tactic_timeout_s = tactic_timeout_s
        self._current: str | None = None
        self._applies = 0
        self.restarts = 0
        self.max_restarts = max_restarts

    def start(self, theorem: Theorem) -> Goal:
        self._current, self._applies = theorem.name, 0
        return self.inner.start(theorem)

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        self._applies += 1
        fault = self._tactic_faults.get(tactic)
        if fault is None and self._applies >= self._after:
            fault = self._faults.get(self._current or "")
        if fault == "crash":
            self.restarts += 1
            raise EnvCrash(f"injected crash while proving {self._current} with {tactic!r}")
        if fault == "hang":
            self._hang(tactic)
        return self.inner.apply(goal, tactic)

    def _hang(self, tactic: str) -> None:
        if self._tactic_timeout_s is None or self._tactic_timeout_s >= self._hang_seconds:
            time.sleep(self._hang_seconds)
            return
        time.sleep(self._tactic_timeout_s)
        self.restarts += 1
        raise EnvTimeout(f"tactic ran past {self._tactic_timeout_s:g} s: {tactic!r} (injected hang)")

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        return self.inner.check(theorem, script)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> FaultyEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
