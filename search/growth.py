"""Adding a node's tactics to the struct-of-arrays hypertree (`HyperTree` calls these).

`stage_fresh` and `commit_fresh` handle the common case, where every goal the tactics left is new to
the tree: whole expansions are staged and then added together, a batch at a time, with one list
operation per field; `add_staged` handles anything (merged or repeated goals, cycles, closed goals)
one tactic at a time. All end with the same lists as adding the tactics one by one.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate, chain, repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from search.codes import FAILED, OPEN
from search.types import Children, Invalid, Outcome, SearchGoal, Solved, TacticCandidate

if TYPE_CHECKING:
    from search.hypertree import HyperTree

NO_NODE = -1
"""End of an in-edge list (`node_in_head`, `pos_next`)."""

NODE_STATE: tuple[tuple[str, object], ...] = (
    ("node_expanded", None), ("node_status", OPEN), ("node_value", None), ("node_visits", 0),
    ("node_value_sum", 0.0), ("node_edge_start", 0), ("node_edge_end", 0), ("node_failed", 0),
    ("node_total", 0.0), ("node_mark", 0),
)  # fmt: skip
"""The node fields a fresh node leaves at their initial value: `HyperTree` preallocates them (with
spare capacity past `num_nodes`), so adding a node writes none of them."""
EDGE_STATE: tuple[tuple[str, object], ...] = (
    ("edge_status", OPEN), ("edge_error", None), ("edge_proved", 0), ("edge_visits", 0),
    ("edge_value_sum", 0.0), ("edge_virtual", 0.0), ("edge_count", 0.0),
)  # fmt: skip
"""The edge fields preallocated likewise (an invalid tactic's error is written over its None)."""
POS_STATE: tuple[tuple[str, object], ...] = (("pos_next", NO_NODE),)
"""The position fields preallocated likewise."""
_FIRST = itemgetter(0)
_KEY, _GOALS, _TACTIC, _PRIOR, _LOGPROB = (
    attrgetter("key"),
    attrgetter("goals"),
    attrgetter("tactic"),
    attrgetter("prior"),
    attrgetter("logprob"),
)
_CHILDREN_ONLY = {Children}
_CHILDREN_OR_INVALID = {Children, Invalid}


class FreshBatch:
    """Expansions staged by `stage_fresh`, waiting to be added to the tree in one go by `commit_fresh`.

    Per staged expansion: its parent, step, number of tactics and number of new goals; per tactic, in
    order: its candidate and the number of goals it left; the new goals in order; the invalid tactics
    as (index among the batch's tactics, message)."""

    __slots__ = ("parents", "steps", "tactic_counts", "goal_counts", "cands", "lens", "goals", "errors")

    def __init__(self) -> None:
        self.parents: list[int] = []
        self.steps: list[int] = []
        self.tactic_counts: list[int] = []
        self.goal_counts: list[int] = []
        self.cands: list[TacticCandidate] = []
        self.lens: list[int] = []
        self.goals: list[SearchGoal] = []
        self.errors: list[tuple[int, str]] = []

    def clear(self) -> None:
        for name in self.__slots__:
            getattr(self, name).clear()


def stage_fresh(
    tree: HyperTree,
    batch: FreshBatch,
    parent: int,
    cands: list[TacticCandidate],
    outcomes: list[Outcome],
    step: int,
) -> bool:
    """Stage the whole expansion of `parent` in `batch` if it is the common case, else return False
    having changed nothing. The common case: every tactic left goals or was invalid, at least one left
    goals, and every goal is new to the tree, to the batch and to the other tactics (no merge and no
    repeat, hence no cycle). Such an expansion settles no status but its invalid tactics' FAILED (its
    node keeps a live tactic), and its goal keys are registered at once with the ids they will get, so
    staging it and committing the batch later equals adding it now, provided nothing else is added
    to the tree in between."""
    if (
        not 0 <= parent < len(tree.node_goal)
        or tree.node_expanded[parent] is not None
        or tree._expanding != NO_NODE
    ):
        return False  # `add_edges` reports it or goes on with the expansion under way
    if parent in batch.parents:
        raise ValueError(f"node {parent} is already staged for expansion")
    kinds = set(map(type, outcomes))
    if kinds == _CHILDREN_ONLY:
        goal_lists = list(map(_GOALS, outcomes))
    elif kinds == _CHILDREN_OR_INVALID:
        goal_lists = [o.goals if type(o) is Children else () for o in outcomes]
    else:
        return False
    lens = list(map(len, goal_lists))
    if 0 in lens and (kinds == _CHILDREN_ONLY or any(type(o) is Children and not o.goals for o in outcomes)):
        return False  # the staged path reports the empty Children
    goals = list(chain.from_iterable(goal_lists))
    keys = list(map(_KEY, goals))
    by_key = tree._by_key
    if not by_key.keys().isdisjoint(keys):
        return False
    size, first = len(by_key), len(tree.node_goal) + len(batch.goals)
    by_key.update(zip(keys, range(first, first + len(keys)), strict=True))
    if len(by_key) - size < len(keys):  # a goal repeated among the tactics: undo (every key was new)
        for key in keys:
            by_key.pop(key, None)
        return False
    if kinds != _CHILDREN_ONLY:
        offset = len(batch.cands)
        batch.errors += [(offset + i, o.message) for i, o in enumerate(outcomes) if type(o) is Invalid]
    batch.parents.append(parent)
    batch.steps.append(step)
    batch.tactic_counts.append(len(cands))
    batch.goal_counts.append(len(goals))
    batch.cands += cands
    batch.lens += lens
    batch.goals += goals
    return True


def commit_fresh(tree: HyperTree, batch: FreshBatch) -> range:
    """Add the staged expansions to the tree, in the order they were staged, with one list operation
    per field; empty the batch and return the ids of the new nodes."""
    first_node, first_edge, first_pos = tree.num_nodes, tree.num_edges, len(tree.pos_child)
    if not batch.parents:
        return range(first_node, first_node)
    parents, steps, tactic_counts, goal_counts = (
        batch.parents,
        batch.steps,
        batch.tactic_counts,
        batch.goal_counts,
    )
    m, k = len(batch.goals), len(batch.cands)
    nodes = range(first_node, first_node + m)
    tree.pos_child.extend(nodes)
    tree.pos_edge.extend(chain.from_iterable(map(repeat, range(first_edge, first_edge + k), batch.lens)))
    depths = [tree.node_depth[p] + 1 for p in parents]
    tree._extend_nodes(
        batch.goals,
        depths=chain.from_iterable(map(repeat, depths, goal_counts)),
        created=chain.from_iterable(map(repeat, steps, goal_counts)),
        heads=range(first_pos, first_pos + m),  # each new node's only in-edge so far
    )
    starts = list(accumulate(batch.lens, initial=first_pos))
    ends = starts[1:]
    del starts[-1]
    extend_edges(
        tree,
        chain.from_iterable(map(repeat, parents, tactic_counts)),
        batch.cands,
        None,
        (starts, ends, starts, ends),
        chain.from_iterable(map(repeat, steps, tactic_counts)),
    )
    edge_start, edge_end, expanded = tree.node_edge_start, tree.node_edge_end, tree.node_expanded
    edge = first_edge
    for parent, step, count in zip(parents, steps, tactic_counts, strict=True):
        edge_start[parent] = edge
        edge += count
        edge_end[parent] = edge
        expanded[parent] = step
    for i, message in batch.errors:
        tree.edge_error[first_edge + i] = message
        tree.edge_status[first_edge + i] = FAILED
        tree.node_failed[tree.edge_parent[first_edge + i]] += 1
    batch.clear()
    return nodes


def add_staged(
    tree: HyperTree, parent: int, tactics: list[tuple[TacticCandidate, Outcome]], step: int
) -> list[int]:
    """Any tactics, one at a time: merged or repeated children, cycles, closed goals, errors."""
    first_edge = tree.num_edges
    stage = _Staging(first_edge, tree.num_nodes, len(tactics))
    by_key, pos_child, pos_edge = tree._by_key, tree.pos_child, tree.pos_edge
    new_goals, heads, spans = stage.new_goals, stage.heads, stage.spans
    add_goal, add_head, add_child, add_owner = (
        new_goals.append,
        heads.append,
        pos_child.append,
        pos_edge.append,
    )
    edge = first_edge - 1
    for cand, outcome in tactics:
        edge += 1
        if type(outcome) is Children and outcome.goals:
            # the common case, every child a new goal: no cycle, no merge, links known now
            start = len(pos_child)
            node = stage.first_node + len(new_goals)
            for goal in outcome.goals:
                key = goal.key
                if key in by_key:
                    break
                by_key[key] = node
                add_goal(goal)
                add_head(len(pos_child))
                add_child(node)
                add_owner(edge)
                node += 1
            else:
                end = len(pos_child)
                spans += (start, end, start, end)
                continue
            made = len(pos_child) - start
            for goal in new_goals[len(new_goals) - made :]:
                del by_key[goal.key]
            del new_goals[len(new_goals) - made :], heads[len(heads) - made :]
            del pos_child[start:], pos_edge[start:]
        _stage_general(tree, parent, edge - first_edge, cand, outcome, stage)
    if new_goals:
        m = len(new_goals)
        tree._extend_nodes(
            new_goals, depths=[tree.node_depth[parent] + 1] * m, created=[step] * m, heads=heads
        )
    k = len(tactics)
    extend_edges(
        tree,
        [parent] * k,
        list(map(_FIRST, tactics)),
        stage.errors,
        (spans[0::4], spans[1::4], spans[2::4], spans[3::4]),
        [step] * k,
    )
    for i in stage.settle:
        if stage.errors[i] is None:
            tree._link_children(first_edge + i, spans[4 * i + 2], spans[4 * i + 3])
        else:
            tree._fail_from([first_edge + i])
    return list(range(stage.first_node, tree.num_nodes))


def _stage_general(
    tree: HyperTree, parent: int, i: int, cand: TacticCandidate, outcome: Outcome, stage: _Staging
) -> None:
    """Stage tactic `i` whatever it did: merged or repeated children, cycles, closed goals, errors."""
    by_key, pos_child = tree._by_key, tree.pos_child
    start = len(pos_child)
    result = _result(outcome, cand)
    if not isinstance(result, str) and any(goal.key in by_key for goal in result):
        cycle = tree._cycle_child(parent, result)
        if cycle is not None:
            result = f"cycle: produces an ancestor goal {cycle!r}"
    stage.settle.append(i)
    if isinstance(result, str):
        stage.errors[i] = result
        stage.spans += (start, start, start, start)
        return
    for goal in result:
        child = by_key.get(goal.key)
        if child is None:
            child = by_key[goal.key] = stage.first_node + len(stage.new_goals)
            stage.new_goals.append(goal)
            stage.heads.append(NO_NODE)  # linked when the edge settles
        pos_child.append(child)
    end = len(pos_child)
    if end - start > 1 and len(set(pos_child[start:end])) < end - start:
        pos_child.extend(dict.fromkeys(pos_child[start:end]))
        stage.spans += (start, end, end, len(pos_child))
    else:
        stage.spans += (start, end, start, end)
    tree.pos_edge.extend([stage.first_edge + i] * (len(pos_child) - start))


def extend_edges(
    tree: HyperTree,
    parents: Iterable[int],
    cands: list[TacticCandidate],
    errors: list[str | None] | None,
    spans: tuple[list[int], list[int], list[int], list[int]],
    created: Iterable[int],
) -> None:
    """Append OPEN edges (settled by the caller), one extend per field; per edge: its parent, candidate,
    error (`errors` None: none), child start, child end, distinct start, distinct end (`spans`) and the
    step that created it."""
    k = len(cands)
    first = tree.num_edges
    tree.reserve_edges(first + k, len(tree.pos_child))
    tree.edge_parent.extend(parents)
    tree.edge_tactic.extend(map(_TACTIC, cands))
    tree.edge_prior.extend(map(_PRIOR, cands))
    tree.edge_logprob.extend(map(_LOGPROB, cands))
    tree.edge_created.extend(created)
    if errors is not None:
        tree.edge_error[first : first + k] = errors
    tree.edge_child_start.extend(spans[0])
    tree.edge_child_end.extend(spans[1])
    tree.edge_uniq_start.extend(spans[2])
    tree.edge_uniq_end.extend(spans[3])


class _Staging:
    """What `add_edges` gathers before extending the lists: the new goals (with their first in-edge
    position, or NO_NODE to link when their edge settles), per edge its error and child spans (child
    start, child end, distinct start, distinct end), and the edges to settle one by one."""

    __slots__ = ("first_edge", "first_node", "new_goals", "heads", "errors", "spans", "settle")

    def __init__(self, first_edge: int, first_node: int, k: int) -> None:
        self.first_edge = first_edge
        self.first_node = first_node
        self.new_goals: list[SearchGoal] = []
        self.heads: list[int] = []
        self.errors: list[str | None] = [None] * k
        self.spans: list[int] = []
        self.settle: list[int] = []


def _result(outcome: Outcome, cand: TacticCandidate) -> tuple[SearchGoal, ...] | str:
    """The goals a tactic left (empty: it closed the goal) or, when invalid, its error message."""
    kind = type(outcome)
    if kind is Children or isinstance(outcome, Children):
        if not outcome.goals:
            raise ValueError(f"Children() without goals for tactic {cand.tactic!r}")
        return outcome.goals
    if kind is Invalid or isinstance(outcome, Invalid):
        return outcome.message
    if kind is Solved or isinstance(outcome, Solved):
        return ()
    raise TypeError(f"apply returned {outcome!r}, not an Outcome")
