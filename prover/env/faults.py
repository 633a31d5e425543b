"""A fault-injecting wrapper around any backend, for testing that the prover survives crashes and hangs.

Faults are keyed by theorem name so that a test knows exactly which theorem must be recorded as failed:
`crash` raises `EnvCrash` on the `after`-th `apply` of that theorem (as a dead Lean process would);
`hang` sleeps for `hang_seconds` there (as a stuck Lean process would), which only the prover's
per-theorem deadline can cut short.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from prover.env.base import CheckResult, EnvCrash, Environment, Goal, Outcome
from prover.theorems import Theorem


class FaultyEnv:
    """Delegates to `inner`, injecting the faults in `faults` ({theorem name: "crash" | "hang"})."""

    def __init__(
        self,
        inner: Environment,
        *,
        faults: Mapping[str, str],
        after: int = 1,
        hang_seconds: float = 3600.0,
    ) -> None:
        self.inner = inner
        self.name = f"faulty({inner.name})"
        self._faults = dict(faults)
        self._after = after
        self._hang_seconds = hang_seconds
        self._current: str | None = None
        self._applies = 0

    def start(self, theorem: Theorem) -> Goal:
        self._current, self._applies = theorem.name, 0
        return self.inner.start(theorem)

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        self._applies += 1
        fault = self._faults.get(self._current or "")
        if fault and self._applies >= self._after:
            if fault == "crash":
                raise EnvCrash(f"injected crash while proving {self._current}")
            if fault == "hang":
                time.sleep(self._hang_seconds)
        return self.inner.apply(goal, tactic)

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        return self.inner.check(theorem, script)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> FaultyEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
