"""Log-space backup values, against hand-computed numbers."""

import math

import pytest

from search.backup import edge_log_value, leaf_log_value, mean_value, to_probability
from search.types import Status


def test_leaf_values():
    assert leaf_log_value(Status.PROVED, None) == 0.0
    assert leaf_log_value(Status.FAILED, 0.9) == -math.inf
    assert leaf_log_value(Status.OPEN, 0.8) == pytest.approx(math.log(0.8))
    with pytest.raises(ValueError):
        leaf_log_value(Status.OPEN, None)


def test_edge_value_is_product_of_children_times_depth_penalty():
    value = edge_log_value(Status.OPEN, [math.log(0.5), math.log(0.4)], depth_penalty=0.9)
    assert to_probability(value) == pytest.approx(0.5 * 0.4 * 0.9)
    assert to_probability(edge_log_value(Status.OPEN, [math.log(0.5)], depth_penalty=1.0)) == pytest.approx(
        0.5
    )


def test_products_stay_exact_where_probabilities_underflow():
    children = [math.log(1e-200)] * 3  # the product 1e-600 underflows a float
    assert edge_log_value(Status.OPEN, children, depth_penalty=1.0) == pytest.approx(3 * math.log(1e-200))


def test_failed_child_or_edge_gives_zero_and_proved_edge_one():
    assert edge_log_value(Status.OPEN, [math.log(0.9), -math.inf], depth_penalty=0.5) == -math.inf
    assert edge_log_value(Status.FAILED, [], depth_penalty=1.0) == -math.inf
    assert to_probability(-math.inf) == 0.0
    # a solved edge backs up 1, without depth penalty and whatever the children's estimates were
    assert edge_log_value(Status.PROVED, [math.log(0.1)], depth_penalty=0.5) == 0.0


def test_mean_value():
    assert mean_value(0.0, 0) is None
    assert mean_value(1.5, 3) == pytest.approx(0.5)
