"""Training samples from finished searches."""

import pytest

from search import SEARCHES, Budget, critic_samples, tactic_samples
from search.toy import ToyEnv, rules_from_table

TABLE = {
    "A": [("split", ("B", "C"), 2.0), ("alt", ("F",))],
    "B": [("b", ())],
    "C": [("c1", ("E",), 3.0), ("c2", ("D",))],
    "D": [("d", ())],
    "E": [("e", "type mismatch")],
    "F": [("f", ("G",))],
    "G": [("g", ("H",))],
}


def search(table, expansions=30):
    env = ToyEnv(rules_from_table(table))
    return SEARCHES["htps"](
        env.goal("A"),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_expansions=expansions),
        seed=0,
    ).tree


def test_tactic_samples_follow_the_minimal_proof():
    samples = tactic_samples(search(TABLE))
    assert [(s.goal_text, s.tactic) for s in samples] == [("A", "split"), ("B", "b"), ("C", "c2"), ("D", "d")]


def test_no_tactic_samples_without_proof():
    assert tactic_samples(search({"A": [("x", ("B",))]})) == []


def test_critic_samples_solved_failed_and_visited():
    tree = search(TABLE)
    targets = {s.goal_text: s.target for s in critic_samples(tree, min_visits=2)}
    assert targets["A"] == targets["B"] == targets["D"] == 1.0 and targets["E"] == 0.0
    open_visited = [n for n in tree.nodes if n.status == "open" and n.visits >= 2]
    assert [n.goal for n in open_visited] == ["F"]
    for node in open_visited:
        assert targets[node.goal] == pytest.approx(node.q)
    assert all(n.goal not in targets for n in tree.nodes if n.status == "open" and n.visits < 2)
    strict = {s.goal_text for s in critic_samples(tree, min_visits=10**6)}
    assert strict == {n.goal for n in tree.nodes if n.status != "open"}


def test_outcome_labels_mark_every_expanded_unproved_goal():
    tree = search(TABLE)
    targets = {s.goal_text: s.target for s in critic_samples(tree, min_visits=10**6, unproved_expanded=0.0)}
    expanded_open = {n.goal for n in tree.nodes if n.status == "open" and n.expanded_at is not None}
    assert expanded_open  # F (and maybe G) were expanded without a proof
    assert all(targets[g] == 0.0 for g in expanded_open)
    assert targets["A"] == targets["D"] == 1.0 and targets["E"] == 0.0
    unexpanded = {n.goal for n in tree.nodes if n.status == "open" and n.expanded_at is None}
    assert not unexpanded & set(targets)
