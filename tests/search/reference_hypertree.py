"""Reference for the tests: the object-per-node hypertree the struct-of-arrays one replaced (search/ at
3fd597a, minus its invariant checks), with per-node edge statistics and the record snapshot it exported.

The search hypergraph: goals as nodes (merged by key), tactics as hyperedges to tuples of children.

Status is propagated incrementally (each node and edge changes status at most once), so an expansion
costs time proportional to what it touches, never to the size of the tree. Per-node numpy arrays hold
the statistics of the outgoing edges, which the selection rules read directly.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from search.backup import mean_value
from search.types import EdgeRecord, NodeRecord, SearchGoal, Status, TacticCandidate


class Node:
    """A goal node. Invariants (checked by `HyperTree.check_invariants`):

    - `status` is PROVED iff some out-edge is PROVED; FAILED iff expanded and every out-edge FAILED.
    - `edges` is empty while `expanded_at is None`; `prior` and `dead` exist once expanded and have
      one slot per out-edge, in `edges` order; `dead[i]` iff edge `edges[i]` FAILED.
    - `stats` (edge statistics, created by the search at the first selection) has the same slots, and
      `visits >= sum(stats.visits)`: a simulation either stops at the node or follows one edge.
    """

    __slots__ = (
        "id",
        "goal",
        "depth",
        "created_at",
        "expanded_at",
        "status",
        "edges",
        "parents",
        "value",
        "visits",
        "value_sum",
        "n_failed_edges",
        "prior",
        "stats",
        "dead",
    )

    def __init__(self, node_id: int, goal: SearchGoal, depth: int, created_at: int) -> None:
        self.id = node_id
        self.goal = goal
        self.depth = depth  # distance from the root along the tactic that created the node
        self.created_at = created_at  # expansion counter at creation (0 = root)
        self.expanded_at: int | None = None
        self.status = Status.OPEN
        self.edges: list[int] = []  # out-edge ids
        self.parents: list[int] = []  # in-edge ids (each edge once, even with repeated children)
        self.value: float | None = None  # critic probability
        self.visits = 0
        self.value_sum = 0.0  # sum of backed-up values, probability space
        self.n_failed_edges = 0
        self.prior = _EMPTY
        self.stats: RefStats | None = None
        self.dead = _EMPTY_BOOL


class Edge:
    """A tactic hyperedge. Invariants: PROVED iff no error and every child PROVED (an empty child
    tuple means the tactic closed the goal); FAILED iff `error` is set or some child FAILED."""

    __slots__ = (
        "id",
        "parent",
        "slot",
        "tactic",
        "prior",
        "logprob",
        "children",
        "unique_children",
        "n_proved",
        "status",
        "error",
        "created_at",
    )

    def __init__(self, edge_id: int, parent: int, slot: int, cand: TacticCandidate, created_at: int) -> None:
        self.id = edge_id
        self.parent = parent
        self.slot = slot  # index in the parent's `edges` and statistics arrays
        self.tactic = cand.tactic
        self.prior = cand.prior
        self.logprob = cand.logprob
        self.children: tuple[int, ...] = ()  # in the order the tactic returned them (may repeat)
        self.unique_children: tuple[int, ...] = ()  # `children` without repeats
        self.n_proved = 0  # unique children already PROVED
        self.status = Status.OPEN
        self.error: str | None = None
        self.created_at = created_at


_EMPTY = np.zeros(0)
_EMPTY_BOOL = np.zeros(0, dtype=bool)


class HyperTree:
    """Nodes and hyperedges of one search, with incremental status propagation."""

    def __init__(self, root: SearchGoal) -> None:
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self._by_key: dict[str, int] = {}
        self.add_node(root, depth=0, created_at=0)

    @property
    def root(self) -> Node:
        return self.nodes[0]

    def lookup(self, key: str) -> int | None:
        return self._by_key.get(key)

    def add_node(self, goal: SearchGoal, *, depth: int, created_at: int) -> int:
        if goal.key in self._by_key:
            raise ValueError(f"goal key already present: {goal.key!r}")
        node_id = len(self.nodes)
        self.nodes.append(Node(node_id, goal, depth, created_at))
        self._by_key[goal.key] = node_id
        return node_id

    def add_invalid(self, parent: int, cand: TacticCandidate, message: str, *, step: int) -> int:
        """Record a rejected tactic as a FAILED edge without children."""
        edge = self._new_edge(parent, cand, step)
        edge.error = message
        self._fail_edge(edge)
        return edge.id

    def add_edge(
        self, parent: int, cand: TacticCandidate, goals: tuple[SearchGoal, ...], *, step: int
    ) -> tuple[int, list[int]]:
        """Add a tactic that produced `goals` (empty: it closed the goal); returns (edge id, new node ids).

        Children are merged with existing nodes by key. A tactic whose child is the parent itself or
        one of its ancestors would create a cycle; it is recorded as a FAILED edge and adds no node.
        """
        cycle = self._cycle_child(parent, goals)
        if cycle is not None:
            message = f"cycle: produces an ancestor goal {cycle!r}"
            return self.add_invalid(parent, cand, message, step=step), []
        edge = self._new_edge(parent, cand, step)
        depth = self.nodes[parent].depth + 1
        children, new = [], []
        for goal in goals:
            child = self._by_key.get(goal.key)
            if child is None:
                child = self.add_node(goal, depth=depth, created_at=step)
                new.append(child)
            children.append(child)
        edge.children = tuple(children)
        edge.unique_children = edge.children if len(children) == 1 else tuple(dict.fromkeys(children))
        failed = False
        for child in edge.unique_children:
            node = self.nodes[child]
            node.parents.append(edge.id)
            if node.status is Status.PROVED:
                edge.n_proved += 1
            elif node.status is Status.FAILED:
                failed = True
        if failed:
            self._fail_edge(edge)
        elif edge.n_proved == len(edge.unique_children):
            self._prove_edge(edge)
        return edge.id, new

    def finish_expansion(self, node_id: int, *, step: int) -> None:
        """Mark a node expanded once all its tactics were added; allocate its edge statistics."""
        node = self.nodes[node_id]
        if node.expanded_at is not None:
            raise ValueError(f"node {node_id} expanded twice")
        node.expanded_at = step
        k = len(node.edges)
        node.prior = np.array([self.edges[e].prior for e in node.edges], dtype=np.float64)
        node.dead = np.array([self.edges[e].status is Status.FAILED for e in node.edges], dtype=bool)
        if node.status is Status.OPEN and node.n_failed_edges == k:
            self._fail_node(node)

    def _new_edge(self, parent: int, cand: TacticCandidate, step: int) -> Edge:
        node = self.nodes[parent]
        if node.expanded_at is not None:
            raise ValueError(f"node {parent} is already expanded")
        edge = Edge(len(self.edges), parent, len(node.edges), cand, step)
        self.edges.append(edge)
        node.edges.append(edge.id)
        return edge

    def _cycle_child(self, parent: int, goals: tuple[SearchGoal, ...]) -> str | None:
        """Key of the first child that is `parent` or an ancestor of it, if any.

        Only expanded existing nodes can reach `parent`; we search upwards from `parent` because a
        node's ancestors are usually far fewer than a merged node's descendants.
        """
        existing: dict[int, str] = {}
        for goal in goals:
            child = self._by_key.get(goal.key)
            if child is None:
                continue
            if child == parent:
                return goal.key
            if self.nodes[child].expanded_at is not None:
                existing[child] = goal.key
        if not existing:
            return None
        seen = {parent}
        queue = deque([parent])
        while queue:
            for edge_id in self.nodes[queue.popleft()].parents:
                above = self.edges[edge_id].parent
                if above in existing:
                    return existing[above]
                if above not in seen:
                    seen.add(above)
                    queue.append(above)
        return None

    def _prove_edge(self, edge: Edge) -> None:
        edge.status = Status.PROVED
        parent = self.nodes[edge.parent]
        if parent.status is Status.OPEN:
            self._prove_node(parent)

    def _prove_node(self, node: Node) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            current.status = Status.PROVED
            for edge_id in current.parents:
                edge = self.edges[edge_id]
                if edge.status is not Status.OPEN:
                    continue
                edge.n_proved += 1
                if edge.n_proved == len(edge.unique_children):
                    edge.status = Status.PROVED
                    parent = self.nodes[edge.parent]
                    if parent.status is Status.OPEN:
                        parent.status = Status.PROVED  # claimed now so no other path pushes it again
                        stack.append(parent)

    def _fail_edge(self, edge: Edge) -> None:
        self._fail_from([edge])

    def _fail_node(self, node: Node) -> None:
        node.status = Status.FAILED
        self._fail_from([self.edges[e] for e in node.parents if self.edges[e].status is Status.OPEN])

    def _fail_from(self, edges: list[Edge]) -> None:
        stack = list(edges)
        while stack:
            edge = stack.pop()
            if edge.status is not Status.OPEN:
                continue
            edge.status = Status.FAILED
            parent = self.nodes[edge.parent]
            parent.n_failed_edges += 1
            if parent.expanded_at is None:
                continue  # still being expanded: `finish_expansion` decides
            parent.dead[edge.slot] = True
            if parent.status is Status.OPEN and parent.n_failed_edges == len(parent.edges):
                parent.status = Status.FAILED
                stack.extend(self.edges[e] for e in parent.parents)


class RefStats:
    """Per-node edge statistics as the old `EdgeStats` kept them (numpy arrays, one slot per edge)."""

    def __init__(self, k: int) -> None:
        self.visits = np.zeros(k)
        self.value_sum = np.zeros(k)
        self.virtual = np.zeros(k)


def ref_records(
    tree: HyperTree, in_proof_edges: set[int]
) -> tuple[tuple[NodeRecord, ...], tuple[EdgeRecord, ...]]:
    """The node and edge records the old snapshot built."""
    in_proof_nodes = {tree.edges[e].parent for e in in_proof_edges}
    nodes = tuple(
        NodeRecord(
            id=n.id,
            goal=n.goal.text,
            key=n.goal.key,
            status=n.status,
            visits=n.visits,
            value=n.value,
            q=mean_value(n.value_sum, n.visits),
            depth=n.depth,
            created_at=n.created_at,
            expanded_at=n.expanded_at,
            in_proof=n.id in in_proof_nodes,
        )
        for n in tree.nodes
    )
    edges = []
    for e in tree.edges:
        stats = tree.nodes[e.parent].stats
        visits = int(stats.visits[e.slot]) if stats is not None else 0
        edges.append(
            EdgeRecord(
                id=e.id,
                parent=e.parent,
                tactic=e.tactic,
                prior=e.prior,
                logprob=e.logprob,
                visits=visits,
                q=mean_value(float(stats.value_sum[e.slot]), visits) if stats is not None else None,
                children=e.children,
                status=e.status,
                error=e.error,
                created_at=e.created_at,
                in_proof=e.id in in_proof_edges,
            )
        )
    return nodes, tuple(edges)
