"""Proving one theorem: the environment and policy wired into a search, then the sound re-check.

`Prover` owns one environment (restarted after a crash or a deadline) plus the policy and critic; it
turns every outcome, including infrastructure failures, into a `ProofRecord`, so a run never stops on
one bad theorem.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from omegaconf import DictConfig

from prover.deadline import TheoremTimeout, deadline
from prover.env.base import (
    EnvCrash,
    EnvError,
    Environment,
    EnvTimeout,
    Goal,
    Proved,
    Subgoals,
    TacticError,
    TheoremUnsupported,
)
from prover.env.resilient import build_env
from prover.env.soundness import screen_tactic
from prover.minif2f import requires_mathlib
from prover.policies import build_policy
from prover.policy.adapters import critic_fn, policy_fn
from prover.policy.types import Critic, TacticPolicy
from prover.results import ProofRecord
from prover.script import render_script
from prover.theorems import Theorem
from search import SEARCHES, graph
from search.types import (
    Budget,
    Children,
    ExpansionCrash,
    ExpansionError,
    ExpansionTimeout,
    Invalid,
    Outcome,
    SearchGoal,
    SearchResult,
    Solved,
)

log = logging.getLogger(__name__)


def to_search_goal(goal: Goal) -> SearchGoal:
    return SearchGoal(key=goal.key, text=goal.text, payload=goal)


def make_apply(
    env: Environment,
    seen: dict[tuple[str, str], tuple[Goal, ...]] | None = None,
    *,
    allow_native_decide: bool = False,
) -> Callable[[SearchGoal, str], Outcome]:
    """The search's apply function over `env`: Lean outcomes become search outcomes, and the
    backend's infrastructure errors become the search's typed expansion errors. `seen`, when given,
    collects the goals each (goal text, tactic) gave, for `prover.script.render_script`. Every tactic
    passes the allowlist screen first (`soundness.screen_tactic`, cached), on every backend."""

    def apply(goal: SearchGoal, tactic: str) -> Outcome:
        refused = screen_tactic(tactic, allow_native_decide=allow_native_decide)
        if refused is not None:
            return Invalid(f"refused before Lean: {refused}")
        try:
            out = env.apply(goal.payload, tactic)
        except EnvTimeout as err:
            raise ExpansionTimeout(str(err)) from err
        except EnvCrash as err:
            raise ExpansionCrash(str(err)) from err
        except EnvError as err:
            raise ExpansionError(f"{type(err).__name__}: {err}") from err
        if isinstance(out, Proved):
            return Solved()
        if isinstance(out, Subgoals):
            if seen is not None:
                seen[(goal.text, tactic)] = out.goals
            return Children(tuple(to_search_goal(g) for g in out.goals))
        assert isinstance(out, TacticError)
        return Invalid(out.message)

    return apply


def theorem_seed(seed: int, name: str) -> int:
    """A per-theorem seed that does not depend on which worker proves it or in which order."""
    return (seed * 1_000_003 + zlib.crc32(name.encode())) % (2**31)


def make_record(cfg: DictConfig, theorem: Theorem, **fields: Any) -> ProofRecord:
    """A record of `theorem` under `cfg`'s search; unspecified outcome fields mean "nothing happened"."""
    base = dict(proof=None, expansions=0, env_calls=0, seconds=0.0, error=None, stop_reason="")
    base.update(fields)
    return ProofRecord(
        name=theorem.name,
        split=theorem.split,
        topic=theorem.topic,
        difficulty=theorem.difficulty,
        search=str(cfg.search.name),
        **base,
    )


@dataclass(frozen=True)
class Attempt:
    record: ProofRecord
    tree: dict[str, Any] | None


class Prover:
    """Proves theorems one at a time with the configured env, policy, critic and search."""

    def __init__(
        self, cfg: DictConfig, *, policy: TacticPolicy | None = None, critic: Critic | None = None
    ) -> None:
        """`policy`/`critic` default to the ones `cfg.policy` describes (the trainer passes its live model)."""
        self.cfg = cfg
        if policy is None or critic is None:
            policy, critic = build_policy(cfg.policy)
        self.policy, self.critic = policy, critic
        self.env: Environment | None = None

    def _env(self) -> Environment:
        if self.env is None:
            self.env = build_env(self.cfg.env)
        return self.env

    def restart_env(self) -> None:
        if self.env is not None:
            try:
                self.env.close()
            except Exception as err:  # a dead backend may fail to close; it is replaced regardless
                log.warning("closing the environment failed: %s", err)
        self.env = None

    def close(self) -> None:
        self.restart_env()

    def prove(
        self, theorem: Theorem, *, policy: TacticPolicy | None = None, critic: Critic | None = None
    ) -> Attempt:
        """Never raises for a theorem-level failure: it is recorded, and a broken env is restarted.
        `policy`/`critic` override the prover's own for this theorem (e.g. a bootstrap policy that
        knows it)."""
        started = time.perf_counter()
        try:
            with deadline(self.cfg.get("theorem_timeout_s")):
                return self._prove(theorem, started, policy or self.policy, critic or self.critic)
        except TheoremUnsupported as err:
            reason = f"unsupported by env={self._env_name()}: {err}"
        except (TheoremTimeout, EnvTimeout) as err:
            self.restart_env()
            reason = f"timeout: {err}"
        except EnvError as err:
            self.restart_env()
            reason = f"{type(err).__name__}: {err}"
        seconds = time.perf_counter() - started
        log.warning("%s (%s): %s", theorem.name, theorem.location, reason)
        return Attempt(
            make_record(self.cfg, theorem, proved=False, seconds=seconds, error=reason, stop_reason="error"),
            None,
        )

    def _env_name(self) -> str:
        return getattr(self.env, "name", str(self.cfg.env.get("_target_", "?")))

    def _prove(self, theorem: Theorem, started: float, policy: TacticPolicy, critic: Critic) -> Attempt:
        env = self._env()
        if env.name == "embedded" and requires_mathlib(theorem):
            raise TheoremUnsupported("needs Mathlib")
        root = to_search_goal(env.start(theorem))
        scfg = self.cfg.search
        seed = theorem_seed(int(self.cfg.get("seed", 0)), theorem.name)
        budget = Budget(
            max_expansions=scfg.get("max_expansions"),
            max_env_calls=scfg.get("max_env_calls"),
            max_seconds=scfg.get("max_seconds"),
        )
        options = {k: v for k, v in scfg.items() if k not in _NOT_SEARCH_KWARGS}
        seen: dict[tuple[str, str], tuple[Goal, ...]] = {}
        result: SearchResult = SEARCHES[str(scfg.name)](
            root,
            policy=policy_fn(
                policy,
                n=int(scfg.num_tactics),
                temperature=float(self.cfg.policy.get("temperature", 1.0)),
                seed=seed,
            ),
            critic=critic_fn(critic),
            apply=make_apply(
                env, seen, allow_native_decide=bool(self.cfg.env.get("allow_native_decide", False))
            ),
            budget=budget,
            theorem=theorem.name,
            seed=seed,
            **options,
        )
        if result.stop_reason == "error":
            self.restart_env()  # an infrastructure failure stopped the search; the backend may be broken
        script = (
            render_script(result.proof, lambda text, tactic: seen.get((text, tactic)))
            if result.proof
            else None
        )
        proved, proof, error = self._verify(theorem, result, script)
        record = make_record(
            self.cfg,
            theorem,
            proved=proved,
            proof=proof,
            expansions=result.expansions,
            env_calls=result.env_calls,
            seconds=time.perf_counter() - started,
            error=error,
            stop_reason=result.stop_reason,
        )
        tree = graph.tree_to_json(result.tree)
        if script is not None and isinstance(tree.get("proof"), dict):
            tree["proof"]["script"] = script
        if result.proved:  # what the whole-script re-check said, so no reader trains on a non-proof
            tree["recheck"] = {"ok": proved, "message": error}
        return Attempt(record, tree)

    def _verify(
        self, theorem: Theorem, result: SearchResult, script: str | None
    ) -> tuple[bool, str | None, str | None]:
        """A proof only counts once the whole script passes a fresh re-check."""
        if not result.proved or script is None:
            return False, None, result.error
        check = self._env().check(theorem, script)
        if check.ok:
            return True, script, None
        log.error(
            "%s: search found a proof that fails the whole-script re-check: %s", theorem.name, check.message
        )
        return False, None, f"re-check failed: {check.message}"


_NOT_SEARCH_KWARGS = {"name", "max_expansions", "max_env_calls", "max_seconds"}
