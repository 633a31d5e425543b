"""The viewer in a real headless Chromium (see conftest): clicks, detail panel, search, replay, collapse,
zoom and pan, the run summary; no network. Trees here are small, so they open fully expanded."""

import io
import json

from omegaconf import OmegaConf

from prover.results import ProofRecord, append_record
from prover.visualize import write_run


def test_click_goal_and_tactic_show_details(open_page, page_file, tmp_path, tree_factory):
    # Screenshots land in tmp_path (viewer.png); look at them when changing the drawing code.
    data = tree_factory(80, seed=7)
    view = open_page(page_file(data))
    failed = next(e for e in data["edges"] if e["error"] and e["parent"] != 0)
    goal = data["nodes"][failed["parent"]]
    view.click_item("node", goal["id"])
    text = view.detail()
    assert f"Goal #{goal['id']}" in text
    assert goal["goal"].splitlines()[-1] in text
    assert failed["error"].splitlines()[0] in text  # the Lean error of the failed tactic
    assert f"Tactics ({sum(e['parent'] == goal['id'] for e in data['edges'])})" in text
    view.click_item("edge", failed["id"])
    text = view.detail()
    assert f"Tactic #{failed['id']}" in text and "Lean error" in text and f"{failed['prior']:.3f}" in text
    assert "Closes the goal" not in text
    view.page.screenshot(path=str(tmp_path / "viewer.png"))
    assert (tmp_path / "viewer.png").stat().st_size > 10_000
    view.assert_offline_and_clean()


def test_search_counts_and_visits_matches(open_page, page_file, tmp_path, tree_factory):
    data = tree_factory(80, seed=7)
    view = open_page(page_file(data))
    query = "P1"
    expected = sum(query.lower() in n["goal"].lower() for n in data["nodes"]) + sum(
        query.lower() in e["tactic"].lower() for e in data["edges"]
    )
    view.page.fill("#search", query)
    assert view.page.inner_text("#match-count") == f"{expected} matches"
    view.page.press("#search", "Enter")
    assert view.page.inner_text("#match-count") == f"1 / {expected}"
    assert query in view.detail()
    view.page.fill("#search", "no such text anywhere")
    assert view.page.inner_text("#match-count") == "0 matches"
    view.assert_offline_and_clean()


def test_replay_slider_shows_the_tree_as_it_grew(open_page, page_file, tmp_path, tree_factory):
    data = tree_factory(80, seed=7)
    view = open_page(page_file(data))
    last = view.js("htpsViewer.state().maxTime")
    assert view.drawn() == len(data["nodes"]) + len(data["edges"])
    for t in (0, 1, last // 2, last):
        view.page.fill("#replay", str(t))
        goals = sum(n["created_at"] <= t for n in data["nodes"])
        tactics = sum(e["created_at"] <= t for e in data["edges"])
        assert view.drawn() == goals + tactics, t
        assert f"expansion {t} / {last} · {goals} goals" == view.page.inner_text("#replay-label")
    view.page.fill("#replay", "0")
    view.click_item("node", 0)
    assert "open" in view.detail()  # nothing is proved before the first expansion
    assert "Replay at expansion 0" in view.detail()
    view.assert_offline_and_clean()


def test_collapse_and_proof_only(open_page, page_file, tmp_path, tree_factory):
    data = tree_factory(80, seed=7)
    view = open_page(page_file(data))
    total = len(data["nodes"]) + len(data["edges"])
    view.click_item("node", 0, double=True)
    assert view.drawn() == 1
    view.page.click("#toggle-collapse")
    assert view.drawn() == total
    view.page.check("#proof-only")
    assert view.drawn() == sum(n["in_proof"] for n in data["nodes"]) + len(data["proof"]["edges"])
    view.assert_offline_and_clean()


def test_summary_page_links_sorts_and_filters(open_page, tmp_path, tree_factory):
    run = tmp_path / "run"
    (run / "trees").mkdir(parents=True)
    for i, name in enumerate(["alpha", "beta", "gamma"]):
        rec = ProofRecord(name, i != 1, None, 10 * (3 - i), 5, 0.5 + i, None, split="test", topic=name)
        append_record(run / "results.jsonl", rec)
        (run / "trees" / f"{name}.json").write_text(json.dumps(tree_factory(20, seed=i)), encoding="utf-8")
    cfg = OmegaConf.create(
        {
            "run": str(run),
            "out": None,
            "format": "html",
            "proof_only": False,
            "top_tactics": 3,
            "focus_above": 150,
        }
    )
    index = write_run(cfg, out=io.StringIO())
    view = open_page(index)
    assert "2 / 3 proved (66.7%)" in view.page.inner_text("#headline")
    view.page.click("#theorems th:nth-child(4)")  # expansions, ascending
    names = view.page.locator("#theorems tbody td.name").all_inner_texts()
    assert names == ["gamma", "beta", "alpha"]
    view.page.fill("#filter", "beta")
    assert view.page.inner_text("#shown") == "1 shown"
    view.page.click("#theorems tbody tr:not([hidden]) a.ref")
    view.page.wait_for_selector("body[data-ready='1']")
    assert view.page.inner_text("h1") == "synthetic_20_1"
    view.assert_offline_and_clean()


def test_zoom_pan_keyboard_and_play(open_page, page_file, tmp_path, tree_factory):
    data = tree_factory(80, seed=7)
    view = open_page(page_file(data))
    box = view.page.locator("#tree-canvas").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    scale = view.js("htpsViewer.state().scale")
    view.page.mouse.move(cx, cy)
    view.page.mouse.wheel(0, -300)
    view.page.wait_for_function(f"() => htpsViewer.state().scale > {scale}")
    before = view.js("htpsViewer.screenPosition('node', 0)")
    view.page.mouse.move(cx, cy)
    view.page.mouse.down()
    view.page.mouse.move(cx + 120, cy + 40, steps=4)
    view.page.mouse.up()
    after = view.js("htpsViewer.screenPosition('node', 0)")
    assert round(after["x"] - before["x"]) == 120 and round(after["y"] - before["y"]) == 40
    assert view.js("htpsViewer.state().selected") is None  # a drag is not a click
    view.click_item("node", 0)
    view.page.keyboard.press("ArrowRight")
    first = min((e for e in data["edges"] if e["parent"] == 0), key=_rank)
    assert view.js("htpsViewer.state().selected") == {"kind": "edge", "id": first["id"]}
    view.page.keyboard.press("ArrowLeft")
    assert view.js("htpsViewer.state().selected") == {"kind": "node", "id": 0}
    view.page.keyboard.press("Enter")
    assert view.drawn() == 1
    view.page.keyboard.press("Enter")
    assert view.drawn() == len(data["nodes"]) + len(data["edges"])
    view.page.click("#play")
    view.page.wait_for_function("() => htpsViewer.state().time > 2")
    view.page.click("#play")  # pause
    paused = view.js("htpsViewer.state().time")
    view.page.wait_for_timeout(300)
    assert view.js("htpsViewer.state().time") == paused < view.js("htpsViewer.state().maxTime")
    view.assert_offline_and_clean()


def _rank(e: dict) -> tuple:
    """The viewer's order of a goal's tactics: most visited, then proved, then valid, then prior."""
    return (-e["visits"], e["status"] != "proved", e["error"] is not None, -e["prior"], e["id"])


def _statuses_at(data: dict, t: int) -> dict[int, str]:
    """Oracle for replay statuses: a goal is proved by one tactic (existing at t) whose subgoals are all
    proved, failed once expanded with every tactic failed; a tactic with a Lean error failed."""
    out = {
        n["id"]: [e for e in data["edges"] if e["parent"] == n["id"] and e["created_at"] <= t]
        for n in data["nodes"]
    }
    status: dict[int, str] = {}
    for n in sorted(data["nodes"], key=lambda n: -n["id"]):  # the fixture's children have larger ids
        kinds = []
        for e in out[n["id"]]:
            cs = [status[c] for c in e["children"]]
            kinds.append(
                "failed"
                if e["error"] or "failed" in cs
                else "proved"
                if all(s == "proved" for s in cs)
                else "open"
            )
        expanded = n["expanded_at"] is not None and n["expanded_at"] <= t
        status[n["id"]] = (
            "proved"
            if "proved" in kinds
            else "failed"
            if expanded and kinds and all(k == "failed" for k in kinds)
            else "open"
        )
    return status


def test_replay_recomputes_statuses(open_page, page_file, tmp_path, tree_factory):
    data = tree_factory(120, seed=13)
    view = open_page(page_file(data))
    last = view.js("htpsViewer.state().maxTime")
    seen = set()
    for t in (1, last // 3, last - 1):
        view.page.fill("#replay", str(t))
        expected = _statuses_at(data, t)
        got = view.js("htpsViewer.statuses()")
        visible = {n["id"] for n in data["nodes"] if n["created_at"] <= t}
        assert {int(k): v for k, v in got.items() if int(k) in visible} == {i: expected[i] for i in visible}
        seen.update(expected[i] for i in visible)
    assert {"open", "failed"} <= seen
    view.assert_offline_and_clean()


def test_a_real_engine_tree(open_page, page_file, engine_tree):
    data = engine_tree("htps")
    view = open_page(page_file(data))
    assert view.drawn() == len(data["nodes"]) + len(data["edges"])
    view.click_item("node", data["root"])
    assert "Goal #0" in view.detail() and "unknown identifier 'x'" in view.detail()
    view.assert_offline_and_clean()
