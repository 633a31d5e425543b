"""The struct-of-arrays hypertree against the object-per-node reference it replaced (search/ at 3fd597a):
random expansions with merged goals, cycles, invalid and closing tactics and repeated children, plus
random statistics, must give the same statuses, links, errors and exported records, and the JSON
export must round-trip. Also: the invariant checker catches each kind of corruption."""

import json
import random

import pytest

from search.codes import FAILED, OPEN, PROVED
from search.graph import _edge_records, _node_records, tree_from_json, tree_to_json
from search.hypertree import HyperTree
from search.types import Children, Invalid, SearchGoal, SearchTree, Solved, Status, TacticCandidate
from tests.search.reference_hypertree import HyperTree as RefTree
from tests.search.reference_hypertree import RefStats, ref_records


def g(name: str) -> SearchGoal:
    return SearchGoal(key=name, text=f"⊢ {name}", payload=name)


def random_outcome(rng: random.Random, pool: int):
    roll = rng.random()
    if roll < 0.15:
        return Invalid(rng.choice(["unknown identifier", "type mismatch"]))
    if roll < 0.22:
        return Solved()
    return Children(tuple(g(f"n{rng.randrange(pool)}") for _ in range(rng.choice([1, 1, 2, 3]))))


def random_tactics(rng: random.Random, pool: int) -> list:
    return [
        (
            TacticCandidate(f"t{i}", -rng.random(), rng.choice([0.1, 0.2, rng.random()])),
            random_outcome(rng, pool),
        )
        for i in range(rng.randrange(5))
    ]


def add_one_by_one(tree: HyperTree | RefTree, node: int, tactics: list, step: int) -> None:
    """Expand `node` through the one-tactic-at-a-time API (both trees have it)."""
    for cand, outcome in tactics:
        if isinstance(outcome, Invalid):
            tree.add_invalid(node, cand, outcome.message, step=step)
        else:
            tree.add_edge(node, cand, getattr(outcome, "goals", ()), step=step)
    tree.finish_expansion(node, step=step)


def grow(seed: int, steps: int, pool: int) -> tuple[HyperTree, RefTree]:
    """Expand random open goals of both trees the same way, with random statistics in between: one
    expansion at a time (whole, or tactic by tactic), or several staged the way the search does
    (`stage_expansion`, else commit and expand at once) and committed together."""
    rng = random.Random(seed)
    new, ref = HyperTree(g("n0")), RefTree(g("n0"))
    step = 0
    while step < steps:
        frontier = [n.id for n in ref.nodes if n.expanded_at is None and n.status is Status.OPEN]
        if not frontier:
            break
        mode = rng.choice(["whole", "tactics", "staged"])
        for node in (
            rng.sample(frontier, min(len(frontier), 3)) if mode == "staged" else [rng.choice(frontier)]
        ):
            step += 1
            tactics = random_tactics(rng, pool)
            cands, outcomes = [c for c, _ in tactics], [o for _, o in tactics]
            if mode == "whole":
                new.add_expansion(node, tactics, step=step)
            elif mode == "staged":
                if not new.stage_expansion(node, cands, outcomes, step=step):
                    new.commit_staged()
                    new.expand_now(node, cands, outcomes, step=step)
            else:  # the one-tactic-at-a-time API must agree too
                add_one_by_one(new, node, tactics, step)
            add_one_by_one(ref, node, tactics, step)
        new.commit_staged()
        random_statistics(rng, new, ref)
        new.check_invariants()
    return new, ref


def random_statistics(rng: random.Random, new: HyperTree, ref: RefTree) -> None:
    for node in ref.nodes:
        if rng.random() < 0.3:
            value = rng.choice([0.25, 0.5, rng.uniform(0.01, 0.99)])
            node.value = value
            new.set_value(node.id, value)
        if node.edges and rng.random() < 0.4:
            slot, value = rng.randrange(len(node.edges)), rng.choice([0.0, 1.0, rng.random()])
            if node.stats is None:
                node.stats = RefStats(len(node.edges))
            node.stats.visits[slot] += 1
            node.stats.value_sum[slot] += value
            node.visits += 1
            node.value_sum += value
            edge = new.edge_ids(node.id)[slot]
            new.add_virtual(edge, 1.0)
            new.remove_virtual(edge, 1.0)
            new.record_visit(edge, value)
            new.node_visits[node.id] += 1
            new.node_value_sum[node.id] += value


def search_tree(nodes, edges) -> SearchTree:
    return SearchTree("t", "htps", False, 0, nodes, edges, None, 0, 0, 0.0, "failed")


@pytest.mark.parametrize("seed", range(40))
def test_random_trees_match_the_reference(seed):
    new, ref = grow(seed, steps=10 + 2 * seed, pool=25 + seed)
    assert (new.num_nodes, new.num_edges) == (len(ref.nodes), len(ref.edges))
    for n in ref.nodes:
        view = new.node(n.id)
        assert (view.status, view.expanded_at, view.depth, view.created_at) == (
            n.status, n.expanded_at, n.depth, n.created_at,
        ), n.id  # fmt: skip
        assert view.edges == tuple(n.edges) and view.parents == tuple(n.parents), n.id
        assert view.n_failed_edges == n.n_failed_edges and view.goal == n.goal
        if n.expanded_at is not None:
            assert list(view.dead) == n.dead.tolist()
    for e in ref.edges:
        view = new.edge(e.id)
        assert (view.parent, view.slot, view.tactic, view.status, view.error, view.created_at) == (
            e.parent, e.slot, e.tactic, e.status, e.error, e.created_at,
        ), e.id  # fmt: skip
        assert view.children == e.children and view.unique_children == e.unique_children, e.id
    in_proof = {e.id for e in ref.edges if random.Random(seed).random() < 0.5 and e.status is Status.PROVED}
    expected = search_tree(*ref_records(ref, in_proof))
    actual = search_tree(
        _node_records(new, {ref.edges[e].parent for e in in_proof}), _edge_records(new, in_proof)
    )
    assert actual == expected
    data = json.loads(json.dumps(tree_to_json(actual)))
    assert data == json.loads(json.dumps(tree_to_json(expected)))
    assert tree_from_json(data) == actual


def test_random_trees_exercise_every_case():
    """The random trees above do contain merges, cycles, failures, proofs and repeated children."""
    seen = set()
    for seed in range(40):
        new, _ = grow(seed, steps=10 + 2 * seed, pool=25 + seed)
        for e in new.edges:
            if e.error and e.error.startswith("cycle"):
                seen.add("cycle")
            if len(e.unique_children) < len(e.children):
                seen.add("repeat")
            seen.add(e.status)
        if any(len(n.parents) > 1 for n in new.nodes):
            seen.add("merge")
        seen.update(n.status for n in new.nodes)
    assert {"cycle", "repeat", "merge", Status.PROVED, Status.FAILED, Status.OPEN} <= seen


def test_staging_takes_only_fresh_goals_and_commits_before_any_other_change():
    tree = HyperTree(g("A"))
    t = [TacticCandidate(f"t{i}", -1.0, 0.5) for i in range(3)]
    assert tree.stage_expansion(0, t[:2], [Children((g("B"), g("C"))), Invalid("no")], step=1)
    assert tree.num_nodes == 1 and tree.lookup("C") == 2  # registered, not yet added
    with pytest.raises(AssertionError, match="staged expansions not committed"):
        tree.check_invariants()
    with pytest.raises(ValueError, match="already staged"):
        tree.stage_expansion(0, t[:1], [Children((g("D"),))], step=2)
    assert list(tree.commit_staged()) == [1, 2] and tree.node(0).status is Status.OPEN
    assert (
        tree.edge(1).status is Status.FAILED
        and tree.edge(1).error == "no"
        and tree.node(0).n_failed_edges == 1
    )
    refused = [
        [Children((g("B"),))],  # merges with an existing goal
        [Children((g("D"),)), Children((g("D"),))],  # repeats a goal
        [Solved()],  # settles a status
        [Invalid("x")],  # fails the node
        [],  # no tactic: fails the node
    ]
    for outcomes in refused:
        assert not tree.stage_expansion(1, t[: len(outcomes)], outcomes, step=2)
    assert tree.num_nodes == 3 and tree.lookup("D") is None and not tree.commit_staged()
    assert not tree.stage_expansion(0, t[:1], [Children((g("E"),))], step=2)  # already expanded
    assert not tree.stage_expansion(7, t[:1], [Children((g("E"),))], step=2)  # no such node
    assert tree.stage_expansion(1, t[:1], [Children((g("E"),))], step=2)
    tree.add_expansion(2, [(t[0], Solved())], step=3)  # commits the staged expansion first
    assert tree.node(1).edges == (2,) and tree.node(2).edges == (3,) and tree.lookup("E") == 3
    tree.check_invariants()


def small_tree() -> HyperTree:
    """
    A --t1--> (B, C)
    A --t2--> ✗
    B --b--> ()
    """
    tree = HyperTree(g("A"))
    tree.add_expansion(0, [(TacticCandidate("t1", -1, 0.6), Children((g("B"), g("C")))),
                           (TacticCandidate("t2", -1, 0.4), Invalid("no"))], step=1)  # fmt: skip
    tree.add_expansion(1, [(TacticCandidate("b", 0, 1.0), Solved())], step=2)
    tree.check_invariants()
    assert [tree.node_status[i] for i in range(3)] == [OPEN, PROVED, OPEN]
    return tree


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (lambda t: t.node_failed.__setitem__(0, 0), "failed count"),
        (lambda t: t.edge_status.__setitem__(1, OPEN), "failed count of node 0"),
        (lambda t: t.node_status.__setitem__(2, FAILED), "should be failed"),
        (lambda t: t.pos_next.__setitem__(0, 1), "repeated in-edge at node 1"),
        (lambda t: t.pos_next.__setitem__(1, 0), "does not lead to it|repeated"),
        (lambda t: t.node_in_head.__setitem__(2, -1), "missing from child"),
        (lambda t: t.edge_parent.__setitem__(1, 1), "out-edge span"),
        (lambda t: t.pos_child.__setitem__(1, 0), "cycle|missing|does not lead"),
        (lambda t: t.node_total.__setitem__(0, 1.0), "total of node"),
        (lambda t: t.node_edge_end.append(0), "field lengths"),
        (lambda t: t.node_depth.append(0), "field lengths"),
        (lambda t: t.node_visits.__setitem__(t.num_nodes, 1), "node_visits changed past the last entry"),
        (lambda t: t.edge_error.__setitem__(t.num_edges, "x"), "edge_error changed past the last entry"),
        (lambda t: t.keys().__setitem__("B", 2), "key map"),
    ],
)
def test_check_invariants_catches_corruption(corrupt, message):
    tree = small_tree()
    corrupt(tree)
    with pytest.raises(AssertionError, match=message):
        tree.check_invariants()


def test_expansions_must_not_interleave_and_views_are_bounded():
    tree = HyperTree(g("A"))
    tree.add_edge(0, TacticCandidate("a", 0, 1.0), (g("B"),), step=1)
    with pytest.raises(ValueError, match="node 0 is being expanded"):
        tree.add_edge(1, TacticCandidate("b", 0, 1.0), (), step=1)
    with pytest.raises(ValueError, match="node 0 is being expanded"):
        tree.finish_expansion(1, step=1)
    tree.finish_expansion(0, step=1)
    with pytest.raises(ValueError, match="Children\\(\\) without goals"):
        tree.add_expansion(1, [(TacticCandidate("b", 0, 1.0), Children(()))], step=2)
    with pytest.raises(IndexError):
        tree.node(5)
    assert [n.key for n in tree.nodes] == ["A", "B"] and tree.nodes[-1].key == "B" and len(tree.edges) == 1
