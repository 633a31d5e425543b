"""Selection rules on the statistics of one node's edges (numpy arrays, one slot per edge).

Virtual loss counts as visits that returned value 0: it lowers Q = W / (N + V) and the exploration
bonus of edges other simulations are already descending, so a batch of simulations spreads out.
The effective counts N + V, their total and Q are kept up to date slot by slot as visits and virtual
loss change, so scoring a node costs a handful of vector operations whatever its history.
"""

from __future__ import annotations

import math

import numpy as np


class EdgeStats:
    """Statistics of a node's edges. Invariants: `counts == visits + virtual`, `total == counts.sum()`,
    `q[i] == value_sum[i] / counts[i]` where `counts[i] > 0`, else `init_q`."""

    __slots__ = ("prior", "visits", "value_sum", "virtual", "counts", "q", "total", "init_q")

    def __init__(self, prior: np.ndarray, *, init_q: float) -> None:
        k = len(prior)
        self.prior = prior  # P(g, t), fixed
        self.visits = np.zeros(k)  # N: completed simulations through the edge
        self.value_sum = np.zeros(k)  # W: sum of their backed-up values, probability space
        self.virtual = np.zeros(k)  # V: in-flight simulations (virtual loss)
        self.counts = np.zeros(k)  # N + V
        self.q = np.full(k, init_q)  # W / (N + V), or init_q while N + V = 0
        self.total = 0.0  # sum of N + V
        self.init_q = init_q

    def check(self) -> None:
        """Raise AssertionError if an invariant is broken."""
        assert np.array_equal(self.counts, self.visits + self.virtual), "counts != visits + virtual"
        assert math.isclose(self.total, float(self.counts.sum()), abs_tol=1e-9), "total != sum(counts)"
        expected = np.divide(
            self.value_sum, self.counts, out=np.full(len(self.q), self.init_q), where=self.counts > 0
        )
        assert np.allclose(self.q, expected), "q != W / (N + V)"


def _refresh(stats: EdgeStats, slot: int, count_change: float) -> None:
    count = float(stats.counts[slot]) + count_change
    stats.counts[slot] = count
    stats.total += count_change
    stats.q[slot] = float(stats.value_sum[slot]) / count if count > 0 else stats.init_q


def add_virtual_loss(stats: EdgeStats, slot: int, amount: float) -> None:
    """Count `amount` in-flight visits on edge `slot` (in place)."""
    stats.virtual[slot] += amount
    _refresh(stats, slot, amount)


def remove_virtual_loss(stats: EdgeStats, slot: int, amount: float) -> None:
    """Undo `add_virtual_loss` (in place)."""
    stats.virtual[slot] -= amount
    _refresh(stats, slot, -amount)


def record_visit(stats: EdgeStats, slot: int, value: float) -> None:
    """A completed simulation backed `value` (probability space) up edge `slot`: N += 1, W += value."""
    stats.visits[slot] += 1
    stats.value_sum[slot] += value
    _refresh(stats, slot, 1.0)


def puct_scores(stats: EdgeStats, *, c_puct: float) -> np.ndarray:
    """AlphaZero PUCT as in HTPS (Lample et al. 2022, eq. 1): Q + c * P * sqrt(sum N) / (1 + N).

    N includes virtual counts. With no visit at all the bonus is 0 and every edge scores `init_q`;
    `select` then breaks the tie by the prior.
    """
    return stats.q + (c_puct * math.sqrt(stats.total)) * stats.prior / (1.0 + stats.counts)


def uct_scores(stats: EdgeStats, *, c_uct: float) -> np.ndarray:
    """UCT (Kocsis & Szepesvari 2006): Q + c * sqrt(ln(sum N) / N); an edge with N = 0 scores +inf."""
    counts = stats.counts
    seen = counts > 0
    bonus = np.divide(math.log(max(stats.total, 1.0)), counts, out=np.full(len(counts), np.inf), where=seen)
    return stats.q + c_uct * np.sqrt(bonus)


def select(scores: np.ndarray, dead: np.ndarray | None, prior: np.ndarray, rng: np.random.Generator) -> int:
    """Index of the best live edge: highest score, then highest prior, then uniformly at random.

    `dead` masks failed edges (None: no edge is dead, which saves the masking). Raises ValueError
    when every edge is dead (the caller must not select at a failed node).
    """
    masked = scores if dead is None else np.where(dead, -np.inf, scores)
    first = int(masked.argmax())
    best = masked[first]
    if best == -np.inf and dead is not None and dead.all():
        raise ValueError("no live edge to select")
    if np.count_nonzero(masked == best) == 1:
        return first
    tied = np.flatnonzero(masked == best)
    tied_prior = prior[tied]
    tied = tied[tied_prior == tied_prior.max()]
    if len(tied) == 1:
        return int(tied[0])
    return int(tied[rng.integers(len(tied))])
