"""Per-tactic failure: a tactic that times out or crashes the backend fails alone, the theorem goes on.

The real-Lean backends restart themselves after a timeout or a crash and rebuild any goal by replaying
its tactics (`ReplEnv`, `DojoEnv`), then raise `EnvTimeout` / `EnvCrash`. `RestartingEnv` turns that
error into a `TacticError` naming the reason, so the search marks the tactic failed and tries the others
(real miniF2F files set `maxHeartbeats 0`, so a runaway tactic only stops at the tactic timeout). A
theorem whose backend needed `max_restarts` restarts already ends at the next failure with the typed
error, since a backend that keeps dying will not prove it. The theorem's own time limit
(`TheoremTimeLimit`) and every other `EnvError` pass through unchanged.
"""

from __future__ import annotations

import logging

from hydra.utils import instantiate
from omegaconf import DictConfig

from prover.env.base import (
    CheckResult,
    EnvCrash,
    Environment,
    EnvTimeout,
    Goal,
    Outcome,
    TacticError,
    TheoremTimeLimit,
)
from prover.theorems import Theorem

log = logging.getLogger(__name__)

DEFAULT_MAX_RESTARTS = 3


class RestartingEnv:
    """Delegates to `inner`; see the module docstring.

    max_restarts: backend restarts absorbed per theorem (each one a failed tactic); the failure after
        them raises. 0 restores "any infrastructure failure ends the theorem".
    """

    def __init__(self, inner: Environment, *, max_restarts: int = DEFAULT_MAX_RESTARTS) -> None:
        if max_restarts < 0:
            raise ValueError(f"env.max_restarts must be >= 0, not {max_restarts}")
        self.inner = inner
        self.name = inner.name
        self.max_restarts = max_restarts
        self.restarts = 0

    def start(self, theorem: Theorem) -> Goal:
        self.restarts = 0
        return self.inner.start(theorem)

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        try:
            return self.inner.apply(goal, tactic)
        except TheoremTimeLimit:
            raise
        except (EnvTimeout, EnvCrash) as err:
            if self.restarts >= self.max_restarts:
                log.warning("giving up after %d backend restarts: %s", self.restarts, err)
                raise
            self.restarts += 1
            kind = "timeout" if isinstance(err, EnvTimeout) else "crash"
            log.info("tactic %r failed with a backend %s (restart %d): %s", tactic, kind, self.restarts, err)
            return TacticError(
                f"backend {kind} (restarted, restart {self.restarts}/{self.max_restarts}): {err}"
            )

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        return self.inner.check(theorem, script)

    def close(self) -> None:
        self.inner.close()

    def __enter__(self) -> RestartingEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def build_env(env_cfg: DictConfig) -> RestartingEnv:
    """The backend an `env=` config group describes, wrapped for per-tactic failure with the backend's
    `max_restarts` (the real-Lean backends take it from `env.max_restarts`; others get the default)."""
    inner = instantiate(env_cfg)
    return RestartingEnv(inner, max_restarts=int(getattr(inner, "max_restarts", DEFAULT_MAX_RESTARTS)))
