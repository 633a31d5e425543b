"""The search's garbage-collector policy: freeze what the search grew, always unfreeze, and leave the
collector alone when it is disabled or someone else froze objects."""

import gc

import pytest

from search import SEARCHES, Budget
from search.gc_policy import frozen_growth
from search.toy import ToyEnv, rules_from_table


def test_freezes_during_growth_and_unfreezes_after():
    assert gc.get_freeze_count() == 0
    with frozen_growth() as policy:
        assert policy.active
        kept = [[i] for i in range(100)]  # tracked objects grown "by the search"
        policy.after_growth()
        assert gc.get_freeze_count() >= len(kept)
        with policy.building():
            assert not gc.isenabled()
        assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_unfreezes_when_the_search_raises():
    with pytest.raises(RuntimeError), frozen_growth() as policy:
        policy.after_growth()
        raise RuntimeError("bug")
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_leaves_a_frozen_or_disabled_collector_alone():
    kept = [[] for _ in range(1000)]  # frozen below and alive throughout (other frozen objects may die)
    gc.freeze()
    try:
        with frozen_growth() as policy:
            assert not policy.active
            policy.after_growth()
        assert gc.get_freeze_count() >= len(kept)  # not unfrozen behind the owner's back
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        with frozen_growth() as policy:
            assert not policy.active
    finally:
        gc.enable()


@pytest.mark.parametrize("name", sorted(SEARCHES))
def test_every_search_freezes_while_growing_and_ends_with_nothing_frozen(name):
    env = ToyEnv(
        rules_from_table(
            {"A": [("split", ("B", "C"))], "B": [("b", ("D",))], "C": [("c", ())], "D": [("d", ())]}
        )
    )
    frozen = []

    def policy(goals):
        frozen.append(gc.get_freeze_count())
        return env.policy(goals)

    result = SEARCHES[name](
        env.goal("A"),
        policy=policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_expansions=10),
        seed=0,
    )
    assert result.proved and frozen[0] == 0 and max(frozen) > 0  # frozen after the first batch
    assert gc.get_freeze_count() == 0 and gc.isenabled()
