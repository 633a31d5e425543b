"""Readable views of the struct-of-arrays hypertree, for tests, export and debugging.

`tree.node(i)` / `tree.edge(i)` (and `tree.nodes[i]`, `tree.edges[i]`, `tree.root`) give a view that
reads the flat lists on each attribute access, so nobody has to do index arithmetic to understand a
tree. Views are read-only, cost one small object each, and are never used by the search loops.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from search.backup import mean_value
from search.codes import STATUSES
from search.types import SearchGoal, Status

if TYPE_CHECKING:
    from search.hypertree import HyperTree


class NodeView:
    """One goal node: its goal, proof status, critic value, visit statistics and links."""

    __slots__ = ("tree", "id")

    def __init__(self, tree: HyperTree, node_id: int) -> None:
        if not 0 <= node_id < tree.num_nodes:
            raise IndexError(f"no node {node_id}")
        self.tree = tree
        self.id = node_id

    def __repr__(self) -> str:
        return f"NodeView({self.id}, {self.key!r}, {self.status})"

    @property
    def goal(self) -> SearchGoal:
        return self.tree.node_goal[self.id]

    @property
    def key(self) -> str:
        return self.goal.key

    @property
    def status(self) -> Status:
        return STATUSES[self.tree.node_status[self.id]]

    @property
    def depth(self) -> int:
        """Distance from the root along the tactic that created the node."""
        return self.tree.node_depth[self.id]

    @property
    def created_at(self) -> int:
        """Expansion counter when the node was created (0: the root)."""
        return self.tree.node_created[self.id]

    @property
    def expanded_at(self) -> int | None:
        return self.tree.node_expanded[self.id]

    @property
    def value(self) -> float | None:
        """Critic probability (None until evaluated)."""
        return self.tree.node_value[self.id]

    @property
    def visits(self) -> int:
        return self.tree.node_visits[self.id]

    @property
    def value_sum(self) -> float:
        return self.tree.node_value_sum[self.id]

    @property
    def q(self) -> float | None:
        """Mean backed-up value in probability space (None before the first visit)."""
        return mean_value(self.value_sum, self.visits)

    @property
    def edges(self) -> tuple[int, ...]:
        """Out-edge ids, in the order the tactics were added."""
        return tuple(self.tree.edge_ids(self.id))

    @property
    def parents(self) -> tuple[int, ...]:
        """In-edge ids, oldest first."""
        return tuple(self.tree.parents(self.id))

    @property
    def n_failed_edges(self) -> int:
        return self.tree.node_failed[self.id]

    @property
    def total(self) -> float:
        """Sum of N + V over the out-edges (what PUCT's exploration term reads)."""
        return self.tree.node_total[self.id]

    @property
    def dead(self) -> tuple[bool, ...]:
        """Per out-edge: True where the edge FAILED (selection skips it)."""
        return tuple(self.tree.edge(e).status is Status.FAILED for e in self.edges)


class EdgeView:
    """One tactic hyperedge: its tactic, prior, children, status and visit statistics."""

    __slots__ = ("tree", "id")

    def __init__(self, tree: HyperTree, edge_id: int) -> None:
        if not 0 <= edge_id < tree.num_edges:
            raise IndexError(f"no edge {edge_id}")
        self.tree = tree
        self.id = edge_id

    def __repr__(self) -> str:
        return f"EdgeView({self.id}, {self.tactic!r}, {self.status})"

    @property
    def parent(self) -> int:
        return self.tree.edge_parent[self.id]

    @property
    def slot(self) -> int:
        """Index among the parent's out-edges."""
        return self.id - self.tree.node_edge_start[self.parent]

    @property
    def tactic(self) -> str:
        return self.tree.edge_tactic[self.id]

    @property
    def prior(self) -> float:
        return self.tree.edge_prior[self.id]

    @property
    def logprob(self) -> float:
        return self.tree.edge_logprob[self.id]

    @property
    def children(self) -> tuple[int, ...]:
        """Child node ids in the order the tactic returned them (may repeat; empty: closed the goal)."""
        return tuple(self.tree.children(self.id))

    @property
    def unique_children(self) -> tuple[int, ...]:
        return tuple(self.tree.unique_children(self.id))

    @property
    def status(self) -> Status:
        return STATUSES[self.tree.edge_status[self.id]]

    @property
    def error(self) -> str | None:
        """Why the tactic failed on its own (invalid or closing a cycle); None otherwise."""
        return self.tree.edge_error[self.id]

    @property
    def created_at(self) -> int:
        return self.tree.edge_created[self.id]

    @property
    def visits(self) -> int:
        return self.tree.edge_visits[self.id]

    @property
    def value_sum(self) -> float:
        return self.tree.edge_value_sum[self.id]

    @property
    def virtual(self) -> float:
        """In-flight virtual count."""
        return self.tree.edge_virtual[self.id]

    @property
    def count(self) -> float:
        """N + V, the count the selection rules read."""
        return self.tree.edge_count[self.id]

    @property
    def q(self) -> float | None:
        """Mean backed-up value W / N (None before the first visit)."""
        return mean_value(self.value_sum, self.visits)


class NodeViews:
    """`tree.nodes`: a read-only sequence of node views."""

    __slots__ = ("tree",)

    def __init__(self, tree: HyperTree) -> None:
        self.tree = tree

    def __len__(self) -> int:
        return self.tree.num_nodes

    def __getitem__(self, node_id: int) -> NodeView:
        return NodeView(self.tree, node_id if node_id >= 0 else node_id + len(self))

    def __iter__(self) -> Iterator[NodeView]:
        return (NodeView(self.tree, i) for i in range(len(self)))


class EdgeViews:
    """`tree.edges`: a read-only sequence of edge views."""

    __slots__ = ("tree",)

    def __init__(self, tree: HyperTree) -> None:
        self.tree = tree

    def __len__(self) -> int:
        return self.tree.num_edges

    def __getitem__(self, edge_id: int) -> EdgeView:
        return EdgeView(self.tree, edge_id if edge_id >= 0 else edge_id + len(self))

    def __iter__(self) -> Iterator[EdgeView]:
        return (EdgeView(self.tree, i) for i in range(len(self)))
