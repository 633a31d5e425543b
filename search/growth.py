"""Adding a node's tactics to the struct-of-arrays hypertree (`HyperTree.add_edges` calls these).

`add_fresh` handles the common case, where every goal the tactics left is new to the tree, with a few
list operations per expansion; `add_staged` handles anything (merged or repeated goals, cycles, closed
goals, errors) one tactic at a time. Both end with the same lists as adding the tactics one by one.
"""

from __future__ import annotations

from itertools import accumulate, chain, repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from search.types import Children, Invalid, Outcome, SearchGoal, Solved, TacticCandidate

if TYPE_CHECKING:
    from search.hypertree import HyperTree

NO_NODE = -1
"""End of an in-edge list (`node_in_head`, `pos_next`)."""
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_KEY, _TACTIC, _PRIOR, _LOGPROB = (
    attrgetter("key"),
    attrgetter("tactic"),
    attrgetter("prior"),
    attrgetter("logprob"),
)
_PLAIN_KINDS = frozenset((Children, Invalid, Solved))
_CHILDREN_ONLY = {Children}


def add_fresh(
    tree: HyperTree, parent: int, tactics: list[tuple[TacticCandidate, Outcome]], step: int
) -> list[int] | None:
    """The common case in one pass of list operations, or None when it does not apply: every goal
    the tactics left is new to the tree and to each other (no merge, hence no cycle and no repeat),
    so each new node's only in-edge is known at once and only closing or invalid tactics settle."""
    outcomes = list(map(_SECOND, tactics))
    kinds = set(map(type, outcomes))
    if not kinds <= _PLAIN_KINDS:
        return None
    goal_lists = [o.goals if type(o) is Children else () for o in outcomes]
    goals = list(chain.from_iterable(goal_lists))
    keys = list(map(_KEY, goals))
    by_key = tree._by_key
    if len(set(keys)) < len(keys) or not by_key.keys().isdisjoint(keys):
        return None
    lens = list(map(len, goal_lists))
    if 0 in lens and any(not n and type(o) is Children for n, o in zip(lens, outcomes, strict=True)):
        return None  # the staged path reports the empty Children
    first_edge, first_node, first_pos, m = tree.num_edges, tree.num_nodes, len(tree.pos_child), len(goals)
    by_key.update(zip(keys, range(first_node, first_node + m), strict=True))
    tree.pos_child.extend(range(first_node, first_node + m))
    tree.pos_edge.extend(chain.from_iterable(map(repeat, range(first_edge, first_edge + len(lens)), lens)))
    tree.pos_next.extend([NO_NODE] * m)
    if m:
        heads = list(range(first_pos, first_pos + m))
        tree._extend_nodes(goals, depth=tree.node_depth[parent] + 1, created_at=step, heads=heads)
    starts = list(accumulate(lens, initial=first_pos))
    errors = [o.message if type(o) is Invalid else None for o in outcomes] if Invalid in kinds else None
    cands = list(map(_FIRST, tactics))
    spans = (starts[:-1], starts[1:], starts[:-1], starts[1:])
    extend_edges(tree, parent, cands, errors, spans, step)
    if kinds != _CHILDREN_ONLY:
        for i, outcome in enumerate(outcomes):
            if type(outcome) is Invalid:
                tree._fail_from([first_edge + i])
            elif type(outcome) is Solved:
                tree._link_children(first_edge + i, starts[i], starts[i])
    return list(range(first_node, first_node + m))


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
    tree.pos_next.extend([NO_NODE] * (len(pos_child) - len(tree.pos_next)))
    if new_goals:
        tree._extend_nodes(new_goals, depth=tree.node_depth[parent] + 1, created_at=step, heads=heads)
    extend_edges(
        tree,
        parent,
        list(map(_FIRST, tactics)),
        stage.errors,
        (spans[0::4], spans[1::4], spans[2::4], spans[3::4]),
        step,
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
    parent: int,
    cands: list[TacticCandidate],
    errors: list[str | None] | None,
    spans: tuple[list[int], list[int], list[int], list[int]],
    step: int,
) -> None:
    """Append OPEN edges (settled by the caller); `spans`: child start, child end, distinct start,
    distinct end per edge; `errors` None: no error."""
    k = len(cands)
    zeros, fzeros = [0] * k, [0.0] * k
    tree.edge_parent.extend([parent] * k)
    tree.edge_tactic.extend(map(_TACTIC, cands))
    tree.edge_prior.extend(map(_PRIOR, cands))
    tree.edge_logprob.extend(map(_LOGPROB, cands))
    tree.edge_created.extend([step] * k)
    tree.edge_status.extend(zeros)
    tree.edge_error.extend([None] * k if errors is None else errors)
    tree.edge_child_start.extend(spans[0])
    tree.edge_child_end.extend(spans[1])
    tree.edge_uniq_start.extend(spans[2])
    tree.edge_uniq_end.extend(spans[3])
    tree.edge_proved.extend(zeros)
    tree.edge_visits.extend(zeros)
    tree.edge_value_sum.extend(fzeros)
    tree.edge_virtual.extend(fzeros)
    tree.edge_count.extend(fzeros)


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
