"""Training samples from finished searches."""

import pytest

from search import SEARCHES, Budget, critic_samples, tactic_samples
from search.toy import ToyEnv, rules_from_table
from search.types import EdgeRecord, NodeRecord, ProofRecord, SearchTree, Status

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


# ---- hand-built hypertrees ----------------------------------------------------------------------

P, F, OP = Status.PROVED, Status.FAILED, Status.OPEN


def node(i, goal, status, *, visits=0, q=None, expanded=True):
    return NodeRecord(
        id=i,
        goal=goal,
        key=f"k{i}",
        status=status,
        visits=visits,
        value=0.5,
        q=q,
        depth=0,
        created_at=i,
        expanded_at=i if expanded else None,
        in_proof=False,
    )


def edge(i, parent, tactic, children, status, created=None):
    return EdgeRecord(
        id=i,
        parent=parent,
        tactic=tactic,
        prior=0.5,
        logprob=-1.0,
        visits=1,
        q=None,
        children=tuple(children),
        status=status,
        error=None if status is not F else "error",
        created_at=i if created is None else created,
        in_proof=False,
    )


def tree(nodes, edges, proof=None):
    return SearchTree(
        theorem="t",
        search="htps",
        proved=proof is not None,
        root=0,
        nodes=tuple(nodes),
        edges=tuple(edges),
        proof=None if proof is None else ProofRecord(script="", edges=tuple(proof)),
        expansions=0,
        env_calls=0,
        seconds=0.0,
        stop_reason="budget_expansions",
    )


def pairs(samples):
    return [(s.goal_text, s.tactic) for s in samples]


def test_unproved_root_still_teaches_its_solved_subgoals():
    # root -split-> (B, C, D): B and C solved, D failed; the root is not proved.
    t = tree(
        [node(0, "root", OP, visits=5), node(1, "B", P), node(2, "C", P), node(3, "D", F), node(4, "E", P)],
        [
            edge(0, 0, "split", [1, 2, 3], OP),
            edge(1, 1, "b", [], P),
            edge(2, 2, "c", [4], P),
            edge(3, 4, "e", [], P),
            edge(4, 3, "d", [], F),
        ],
    )
    assert pairs(tactic_samples(t)) == [("B", "b"), ("C", "c"), ("E", "e")]


def test_each_solved_node_uses_its_smallest_proof():
    # A can be closed by `long` (3 tactics through B -> C) or by `short` (2 tactics through D).
    t = tree(
        [node(0, "A", P), node(1, "B", P), node(2, "C", P), node(3, "D", P)],
        [
            edge(0, 0, "long", [1], P),
            edge(1, 1, "b", [2], P),
            edge(2, 2, "c", [], P),
            edge(3, 0, "short", [3], P),
            edge(4, 3, "d", [], P),
        ],
    )
    samples = dict(pairs(tactic_samples(t)))
    assert samples == {"A": "short", "B": "b", "C": "c", "D": "d"}


def test_ties_go_to_the_edge_created_first():
    t = tree(
        [node(0, "A", P)],
        [edge(0, 0, "later", [], P, created=5), edge(1, 0, "earlier", [], P, created=2)],
    )
    assert pairs(tactic_samples(t)) == [("A", "earlier")]


def test_cycles_do_not_loop_and_do_not_count_as_proofs():
    # A -> B and B -> A form a cycle; only B's direct closing tactic proves anything.
    t = tree(
        [node(0, "A", P), node(1, "B", P), node(2, "C", OP)],
        [
            edge(0, 0, "to_b", [1], P),
            edge(1, 1, "to_a", [0], P),
            edge(2, 1, "close_b", [], P),
            edge(3, 2, "to_c", [2], OP),
        ],
    )
    assert dict(pairs(tactic_samples(t))) == {"A": "to_b", "B": "close_b"}


def test_proved_root_keeps_its_recorded_proof_first_and_in_order():
    t = tree(
        [node(0, "A", P), node(1, "B", P), node(2, "C", P), node(3, "X", P)],
        [
            edge(0, 0, "split", [1, 2], P),
            edge(1, 2, "c", [], P),
            edge(2, 1, "b", [], P),
            edge(3, 3, "x", [], P),  # solved, off the root's proof
        ],
        proof=[0, 2, 1],
    )
    assert pairs(tactic_samples(t)) == [("A", "split"), ("B", "b"), ("C", "c"), ("X", "x")]


def test_duplicate_goal_texts_give_one_sample():
    t = tree(
        [node(0, "R", OP), node(1, "same", P), node(2, "same", P)],
        [edge(0, 0, "two", [1, 2], OP), edge(1, 1, "first", [], P), edge(2, 2, "second", [], P)],
    )
    assert pairs(tactic_samples(t)) == [("same", "first")]


def test_a_proved_edge_with_an_unproved_child_is_ignored():
    # Defensive: an inconsistent record (edge marked proved, child open) is not a proof.
    t = tree([node(0, "A", P), node(1, "B", OP)], [edge(0, 0, "bad", [1], P)])
    assert tactic_samples(t) == []


def test_critic_targets_on_a_hand_built_tree():
    t = tree(
        [
            node(0, "root", OP, visits=10, q=0.3),
            node(1, "solved", P, visits=1),
            node(2, "failed", F, visits=1),
            node(3, "visited", OP, visits=4, q=0.25),
            node(4, "rare", OP, visits=1, q=0.9),
            node(5, "unexpanded", OP, visits=0, expanded=False),
        ],
        [],
    )
    soft = {s.goal_text: s.target for s in critic_samples(t, min_visits=4)}
    assert soft == {"root": 0.3, "solved": 1.0, "failed": 0.0, "visited": 0.25}
    hard = {s.goal_text: s.target for s in critic_samples(t, min_visits=4, unproved_expanded=0.0)}
    assert hard == {"root": 0.0, "solved": 1.0, "failed": 0.0, "visited": 0.0, "rare": 0.0}
