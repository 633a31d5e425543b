import json
import re

import pytest

from prover.viz.model import parse_tree
from prover.viz.page import embedded_tree, render_tree_page, script_json


def _embedded(page: str, element_id: str):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_script_json_cannot_close_the_script_element():
    data = {"goal": "⊢ a </script><script>alert(1)</script> <!-- b"}
    text = script_json(data)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == data


def test_page_embeds_the_tree_and_is_self_contained(tree_factory):
    data = tree_factory(60, seed=3)
    page = render_tree_page(parse_tree(data), top_tactics=2, focus_above=10)
    # Every field survives packing, gzip and base64, including the keys left out as copies of the goal.
    assert embedded_tree(page) == data
    data["nodes"][1]["key"] = "a key that is not the goal's text"
    data["edges"][0]["extra"] = "a field only one tactic has"  # the edges then stay objects
    assert embedded_tree(render_tree_page(parse_tree(data))) == data
    assert _embedded(page, "viewer-config") == {"top_tactics": 2, "focus_above": 10, "proof_only": False}
    # One page, no fetches: no external scripts, stylesheets, images or URLs at all.
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc=|<link\b", page)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page
    # The error text with a literal </script> (from the fixture) is inside the compressed tree.
    assert page.count("</script>") == 8  # model, layout, drawing, budget, panel, viewer, the tree, the config


def test_header_shows_escaped_theorem_and_stats(tree_factory):
    data = tree_factory(10, seed=1)
    data["theorem"] = "foo<bar>&baz"
    page = render_tree_page(parse_tree(data), back_href="index.html")
    assert "<h1>foo&lt;bar&gt;&amp;baz</h1>" in page
    assert f"{data['stats']['expansions']} expansions" in page
    assert 'href="index.html"' in page
    assert "<summary>Proof (" in page


def test_page_rejects_nonsense_settings(tree_factory):
    tree = parse_tree(tree_factory(5, seed=1))
    with pytest.raises(ValueError, match="top_tactics=0"):
        render_tree_page(tree, top_tactics=0)
