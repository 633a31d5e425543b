"""Every invariant of the struct-of-arrays hypertree, checked by brute force (tests and debugging).

Structure: the node lists, the edge lists and the position lists have one length per group (the
preallocated state fields: the group's capacity, past the last entry untouched); keys map to
their nodes; a node's out-edges are its contiguous span and name it as parent; an unexpanded node has
none; an edge's distinct children are its children without repeats, in first-occurrence order, and
each lists the edge exactly once among its in-edges. Status: an edge is PROVED iff it has no error and
every child is PROVED, FAILED iff it has an error (then no children) or a FAILED child; a node is
PROVED iff some out-edge is PROVED, FAILED iff expanded and every out-edge FAILED, else OPEN; failed
and proved counters match. Statistics: N + V per edge and their per-node total match N and V, a node's
visits are at least its edges' (a simulation either stops at a node or follows one edge), and no
virtual count is left unless simulations are in flight. The goal -> child links are acyclic.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING

from search.codes import FAILED, OPEN, PROVED, STATUSES
from search.growth import EDGE_STATE, NODE_STATE, POS_STATE

if TYPE_CHECKING:
    from search.hypertree import HyperTree

_NODE_FIELDS = (
    "node_goal", "node_depth", "node_created", "node_expanded", "node_status", "node_value",
    "node_visits", "node_value_sum", "node_edge_start", "node_edge_end", "node_failed", "node_total",
    "node_in_head", "node_in_tail", "node_mark",
)  # fmt: skip
_EDGE_FIELDS = (
    "edge_parent", "edge_tactic", "edge_prior", "edge_logprob", "edge_created", "edge_status",
    "edge_error", "edge_child_start", "edge_child_end", "edge_uniq_start", "edge_uniq_end",
    "edge_proved", "edge_visits", "edge_value_sum", "edge_virtual", "edge_count",
)  # fmt: skip
_POS_FIELDS = ("pos_child", "pos_edge", "pos_next")


def check_tree(tree: HyperTree, *, in_flight: bool = False) -> None:
    """Raise AssertionError naming the first broken invariant.

    `in_flight`: simulations may still hold virtual counts (otherwise all are zero).
    """
    assert not tree._staged.parents, "staged expansions not committed"
    _check_lengths(tree)
    keys = tree.keys()
    for key, node in keys.items():
        assert tree.node_goal[node].key == key, f"key map broken at {node}"
    assert len(keys) == tree.num_nodes, "nodes with duplicate keys"
    for node in range(tree.num_nodes):
        _check_node(tree, node, in_flight)
    for edge in range(tree.num_edges):
        _check_edge(tree, edge)
    _check_acyclic(tree)


def _check_lengths(tree: HyperTree) -> None:
    """Each group's plain fields have one length each; its preallocated state fields have the group's
    capacity, and past the last entry still hold their initial value."""
    groups = (
        (_NODE_FIELDS, NODE_STATE, tree.num_nodes, tree.node_capacity),
        (_EDGE_FIELDS, EDGE_STATE, tree.num_edges, tree.edge_capacity),
        (_POS_FIELDS, POS_STATE, len(tree.pos_child), tree.pos_capacity),
    )
    for fields, state, size, capacity in groups:
        assert capacity >= size, f"capacity {capacity} below {size} entries"
        preallocated = dict(state)
        for name in fields:
            length = len(getattr(tree, name))
            expected = capacity if name in preallocated else size
            assert length == expected, f"field lengths differ: {name} has {length}, not {expected}"
        for name, initial in state:
            tail = getattr(tree, name)[size:]
            assert tail.count(initial) == len(tail), f"{name} changed past the last entry"


def _check_node(tree: HyperTree, node: int, in_flight: bool) -> None:
    edges = tree.edge_ids(node)
    statuses = [tree.edge_status[e] for e in edges]
    assert all(tree.edge_parent[e] == node for e in edges), f"out-edge span of node {node}"
    expanded = tree.node_expanded[node] is not None
    if not expanded:
        assert not edges, f"unexpanded node {node} has edges"
    status = tree.node_status[node]
    if PROVED in statuses:
        assert status == PROVED, f"node {node} has a proved edge but is {STATUSES[status]}"
    elif expanded and all(s == FAILED for s in statuses):
        assert status == FAILED, f"node {node}: all edges failed but {STATUSES[status]}"
    elif expanded:
        assert status == OPEN, f"node {node} should be open, is {STATUSES[status]}"
    assert tree.node_failed[node] == statuses.count(FAILED), f"failed count of node {node}"
    counts = [tree.edge_count[e] for e in edges]
    assert math.isclose(tree.node_total[node], math.fsum(counts), abs_tol=1e-9), f"total of node {node}"
    visits = sum(tree.edge_visits[e] for e in edges)
    assert tree.node_visits[node] >= visits, f"visits of node {node}"
    assert in_flight or not any(tree.edge_virtual[e] for e in edges), f"virtual loss left on node {node}"
    parents = tree.parents(node)
    for edge in parents:
        assert node in tree.unique_children(edge), f"in-edge {edge} of node {node} does not lead to it"
    assert len(set(parents)) == len(parents), f"repeated in-edge at node {node}"


def _check_edge(tree: HyperTree, edge: int) -> None:
    children, unique = tree.children(edge), tree.unique_children(edge)
    assert unique == list(dict.fromkeys(children)), f"distinct children of edge {edge}"
    for pos in range(tree.edge_child_start[edge], tree.edge_child_end[edge]):
        assert tree.pos_edge[pos] == edge, f"position {pos} does not belong to edge {edge}"
    for pos in range(tree.edge_uniq_start[edge], tree.edge_uniq_end[edge]):
        assert tree.pos_edge[pos] == edge, f"position {pos} does not belong to edge {edge}"
    for child in unique:
        assert edge in tree.parents(child), f"edge {edge} missing from child {child}"
    statuses = [tree.node_status[c] for c in unique]
    status = tree.edge_status[edge]
    if tree.edge_error[edge] is not None or FAILED in statuses:
        assert status == FAILED, f"edge {edge} should be failed"
        assert tree.edge_error[edge] is None or not children, f"edge {edge} has an error and children"
    elif all(s == PROVED for s in statuses):
        assert status == PROVED, f"edge {edge} should be proved"
    else:
        assert status == OPEN, f"edge {edge} should be open"
        assert tree.edge_proved[edge] == statuses.count(PROVED), f"proved count of edge {edge}"
    count = tree.edge_visits[edge] + tree.edge_virtual[edge]
    assert math.isclose(tree.edge_count[edge], count, abs_tol=1e-9), f"count != visits + virtual at {edge}"


def _check_acyclic(tree: HyperTree) -> None:
    """Kahn's algorithm over goal -> child links; every node must be removed."""
    indegree = [0] * tree.num_nodes
    for edge in range(tree.num_edges):
        for child in tree.unique_children(edge):
            indegree[child] += 1
    queue = deque(i for i, d in enumerate(indegree) if d == 0)
    removed = 0
    while queue:
        node = queue.popleft()
        removed += 1
        for edge in tree.edge_ids(node):
            for child in tree.unique_children(edge):
                indegree[child] -= 1
                if indegree[child] == 0:
                    queue.append(child)
    assert removed == tree.num_nodes, "the hypergraph has a cycle"
