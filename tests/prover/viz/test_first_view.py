"""The first view of large trees in a real headless Chromium: the principal variation and the proof,
each of their goals' top tactics, "+N more (V visits)" stubs that expand on click, Fit, the minimap,
and search that reveals matches hidden in collapsed parts. Oracles are computed here from the JSON."""

from __future__ import annotations

import pytest

TOP = 3  # render_tree_page's default top_tactics


def _shown_edges(view, data: dict, goal: int) -> set[int]:
    parent = {e["id"]: e["parent"] for e in data["edges"]}
    return {e for e in view.js("htpsViewer.drawn().edges") if parent[e] == goal}


@pytest.fixture
def big(tree_factory):
    return tree_factory(3000, seed=5, branching=8, error_rate=0.6, proved=False)


def test_first_view_shows_the_principal_variation_and_stubs(
    open_page, page_file, big, ranked_tactics, pv_oracle
):
    view = open_page(page_file(big))
    out = ranked_tactics(big)
    pv = pv_oracle(big)
    assert len(pv) >= 4, "the fixture should have a principal variation worth looking at"
    assert [[s["node"], s["edge"]] for s in view.js("htpsViewer.pv()")] == [list(s) for s in pv]
    drawn = view.js("htpsViewer.drawn()")
    assert {g for g, _ in pv} <= set(drawn["nodes"])
    assert {e for _, e in pv if e is not None} <= set(drawn["edges"])
    assert view.drawn() < 150, "the first view of a 3,000-goal tree is a summary, not the whole tree"
    stubs = {s["goal"]: s for s in drawn["stubs"]}
    edge_parent = {e["id"]: e["parent"] for e in big["edges"]}
    drawn_edges = set(drawn["edges"])
    pv_goals = {g for g, _ in pv}
    for goal in drawn["nodes"]:
        shown = {e for e in drawn_edges if edge_parent[e] == goal}
        tactics = out[goal]
        if goal in pv_goals:
            pv_edge = dict(pv)[goal]
            expected = {e["id"] for e in tactics[:TOP]} | ({pv_edge} if pv_edge is not None else set())
        else:
            expected = set()  # off the principal variation, a goal starts collapsed
        assert shown == expected, goal
        hidden = [e for e in tactics if e["id"] not in shown]
        if not hidden:
            assert goal not in stubs
            continue
        visits = sum(e["visits"] for e in hidden)
        word = "more" if shown else "tactics" if len(hidden) > 1 else "tactic"
        plural = "" if visits == 1 else "s"
        assert stubs[goal]["text"] == f"+{len(hidden)} {word} ({visits} visit{plural})", goal
    assert any("more" in s["text"] for s in stubs.values()) and any(
        "tactic" in s["text"] for s in stubs.values()
    )
    view.assert_offline_and_clean()


def test_stubs_expand_on_click_and_everything_can_be_expanded(open_page, page_file, big, ranked_tactics):
    view = open_page(page_file(big))
    out = ranked_tactics(big)
    first = view.drawn()
    stubs = view.js("htpsViewer.drawn().stubs")
    more = next(s for s in stubs if "more" in s["text"])
    view.click_drawn("stub", more["goal"])  # the real mouse on the drawn stub
    assert _shown_edges(view, big, more["goal"]) == {e["id"] for e in out[more["goal"]]}
    assert view.js(f"htpsViewer.screenPosition('stub', {more['goal']})") is None
    collapsed = next(s for s in stubs if "tactics" in s["text"] and s["count"] > TOP)
    view.click_drawn("stub", collapsed["goal"])
    assert _shown_edges(view, big, collapsed["goal"]) == {e["id"] for e in out[collapsed["goal"]][:TOP]}
    rest = next(s for s in view.js("htpsViewer.drawn().stubs") if s["goal"] == collapsed["goal"])  # "+N more"
    assert rest["count"] == len(out[collapsed["goal"]]) - TOP
    view.page.click("#expand-all")
    assert view.drawn() == len(big["nodes"]) + len(big["edges"])
    assert view.js("htpsViewer.drawn().stubs") == []
    view.page.click("#first-view")
    assert view.drawn() == first
    view.assert_offline_and_clean()


def test_the_proof_is_in_the_first_view(open_page, page_file, tree_factory):
    data = tree_factory(2500, seed=2, branching=6)
    assert data["proof"] and len(data["proof"]["edges"]) > 3
    view = open_page(page_file(data))
    drawn = view.js("htpsViewer.drawn()")
    assert set(data["proof"]["edges"]) <= set(drawn["edges"])
    assert {n["id"] for n in data["nodes"] if n["in_proof"]} <= set(drawn["nodes"])
    assert view.drawn() < len(data["nodes"]) / 5
    view.assert_offline_and_clean()


def _inside(box: dict) -> bool:
    return (
        box["left"] >= -1
        and box["top"] >= -1
        and box["right"] <= box["width"] + 1
        and box["bottom"] <= box["height"] + 1
    )


def test_fit_puts_the_drawn_tree_inside_the_viewport(open_page, page_file, big):
    view = open_page(page_file(big), width=1200, height=700)
    view.js("htpsViewer.setMode(0, 2)")  # the root's tactics all drawn: a tall tree
    for stub in view.js("htpsViewer.drawn().stubs")[:6]:
        view.js(f"htpsViewer.expandStub({stub['goal']})")
    view.page.mouse.move(300, 300)
    view.page.mouse.wheel(0, -900)  # zoomed in: the tree no longer fits
    assert not _inside(view.js("htpsViewer.screenBounds()"))
    view.page.click("#fit")
    box = view.js("htpsViewer.screenBounds()")
    assert _inside(box), box
    # Fitted, not merely shrunk: the tree spans the viewport in one direction (16 px margins).
    assert (
        box["right"] - box["left"] > box["width"] - 40 or box["bottom"] - box["top"] > box["height"] - 40
    ), box
    view.page.click("#expand-all")
    view.page.keyboard.press("f")
    assert _inside(view.js("htpsViewer.screenBounds()"))
    view.assert_offline_and_clean()


def test_search_reveals_a_collapsed_match(open_page, page_file, big):
    view = open_page(page_file(big))
    drawn = set(view.js("htpsViewer.drawn().nodes"))
    target = next(n for n in reversed(big["nodes"]) if n["id"] not in drawn and n["depth"] >= 4)
    query = target["goal"].splitlines()[-1]  # "⊢ n * i + m = ... ∧ Pi <x>": unique to goal i
    assert sum(query in n["goal"] for n in big["nodes"]) == 1
    view.page.fill("#search", query)
    assert view.page.inner_text("#match-count") == "1 match (1 hidden)"
    view.page.press("#search", "Enter")
    assert target["id"] in view.js("htpsViewer.drawn().nodes")
    assert view.js("htpsViewer.state().selected") == {"kind": "node", "id": target["id"]}
    assert f"Goal #{target['id']}" in view.detail()
    pos = view.js(f"htpsViewer.screenPosition('node', {target['id']})")
    box = view.page.locator("#tree-canvas").bounding_box()
    assert (
        box["x"] <= pos["x"] <= box["x"] + box["width"] and box["y"] <= pos["y"] <= box["y"] + box["height"]
    )
    view.assert_offline_and_clean()


def test_minimap_moves_the_view(open_page, page_file, big):
    view = open_page(page_file(big))
    view.page.click("#expand-all")
    before = view.js("htpsViewer.screenPosition('node', 0)")
    mini = view.page.locator("#minimap").bounding_box()
    view.page.mouse.click(mini["x"] + mini["width"] * 0.8, mini["y"] + mini["height"] * 0.9)
    after = view.js("htpsViewer.screenPosition('node', 0)")
    assert after["x"] < before["x"] - 100 and after["y"] < before["y"] - 100  # moved right and down
    assert view.js("htpsViewer.state().selected") is None  # a minimap click selects nothing
    view.assert_offline_and_clean()


def test_degenerate_trees_open_in_the_first_view(open_page, page_file, tree_factory):
    lone = tree_factory(1, seed=0, proved=False)
    view = open_page(page_file(lone, focus_above=0))
    assert view.js("htpsViewer.pv()") == [{"node": 0, "edge": None}] and view.drawn() == 1
    view.page.click("#fit")
    assert view.js("htpsViewer.drawn().stubs") == []
    # Every tactic failed: no principal variation past the root, all of them behind one stub.
    failed = tree_factory(1, seed=0, proved=False)
    failed["nodes"][0].update(expanded_at=1, status="failed")
    failed["edges"] = [
        {
            "id": i,
            "parent": 0,
            "tactic": f"t{i}",
            "prior": 0.1,
            "logprob": -1.0,
            "visits": 0,
            "q": None,
            "children": [],
            "status": "failed",
            "error": f"error {i % 2}\nmore",
            "created_at": 1,
            "in_proof": False,
        }
        for i in range(7)
    ]
    view = open_page(page_file(failed, focus_above=0))
    assert view.js("htpsViewer.pv()") == [{"node": 0, "edge": None}]
    assert [s["text"] for s in view.js("htpsViewer.drawn().stubs")] == ["+4 more (0 visits)"]
    assert view.page.inner_text("#budget-errors tbody tr:first-child td[data-k='count']") == "4"
    view.assert_offline_and_clean()
