"""Tree JSON round trip and networkx export."""

import json

import pytest

from search import SEARCHES, Budget, load_tree, save_tree, to_networkx, tree_from_json, tree_to_json
from search.toy import ToyEnv, rules_from_table

TABLE = {
    "A": [("split", ("B", "C"), 2.0), ("bad", "unknown identifier")],
    "B": [("b", ())],
    "C": [("c1", ("E",), 3.0), ("c2", ("D",))],
    "D": [("d", ())],
    "E": [("e", "type mismatch")],
}

NODE_KEYS = {
    "id",
    "goal",
    "key",
    "status",
    "visits",
    "value",
    "q",
    "depth",
    "created_at",
    "expanded_at",
    "in_proof",
}
EDGE_KEYS = {
    "id",
    "parent",
    "tactic",
    "prior",
    "logprob",
    "visits",
    "q",
    "children",
    "status",
    "error",
    "created_at",
    "in_proof",
}


@pytest.fixture(scope="module")
def tree():
    env = ToyEnv(rules_from_table(TABLE))
    result = SEARCHES["htps"](
        env.goal("A"),
        policy=env.policy,
        critic=env.critic,
        apply=env.apply,
        budget=Budget(max_expansions=20),
        seed=0,
        theorem="toy",
    )
    assert result.proved
    return result.tree


def test_json_schema(tree):
    data = json.loads(json.dumps(tree_to_json(tree)))
    assert set(data) == {"format", "theorem", "search", "proved", "root", "nodes", "edges", "proof", "stats"}
    assert data["format"] == "htps-tree/1" and data["search"] == "htps" and data["theorem"] == "toy"
    assert all(set(n) == NODE_KEYS for n in data["nodes"]) and all(set(e) == EDGE_KEYS for e in data["edges"])
    assert set(data["stats"]) == {"expansions", "env_calls", "seconds", "stop_reason"}
    assert data["proof"]["script"] == "split\n· b\n· c2\n  d"
    in_proof = [e["tactic"] for e in data["edges"] if e["in_proof"]]
    assert sorted(in_proof) == ["b", "c2", "d", "split"]
    assert [data["edges"][i]["tactic"] for i in data["proof"]["edges"]] == ["split", "b", "c2", "d"]
    bad = next(e for e in data["edges"] if e["tactic"] == "bad")
    assert bad == {**bad, "status": "failed", "children": [], "error": "unknown identifier"}
    root = data["nodes"][0]
    assert root["created_at"] == 0 and root["expanded_at"] == 1 and root["depth"] == 0 and root["in_proof"]
    assert data["nodes"][0]["value"] == 0.5 and data["nodes"][0]["visits"] > 0


def test_round_trip(tree, tmp_path):
    assert tree_from_json(json.loads(json.dumps(tree_to_json(tree)))) == tree
    save_tree(tree, tmp_path / "t.json")
    assert load_tree(tmp_path / "t.json") == tree


def test_wrong_format_rejected():
    with pytest.raises(ValueError, match="htps-tree/1"):
        tree_from_json({"format": "other"})


def test_networkx_export_is_bipartite(tree):
    graph = to_networkx(tree)
    assert graph.number_of_nodes() == len(tree.nodes) + len(tree.edges)
    kinds = {n: d["kind"] for n, d in graph.nodes(data=True)}
    assert all(kinds[u] != kinds[v] for u, v in graph.edges)
    split = next(e for e in tree.edges if e.tactic == "split")
    assert list(graph.successors(("t", split.id))) == [("g", c) for c in split.children]
    assert graph.nodes[("t", split.id)]["in_proof"] and graph.nodes[("t", split.id)]["status"] == "proved"
    assert graph.nodes[("g", 0)]["text"] == "A" and graph.nodes[("g", 0)]["visits"] == tree.nodes[0].visits
    bad = next(e for e in tree.edges if e.tactic == "bad")
    assert (
        graph.nodes[("t", bad.id)]["error"] == "unknown identifier" and graph.out_degree(("t", bad.id)) == 0
    )
