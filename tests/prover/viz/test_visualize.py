import io
import json
import threading
import urllib.request
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.results import ProofRecord, append_record
from prover.visualize import run
from prover.viz.server import make_server
from prover.viz.summary import page_name, pass_rates

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")


def _cfg(**overrides):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose("visualize", overrides=[f"{k}={v}" for k, v in overrides.items()])


def _run(**overrides) -> tuple[int, str]:
    out = io.StringIO()
    return run(_cfg(**overrides), out=out), out.getvalue()


def test_tree_to_html_next_to_the_tree(tree_file):
    code, text = _run(tree=tree_file)
    page = tree_file.with_suffix(".html")
    assert code == 0 and f"wrote {page}" in text
    assert 'id="tree-data"' in page.read_text(encoding="utf-8")


def test_tree_to_svg_and_extra_image(tree_file, tmp_path):
    code, _ = _run(tree=tree_file, out=tmp_path / "t.svg", format="svg", proof_only="true")
    assert code == 0 and (tmp_path / "t.svg").read_text(encoding="utf-8").startswith("<svg")
    code, _ = _run(tree=tree_file, out=tmp_path / "t.html", image=tmp_path / "img.svg")
    assert code == 0 and (tmp_path / "t.html").exists() and (tmp_path / "img.svg").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({}, "exactly one of"),
        ({"tree": "a.json", "run": "b"}, "exactly one of"),
        ({"tree": "missing.json"}, "missing.json"),
        ({"run": "nowhere"}, "results.jsonl: no such file"),
        ({"tree": "a.json", "format": "png"}, "format=png"),
        ({"tree": "a.json", "top_tactics": 0}, "top_tactics=0 must be >= 1"),
        ({"tree": "a.json", "focus_above": -1}, "focus_above=-1 >= 0"),
    ],
)
def test_bad_arguments_exit_2(overrides, message):
    code, text = _run(**overrides)
    assert code == 2 and message in text


def test_broken_tree_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "htps-tree/1", "nodes": []}), encoding="utf-8")
    code, text = _run(tree=bad)
    assert code == 2 and "bad.json" in text


def _record(name, proved, **kw):
    base = dict(proof="omega" if proved else None, expansions=7, env_calls=20, seconds=1.25, error=None)
    return ProofRecord(name=name, proved=proved, **{**base, **kw})


@pytest.fixture
def run_dir(tmp_path, tree_factory):
    folder = tmp_path / "run"
    (folder / "trees").mkdir(parents=True)
    recs = [
        _record("Nat.add_comm'", True, split="test", topic="nat"),
        _record("lists/rev_rev", False, split="test", topic="list", error="timeout"),
        _record("no_tree", False, split="valid"),
        _record("broken", False, split="valid"),
    ]
    for rec in recs:
        append_record(folder / "results.jsonl", rec)
    # One tree stored under the raw name (a sub-folder), one under a sanitized file name.
    for name, seed in (("lists/rev_rev", 2), ("Nat.add_comm_", 1)):
        path = folder / "trees" / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(tree_factory(30, seed=seed, proved=seed == 1)), encoding="utf-8")
    (folder / "trees" / "broken.json").write_text("{", encoding="utf-8")
    return folder


def test_run_writes_summary_and_pages(run_dir):
    code, text = _run(run=run_dir)
    assert code == 0
    viz = run_dir / "viz"
    index = (viz / "index.html").read_text(encoding="utf-8")
    assert "1 / 4 proved (25.0%)" in index
    assert 'href="Nat.add_comm_.html"' in index and 'href="lists_rev_rev.html"' in index
    assert "no tree" in index and "unreadable tree" in index and "timeout" in index
    assert (viz / "Nat.add_comm_.html").exists() and (viz / "lists_rev_rev.html").exists()
    assert 'href="index.html"' in (viz / "lists_rev_rev.html").read_text(encoding="utf-8")
    assert text.count("wrote ") == 3


def test_run_svg_pages(run_dir, tmp_path):
    code, _ = _run(run=run_dir, out=tmp_path / "out", format="svg")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Nat.add_comm_.svg",
        "index.html",
        "lists_rev_rev.svg",
    ]


def test_page_names_are_safe_and_unique():
    taken = {"index.html"}
    assert page_name("a/b c", taken, ".html") == "a_b_c.html"
    assert page_name("a?b c", taken, ".html") == "a_b_c-2.html"
    assert page_name("index", taken, ".html") == "index-2.html"
    assert page_name("..", taken, ".html") == "theorem.html"


def test_pass_rates_per_group():
    recs = [
        _record("a", True, split="test", topic="x"),
        _record("b", False, split="test", topic="y"),
        _record("c", True),
    ]
    assert pass_rates(recs) == [
        ("all", 2, 3),
        ("split -", 1, 1),
        ("split test", 1, 2),
        ("split test / x", 1, 1),
        ("split test / y", 0, 1),
    ]


def test_server_is_local_and_serves_the_page(tmp_path):
    (tmp_path / "p.html").write_text("<p>hello</p>", encoding="utf-8")
    server = make_server(tmp_path)
    host, port = server.server_address[:2]
    assert host == "127.0.0.1" and port > 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/p.html", timeout=5) as resp:
            assert resp.read() == b"<p>hello</p>"
    finally:
        server.shutdown()
        server.server_close()


def test_first_view_settings_reach_the_page(tree_file, tmp_path):
    code, _ = _run(tree=tree_file, out=tmp_path / "t.html", top_tactics=5, focus_above=0)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert code == 0 and '{"top_tactics":5,"focus_above":0,"proof_only":false}' in page
