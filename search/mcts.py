"""Monte-Carlo tree search over whole proof states (no subgoal split), PUCT or UCT selection."""

from __future__ import annotations

from typing import Literal

import numpy as np

from search.engine import TreePolicy, search_loop
from search.expansion import Callbacks, SearchRun
from search.gc_policy import frozen_growth
from search.states import state_apply, state_of
from search.types import ApplyFn, Budget, CriticFn, PolicyFn, SearchGoal, SearchResult


def run_mcts(
    root: SearchGoal,
    *,
    policy: PolicyFn,
    critic: CriticFn,
    apply: ApplyFn,
    budget: Budget,
    theorem: str = "",
    seed: int,
    rule: Literal["puct", "uct"] = "puct",
    exploration: float = 1.0,
    init_q: float = 0.5,
    virtual_loss: float = 1.0,
    batch_size: int = 8,
    num_tactics: int = 32,
) -> SearchResult:
    """Prove `root` by MCTS over proof states.

    A node is the ordered list of open goals; a tactic applies to the first goal. The policy and the
    critic receive state goals (see `search.states`); a proved state backs up 1, a dead one 0.
    Hyperparameters: `rule` ("puct": Q + c * P * sqrt(sum N) / (1 + N); "uct": Q + c * sqrt(ln sum N
    / N)); `exploration`: c; `init_q`: Q of an unvisited tactic (PUCT); `virtual_loss`, `batch_size`,
    `num_tactics`, `seed` as in `run_htps`. `theorem` only labels the tree.
    """
    params = TreePolicy(
        rule=rule,
        exploration=exploration,
        init_q=init_q,
        virtual_loss=virtual_loss,
        depth_penalty=1.0,
        batch_size=batch_size,
    )
    callbacks = Callbacks(policy, critic, state_apply(apply))
    run = SearchRun(state_of((root,)), callbacks=callbacks, budget=budget, num_tactics=num_tactics)
    with frozen_growth() as run.gc:
        search_loop(run, params, np.random.default_rng(seed))
        return run.result(search="mcts", theorem=theorem)
