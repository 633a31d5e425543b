"""Selection rules on one node's out-edges, as scalar loops over the hypertree's flat lists.

An edge's statistics are N (completed visits), W (sum of their backed-up values, probability space)
and V (in-flight virtual count); the rules read the effective count N + V and Q = W / (N + V), or
`init_q` while N + V = 0. Virtual loss thus counts as visits that returned value 0: it lowers Q and the
exploration bonus of edges other simulations are already descending, so a batch spreads out.

Loops over a handful of Python floats beat numpy on arrays this small (a node has at most
`num_tactics` edges) by several times. `selector` is the fused hot path; `edge_scores` computes the
same scores as a list, for tests and explanations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
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
    N includes virtual counts in both (N + V >= 0).
    """
    start, end = tree.node_edge_start[node], tree.node_edge_end[node]
    counts, value_sum = tree.edge_count[start:end], tree.edge_value_sum[start:end]
    total = tree.node_total[node]
    if rule == "puct":
        scale = c * math.sqrt(total)
        return [
            (wi / ni if ni else init_q) + scale * pi / (1.0 + ni)
            for ni, wi, pi in zip(counts, value_sum, tree.edge_prior[start:end], strict=True)
        ]
    log_total = math.log(max(total, 1.0))
    return [
        wi / ni + c * math.sqrt(log_total / ni) if ni > 0 else math.inf
        for ni, wi in zip(counts, value_sum, strict=True)
    ]


def _live_scores(tree: HyperTree, node: int, *, rule: Rule, c: float, init_q: float) -> list[float]:
    """`edge_scores` with -inf for the FAILED edges (never selected)."""
    scores = edge_scores(tree, node, rule=rule, c=c, init_q=init_q)
    if tree.node_failed[node]:
        start, status = tree.node_edge_start[node], tree.edge_status
        scores = [-math.inf if status[start + i] == FAILED else s for i, s in enumerate(scores)]
    return scores


def choose_edge(
    tree: HyperTree, node: int, *, rule: Rule, c: float, init_q: float, rng: np.random.Generator
) -> int:
    """Id of the best live out-edge of `node` (see `selector`)."""
    return selector(tree, rule=rule, c=c, init_q=init_q, rng=rng)(node)


def selector(
    tree: HyperTree, *, rule: Rule, c: float, init_q: float, rng: np.random.Generator
) -> Callable[[int], int]:
    """The edge choice of a search as a one-argument function of the node (the tree's lists bound
    once): the best live out-edge by `edge_scores`, then the highest prior, then uniformly at random
    with `rng`. It raises ValueError when every edge FAILED (never select at a failed node)."""
    if rule == "puct":
        return _puct_selector(tree, c=c, init_q=init_q, rng=rng)
    start_of, prior = tree.node_edge_start, tree.edge_prior

    def choose_uct(node: int) -> int:
        scores = _live_scores(tree, node, rule="uct", c=c, init_q=init_q)
        return _best(scores, start_of[node], node, prior, rng)

    return choose_uct


def _puct_selector(
    tree: HyperTree, *, c: float, init_q: float, rng: np.random.Generator
) -> Callable[[int], int]:
    """PUCT's choice as one scalar loop per node: on a handful of floats a loop that keeps the best
    score and whether it is tied beats building the list of scores by about 2x; ties (rare once a
    node has visits) rebuild the list and go to `break_tie`."""
    start_of, end_of, total, failed, counts, value_sum, prior, status = _fields(tree)
    sqrt, inf = math.sqrt, math.inf
    plain_start = math.isfinite(c)  # then c * sqrt(0) == 0: every score of a node without counts is init_q

    def choose(node: int) -> int:
        start, end = start_of[node], end_of[node]
        node_total, dead = total[node], failed[node]
        if not node_total and not dead and plain_start:
            priors = prior[start:end]
            top = max(priors)
            if priors.count(top) == 1 and not any(counts[start:end]):
                return start + priors.index(top)
        scale = c * sqrt(node_total)
        best, arg, tied = -inf, -1, False
        for e in range(start, end):
            if dead and status[e] == FAILED:
                continue
            n = counts[e]
            score = (value_sum[e] / n if n else init_q) + scale * prior[e] / (1.0 + n)  # (N + V >= 0)
            if score > best:
                best, arg, tied = score, e, False
            elif score == best:
                tied = True
        if arg < 0:
            raise ValueError(f"no live edge to select at node {node}")
        if not tied:
            return arg
        return _best(_live_scores(tree, node, rule="puct", c=c, init_q=init_q), start, node, prior, rng)

    return choose


def _best(scores: list[float], start: int, node: int, prior: list[float], rng: np.random.Generator) -> int:
    """Id of the best-scored edge (`scores[i]` is edge `start + i`'s), ties broken by `break_tie`."""
    best = max(scores)
    if best == -math.inf:
        raise ValueError(f"no live edge to select at node {node}")
    if scores.count(best) == 1:
        return start + scores.index(best)
    return break_tie([start + i for i, s in enumerate(scores) if s == best], prior, rng)


def _fields(tree: HyperTree) -> tuple[list, ...]:
    """The lists a selector reads: per node its edge span, total N + V and failed count; per edge N + V,
    W, prior and status."""
    return (
        tree.node_edge_start, tree.node_edge_end, tree.node_total, tree.node_failed,
        tree.edge_count, tree.edge_value_sum, tree.edge_prior, tree.edge_status,
    )  # fmt: skip


def break_tie(tied: list[int], prior: list[float], rng: np.random.Generator) -> int:
    """Among equally scored edges (ascending ids): the highest prior, then uniformly at random."""
    top = max(prior[e] for e in tied)
    tied = [e for e in tied if prior[e] == top]
    if len(tied) == 1:
        return tied[0]
    return tied[int(rng.integers(len(tied)))]
