"""`prover.script.render_script`: linked goal groups are focused without a bullet (see its docstring)."""

from __future__ import annotations

from prover.env.base import Goal
from prover.script import render_script
from search.proof import render_script as search_render
from search.types import ProofTree


def leaf(text: str, tactic: str) -> ProofTree:
    return ProofTree(node_id=0, goal_text=text, edge_id=0, tactic=tactic)


def node(text: str, tactic: str, *children: ProofTree) -> ProofTree:
    return ProofTree(node_id=0, goal_text=text, edge_id=0, tactic=tactic, children=children)


def goals(*groups: tuple[int, ...], count: int) -> tuple[Goal, ...]:
    return tuple(Goal(text=str(g), positions=g, count=count) for g in groups)


def test_singletons_keep_the_search_rendering() -> None:
    proof = node("root", "constructor", leaf("a", "exact h.2"), node("b", "apply f", leaf("c", "exact h.1")))
    table = {("root", "constructor"): goals((0,), (1,), count=2)}
    assert render_script(proof, lambda t, tac: table.get((t, tac))) == search_render(proof)
    assert render_script(proof, lambda t, tac: None) == search_render(proof)


def test_a_group_in_the_middle_goes_last_unbulleted() -> None:
    # goals [t, w, h, u]: t and u alone, w and h linked by ?w
    proof = node(
        "root",
        "refine ⟨?t, ?w, ?h, ?u⟩",
        leaf("t", "trivial"),
        node("wh", "exact 2", leaf("h", "rfl")),
        leaf("u", "simp"),
    )
    table = {("root", "refine ⟨?t, ?w, ?h, ?u⟩"): goals((0,), (1, 2), (3,), count=4)}
    script = render_script(proof, lambda t, tac: table.get((t, tac)))
    # after `· trivial`: [w, h, u]; rotate twice to bring u forward: [u, w, h]; then the group
    assert script == "refine ⟨?t, ?w, ?h, ?u⟩\n· trivial\nrotate_left 2\n· simp\nexact 2\nrfl"


def test_interleaved_singleton_and_group() -> None:
    # goals [w, t, h]: w and h linked, t alone
    proof = node("root", "tac", node("wh", "exact 2", leaf("h", "rfl")), leaf("t", "trivial"))
    table = {("root", "tac"): goals((0, 2), (1,), count=3)}
    script = render_script(proof, lambda t, tac: table.get((t, tac)))
    # [w, t, h] -> rotate: [t, h, w] -> `· trivial` -> [h, w] -> rotate: [w, h] -> the group
    assert script == "tac\nrotate_left\n· trivial\nrotate_left\nexact 2\nrfl"
