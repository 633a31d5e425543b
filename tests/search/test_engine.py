"""One HTPS batch by hand: simulation with virtual loss, then log-space backup."""

import math

import numpy as np
import pytest

from search.backup import edge_log_value, leaf_log_value, to_probability
from search.engine import TreePolicy, backup, release, simulate
from search.hypertree import HyperTree
from search.types import Children, Invalid, SearchGoal, Solved, Status, TacticCandidate


def g(name):
    return SearchGoal(name, name)


def make_tree():
    """
    A --e0 (prior .7)--> (B, C)       values B .8, C .5
    A --e1 (prior .3)--> (D)          value D .6
    """
    tree = HyperTree(g("A"))
    tree.set_value(0, 0.4)
    tree.add_edge(0, TacticCandidate("e0", -0.3, 0.7), (g("B"), g("C")), step=1)
    tree.add_edge(0, TacticCandidate("e1", -1.2, 0.3), (g("D"),), step=1)
    tree.finish_expansion(0, step=1)
    for name, value in {"B": 0.8, "C": 0.5, "D": 0.6}.items():
        tree.set_value(tree.lookup(name), value)
    return tree


def test_batch_spreads_by_virtual_loss_and_backs_up_products():
    tree, rng = make_tree(), np.random.default_rng(0)
    params = TreePolicy(depth_penalty=0.9, virtual_loss=1.0)
    claimed, leaves = set(), []
    # first simulation: no visits, all scores 0.5, prior picks e0, both children are leaves
    first = simulate(tree, params, rng, claimed, leaves)
    assert first.as_dict() == {0: 0, 1: -1, 2: -1} and leaves == [1, 2] and first.tree_shaped
    assert [e.virtual for e in tree.edges] == [1.0, 0.0]
    # second: e0 scores 0/1 + .7*1/2 = .35, e1 scores .5 + .3*1/1 = .8
    second = simulate(tree, params, rng, claimed, leaves)
    assert second.as_dict() == {0: 1, 3: -1} and leaves == [1, 2, 3]
    tree.check_invariants(in_flight=True)
    backup(tree, first, params)
    backup(tree, second, params)
    tree.check_invariants()
    root = tree.root
    assert [e.visits for e in tree.edges] == [1, 1]
    np.testing.assert_allclose([e.value_sum for e in tree.edges], [0.8 * 0.5 * 0.9, 0.6 * 0.9])
    assert root.visits == 2 and root.value_sum == pytest.approx(0.36 + 0.54)
    assert [tree.nodes[i].visits for i in (1, 2, 3)] == [1, 1, 1]
    assert tree.nodes[1].value_sum == pytest.approx(0.8)


def test_proved_and_failed_children_back_up_one_and_zero():
    """
    A --e0--> (B, C): B proved (b closes it), C failed (its only tactic invalid) -> e0 failed, backs up 0
    A --e1--> (D): D proved -> e1 and A proved; a simulation through A backs up 1 to A
    """
    tree, rng = make_tree(), np.random.default_rng(0)
    params = TreePolicy(depth_penalty=0.9)
    sim = simulate(tree, params, rng, set(), [])
    assert sim.as_dict()[0] == 0
    tree.add_edge(1, TacticCandidate("b", 0.0, 1.0), (), step=2)
    tree.finish_expansion(1, step=2)
    tree.add_invalid(2, TacticCandidate("c", 0.0, 1.0), "nope", step=3)
    tree.finish_expansion(2, step=3)
    assert tree.edges[0].status is Status.FAILED and tree.root.dead == (True, False)
    backup(tree, sim, params)
    assert tree.edges[0].value_sum == 0.0 and tree.root.value_sum == 0.0
    assert tree.nodes[1].value_sum == 1.0 and tree.nodes[2].value_sum == 0.0

    sim = simulate(tree, params, rng, set(), [])
    assert sim.as_dict() == {0: 1, 3: -1}
    tree.add_edge(3, TacticCandidate("d", 0.0, 1.0), (), step=4)
    tree.finish_expansion(3, step=4)
    backup(tree, sim, params)
    assert tree.root.status is Status.PROVED
    assert tree.edges[1].value_sum == 1.0 and tree.root.value_sum == 1.0
    tree.check_invariants()


def test_simulation_visits_a_shared_child_once():
    """
    A --e--> (B, C)
    B --b--> (D)
    C --c--> (D)         D reached twice in one simulation, counted once
    """
    tree = HyperTree(g("A"))
    tree.add_edge(0, TacticCandidate("e", 0.0, 1.0), (g("B"), g("C")), step=1)
    tree.finish_expansion(0, step=1)
    for i, tactic in ((1, "b"), (2, "c")):
        tree.add_edge(i, TacticCandidate(tactic, 0.0, 1.0), (g("D"),), step=2)
        tree.finish_expansion(i, step=2)
    tree.set_value(3, 0.5)
    params = TreePolicy()
    leaves = []
    sim = simulate(tree, params, np.random.default_rng(0), set(), leaves)
    assert leaves == [3] and sim.as_dict()[3] == -1 and not sim.tree_shaped
    backup(tree, sim, params)
    assert tree.nodes[3].visits == 1
    assert tree.root.value_sum == pytest.approx(math.exp(2 * math.log(0.5)))
    tree.check_invariants()


def test_release_removes_virtual_loss_without_counting():
    tree = make_tree()
    params = TreePolicy(virtual_loss=3.0)
    sim = simulate(tree, params, np.random.default_rng(0), set(), [])
    assert sum(e.virtual for e in tree.edges) == 3.0 and tree.root.total == 3.0
    release(tree, sim, params)
    assert sum(e.virtual for e in tree.edges) == 0.0 and tree.root.visits == 0 and tree.root.total == 0
    tree.check_invariants()


@pytest.mark.parametrize(
    "bad", [{"depth_penalty": 0.0}, {"depth_penalty": 1.5}, {"rule": "nope"}, {"batch_size": 0}]
)
def test_tree_policy_rejects_bad_hyperparameters(bad):
    with pytest.raises(ValueError):
        TreePolicy(**bad)


def test_backup_matches_the_reference_rules_on_random_trees():
    """The engine's inlined backup equals `search.backup`'s rules (leaf_log_value, edge_log_value,
    to_probability) applied recursively over each simulation's chosen edges, on random hypertrees with
    merged goals, closed and invalid tactics and repeated children."""
    import random

    for seed in range(30):
        rnd = random.Random(seed)
        tree = HyperTree(g("n0"))
        tree.set_value(0, 0.5)
        params = TreePolicy(depth_penalty=rnd.choice([1.0, 0.9]), virtual_loss=rnd.choice([1.0, 0.5, 2.0]))
        rng = np.random.default_rng(seed)
        for step in range(1, 40):
            leaves = []
            sim = simulate(tree, params, rng, set(), leaves)
            for leaf in leaves:
                tactics = []
                for i in range(rnd.randrange(4)):
                    roll = rnd.random()
                    outcome = (
                        Invalid("no") if roll < 0.2 else Solved() if roll < 0.25
                        else Children(tuple(g(f"n{rnd.randrange(3 * step + 5)}") for _ in range(rnd.choice([1, 2, 3]))))
                    )  # fmt: skip
                    tactics.append((TacticCandidate(f"t{i}", -1.0, rnd.random()), outcome))
                for node in tree.add_expansion(leaf, tactics, step=step):
                    tree.set_value(node, rnd.uniform(0.05, 0.95))
            chosen = sim.as_dict()
            before = list(tree.node_value_sum), list(tree.edge_value_sum)

            dp = params.depth_penalty
            expected = {n: to_probability(reference_value(tree, chosen, n, dp)) for n in chosen}
            backup(tree, sim, params)
            tree.check_invariants()
            for node, edge in chosen.items():
                assert tree.node_value_sum[node] - before[0][node] == pytest.approx(expected[node], abs=1e-12)
                if edge >= 0:
                    children = (reference_value(tree, chosen, c, dp) for c in tree.unique_children(edge))
                    through = edge_log_value(tree.edge(edge).status, children, depth_penalty=dp)
                    assert tree.edge_value_sum[edge] - before[1][edge] == pytest.approx(
                        to_probability(through)
                    )
            if tree.node_status[0] != 0:
                break


def reference_value(tree, chosen, node, depth_penalty):
    """Log value of `node` in a simulation that chose `chosen[node]`, by `search.backup`'s rules."""
    edge = chosen[node]
    if edge < 0:
        return leaf_log_value(tree.node(node).status, tree.node_value[node])
    children = (reference_value(tree, chosen, c, depth_penalty) for c in tree.unique_children(edge))
    through = edge_log_value(tree.edge(edge).status, children, depth_penalty=depth_penalty)
    return 0.0 if tree.node(node).status is Status.PROVED else through
