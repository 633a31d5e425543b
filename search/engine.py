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

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from search.codes import FAILED, OPEN, PROVED
from search.expansion import SearchRun
from search.hypertree import HyperTree
from search.selection import selector


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


class Simulation:
    """The hypertree one simulation visited: `nodes` in descent (pre-)order and, per node, the chosen
    edge id (`edges`, -1 where the simulation stopped). `tree_shaped`: no node was reached twice, so
    the reversed descent order lists every node after its children (else backup sorts it first)."""

    __slots__ = ("nodes", "edges", "tree_shaped")

    def __init__(self, nodes: list[int], edges: list[int], tree_shaped: bool) -> None:
        self.nodes = nodes
        self.edges = edges
        self.tree_shaped = tree_shaped

    def as_dict(self) -> dict[int, int]:
        """Node id -> chosen edge id (-1: stopped there), in descent order."""
        return dict(zip(self.nodes, self.edges, strict=True))


def search_loop(run: SearchRun, params: TreePolicy, rng: np.random.Generator) -> None:
    """Run batches until the root is resolved, a budget is spent or the apply function fails."""
    run.evaluate_root()
    tree = run.tree
    choose = selector(tree, rule=params.rule, c=params.exploration, init_q=params.init_q, rng=rng)
    while not run.check_stop():
        claimed: set[int] = set()
        leaves: list[int] = []
        sims, collided = [], []
        for _ in range(params.batch_size):
            before = len(leaves)
            sim = simulate(tree, params, rng, claimed, leaves, choose=choose)
            (sims if len(leaves) > before else collided).append(sim)
        run.evaluate(run.expand(leaves))
        for sim in sims:
            backup(tree, sim, params)
        for sim in collided:
            release(tree, sim, params)


def simulate(
    tree: HyperTree,
    params: TreePolicy,
    rng: np.random.Generator,
    claimed: set[int],
    leaves: list[int],
    *,
    choose: Callable[[int], int] | None = None,
) -> Simulation:
    """Descend one simulation depth-first (children in the tactic's order), adding virtual loss on each
    chosen edge; append its unexpanded, unclaimed open leaves to `leaves` (and to `claimed`).

    `choose`: the `selector` of `params` and `rng` on this tree, when the caller already made it.
    """
    stamp = tree.next_stamp()
    mark, status, expanded = tree.node_mark, tree.node_status, tree.node_expanded
    virtual, count, total = tree.edge_virtual, tree.edge_count, tree.node_total
    child, child_start, child_end = tree.pos_child, tree.edge_child_start, tree.edge_child_end
    if choose is None:
        choose = selector(tree, rule=params.rule, c=params.exploration, init_q=params.init_q, rng=rng)
    vl = params.virtual_loss
    nodes: list[int] = []
    edges: list[int] = []
    add_node, add_edge = nodes.append, edges.append
    tree_shaped = True
    stack: list[int] = []
    node = 0
    while True:
        if mark[node] == stamp:
            tree_shaped = False
        else:
            mark[node] = stamp
            add_node(node)
            if status[node] == OPEN and expanded[node] is not None:
                edge = choose(node)
                virtual[edge] += vl
                count[edge] = count[edge] + vl
                total[node] += vl
                add_edge(edge)
                start, end = child_start[edge], child_end[edge]
                node = child[start]
                if end - start > 1:
                    stack.extend(reversed(child[start + 1 : end]))
                continue  # a chain of single children needs no stack
            add_edge(-1)
            if status[node] == OPEN and node not in claimed:
                claimed.add(node)
                leaves.append(node)
        if not stack:
            break
        node = stack.pop()
    return Simulation(nodes, edges, tree_shaped)


def backup(tree: HyperTree, sim: Simulation, params: TreePolicy) -> None:
    """Back the simulation's values up its hypertree, children before parents, removing virtual loss.

    A node's value is log(critic) at a leaf, 0 when proved, -inf when failed, else its value through
    the chosen edge: 0 if the edge is proved, -inf if failed, else the sum of its distinct children's
    values plus log(depth_penalty) (a goal repeated among the children counts once: proving it once
    proves every occurrence). Each node on the way gets N += 1 and W += exp(value), and so does its
    chosen edge. Values are combined in log space (see `search.backup`).
    """
    status, node_value = tree.node_status, tree.node_value
    visits, value_sum = tree.node_visits, tree.node_value_sum
    edge_status, e_visits, e_sum = tree.edge_status, tree.edge_visits, tree.edge_value_sum
    virtual, count, total = tree.edge_virtual, tree.edge_count, tree.node_total
    child, uniq_start, uniq_end = tree.pos_child, tree.edge_uniq_start, tree.edge_uniq_end
    vl, log_penalty = params.virtual_loss, math.log(params.depth_penalty)
    unit = vl == 1.0  # integer-valued counts: removing 1 then adding 1 is exact
    exp, log, fsum, inf = math.exp, math.log, math.fsum, math.inf
    values: dict[int, float] = {}
    for node, edge in _children_first(tree, sim):
        if edge < 0:
            if status[node] == PROVED:
                value = 0.0
            elif status[node] == FAILED:
                value = -inf
            else:
                critic = node_value[node]
                if critic is None:
                    raise ValueError(f"open leaf {node} has no critic value")
                value = log(critic)
        else:
            if edge_status[edge] == PROVED:
                through = 0.0
            elif edge_status[edge] == FAILED:
                through = -inf
            else:
                start, end = uniq_start[edge], uniq_end[edge]
                if end - start == 1:
                    through = values[child[start]]
                elif end - start == 2:
                    through = values[child[start]] + values[child[start + 1]]  # = fsum of two
                else:
                    through = fsum([values[c] for c in child[start:end]])
                if through != -inf:
                    through += log_penalty
            virtual[edge] -= vl
            e_visits[edge] += 1
            probability = exp(through)
            e_sum[edge] += probability
            if not unit:  # with a virtual loss of 1, N + V and the total would come back unchanged
                count[edge] = count[edge] - vl
                total[node] -= vl
                count[edge] = count[edge] + 1.0
                total[node] += 1.0
            if status[node] == PROVED:
                value, probability = 0.0, 1.0
            else:
                value = through
            visits[node] += 1
            value_sum[node] += probability
            values[node] = value
            continue
        visits[node] += 1
        value_sum[node] += exp(value)
        values[node] = value


def release(tree: HyperTree, sim: Simulation, params: TreePolicy) -> None:
    """Remove a simulation's virtual loss without backing it up."""
    vl = params.virtual_loss
    for edge in sim.edges:
        if edge >= 0:
            tree.remove_virtual(edge, vl)


def _children_first(tree: HyperTree, sim: Simulation) -> Iterable[tuple[int, int]]:
    """The simulation's (node, edge) pairs with every node after all its (simulated) children."""
    if sim.tree_shaped:
        return zip(reversed(sim.nodes), reversed(sim.edges), strict=True)
    chosen = sim.as_dict()
    order: list[tuple[int, int]] = []
    done: set[int] = set()
    stack: list[tuple[int, bool]] = [(0, False)]
    while stack:
        node, expanded = stack.pop()
        if node in done:
            continue
        edge = chosen[node]
        if expanded or edge < 0:
            done.add(node)
            order.append((node, edge))
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in tree.unique_children(edge) if c not in done)
    return order
