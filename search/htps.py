"""HyperTree Proof Search (Lample et al., NeurIPS 2022): goals are nodes, tactics are hyperedges."""

from __future__ import annotations

import numpy as np

from search.engine import TreePolicy, search_loop
from search.expansion import Callbacks, SearchRun
from search.gc_policy import frozen_growth
from search.types import ApplyFn, Budget, CriticFn, PolicyFn, SearchGoal, SearchResult


def run_htps(
    root: SearchGoal,
    *,
    policy: PolicyFn,
    critic: CriticFn,
    apply: ApplyFn,
    budget: Budget,
    theorem: str = "",
    seed: int,
    c_puct: float = 1.0,
    init_q: float = 0.5,
    depth_penalty: float = 1.0,
    virtual_loss: float = 1.0,
    batch_size: int = 8,
    num_tactics: int = 32,
) -> SearchResult:
    """Prove `root` by HTPS.

    Hyperparameters (defaults from the paper's sweep):
    - `c_puct`: exploration constant c of PUCT, score = Q + c * P * sqrt(sum N) / (1 + N).
    - `init_q`: Q of a tactic not visited yet.
    - `depth_penalty`: factor in (0, 1] multiplied in per unsolved tactic during backup, favouring
      shallow proofs.
    - `virtual_loss`: in-flight visits a simulation adds to each tactic it crosses.
    - `batch_size`: simulations per batch; their leaves share one policy and one critic call.
    - `num_tactics`: at most this many distinct policy candidates are applied per goal.
    - `seed`: seeds the random tie-break between equally scored tactics of equal prior.
    `theorem` only labels the tree.
    """
    params = TreePolicy(
        rule="puct",
        exploration=c_puct,
        init_q=init_q,
        virtual_loss=virtual_loss,
        depth_penalty=depth_penalty,
        batch_size=batch_size,
    )
    run = SearchRun(root, callbacks=Callbacks(policy, critic, apply), budget=budget, num_tactics=num_tactics)
    with frozen_growth() as run.gc:
        search_loop(run, params, np.random.default_rng(seed))
        return run.result(search="htps", theorem=theorem)
