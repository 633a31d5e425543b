"""PUCT / UCT scores on the flat edge statistics and edge choice, against hand-computed numbers and
against a numpy reference of the rules (the pre-struct-of-arrays implementation)."""

import math
import random

import numpy as np
import pytest

from search.hypertree import HyperTree
from search.selection import break_tie, choose_edge, edge_scores
from search.types import SearchGoal, TacticCandidate


def star(prior, visits: dict[int, list[float]] = {}, virtual: dict[int, float] = {}, dead=()):  # noqa: B006
    """
    A --e_i (prior[i])--> (B_i)   for each i; N, W, V set by simulated visits; e_i in `dead` invalid
    """
    tree = HyperTree(SearchGoal("A", "A"))
    for i, p in enumerate(prior):
        cand = TacticCandidate(f"e{i}", -1.0, p)
        if i in dead:
            tree.add_invalid(0, cand, "no", step=1)
        else:
            tree.add_edge(0, cand, (SearchGoal(f"B{i}", f"B{i}"),), step=1)
    tree.finish_expansion(0, step=1)
    for slot, values in visits.items():
        for value in values:
            tree.add_virtual(slot, 1.0)
            tree.remove_virtual(slot, 1.0)
            tree.record_visit(slot, value)
            tree.node_visits[0] += 1
    for slot, amount in virtual.items():
        tree.add_virtual(slot, amount)
    tree.check_invariants(in_flight=True)
    return tree


def puct(tree, c=1.0, init_q=0.5):
    return edge_scores(tree, 0, rule="puct", c=c, init_q=init_q)


def choose(tree, rule="puct", c=1.0, init_q=0.5, seed=0):
    return choose_edge(tree, 0, rule=rule, c=c, init_q=init_q, rng=np.random.default_rng(seed))


def test_puct_zero_visits_scores_init_q_and_prior_breaks_tie():
    tree = star((0.2, 0.5, 0.3))
    np.testing.assert_allclose(puct(tree), [0.5, 0.5, 0.5])
    assert choose(tree) == 1


def test_puct_with_visits():
    # N = [2, 1, 0], W = [1.0, 0.9, 0], sum N = 3:
    # e0 = 0.5 + 0.5*sqrt3/3, e1 = 0.9 + 0.3*sqrt3/2, e2 (unvisited: init_q) = 0.5 + 0.2*sqrt3/1
    tree = star((0.5, 0.3, 0.2), {0: [0.4, 0.6], 1: [0.9]})
    s3 = math.sqrt(3)
    np.testing.assert_allclose(puct(tree), [0.5 + 0.5 * s3 / 3, 0.9 + 0.3 * s3 / 2, 0.5 + 0.2 * s3])
    assert choose(tree) == 1


def test_puct_virtual_loss_counts_as_visits_of_value_zero():
    # virtual [0,1,0]: N = [2,2,0], sum 4: e0 = 0.5 + 0.5*2/3, e1 = 0.9/2 + 0.3*2/3, e2 = 0.5 + 0.2*2
    tree = star((0.5, 0.3, 0.2), {0: [0.4, 0.6], 1: [0.9]}, {1: 1.0})
    np.testing.assert_allclose(puct(tree), [0.5 + 1 / 3, 0.45 + 0.2, 0.9])
    assert choose(tree) == 2
    tree.remove_virtual(1, 1.0)
    tree.check_invariants()
    assert puct(tree)[1] == pytest.approx(0.9 + 0.3 * math.sqrt(3) / 2)


def test_puct_virtual_only_edge_has_q_zero():
    tree = star((0.6, 0.4), {}, {0: 1.0})
    np.testing.assert_allclose(puct(tree), [0.0 + 0.6 / 2, 0.5 + 0.4])


def test_puct_exploration_constant_and_init_q():
    tree = star((0.7, 0.3), {0: [0.5, 0.5, 0.5]})
    np.testing.assert_allclose(
        puct(tree, c=2.0, init_q=0.2), [0.5 + 2 * 0.7 * math.sqrt(3) / 4, 0.2 + 2 * 0.3 * math.sqrt(3)]
    )


def test_uct_unvisited_first_then_formula():
    tree = star((0.3, 0.3, 0.4), {0: [0.5], 1: [0.8, 0.8, 0.8]})
    scores = edge_scores(tree, 0, rule="uct", c=1.0, init_q=0.5)
    ln4 = math.log(4)
    np.testing.assert_allclose(scores[:2], [0.5 + math.sqrt(ln4), 0.8 + math.sqrt(ln4 / 3)])
    assert scores[2] == math.inf and choose(tree, rule="uct") == 2


def test_choice_skips_failed_edges_and_raises_when_all_failed():
    tree = star((0.5, 0.2, 0.3), dead=(0,))
    assert choose(tree) == 2  # all score init_q; e0 has the best prior but failed
    with pytest.raises(ValueError, match="no live edge"):
        choose(star((0.5, 0.5), dead=(0, 1)))


def test_random_tie_break_is_seeded_and_stays_among_ties():
    tree = star((0.25, 0.25, 0.25, 0.25), dead=(0,))
    picks = [choose(tree, seed=seed) for seed in range(40)]
    assert set(picks) == {1, 2, 3}
    assert picks == [choose(tree, seed=seed) for seed in range(40)]
    assert break_tie([4, 7], [0.0] * 4 + [0.3, 0, 0, 0.6], np.random.default_rng(0)) == 7


def test_statistics_stay_consistent_and_corruption_is_caught():
    tree = star((0.5, 0.5))
    tree.add_virtual(1, 2.0)
    tree.add_virtual(1, 2.0)
    # Q = 0 and c * P * sqrt(4) / (1 + 4)
    assert tree.edges[1].virtual == 4 and tree.root.total == 4.0 and puct(tree)[1] == 2 * 0.5 / 5
    tree.remove_virtual(1, 2.0)
    tree.record_visit(1, 0.6)
    tree.node_visits[0] += 1
    tree.remove_virtual(1, 2.0)
    tree.check_invariants()
    assert tree.edges[1].visits == 1 and tree.edges[1].q == 0.6 and tree.root.total == 1.0
    tree.edge_count[0] = 1.0  # corrupt: N + V no longer matches (the total is kept consistent)
    tree.node_total[0] += 1.0
    with pytest.raises(AssertionError, match="count != visits"):
        tree.check_invariants()


# ---- the numpy reference: the rules as implemented on per-node arrays before the flat lists ----


def reference_choice(prior, visits, value_sum, virtual, dead, *, rule, c, init_q, rng):
    prior, counts = np.array(prior), np.array(visits, float) + np.array(virtual)
    q = np.divide(np.array(value_sum), counts, out=np.full(len(prior), init_q), where=counts > 0)
    total = float(counts.sum())
    if rule == "puct":
        scores = q + (c * math.sqrt(total)) * prior / (1.0 + counts)
    else:
        bonus = np.divide(
            math.log(max(total, 1.0)), counts, out=np.full(len(counts), np.inf), where=counts > 0
        )
        scores = q + c * np.sqrt(bonus)
    masked = np.where(np.array(dead), -np.inf, scores)
    first = int(masked.argmax())
    best = masked[first]
    if np.count_nonzero(masked == best) == 1:
        return first
    tied = np.flatnonzero(masked == best)
    tied = tied[prior[tied] == prior[tied].max()]
    return int(tied[0]) if len(tied) == 1 else int(tied[rng.integers(len(tied))])


@pytest.mark.parametrize("rule", ["puct", "uct"])
def test_choice_matches_the_numpy_reference_on_random_statistics(rule):
    rnd = random.Random(5)
    for case in range(400):
        k = rnd.randrange(1, 9)
        prior = [rnd.choice([0.1, 0.2, 0.25, rnd.random()]) for _ in range(k)]
        dead = [rnd.random() < 0.2 for _ in range(k)]
        if all(dead):
            dead[0] = False
        tree = star(prior, dead=[i for i in range(k) if dead[i]])
        for _ in range(rnd.randrange(12)):
            slot = rnd.randrange(k)
            if not dead[slot]:
                tree.record_visit(slot, rnd.choice([0.0, 0.5, 1.0, rnd.random()]))
        for _ in range(rnd.randrange(3)):
            slot = rnd.randrange(k)
            if not dead[slot]:
                tree.add_virtual(slot, 1.0)
        c, init_q, seed = rnd.choice([0.5, 1.0, 2.0]), rnd.choice([0.0, 0.5]), rnd.randrange(100)
        k = tree.num_edges  # the state fields have spare capacity past the last edge
        expected = reference_choice(
            prior, tree.edge_visits[:k], tree.edge_value_sum[:k], tree.edge_virtual[:k], dead,
            rule=rule, c=c, init_q=init_q, rng=np.random.default_rng(seed),
        )  # fmt: skip
        assert choose(tree, rule=rule, c=c, init_q=init_q, seed=seed) == expected, case
