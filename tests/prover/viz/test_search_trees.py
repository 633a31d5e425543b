"""Trees written by the real search engines (search/graph.py, via the `engine_tree` fixture) load,
lay out and render."""

import xml.etree.ElementTree as ET

import pytest

from prover.viz.model import parse_tree
from prover.viz.page import render_tree_page
from prover.viz.svg import layout, render_svg


@pytest.mark.parametrize("name", ["htps", "mcts", "best_first"])
def test_engine_trees_render(engine_tree, name):
    data = engine_tree(name)
    tree = parse_tree(data)
    assert tree.proved
    boxes = layout(tree)
    assert {b.id for b in boxes if b.kind == "node"} == set(tree.nodes)
    merged = [n for n in tree.nodes.values() if sum(n.id in e.children for e in tree.edges.values()) > 1]
    svg = ET.fromstring(render_svg(tree))
    dashed = svg.findall(".//{http://www.w3.org/2000/svg}path[@stroke-dasharray]")
    assert len(dashed) >= len(merged)
    proof = layout(tree, proof_only=True)
    assert {b.id for b in proof if b.kind == "edge"} == set(tree.proof_edges)
    assert f"toy_{name}" in render_tree_page(tree)
