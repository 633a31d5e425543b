"""The critic's AUC over search trees."""

import pytest

from prover.train.critic_eval import auc, critic_auc
from search.types import NodeRecord, SearchTree, Status


def test_auc_counts_pairs_and_half_ties():
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert auc([0.1], [0.9]) == 0.0
    assert auc([0.5, 0.5], [0.5]) == 0.5
    assert auc([0.3, 0.7], [0.5, 0.3]) == pytest.approx((0.5 + 0 + 1 + 1) / 4)
    assert auc([], [0.1]) is None and auc([0.1], []) is None


def node(i, status, value):
    return NodeRecord(i, f"g{i}", f"k{i}", status, 1, value, None, 0, i, None, False)


def test_critic_auc_reads_proved_and_failed_nodes_only():
    nodes = (
        node(0, Status.PROVED, 0.9),
        node(1, Status.PROVED, 0.4),
        node(2, Status.FAILED, 0.6),
        node(3, Status.OPEN, 0.0),  # no verdict: ignored
        node(4, Status.FAILED, None),  # no value: ignored
    )
    tree = SearchTree("t", "htps", False, 0, nodes, (), None, 0, 0, 0.0, "budget_expansions")
    result = critic_auc([tree, tree])
    assert (result.proved, result.failed) == (4, 2)
    assert result.auc == pytest.approx(0.5)
