"""Best-first search over proof states on cumulative tactic log-probability (GPT-f, ReProver)."""

from __future__ import annotations

import heapq

import numpy as np

from search.codes import OPEN
from search.expansion import Callbacks, SearchRun
from search.gc_policy import frozen_growth
from search.states import state_apply, state_of
from search.types import ApplyFn, Budget, CriticFn, PolicyFn, SearchGoal, SearchResult


def run_best_first(
    root: SearchGoal,
    *,
    policy: PolicyFn,
    apply: ApplyFn,
    budget: Budget,
    critic: CriticFn | None = None,
    theorem: str = "",
    seed: int,
    batch_size: int = 1,
    num_tactics: int = 32,
    length_normalized: bool = False,
) -> SearchResult:
    """Prove `root` by expanding, each step, the open proof state with the highest priority.

    A state's priority is the sum of the log-probabilities of the tactics on the path that first
    reached it (`length_normalized`: divided by the path length, as BFS-Prover does). The policy sees
    whole states (see `search.states`). Hyperparameters: `batch_size`: states popped per policy call;
    `num_tactics`: distinct candidates applied per state; `seed`: random tie-break between equal
    priorities. `critic`, when given, only annotates new states with values (for the viewer and critic
    training); it never steers the search. `theorem` only labels the tree.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    callbacks = Callbacks(policy, critic, state_apply(apply))
    run = SearchRun(state_of((root,)), callbacks=callbacks, budget=budget, num_tactics=num_tactics)
    with frozen_growth() as run.gc:
        _expand_best_first(run, np.random.default_rng(seed), batch_size, length_normalized)
        return run.result(search="best_first", theorem=theorem)


def _expand_best_first(
    run: SearchRun, rng: np.random.Generator, batch_size: int, length_normalized: bool
) -> None:
    run.evaluate_root()
    score = {0: (0.0, 0)}  # node -> (cumulative logprob, path length) of the path that first reached it
    queue: list[tuple[float, float, int]] = [(0.0, rng.random(), 0)]
    tree = run.tree
    while queue and not run.check_stop():
        batch = [heapq.heappop(queue)[2] for _ in range(min(batch_size, len(queue)))]
        batch = [n for n in batch if tree.node_status[n] == OPEN]
        new = set(run.expand(batch))
        run.evaluate(sorted(new))
        for node_id in batch:
            for edge in tree.edge_ids(node_id):
                for child in tree.children(edge):
                    if child in new and child not in score:
                        total, length = score[node_id]
                        score[child] = (total + tree.edge_logprob[edge], length + 1)
                        priority = score[child][0] / (score[child][1] if length_normalized else 1)
                        heapq.heappush(queue, (-priority, rng.random(), child))
