"""Minimal proof extraction and Lean script rendering."""

import pytest

from search.hypertree import HyperTree
from search.proof import minimal_proof, proof_edges, render_script
from search.types import ProofTree, SearchGoal, TacticCandidate


def build(table: dict[str, dict[str, tuple[str, ...]]]) -> HyperTree:
    """A hypertree expanded breadth-first from "A" by `table` {goal: {tactic: children}}."""
    tree = HyperTree(SearchGoal("A", "A"))
    queue = ["A"]
    step = 0
    while queue:
        goal = queue.pop(0)
        node = tree.lookup(goal)
        if goal not in table or tree.nodes[node].expanded_at is not None:
            continue
        step += 1
        for tactic, children in table[goal].items():
            tree.add_edge(
                node, TacticCandidate(tactic, 0.0, 1.0), tuple(SearchGoal(c, c) for c in children), step=step
            )
            queue.extend(children)
        tree.finish_expansion(node, step=step)
    tree.check_invariants()
    return tree


def test_fewest_tactics_wins():
    """
    A --big--> (B, C)      B --b--> ()   C --c--> (E)   E --e--> ()     4 tactics
    A --small--> (D)       D --d--> ()                                   2 tactics
    """
    tree = build(
        {
            "A": {"big": ("B", "C"), "small": ("D",)},
            "B": {"b": ()},
            "C": {"c": ("E",)},
            "E": {"e": ()},
            "D": {"d": ()},
        }
    )
    proof = minimal_proof(tree)
    assert render_script(proof) == "small\nd"
    assert proof.size() == 2 and proof.depth() == 2


def test_equal_size_prefers_shallower():
    """
    A --deep--> (E)        E --e--> (F)   F --f--> ()      3 tactics, depth 3
    A --wide--> (B, C)     B --b--> ()    C --c--> ()      3 tactics, depth 2
    """
    tree = build(
        {
            "A": {"deep": ("E",), "wide": ("B", "C")},
            "E": {"e": ("F",)},
            "F": {"f": ()},
            "B": {"b": ()},
            "C": {"c": ()},
        }
    )
    assert render_script(minimal_proof(tree)) == "wide\n· b\n· c"


def test_shared_subgoal_counts_per_occurrence():
    """
    A --twice--> (B, B)    B --b1--> (X)  X --x--> ()        script proves B twice: 5 tactics
    A --once--> (C)        C --c1--> (D)  D --d1--> (G)  G --g--> ()   4 tactics
    """
    tree = build(
        {"A": {"twice": ("B", "B"), "once": ("C",)}, "B": {"b1": ("X",)}, "X": {"x": ()},
         "C": {"c1": ("D",)}, "D": {"d1": ("G",)}, "G": {"g": ()}}
    )  # fmt: skip
    assert render_script(minimal_proof(tree)) == "once\nc1\nd1\ng"


def test_script_bullets_and_indentation():
    """
    A --intro h--> (B)
    B --constructor--> (C, D)
    C --exact h.1--> ()
    D --constructor--> (E, F)
    E --simp--> ()
    F --rfl--> ()
    """
    tree = build(
        {"A": {"intro h": ("B",)}, "B": {"constructor": ("C", "D")}, "C": {"exact h.1": ()},
         "D": {"constructor": ("E", "F")}, "E": {"simp": ()}, "F": {"rfl": ()}}
    )  # fmt: skip
    proof = minimal_proof(tree)
    assert render_script(proof) == "intro h\nconstructor\n· exact h.1\n· constructor\n  · simp\n  · rfl"
    assert [tree.edges[e].tactic for e in proof_edges(proof)] == [
        "intro h", "constructor", "exact h.1", "constructor", "simp", "rfl"
    ]  # fmt: skip


def test_multiline_tactic_continuation_lines_are_indented_under_bullets():
    leaf = ProofTree(1, "B", 1, "have h : p := by\n  exact hp\nexact h")
    proof = ProofTree(0, "A", 0, "constructor", (leaf, ProofTree(2, "C", 2, "rfl")))
    assert render_script(proof) == "constructor\n· have h : p := by\n    exact hp\n  exact h\n· rfl"


def test_unproved_root_is_rejected():
    tree = build({"A": {"t": ("B",)}})
    with pytest.raises(ValueError, match="not proved"):
        minimal_proof(tree)
