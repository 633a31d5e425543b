import copy
import json

import pytest

from prover.viz.model import TreeFormatError, load_tree, parse_tree


def test_parse_keeps_structure(tree_factory):
    data = tree_factory(60, seed=3)
    tree = parse_tree(data)
    assert len(tree.nodes) == 60
    assert tree.proved is True
    assert tree.proof_edges == tuple(data["proof"]["edges"])
    out = tree.out_edges()
    assert sum(len(v) for v in out.values()) == len(data["edges"])
    for edges in out.values():
        times = [(e.created_at, e.id) for e in edges]
        assert times == sorted(times)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="htps-tree/2"), "format"),
        (lambda d: d["edges"][0]["children"].append(99999), "unknown node 99999"),
        (lambda d: d["nodes"].append(dict(d["nodes"][0])), "duplicate node id 0"),
        (lambda d: d["nodes"][1].update(status="done"), "unknown status 'done'"),
        (lambda d: d["nodes"][1].update(visits=True), "must not be a boolean"),
        (lambda d: d["edges"][0].pop("tactic"), "missing key 'tactic'"),
        (lambda d: d["edges"][0].update(prior="0.5"), "'prior' has type str"),
        (lambda d: d.update(root=12345), "root 12345"),
        (lambda d: d["proof"].update(edges=[424242]), "unknown edges [424242]"),
    ],
)
def test_invalid_trees_are_rejected_with_the_reason(tree_factory, mutate, message):
    data = copy.deepcopy(tree_factory(20, seed=1))
    mutate(data)
    with pytest.raises(TreeFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_tree(data)


def test_load_tree_names_the_file(tmp_path, tree_factory):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TreeFormatError, match="bad.json: not JSON"):
        load_tree(bad)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(tree_factory(5, seed=0)), encoding="utf-8")
    assert load_tree(good).theorem == "synthetic_5_0"


def test_unproved_tree_has_no_proof(tree_factory):
    tree = parse_tree(tree_factory(40, seed=2, proved=False))
    assert tree.proved is False
    assert tree.proof_edges == ()
    assert tree.nodes[tree.root].status != "proved"
