"""`RestartingEnv`: a tactic that times out or crashes the backend fails alone, up to `max_restarts`."""

from __future__ import annotations

import pytest

from prover.env.base import (
    CheckResult,
    EnvCrash,
    EnvTimeout,
    Goal,
    LeanNotFound,
    Outcome,
    Proved,
    TacticError,
    TheoremTimeLimit,
)
from prover.env.resilient import RestartingEnv
from prover.theorems import Theorem

THEOREM = Theorem("t", "theorem t : True")


class Scripted:
    """A backend whose `apply` raises the exceptions queued in `errors`, then proves."""

    name = "scripted"

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)

    def start(self, theorem: Theorem) -> Goal:
        return Goal("⊢ True")

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        if self.errors:
            raise self.errors.pop(0)
        return Proved()

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        return CheckResult(True)

    def close(self) -> None:
        pass


def test_failures_become_failed_tactics_until_max_restarts() -> None:
    env = RestartingEnv(
        Scripted(EnvTimeout("slow"), EnvCrash("dead"), EnvTimeout("slow again")), max_restarts=2
    )
    goal = env.start(THEOREM)
    first, second = env.apply(goal, "a"), env.apply(goal, "b")
    assert isinstance(first, TacticError) and first.message.startswith(
        "backend timeout (restarted, restart 1/2)"
    )
    assert isinstance(second, TacticError) and second.message.startswith(
        "backend crash (restarted, restart 2/2)"
    )
    with pytest.raises(EnvTimeout, match="slow again"):
        env.apply(goal, "c")


def test_each_theorem_gets_its_own_restarts() -> None:
    inner = Scripted(EnvCrash("1"), EnvCrash("2"))
    env = RestartingEnv(inner, max_restarts=1)
    assert isinstance(env.apply(env.start(THEOREM), "a"), TacticError)
    assert isinstance(env.apply(env.start(THEOREM), "a"), TacticError)
    assert env.apply(env.start(THEOREM), "a") == Proved()


def test_the_theorem_time_limit_and_other_errors_pass_through() -> None:
    env = RestartingEnv(Scripted(TheoremTimeLimit("spent"), LeanNotFound("no lean")), max_restarts=3)
    goal = env.start(THEOREM)
    with pytest.raises(TheoremTimeLimit):
        env.apply(goal, "a")
    with pytest.raises(LeanNotFound):
        env.apply(goal, "a")
    assert env.restarts == 0
    with pytest.raises(ValueError, match="max_restarts"):
        RestartingEnv(Scripted(), max_restarts=-1)
