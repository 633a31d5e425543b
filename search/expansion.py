"""Bookkeeping shared by every search loop: budgets, batched policy/critic calls, applying tactics,
committing expansions to the hypertree, and building the result record."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter

from search.codes import FAILED, OPEN, PROVED
from search.gc_policy import GrowthGC
from search.graph import snapshot
from search.hypertree import HyperTree
from search.proof import minimal_proof, render_script
from search.types import (
    ApplyFn,
    Budget,
    CriticFn,
    ExpansionError,
    Outcome,
    PolicyFn,
    SearchGoal,
    SearchResult,
    StopReason,
    TacticCandidate,
    check_probability,
)

log = logging.getLogger(__name__)
_TACTIC = attrgetter("tactic")


@dataclass(frozen=True)
class Callbacks:
    """The three pluggable functions of a search."""

    policy: PolicyFn
    critic: CriticFn | None
    apply: ApplyFn


class SearchRun:
    """Mutable state of one search call (counters, timers, stop reason) around its hypertree."""

    def __init__(self, root: SearchGoal, *, callbacks: Callbacks, budget: Budget, num_tactics: int) -> None:
        if num_tactics < 1:
            raise ValueError(f"num_tactics must be >= 1, got {num_tactics}")
        self.tree = HyperTree(root)
        self.callbacks = callbacks
        self.budget = budget
        self.num_tactics = num_tactics
        self.started = time.perf_counter()
        self.expansions = 0
        self.env_calls = 0
        self.policy_seconds = 0.0
        self.env_seconds = 0.0
        self.stop: StopReason | None = None
        self.error: str | None = None
        self.gc = GrowthGC()  # the collector policy, set by the search (see `search.gc_policy`)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def check_stop(self) -> bool:
        """Set `stop` if the root is resolved or a budget is spent; True when the search must end."""
        if self.stop is not None:
            return True
        status = self.tree.node_status[0]
        if status == PROVED:
            self.stop = StopReason.PROVED
        elif status == FAILED:
            self.stop = StopReason.FAILED
        else:
            self.stop = self._budget_stop(env_calls_needed=0)
        return self.stop is not None

    def _budget_stop(self, *, env_calls_needed: int) -> StopReason | None:
        b = self.budget
        if b.max_expansions is not None and self.expansions >= b.max_expansions:
            return StopReason.BUDGET_EXPANSIONS
        if b.max_env_calls is not None and self.env_calls + env_calls_needed > b.max_env_calls:
            return StopReason.BUDGET_ENV_CALLS
        if b.max_seconds is not None and self.elapsed() >= b.max_seconds:
            return StopReason.BUDGET_TIME
        return None

    def evaluate_root(self) -> None:
        self.evaluate([0])

    def evaluate(self, node_ids: Sequence[int]) -> None:
        """One batched critic call for the open nodes among `node_ids` (no-op without a critic)."""
        status = self.tree.node_status
        nodes: Sequence[int]
        if (
            type(node_ids) is range
            and node_ids.step == 1
            and status[node_ids.start : node_ids.stop].count(OPEN) == len(node_ids)
        ):
            nodes = node_ids  # what `expand` returns, usually all open: no per-node filtering
        else:
            nodes = list(compress(node_ids, map(OPEN.__eq__, map(status.__getitem__, node_ids))))
        if not nodes or self.callbacks.critic is None:
            return
        t0 = time.perf_counter()
        values = self.callbacks.critic(list(map(self.tree.node_goal.__getitem__, nodes)))
        self.policy_seconds += time.perf_counter() - t0
        if len(values) != len(nodes):
            raise ValueError(f"critic returned {len(values)} values for {len(nodes)} goals")
        values = list(map(float, values))
        total = sum(values)  # NaN iff some value is (min and max may step over a NaN)
        if not 0.0 < min(values) <= max(values) < 1.0 or total != total:
            for value in values:
                check_probability(value, what="critic value")
        node_value = self.tree.node_value
        if type(nodes) is range:
            node_value[nodes.start : nodes.stop] = values
        else:
            for node, value in zip(nodes, values, strict=True):
                node_value[node] = value

    def expand(self, leaves: Sequence[int]) -> range:
        """Expand `leaves` in order with one batched policy call; return the ids of the new nodes (the
        tree's newest nodes, so a range).

        Each leaf is committed only once all its tactics were applied, so a time or error stop in the
        middle of a leaf leaves it unexpanded rather than wrongly failed; a leaf whose tactics would
        exceed the env-call budget is not started. Stops early when the root gets proved. Leaves of
        the common case are staged and committed together (`HyperTree.stage_expansion`): the stop
        checks after each leaf see the same tree as if each had been committed at once.
        """
        b = self.budget
        if b.max_expansions is not None:
            leaves = leaves[: max(0, b.max_expansions - self.expansions)]
        tree = self.tree
        first = tree.num_nodes
        if not leaves:
            return range(first, first)
        t0 = time.perf_counter()
        goal = tree.node_goal
        proposals = self.callbacks.policy([goal[n] for n in leaves])
        self.policy_seconds += time.perf_counter() - t0
        if len(proposals) != len(leaves):
            raise ValueError(f"policy returned {len(proposals)} lists for {len(leaves)} goals")
        stage = tree.stage_expansion
        try:
            for leaf, candidates in zip(leaves, proposals, strict=True):
                cands = _dedupe(candidates, self.num_tactics)
                outcomes = self._apply_all(leaf, cands)
                if outcomes is None:
                    break
                self.expansions += 1
                if not stage(leaf, cands, outcomes, step=self.expansions):
                    tree.expand_now(leaf, cands, outcomes, step=self.expansions)  # commits the staged first
                if self.check_stop():
                    break
        finally:  # even when a callback raises, the tree holds every expansion counted so far
            tree.commit_staged()
        self.gc.after_growth()
        return range(first, tree.num_nodes)

    def _apply_all(self, leaf: int, candidates: list[TacticCandidate]) -> list[Outcome] | None:
        """What applying each candidate to the leaf's goal did, in order; None when a budget ran out
        or the apply function failed (then `stop` says why)."""
        goal = self.tree.node_goal[leaf]
        apply = self.callbacks.apply
        outcomes: list[Outcome] = []
        if not candidates:
            return outcomes
        # a leaf whose tactics no longer fit the env-call budget is not started at all; after that
        # only the clock can run out between its tactics
        stop = self._budget_stop(env_calls_needed=len(candidates))
        if stop is not None:
            self.stop = stop
            return None
        timed = self.budget.max_seconds is not None
        add = outcomes.append
        t0 = time.perf_counter()
        try:
            for cand in candidates:
                if timed and outcomes:
                    stop = self._budget_stop(env_calls_needed=0)
                    if stop is not None:
                        self.stop = stop
                        return None
                add(apply(goal, cand.tactic))
        except ExpansionError as exc:
            self.env_calls += 1
            self.stop = StopReason.ERROR
            self.error = f"{type(exc).__name__}: {exc}"
            log.warning("search stopped by an expansion error on %r: %s", cand.tactic, self.error)
            return None
        finally:
            self.env_calls += len(outcomes)
            self.env_seconds += time.perf_counter() - t0
        return outcomes

    def result(self, *, search: str, theorem: str) -> SearchResult:
        """Freeze the run into a result record (extracting the minimal proof when proved)."""
        self.check_stop()
        seconds = self.elapsed()
        proof = minimal_proof(self.tree) if self.tree.node_status[0] == PROVED else None
        script = render_script(proof) if proof is not None else None
        stop = self.stop if self.stop is not None else StopReason.FAILED
        with self.gc.building():
            tree = snapshot(
                self.tree,
                proof=proof,
                script=script,
                theorem=theorem,
                search=search,
                expansions=self.expansions,
                env_calls=self.env_calls,
                seconds=seconds,
                stop_reason=str(stop),
            )
        return SearchResult(
            proved=proof is not None,
            proof=proof,
            script=script,
            expansions=self.expansions,
            env_calls=self.env_calls,
            seconds=seconds,
            policy_seconds=self.policy_seconds,
            env_seconds=self.env_seconds,
            error=self.error,
            stop_reason=str(stop),
            tree=tree,
        )


def _dedupe(candidates: Sequence[TacticCandidate], limit: int) -> list[TacticCandidate]:
    """The first `limit` distinct tactic strings, each at its first (best-ranked) occurrence."""
    if len(set(map(_TACTIC, candidates))) == len(candidates):
        return list(candidates[:limit])
    seen: set[str] = set()
    kept = []
    for cand in candidates:
        if cand.tactic not in seen:
            seen.add(cand.tactic)
            kept.append(cand)
    return kept[:limit]
