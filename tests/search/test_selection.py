"""PUCT / UCT scores, incremental edge statistics and edge choice, against hand-computed numbers."""

import math

import numpy as np
import pytest

from search.selection import (
    EdgeStats,
    add_virtual_loss,
    puct_scores,
    record_visit,
    remove_virtual_loss,
    select,
    uct_scores,
)


def arr(*xs):
    return np.array(xs, dtype=float)


def stats_with(prior, visits: dict[int, list[float]], virtual: dict[int, float] = {}, init_q=0.5):  # noqa: B006
    """Edge statistics after the given backed-up values per slot, plus in-flight virtual loss."""
    stats = EdgeStats(arr(*prior), init_q=init_q)
    for slot, values in visits.items():
        for value in values:
            add_virtual_loss(stats, slot, 1.0)
            remove_virtual_loss(stats, slot, 1.0)
            record_visit(stats, slot, value)
    for slot, amount in virtual.items():
        add_virtual_loss(stats, slot, amount)
    stats.check()
    return stats


def test_puct_zero_visits_scores_init_q_and_prior_breaks_tie():
    stats = stats_with((0.2, 0.5, 0.3), {})
    scores = puct_scores(stats, c_puct=1.0)
    np.testing.assert_allclose(scores, [0.5, 0.5, 0.5])
    assert select(scores, np.zeros(3, bool), stats.prior, np.random.default_rng(0)) == 1


def test_puct_with_visits():
    # N = [2, 1, 0], W = [1.0, 0.9, 0], sum N = 3:
    # e0 = 0.5 + 0.5*sqrt3/3, e1 = 0.9 + 0.3*sqrt3/2, e2 (unvisited: init_q) = 0.5 + 0.2*sqrt3/1
    stats = stats_with((0.5, 0.3, 0.2), {0: [0.4, 0.6], 1: [0.9]})
    scores = puct_scores(stats, c_puct=1.0)
    s3 = math.sqrt(3)
    np.testing.assert_allclose(scores, [0.5 + 0.5 * s3 / 3, 0.9 + 0.3 * s3 / 2, 0.5 + 0.2 * s3])
    assert select(scores, None, stats.prior, np.random.default_rng(0)) == 1


def test_puct_virtual_loss_counts_as_visits_of_value_zero():
    # virtual [0,1,0]: N = [2,2,0], sum 4: e0 = 0.5 + 0.5*2/3, e1 = 0.9/2 + 0.3*2/3, e2 = 0.5 + 0.2*2
    stats = stats_with((0.5, 0.3, 0.2), {0: [0.4, 0.6], 1: [0.9]}, {1: 1.0})
    scores = puct_scores(stats, c_puct=1.0)
    np.testing.assert_allclose(scores, [0.5 + 1 / 3, 0.45 + 0.2, 0.9])
    assert select(scores, None, stats.prior, np.random.default_rng(0)) == 2
    remove_virtual_loss(stats, 1, 1.0)
    stats.check()
    np.testing.assert_allclose(puct_scores(stats, c_puct=1.0)[1], 0.9 + 0.3 * math.sqrt(3) / 2)


def test_puct_virtual_only_edge_has_q_zero():
    stats = stats_with((0.6, 0.4), {}, {0: 1.0})
    np.testing.assert_allclose(puct_scores(stats, c_puct=1.0), [0.0 + 0.6 / 2, 0.5 + 0.4])


def test_puct_exploration_constant_and_init_q():
    stats = stats_with((0.7, 0.3), {0: [0.5, 0.5, 0.5]}, init_q=0.2)
    np.testing.assert_allclose(
        puct_scores(stats, c_puct=2.0), [0.5 + 2 * 0.7 * math.sqrt(3) / 4, 0.2 + 2 * 0.3 * math.sqrt(3)]
    )


def test_uct_unvisited_first_then_formula():
    stats = stats_with((0.3, 0.3, 0.4), {0: [0.5], 1: [0.8, 0.8, 0.8]})
    scores = uct_scores(stats, c_uct=1.0)
    ln4 = math.log(4)
    np.testing.assert_allclose(scores[:2], [0.5 + math.sqrt(ln4), 0.8 + math.sqrt(ln4 / 3)])
    assert scores[2] == math.inf


def test_select_skips_dead_edges_and_raises_when_all_dead():
    scores, prior = arr(5.0, 1.0, 2.0), arr(0.3, 0.3, 0.4)
    assert select(scores, np.array([True, False, False]), prior, np.random.default_rng(0)) == 2
    assert select(scores, None, prior, np.random.default_rng(0)) == 0
    with pytest.raises(ValueError, match="no live edge"):
        select(scores, np.ones(3, bool), prior, np.random.default_rng(0))


def test_select_random_tie_break_is_seeded_and_stays_among_ties():
    scores, prior, dead = arr(1, 1, 1, 1), arr(0.25, 0.25, 0.25, 0.25), np.array([True, False, False, False])
    picks = [select(scores, dead, prior, np.random.default_rng(seed)) for seed in range(40)]
    assert set(picks) == {1, 2, 3}
    assert picks == [select(scores, dead, prior, np.random.default_rng(seed)) for seed in range(40)]


def test_incremental_statistics_stay_consistent():
    stats = EdgeStats(arr(0.5, 0.5), init_q=0.5)
    add_virtual_loss(stats, 1, 2.0)
    add_virtual_loss(stats, 1, 2.0)
    assert stats.virtual.tolist() == [0, 4] and stats.total == 4.0 and stats.q.tolist() == [0.5, 0.0]
    remove_virtual_loss(stats, 1, 2.0)
    record_visit(stats, 1, 0.6)
    remove_virtual_loss(stats, 1, 2.0)
    stats.check()
    assert stats.visits.tolist() == [0, 1] and stats.q.tolist() == [0.5, 0.6] and stats.total == 1.0
    stats.q[0] = 0.1  # corrupt
    with pytest.raises(AssertionError, match="q !="):
        stats.check()
