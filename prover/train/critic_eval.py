"""How well a critic ranks goals: the AUC of its values between goals a search proved and goals it
found to fail, read off finished search trees (each node's `value` is the critic's estimate at the
node's creation, before the search knew its fate).

AUC is the probability that a random proved goal got a higher value than a random failed goal (ties
count one half), the Mann-Whitney statistic: 0.5 is chance (and what a constant critic gets), 1.0 a
perfect ranking. Open goals have no verdict and are left out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from search.types import SearchTree, Status


@dataclass(frozen=True)
class CriticAUC:
    """`auc` is None when either class is empty."""

    auc: float | None
    proved: int
    failed: int


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """P(positive > negative) + P(tie) / 2 over all pairs, in O(n log n); None if a side is empty."""
    if not positives or not negatives:
        return None
    ordered = sorted(negatives)
    wins = sum(
        bisect_left(ordered, p) + (bisect_right(ordered, p) - bisect_left(ordered, p)) / 2 for p in positives
    )
    return wins / (len(positives) * len(negatives))


def critic_auc(trees: Iterable[SearchTree]) -> CriticAUC:
    """AUC of the node values of every proved vs every failed goal in `trees` (each goal text once per
    tree; nodes without a value are skipped)."""
    proved: list[float] = []
    failed: list[float] = []
    for tree in trees:
        for node in tree.nodes:
            if node.value is None:
                continue
            if node.status is Status.PROVED:
                proved.append(node.value)
            elif node.status is Status.FAILED:
                failed.append(node.value)
    return CriticAUC(auc(proved, failed), len(proved), len(failed))
