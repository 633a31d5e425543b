"""HTPS value backup (Lample et al. 2022, section 4.2), as pure functions: the reference rules.

`search.engine.backup` inlines them in its loop over a simulation (tests check the two agree).

Values are combined in log space so that products over many subgoals neither underflow nor lose
precision: a leaf is log(critic), a solved goal log 1 = 0, a failed goal log 0 = -inf, and a goal's
value through a hyperedge is the sum of its children's log values plus log(depth_penalty). The
statistics W and Q = W / N are kept in probability space (W accumulates exp of the backed-up value), so
Q is comparable with the critic and with `init_q`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from search.types import Status


def leaf_log_value(status: Status, critic_value: float | None) -> float:
    """Log value of a goal that ends a simulation: 0 if proved, -inf if failed, else log(critic)."""
    if status is Status.PROVED:
        return 0.0
    if status is Status.FAILED:
        return -math.inf
    if critic_value is None:
        raise ValueError("an open leaf needs a critic value")
    return math.log(critic_value)


def edge_log_value(edge_status: Status, child_log_values: Iterable[float], *, depth_penalty: float) -> float:
    """Log value of a goal through one hyperedge.

    A proved edge backs up log 1 = 0 (as in the paper, no penalty); a failed one -inf; otherwise the
    sum of the children's log values plus log(depth_penalty), with `depth_penalty` in (0, 1].
    """
    if edge_status is Status.PROVED:
        return 0.0
    if edge_status is Status.FAILED:
        return -math.inf
    total = math.fsum(child_log_values)
    if total == -math.inf:
        return total
    return total + math.log(depth_penalty)


def to_probability(log_value: float) -> float:
    """exp(log_value), with exp(-inf) = 0."""
    return math.exp(log_value)


def mean_value(value_sum: float, visits: float) -> float | None:
    """Q = W / N, or None before the first visit."""
    return value_sum / visits if visits > 0 else None
