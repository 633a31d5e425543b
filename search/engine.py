"""The batched simulate -> expand -> evaluate -> backup loop shared by HTPS and MCTS.

A simulation descends from the root choosing one edge per node and following every child of the chosen
hyperedge, so it visits a small hypertree; its unexpanded, unclaimed leaves join the batch. Virtual
loss on the chosen edges lets `batch_size` simulations be in flight before the batch is expanded with
one policy call and evaluated with one critic call; then every simulation is backed up. A simulation
that reaches no new leaf (only leaves claimed earlier in the batch) is not backed up, as it would count
the same evaluation twice; its virtual loss stays until the end of the batch so that later simulations
keep spreading out.
With one child per edge (MCTS over proof states) this is ordinary batched MCTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from search.backup import edge_log_value, leaf_log_value, to_probability
from search.expansion import SearchRun
from search.hypertree import HyperTree, Node
from search.selection import (
    EdgeStats,
    add_virtual_loss,
    puct_scores,
    record_visit,
    remove_virtual_loss,
    select,
    uct_scores,
)
from search.types import Status


@dataclass(frozen=True, kw_only=True)
class TreePolicy:
    """How simulations choose edges and combine values.

    `rule`: "puct" or "uct"; `exploration`: c of the rule; `init_q`: Q of an unvisited edge (PUCT);
    `virtual_loss`: in-flight visits added per simulation crossing an edge; `depth_penalty`: factor in
    (0, 1] applied per unsolved tactic on the way up; `batch_size`: simulations per batch.
    """

    rule: Literal["puct", "uct"] = "puct"
    exploration: float = 1.0
    init_q: float = 0.5
    virtual_loss: float = 1.0
    depth_penalty: float = 1.0
    batch_size: int = 8

    def __post_init__(self) -> None:
        if self.rule not in ("puct", "uct"):
            raise ValueError(f"unknown selection rule {self.rule!r}")
        if not 0.0 < self.depth_penalty <= 1.0:
            raise ValueError(f"depth_penalty must be in (0, 1], got {self.depth_penalty}")
        if self.batch_size < 1 or self.virtual_loss < 0:
            raise ValueError("batch_size must be >= 1 and virtual_loss >= 0")


Simulation = dict[int, int]
"""Node id -> chosen edge slot (-1 where the simulation stopped), in descent order."""


def search_loop(run: SearchRun, params: TreePolicy, rng: np.random.Generator) -> None:
    """Run batches until the root is resolved, a budget is spent or the apply function fails."""
    run.evaluate_root()
    while not run.check_stop():
        claimed: set[int] = set()
        leaves: list[int] = []
        sims, collided = [], []
        for _ in range(params.batch_size):
            before = len(leaves)
            sim = simulate(run.tree, params, rng, claimed, leaves)
            (sims if len(leaves) > before else collided).append(sim)
        run.evaluate(run.expand(leaves))
        for sim in sims:
            backup(run.tree, sim, params)
        for sim in collided:
            release(run.tree, sim, params)


def simulate(
    tree: HyperTree, params: TreePolicy, rng: np.random.Generator, claimed: set[int], leaves: list[int]
) -> Simulation:
    """Descend one simulation, adding virtual loss; append unexpanded, unclaimed leaves to `leaves`."""
    sim: Simulation = {}
    stack = [0]
    while stack:
        node_id = stack.pop()
        if node_id in sim:
            continue
        node = tree.nodes[node_id]
        if node.status is not Status.OPEN or node.expanded_at is None:
            sim[node_id] = -1
            if node.status is Status.OPEN and node_id not in claimed:
                claimed.add(node_id)
                leaves.append(node_id)
            continue
        slot = _choose(node, params, rng)
        add_virtual_loss(node.stats, slot, params.virtual_loss)
        sim[node_id] = slot
        stack.extend(reversed(tree.edges[node.edges[slot]].children))
    return sim


def _choose(node: Node, params: TreePolicy, rng: np.random.Generator) -> int:
    if node.stats is None:
        node.stats = EdgeStats(node.prior, init_q=params.init_q)
    if params.rule == "puct":
        scores = puct_scores(node.stats, c_puct=params.exploration)
    else:
        scores = uct_scores(node.stats, c_uct=params.exploration)
    return select(scores, node.dead if node.n_failed_edges else None, node.prior, rng)


def backup(tree: HyperTree, sim: Simulation, params: TreePolicy) -> None:
    """Back the simulation's values up its hypertree, children before parents, removing virtual loss.

    A node's value is log(critic) at a leaf, 0 when proved, -inf when failed, else its value through
    the chosen edge (a goal repeated among the edge's children counts once: proving it once proves
    every occurrence); each node on the way gets N += 1 and W += exp(value), and so does its chosen
    edge.
    """
    values: dict[int, float] = {}
    for node_id in _post_order(tree, sim):
        node = tree.nodes[node_id]
        slot = sim[node_id]
        if slot < 0:
            value = leaf_log_value(node.status, node.value)
        else:
            edge = tree.edges[node.edges[slot]]
            edge_value = edge_log_value(
                edge.status, (values[c] for c in edge.unique_children), depth_penalty=params.depth_penalty
            )
            remove_virtual_loss(node.stats, slot, params.virtual_loss)
            record_visit(node.stats, slot, to_probability(edge_value))
            value = 0.0 if node.status is Status.PROVED else edge_value
        node.visits += 1
        node.value_sum += to_probability(value)
        values[node_id] = value


def release(tree: HyperTree, sim: Simulation, params: TreePolicy) -> None:
    """Remove a simulation's virtual loss without backing it up."""
    for node_id, slot in sim.items():
        if slot >= 0:
            remove_virtual_loss(tree.nodes[node_id].stats, slot, params.virtual_loss)


def _post_order(tree: HyperTree, sim: Simulation) -> list[int]:
    """The simulation's nodes with every node after all its (simulated) children."""
    order: list[int] = []
    done: set[int] = set()
    stack: list[tuple[int, bool]] = [(0, False)]
    while stack:
        node_id, expanded = stack.pop()
        if node_id in done:
            continue
        slot = sim[node_id]
        if expanded or slot < 0:
            done.add(node_id)
            order.append(node_id)
            continue
        stack.append((node_id, True))
        node = tree.nodes[node_id]
        stack.extend((c, False) for c in tree.edges[node.edges[slot]].unique_children if c not in done)
    return order
