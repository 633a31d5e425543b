import itertools
import xml.etree.ElementTree as ET

from prover.viz.model import parse_tree
from prover.viz.svg import goal_lines, layout, render_svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _overlaps(boxes):
    bad = 0
    for col in {b.col for b in boxes}:
        column = sorted((b for b in boxes if b.col == col), key=lambda b: b.y)
        bad += sum(a.y + a.height / 2 > b.y - b.height / 2 + 1e-6 for a, b in itertools.pairwise(column))
    return bad


def test_layout_places_each_goal_once_without_overlap(tree_factory):
    tree = parse_tree(tree_factory(300, seed=5))
    for full in (False, True):
        boxes = layout(tree, full_goals=full)
        goals = [b.id for b in boxes if b.kind == "node"]
        assert len(goals) == len(set(goals)) == len(tree.nodes)
        assert sorted(b.id for b in boxes if b.kind == "edge") == sorted(tree.edges)
        assert _overlaps(boxes) == 0
        # Goals sit in even columns, tactics in odd ones, one column right of their parent.
        assert all((b.col % 2 == 0) == (b.kind == "node") for b in boxes)


def test_a_tall_parent_pushes_its_subtree_down(tree_factory):
    # Full goal text makes parents taller than their single child's row.
    tree = parse_tree(tree_factory(120, seed=9))
    assert _overlaps(layout(tree, proof_only=True, full_goals=True)) == 0


def test_proof_only_draws_exactly_the_proof(tree_factory):
    data = tree_factory(200, seed=4)
    tree = parse_tree(data)
    boxes = layout(tree, proof_only=True)
    assert {b.id for b in boxes if b.kind == "edge"} == set(data["proof"]["edges"])
    assert {b.id for b in boxes if b.kind == "node"} == {n["id"] for n in data["nodes"] if n["in_proof"]}


def test_merged_goal_gets_a_dashed_link(tree_factory):
    def dashed(data):
        return len(ET.fromstring(render_svg(parse_tree(data))).findall(".//s:path[@stroke-dasharray]", NS))

    data = tree_factory(8, seed=0, proved=False)
    before = dashed(data)
    # A later root tactic also reaches goal 2: goal 2 stays under its first tactic, the new one points at it.
    data["edges"].append(
        {**data["edges"][-1], "id": 999, "parent": 0, "children": [2], "error": None, "created_at": 99}
    )
    assert dashed(data) == before + 1


def test_svg_is_wellformed_and_escapes_goal_text(tree_factory):
    tree = parse_tree(tree_factory(30, seed=2))
    svg = render_svg(tree, proof_only=True)
    root = ET.fromstring(svg)  # raises on unescaped <x>
    texts = "".join(root.itertext())
    assert "<x>" in texts and "⊢" in texts
    assert len(root.findall(".//s:g[@class='node']", NS)) == sum(n.in_proof for n in tree.nodes.values())


def test_goal_lines_target_only_and_clipping():
    goal = "a b : ℕ\nh : a < b\n⊢ " + "x" * 100
    assert goal_lines(goal, full=True, max_chars=200)[0] == "a b : ℕ"
    (line,) = goal_lines(goal, full=False, max_chars=20)
    assert line.startswith("⊢ x") and line.endswith("…") and len(line) == 20


def test_closing_tactics_are_marked(tree_factory):
    data = tree_factory(50, seed=6)
    closing = sum(not e["children"] and e["status"] == "proved" for e in data["edges"])
    assert closing > 0
    assert render_svg(parse_tree(data)).count("∎") == closing
