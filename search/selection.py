"""Selection rules on one node's out-edges, as scalar loops over the hypertree's flat lists.

An edge's statistics are N (completed visits), W (sum of their backed-up values, probability space)
and V (in-flight virtual count); the rules read the effective count N + V and Q = W / (N + V), or
`init_q` while N + V = 0. Virtual loss thus counts as visits that returned value 0: it lowers Q and the
exploration bonus of edges other simulations are already descending, so a batch spreads out.

Loops over a handful of Python floats beat numpy on arrays this small (a node has at most
`num_tactics` edges) by several times. `choose_edge` is the fused hot path; `edge_scores` computes the
same scores as a list, for tests and explanations.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import numpy as np

from search.codes import FAILED

if TYPE_CHECKING:
    from search.hypertree import HyperTree

Rule = Literal["puct", "uct"]


def edge_scores(tree: HyperTree, node: int, *, rule: Rule, c: float, init_q: float) -> list[float]:
    """Score of every out-edge of `node` (FAILED edges included), in edge order.

    PUCT as in HTPS (Lample et al. 2022, eq. 1): Q + c * P * sqrt(sum N) / (1 + N); with no visit at
    all the bonus is 0 and every edge scores `init_q` (the prior then breaks the tie).
    UCT (Kocsis & Szepesvari 2006): Q + c * sqrt(ln(sum N) / N); an edge with N = 0 scores +inf.
    N includes virtual counts in both.
    """
    total = tree.node_total[node]
    counts, value_sum, prior = tree.edge_count, tree.edge_value_sum, tree.edge_prior
    scores = []
    if rule == "puct":
        scale = c * math.sqrt(total)
        for e in tree.edge_ids(node):
            n = counts[e]
            scores.append((value_sum[e] / n if n > 0 else init_q) + scale * prior[e] / (1.0 + n))
    else:
        log_total = math.log(max(total, 1.0))
        for e in tree.edge_ids(node):
            n = counts[e]
            scores.append(value_sum[e] / n + c * math.sqrt(log_total / n) if n > 0 else math.inf)
    return scores


def choose_edge(
    tree: HyperTree, node: int, *, rule: Rule, c: float, init_q: float, rng: np.random.Generator
) -> int:
    """Id of the best live out-edge of `node`: highest score, then highest prior, then uniformly at
    random (with `rng`). Raises ValueError when every edge FAILED (never select at a failed node)."""
    start, end = tree.node_edge_start[node], tree.node_edge_end[node]
    counts, value_sum, prior = tree.edge_count, tree.edge_value_sum, tree.edge_prior
    status = tree.edge_status if tree.node_failed[node] else None
    best, pick, ties = -math.inf, -1, 0
    if rule == "puct":
        scale = c * math.sqrt(tree.node_total[node])
        for e in range(start, end):
            if status is not None and status[e] == FAILED:
                continue
            n = counts[e]
            score = (value_sum[e] / n if n > 0 else init_q) + scale * prior[e] / (1.0 + n)
            if score > best:
                best, pick, ties = score, e, 1
            elif score == best:
                ties += 1
    else:
        log_total = math.log(max(tree.node_total[node], 1.0))
        for e in range(start, end):
            if status is not None and status[e] == FAILED:
                continue
            n = counts[e]
            score = value_sum[e] / n + c * math.sqrt(log_total / n) if n > 0 else math.inf
            if score > best:
                best, pick, ties = score, e, 1
            elif score == best:
                ties += 1
    if pick < 0:
        raise ValueError(f"no live edge to select at node {node}")
    if ties == 1:
        return pick
    scores = edge_scores(tree, node, rule=rule, c=c, init_q=init_q)
    tied = [e for e, s in zip(range(start, end), scores, strict=True) if s == best]
    if status is not None:
        tied = [e for e in tied if status[e] != FAILED]
    return break_tie(tied, prior, rng)


def break_tie(tied: list[int], prior: list[float], rng: np.random.Generator) -> int:
    """Among equally scored edges (ascending ids): the highest prior, then uniformly at random."""
    top = max(prior[e] for e in tied)
    tied = [e for e in tied if prior[e] == top]
    if len(tied) == 1:
        return tied[0]
    return tied[int(rng.integers(len(tied)))]
