"""Status propagation, merging and cycle killing in the hypertree."""

import pytest

from search.codes import PROVED
from search.hypertree import HyperTree
from search.types import SearchGoal, Status, TacticCandidate


def g(name: str) -> SearchGoal:
    return SearchGoal(key=name, text=name)


def t(name: str, prior: float = 0.5) -> TacticCandidate:
    return TacticCandidate(name, -1.0, prior)


def expand(tree: HyperTree, goal: str, edges: dict, step: int = 1) -> dict[str, int]:
    """Add `edges` {tactic: tuple of child names | error str} to the node of `goal`; edge ids by tactic."""
    node = tree.lookup(goal)
    ids = {}
    for tactic, result in edges.items():
        if isinstance(result, str):
            ids[tactic] = tree.add_invalid(node, t(tactic), result, step=step)
        else:
            ids[tactic] = tree.add_edge(node, t(tactic), tuple(g(c) for c in result), step=step)[0]
    tree.finish_expansion(node, step=step)
    tree.check_invariants()
    return ids


def status(tree: HyperTree, goal: str) -> Status:
    return tree.nodes[tree.lookup(goal)].status


def test_proof_propagates_up_through_merged_goals():
    """
    A --t1--> (B, C)
    A --t2--> (C)
    C --c1--> (B)        B is merged, not duplicated
    B --b--> ()          closes B, hence c1, C, t1, t2 and A
    """
    tree = HyperTree(g("A"))
    e = expand(tree, "A", {"t1": ("B", "C"), "t2": ("C",)})
    e |= expand(tree, "C", {"c1": ("B",)}, step=2)
    assert len(tree.nodes) == 3 and status(tree, "A") is Status.OPEN
    e |= expand(tree, "B", {"b": ()}, step=3)
    assert [status(tree, x) for x in "ABC"] == [Status.PROVED] * 3
    assert all(tree.edges[e[k]].status is Status.PROVED for k in ("t1", "t2", "c1", "b"))


def test_failure_propagates_when_every_tactic_fails():
    """
    A --t1--> (B, C)
    A --t2--> ✗ (invalid)
    B --b--> ()          B proved, but t1 still needs C
    C --c--> (D)
    D --d--> ✗           D failed -> c failed -> C failed -> t1 failed -> A failed
    """
    tree = HyperTree(g("A"))
    e = expand(tree, "A", {"t1": ("B", "C"), "t2": "no"})
    expand(tree, "B", {"b": ()}, step=2)
    expand(tree, "C", {"c": ("D",)}, step=3)
    assert status(tree, "A") is Status.OPEN
    expand(tree, "D", {"d": "error"}, step=4)
    assert [status(tree, x) for x in "ABCD"] == [Status.FAILED, Status.PROVED, Status.FAILED, Status.FAILED]
    assert tree.edges[e["t1"]].status is Status.FAILED
    assert tree.nodes[0].dead == (True, True)


def test_node_without_tactics_fails_and_edge_to_failed_goal_fails_at_once():
    """
    A --a1--> (B)
    A --a2--> (C)
    B (no tactic)        failed on expansion; a1 fails, A stays open through a2
    C --c--> (B)         fails at once: B has already failed
    C --c2--> (E)
    """
    tree = HyperTree(g("A"))
    expand(tree, "A", {"a1": ("B",), "a2": ("C",)})
    expand(tree, "B", {}, step=2)
    assert status(tree, "B") is Status.FAILED and status(tree, "A") is Status.OPEN
    e = expand(tree, "C", {"c": ("B",), "c2": ("E",)}, step=3)
    assert tree.edges[e["c"]].status is Status.FAILED and tree.edges[e["c2"]].status is Status.OPEN
    assert tree.nodes[tree.lookup("C")].dead == (True, False)


def test_open_node_stays_open_with_one_open_tactic():
    tree = HyperTree(g("A"))
    expand(tree, "A", {"bad": "x", "ok": ("B",)})
    assert status(tree, "A") is Status.OPEN and tree.nodes[0].n_failed_edges == 1


def test_cycles_are_killed_without_adding_nodes():
    """
    A --a--> (B)
    B --self--> (B)      killed: the goal itself
    B --back--> (A)      killed: an ancestor
    B --b--> (C)
    C --up--> (D, A)     killed: A is an ancestor of C; D must not be created
    C --side--> (D)      fine
    """
    tree = HyperTree(g("A"))
    expand(tree, "A", {"a": ("B",)})
    e = expand(tree, "B", {"self": ("B",), "back": ("A",), "b": ("C",)}, step=2)
    assert tree.edges[e["self"]].error.startswith("cycle") and tree.edges[e["back"]].error.startswith("cycle")
    e |= expand(tree, "C", {"up": ("D", "A"), "side": ("D",)}, step=3)
    up = tree.edges[e["up"]]
    assert up.status is Status.FAILED and up.children == () and "'A'" in up.error
    assert tree.edges[e["side"]].status is Status.OPEN
    assert len(tree.nodes) == 4


def test_merging_with_an_unexpanded_non_ancestor_is_not_a_cycle():
    """
    A --a--> (B, C)
    B --b--> (C)         C is a sibling, not an ancestor
    """
    tree = HyperTree(g("A"))
    expand(tree, "A", {"a": ("B", "C")})
    e = expand(tree, "B", {"b": ("C",)}, step=2)
    assert tree.edges[e["b"]].status is Status.OPEN and tree.edges[e["b"]].children == (2,)


def test_repeated_children_count_once_for_status():
    """
    A --dup--> (B, B)
    B --b--> ()
    """
    tree = HyperTree(g("A"))
    e = expand(tree, "A", {"dup": ("B", "B")})
    assert tree.edges[e["dup"]].children == (1, 1)
    expand(tree, "B", {"b": ()}, step=2)
    assert status(tree, "A") is Status.PROVED


def test_tactic_closing_goal_proves_before_expansion_finishes():
    tree = HyperTree(g("A"))
    tree.add_edge(0, t("done"), (), step=1)
    assert tree.root.status is Status.PROVED
    tree.finish_expansion(0, step=1)
    tree.check_invariants()
    with pytest.raises(ValueError, match="expanded twice"):
        tree.finish_expansion(0, step=1)
    with pytest.raises(ValueError, match="already expanded"):
        tree.add_edge(0, t("more"), (), step=2)


def test_check_invariants_detects_corruption():
    tree = HyperTree(g("A"))
    expand(tree, "A", {"a": ("B",)})
    tree.node_status[1] = PROVED  # without propagating to the edge and A
    with pytest.raises(AssertionError, match="should be proved"):
        tree.check_invariants()


def test_check_invariants_detects_left_over_virtual_loss():
    tree = HyperTree(g("A"))
    expand(tree, "A", {"a": ("B",)})
    tree.add_virtual(0, 1.0)
    tree.check_invariants(in_flight=True)
    with pytest.raises(AssertionError, match="virtual loss"):
        tree.check_invariants()
