"""The search hypergraph as struct-of-arrays: goals are nodes (merged by key), tactics are hyperedges.

Every node field and every edge field is one flat Python list indexed by the integer id (as mctx's
`Tree`): no per-node or per-edge object exists, so growing the tree allocates no container the cyclic
garbage collector has to track (the lists hold ints, floats, strs and None, which it ignores; the only
per-goal objects kept are the caller's `SearchGoal`s). The fields in which a new entry starts with a
constant (statistics, statuses, links filled in later: `search.growth.NODE_STATE`, `EDGE_STATE`,
`POS_STATE`) are preallocated with it and grown geometrically, so adding a goal or a tactic writes only
the fields that carry information (goal, depth, parent, tactic, prior, spans); those lists are longer
than `num_nodes` / `num_edges` (their `*_capacity`) and whole-tree code slices them to the entry
count.

A node's out-edges are contiguous (`node_edge_start[n] <= e < node_edge_end[n]`, a node is expanded
in one go); an edge's children live
in one flat list of positions (`pos_child[p]` for `edge_child_start[e] <= p < edge_child_end[e]`, in
the order the tactic returned them, repeats included) and its distinct children in the span
`edge_uniq_start[e]..edge_uniq_end[e]` of the same list. The in-edges of a node are a linked list
threaded through the distinct-child positions (`node_in_head`, `pos_next`), so adding an edge never
allocates a list per child.

Status is propagated incrementally (each node and edge changes status at most once), so an expansion
costs time proportional to what it touches, never to the size of the tree. Statuses are the ints of
`search.codes`. Edge statistics (N, W, virtual count V and N + V) and the per-node total of N + V are
stored here too; the search rules read and update them in their own loops (`search.engine`,
`search.selection`). `search.growth` adds a node's tactics: an expansion whose goals are all new is
staged (`stage_expansion`) and added with the other staged ones by `commit_staged`, one list operation
per field for a whole batch; any other change commits what is staged first. `search.views` gives
readable node and edge views, `search.invariants` checks every invariant. The collector: see
`search.gc_policy`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from search.codes import FAILED, OPEN, PROVED
from search.growth import (
    EDGE_STATE,
    NO_NODE,
    NODE_STATE,
    POS_STATE,
    FreshBatch,
    add_staged,
    commit_fresh,
    stage_fresh,
)
from search.invariants import check_tree
from search.types import Children, Invalid, Outcome, SearchGoal, Solved, TacticCandidate
from search.views import EdgeView, EdgeViews, NodeView, NodeViews

_MIN_CAPACITY = 1024


class HyperTree:
    """Nodes and hyperedges of one search, with incremental status propagation.

    Node fields (index: node id): `node_goal` the caller's goal; `node_depth` distance from the root
    along the tactic that created it; `node_created` / `node_expanded` expansion counter at creation
    (0 = root) / at expansion (None until expanded); `node_status`; `node_value` critic probability
    (None until evaluated); `node_visits` N and `node_value_sum` W (probability space) of completed
    simulations through it; `node_edge_start` / `node_edge_end` its out-edge span; `node_failed` its
    FAILED out-edges; `node_total` sum of N + V over its out-edges; `node_in_head` / `node_in_tail`
    first / last position of its in-edge list.

    Edge fields (index: edge id): `edge_parent`, `edge_tactic`, `edge_prior`, `edge_logprob`,
    `edge_created`, `edge_status`, `edge_error` (set iff the tactic was invalid or closed a cycle),
    child spans as above, `edge_proved` distinct children already PROVED; statistics `edge_visits` N,
    `edge_value_sum` W, `edge_virtual` V, `edge_count` N + V (kept incrementally, as the selection reads
    it).

    Position fields (index: position in the flat child list): `pos_child`, `pos_edge` (owner edge),
    `pos_next` next position of the child's in-edge list (-1: last).
    """

    __slots__ = (
        "node_goal", "node_depth", "node_created", "node_expanded", "node_status", "node_value",
        "node_visits", "node_value_sum", "node_edge_start", "node_edge_end", "node_failed", "node_total",
        "node_in_head", "node_in_tail", "node_mark",
        "edge_parent", "edge_tactic", "edge_prior", "edge_logprob", "edge_created", "edge_status",
        "edge_error", "edge_child_start", "edge_child_end", "edge_uniq_start", "edge_uniq_end",
        "edge_proved", "edge_visits", "edge_value_sum", "edge_virtual", "edge_count",
        "pos_child", "pos_edge", "pos_next",
        "_by_key", "_expanding", "_staged", "stamp", "node_capacity", "edge_capacity", "pos_capacity",
    )  # fmt: skip

    def __init__(self, root: SearchGoal) -> None:
        self.node_goal: list[SearchGoal] = []
        self.node_depth: list[int] = []
        self.node_created: list[int] = []
        self.node_expanded: list[int | None] = []
        self.node_status: list[int] = []
        self.node_value: list[float | None] = []
        self.node_visits: list[int] = []
        self.node_value_sum: list[float] = []
        self.node_edge_start: list[int] = []
        self.node_edge_end: list[int] = []
        self.node_failed: list[int] = []
        self.node_total: list[float] = []
        self.node_in_head: list[int] = []
        self.node_in_tail: list[int] = []
        self.node_mark: list[int] = []  # scratch for traversals: the `stamp` that last visited the node
        self.edge_parent: list[int] = []
        self.edge_tactic: list[str] = []
        self.edge_prior: list[float] = []
        self.edge_logprob: list[float] = []
        self.edge_created: list[int] = []
        self.edge_status: list[int] = []
        self.edge_error: list[str | None] = []
        self.edge_child_start: list[int] = []
        self.edge_child_end: list[int] = []
        self.edge_uniq_start: list[int] = []
        self.edge_uniq_end: list[int] = []
        self.edge_proved: list[int] = []
        self.edge_visits: list[int] = []
        self.edge_value_sum: list[float] = []
        self.edge_virtual: list[float] = []
        self.edge_count: list[float] = []
        self.pos_child: list[int] = []
        self.pos_edge: list[int] = []
        self.pos_next: list[int] = []
        self.node_capacity = self.edge_capacity = self.pos_capacity = 0  # of the preallocated fields
        self._by_key: dict[str, int] = {}
        self._expanding = NO_NODE
        self._staged = FreshBatch()
        self.stamp = 0
        self.add_node(root, depth=0, created_at=0)

    # ---- sizes and lookups -------------------------------------------------------------------

    @property
    def num_nodes(self) -> int:
        return len(self.node_goal)

    @property
    def num_edges(self) -> int:
        return len(self.edge_parent)

    def _grow(self, fields: tuple[tuple[str, object], ...], needed: int) -> int:
        """Extend the state `fields` to hold at least `needed` entries, geometrically so that the cost
        per added entry stays constant; returns their new length."""
        have = len(getattr(self, fields[0][0]))
        more = max(needed, 2 * have, _MIN_CAPACITY) - have
        for name, initial in fields:
            getattr(self, name).extend([initial] * more)
        return have + more

    def reserve_nodes(self, nodes: int) -> None:
        """Make the node state fields hold at least this many entries."""
        if nodes > self.node_capacity:
            self.node_capacity = self._grow(NODE_STATE, nodes)

    def reserve_edges(self, edges: int, positions: int) -> None:
        """Make the edge and position state fields hold at least this many entries."""
        if edges > self.edge_capacity:
            self.edge_capacity = self._grow(EDGE_STATE, edges)
        if positions > self.pos_capacity:
            self.pos_capacity = self._grow(POS_STATE, positions)

    def node(self, node_id: int) -> NodeView:
        return NodeView(self, node_id)

    def edge(self, edge_id: int) -> EdgeView:
        return EdgeView(self, edge_id)

    @property
    def root(self) -> NodeView:
        return NodeView(self, 0)

    @property
    def nodes(self) -> NodeViews:
        """All nodes as views (`tree.nodes[i]`, `len(tree.nodes)`, iteration)."""
        return NodeViews(self)

    @property
    def edges(self) -> EdgeViews:
        """All edges as views."""
        return EdgeViews(self)

    def lookup(self, key: str) -> int | None:
        return self._by_key.get(key)

    def keys(self) -> dict[str, int]:
        """The key -> node id map (read only)."""
        return self._by_key

    def edge_ids(self, node: int) -> range:
        """Out-edge ids of `node`, in the order its tactics were added (empty until expanded)."""
        return range(self.node_edge_start[node], self.node_edge_end[node])

    def children(self, edge: int) -> list[int]:
        """Child node ids of `edge` in the order the tactic returned them (may repeat)."""
        return self.pos_child[self.edge_child_start[edge] : self.edge_child_end[edge]]

    def unique_children(self, edge: int) -> list[int]:
        """`children(edge)` without repeats, first occurrences in order."""
        return self.pos_child[self.edge_uniq_start[edge] : self.edge_uniq_end[edge]]

    def parents(self, node: int) -> list[int]:
        """In-edge ids of `node` (each edge once, even with repeated children), oldest first."""
        out = []
        pos = self.node_in_head[node]
        while pos >= 0:
            out.append(self.pos_edge[pos])
            pos = self.pos_next[pos]
        return out

    def next_stamp(self) -> int:
        """A fresh traversal stamp: nodes with `node_mark[n] == stamp` were visited by this traversal."""
        self.stamp += 1
        return self.stamp

    # ---- growth ------------------------------------------------------------------------------

    def add_node(self, goal: SearchGoal, *, depth: int, created_at: int) -> int:
        self.commit_staged()
        if goal.key in self._by_key:
            raise ValueError(f"goal key already present: {goal.key!r}")
        node = self.num_nodes
        self._by_key[goal.key] = node
        self._extend_nodes([goal], depths=[depth], created=[created_at])
        return node

    def _extend_nodes(
        self,
        goals: list[SearchGoal],
        *,
        depths: Iterable[int],
        created: Iterable[int],
        heads: Iterable[int] | None = None,
    ) -> None:
        """Append fresh OPEN nodes for `goals` (already registered in the key map), one extend per field;
        per node: its depth, the step that created it and the position of its only in-edge so far
        (`heads`, default: none)."""
        m = len(goals)
        self.reserve_nodes(self.num_nodes + m)
        heads = [NO_NODE] * m if heads is None else list(heads)
        self.node_goal.extend(goals)
        self.node_depth.extend(depths)
        self.node_created.extend(created)
        self.node_in_head.extend(heads)
        self.node_in_tail.extend(heads)

    def set_value(self, node: int, value: float) -> None:
        """Record the critic probability of `node`."""
        self.node_value[node] = value

    def add_invalid(self, parent: int, cand: TacticCandidate, message: str, *, step: int) -> int:
        """Record a rejected tactic as a FAILED edge without children."""
        return self.add_edges(parent, [(cand, Invalid(message))], step=step)[0][0]

    def add_edge(
        self, parent: int, cand: TacticCandidate, goals: tuple[SearchGoal, ...], *, step: int
    ) -> tuple[int, list[int]]:
        """Add a tactic that produced `goals` (empty: it closed the goal); returns (edge id, new node ids)."""
        edges, new = self.add_edges(parent, [(cand, Children(goals) if goals else Solved())], step=step)
        return edges[0], new

    def add_expansion(
        self, node: int, tactics: list[tuple[TacticCandidate, Outcome]], *, step: int
    ) -> list[int]:
        """Add every tactic of `node` (see `add_edges`) and finish its expansion; returns new node ids."""
        cands, outcomes = [cand for cand, _ in tactics], [outcome for _, outcome in tactics]
        return list(self.expand_now(node, cands, outcomes, step=step))

    def expand_now(
        self, node: int, cands: list[TacticCandidate], outcomes: list[Outcome], *, step: int
    ) -> Sequence[int]:
        """`add_expansion` with the candidates and their outcomes as two lists."""
        self.commit_staged()
        if self.stage_expansion(node, cands, outcomes, step=step):
            return self.commit_staged()
        new = self.add_edges(node, list(zip(cands, outcomes, strict=True)), step=step)[1]
        self.finish_expansion(node, step=step)
        return new

    def stage_expansion(
        self, node: int, cands: list[TacticCandidate], outcomes: list[Outcome], *, step: int
    ) -> bool:
        """Stage the expansion of `node` to be added by the next `commit_staged` if it is the common case
        (`search.growth.stage_fresh`: it settles no status but its invalid tactics', so until then the
        search sees no difference); False, changing nothing, otherwise. Every other change to the tree
        commits what is staged first."""
        return stage_fresh(self, self._staged, node, cands, outcomes, step)

    def commit_staged(self) -> range:
        """Add the staged expansions to the tree; returns the ids of the nodes they created."""
        if not self._staged.parents:
            return range(0)
        return commit_fresh(self, self._staged)

    def add_edges(
        self, parent: int, tactics: list[tuple[TacticCandidate, Outcome]], *, step: int
    ) -> tuple[range, list[int]]:
        """Add tactics of `parent` with what applying them did, in order; returns (their edge ids, the
        ids of the nodes they created).

        `Solved` closed the goal (a PROVED edge without children), `Children` left goals, `Invalid` is
        a FAILED edge without children that keeps the message as its error. Children are merged with existing nodes by key. A
        tactic whose child is the parent itself or one of its ancestors would create a cycle; it becomes
        a FAILED edge with a "cycle" error and adds no node. The same as adding the tactics one by one,
        with one list extend per field instead of one append per field and tactic.
        """
        self.commit_staged()
        if self.node_expanded[parent] is not None:
            raise ValueError(f"node {parent} is already expanded")
        first_edge = self.num_edges
        if self._expanding == NO_NODE:
            self._expanding = parent
            self.node_edge_start[parent] = first_edge
        elif self._expanding != parent:
            raise ValueError(f"node {self._expanding} is being expanded; finish it before node {parent}")
        new = add_staged(self, parent, tactics, step)
        self.node_edge_end[parent] = self.num_edges
        return range(first_edge, self.num_edges), new

    def _link_children(self, edge: int, ustart: int, uend: int) -> None:
        """Append `edge` to the in-edge list of each distinct child and settle the edge's status."""
        node_status, head, tail, pos_next = (
            self.node_status,
            self.node_in_head,
            self.node_in_tail,
            self.pos_next,
        )
        pos_child = self.pos_child
        failed = False
        proved = 0
        for pos in range(ustart, uend):
            child = pos_child[pos]
            last = tail[child]
            if last < 0:
                head[child] = pos
            else:
                pos_next[last] = pos
            tail[child] = pos
            status = node_status[child]
            if status == PROVED:
                proved += 1
            elif status == FAILED:
                failed = True
        self.edge_proved[edge] = proved
        if failed:
            self._fail_from([edge])
        elif proved == uend - ustart:
            self.edge_status[edge] = PROVED
            parent = self.edge_parent[edge]
            if node_status[parent] == OPEN:
                self._prove_from(parent)

    def finish_expansion(self, node: int, *, step: int) -> None:
        """Mark a node expanded once all its tactics were added; a node without live tactic fails."""
        self.commit_staged()
        if self.node_expanded[node] is not None:
            raise ValueError(f"node {node} expanded twice")
        if self._expanding == NO_NODE:
            self.node_edge_start[node] = self.node_edge_end[node] = self.num_edges
        elif self._expanding != node:
            raise ValueError(f"node {self._expanding} is being expanded; finish it before node {node}")
        self._expanding = NO_NODE
        self.node_expanded[node] = step
        k = self.node_edge_end[node] - self.node_edge_start[node]
        if self.node_status[node] == OPEN and self.node_failed[node] == k:
            self.node_status[node] = FAILED
            self._fail_from([e for e in self.parents(node) if self.edge_status[e] == OPEN])

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
            if child < self.num_nodes and self.node_expanded[child] is not None:
                existing[child] = goal.key  # (larger ids: created earlier in the current expansion)
        if not existing:
            return None
        seen = {parent}
        queue = deque([parent])
        head, pos_next, pos_edge, edge_parent = (
            self.node_in_head,
            self.pos_next,
            self.pos_edge,
            self.edge_parent,
        )
        while queue:
            pos = head[queue.popleft()]
            while pos >= 0:
                above = edge_parent[pos_edge[pos]]
                if above in existing:
                    return existing[above]
                if above not in seen:
                    seen.add(above)
                    queue.append(above)
                pos = pos_next[pos]
        return None

    # ---- status propagation ------------------------------------------------------------------

    def _prove_from(self, node: int) -> None:
        """Mark `node` PROVED and propagate to every edge all of whose distinct children are proved."""
        node_status, edge_status, edge_proved = self.node_status, self.edge_status, self.edge_proved
        pos_edge, pos_next, edge_parent = self.pos_edge, self.pos_next, self.edge_parent
        node_status[node] = PROVED
        stack = [node]
        while stack:
            pos = self.node_in_head[stack.pop()]
            while pos >= 0:
                edge = pos_edge[pos]
                pos = pos_next[pos]
                if edge_status[edge] != OPEN:
                    continue
                edge_proved[edge] += 1
                if edge_proved[edge] == self.edge_uniq_end[edge] - self.edge_uniq_start[edge]:
                    edge_status[edge] = PROVED
                    parent = edge_parent[edge]
                    if node_status[parent] == OPEN:
                        node_status[parent] = PROVED  # claimed now so no other path pushes it again
                        stack.append(parent)

    def _fail_from(self, edges: list[int]) -> None:
        """Mark `edges` FAILED; a parent whose every edge failed (once expanded) fails in turn."""
        edge_status, node_status, node_failed = self.edge_status, self.node_status, self.node_failed
        stack = list(edges)
        while stack:
            edge = stack.pop()
            if edge_status[edge] != OPEN:
                continue
            edge_status[edge] = FAILED
            parent = self.edge_parent[edge]
            node_failed[parent] += 1
            if self.node_expanded[parent] is None:
                continue  # still being expanded: `finish_expansion` decides
            if (
                node_status[parent] == OPEN
                and node_failed[parent] == self.node_edge_end[parent] - self.node_edge_start[parent]
            ):
                node_status[parent] = FAILED
                stack.extend(self.parents(parent))

    # ---- edge statistics (the engine inlines these in its loops) -------------------------------

    def add_virtual(self, edge: int, amount: float) -> None:
        """Count `amount` in-flight visits on `edge`."""
        self.edge_virtual[edge] += amount
        self.edge_count[edge] = self.edge_count[edge] + amount
        self.node_total[self.edge_parent[edge]] += amount

    def remove_virtual(self, edge: int, amount: float) -> None:
        """Undo `add_virtual`."""
        self.edge_virtual[edge] -= amount
        self.edge_count[edge] = self.edge_count[edge] - amount
        self.node_total[self.edge_parent[edge]] -= amount

    def record_visit(self, edge: int, value: float) -> None:
        """A completed simulation backed `value` (probability space) up `edge`: N += 1, W += value."""
        self.edge_visits[edge] += 1
        self.edge_value_sum[edge] += value
        self.edge_count[edge] = self.edge_count[edge] + 1.0
        self.node_total[self.edge_parent[edge]] += 1.0

    def check_invariants(self, *, in_flight: bool = False) -> None:
        """Raise AssertionError if any structural, status or statistics invariant is broken.

        `in_flight`: simulations may still hold virtual counts (otherwise all are zero).
        """
        check_tree(self, in_flight=in_flight)
