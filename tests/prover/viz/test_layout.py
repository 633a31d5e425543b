"""The viewer's incremental layout in a real headless Chromium: a click lays out only what it changes
(layout.js), and the result must be exactly what a layout from scratch gives, with exactly the goals
the graph reaches drawn, each under the home tactic the rule picks, and no two boxes on one spot.
Oracles are computed here from the JSON."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

ROW_H = 30  # tree_model.js: one row per leaf


def _positions(view, *, fresh: bool = False) -> dict:
    return view.js(f"htpsViewer.positions({'true' if fresh else 'false'})")


def _canon(pos: dict) -> dict:
    return {k: sorted(map(tuple, v)) for k, v in pos.items()}


def _assert_matches_a_fresh_layout(view) -> dict:
    pos = _canon(_positions(view))
    assert pos == _canon(_positions(view, fresh=True))
    _assert_no_overlap(pos)
    return pos


def _assert_no_overlap(pos: dict) -> None:
    """Boxes of one column (same x) sit at least a row apart; columns do not overlap by construction."""
    columns: dict[float, list[float]] = defaultdict(list)
    for kind in ("node", "edge", "stub"):
        for _, x, y in pos[kind]:
            columns[x].append(y)
    for x, ys in columns.items():
        ys.sort()
        assert all(b - a >= ROW_H - 1e-9 for a, b in zip(ys, ys[1:], strict=False)), x


def _out(data: dict) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for e in data["edges"]:
        out[e["parent"]].append(e)
    return out


def _reached(data: dict, collapsed: set[int]) -> tuple[set[int], set[int]]:
    """Goals and tactics drawn when every goal shows all its tactics except `collapsed` ones (none)."""
    out = _out(data)
    goals, tactics, queue = {data["root"]}, set(), [data["root"]]
    for g in queue:
        if g in collapsed:
            continue
        for e in out[g]:
            tactics.add(e["id"])
            for c in e["children"]:
                if c not in goals:
                    goals.add(c)
                    queue.append(c)
    return goals, tactics


def _homes(data: dict, goals: set[int], tactics: set[int]) -> dict[int, int | None]:
    """The home rule: among the drawn tactics reaching a goal, a proof one, then the earliest created
    (then the lowest id)."""
    proof = (
        set(data["proof"]["edges"])
        if data.get("proof")
        else {e["id"] for e in data["edges"] if e["in_proof"]}
    )
    best: dict[int, tuple] = {}
    for e in data["edges"]:
        if e["id"] not in tactics:
            continue
        rank = (e["id"] not in proof, e["created_at"], e["id"])
        for c in e["children"]:
            if c not in best or rank < best[c]:
                best[c] = rank
    return {g: (best[g][2] if g in best else None) for g in goals if g != data["root"]} | {data["root"]: None}


@pytest.fixture
def merged(tree_factory):
    """A tree where many goals are reached by several tactics (merges), so that collapsing a goal can
    leave some of its subgoals drawn elsewhere."""
    data = tree_factory(1500, seed=11, branching=8, error_rate=0.5, proved=True)
    assert sum(len(e["children"]) for e in data["edges"]) > len(data["nodes"]) + 50
    return data


def _interesting_goals(data: dict) -> list[int]:
    """Goals whose collapse hides some goals while others under them stay reached by another tactic."""
    everything, _ = _reached(data, set())
    found = []
    for n in data["nodes"]:
        if n["id"] == data["root"] or not _out(data)[n["id"]]:
            continue
        goals, _ = _reached(data, {n["id"]})
        under, _ = _reached({**data, "root": n["id"]}, set())
        hidden = everything - goals
        if hidden and (under - {n["id"]}) - hidden:
            found.append(n["id"])
        if len(found) == 4:
            break
    return found


def test_collapse_after_expand_all_hides_exactly_that_subtree(open_page, page_file, merged):
    view = open_page(page_file(merged))
    view.page.click("#expand-all")
    assert view.drawn() == len(merged["nodes"]) + len(merged["edges"])
    everything = _assert_matches_a_fresh_layout(view)
    goals, tactics = _reached(merged, set())
    assert dict(everything["home"]) == _homes(merged, goals, tactics)
    goals_to_try = _interesting_goals(merged)
    assert len(goals_to_try) >= 3, "the fixture should have goals whose subgoals are also reached elsewhere"
    for i, g in enumerate(goals_to_try):
        if i == 0:
            view.click_item("node", g, double=True)  # the real mouse: a double-click collapses
        else:
            view.js(f"htpsViewer.toggle({g})")
        goals, tactics = _reached(merged, {g})
        pos = _assert_matches_a_fresh_layout(view)
        assert {x[0] for x in pos["node"]} == goals, g
        assert {x[0] for x in pos["edge"]} == tactics, g
        assert [x[0] for x in pos["stub"]] == [g]
        assert dict(pos["home"]) == _homes(merged, goals, tactics), g
        # Show all its tactics again: the same layout as before, item for item.
        view.js(f"htpsViewer.setMode({g}, 2)")
        assert _assert_matches_a_fresh_layout(view) == everything, g


def _below(data: dict, goal: int) -> int:
    """A goal two tactics below `goal` that has tactics of its own."""
    out = _out(data)
    for e in out[goal]:
        for c in e["children"]:
            for f in out[c]:
                for d in f["children"]:
                    if out[d] and d != goal:
                        return d
    raise AssertionError(f"no goal with tactics two levels below {goal}")


def test_showing_again_what_a_click_hid_matches_a_layout_from_scratch(open_page, page_file, merged):
    """The layout keeps the last clicks' layouts to go back to (layout.js `undo`): collapsing then
    showing again, nested and out of order, with goals changed while hidden (whose old layout no
    longer holds), the whole tree collapsed and shown again, each compared with a layout from scratch."""
    view = open_page(page_file(merged))
    view.page.click("#expand-all")
    everything = _assert_matches_a_fresh_layout(view)
    root = merged["root"]
    a, b = _interesting_goals(merged)[:2]
    inner = _below(merged, a)
    steps = [
        f"htpsViewer.toggle({a})",
        f"htpsViewer.toggle({b})",
        f"htpsViewer.setMode({b}, 2)",  # back, last in first out
        f"htpsViewer.setMode({a}, 2)",
        f"htpsViewer.toggle({a})",
        f"htpsViewer.toggle({b})",
        f"htpsViewer.setMode({a}, 2)",  # out of order
        f"htpsViewer.setMode({b}, 2)",
        f"htpsViewer.toggle({a})",
        f"htpsViewer.setMode({inner}, 0)",  # hidden under a: a's old layout shows it expanded
        f"htpsViewer.setMode({a}, 2)",
        f"htpsViewer.setMode({inner}, 2)",
        f"htpsViewer.toggle({root})",  # most of the tree hidden: laid out afresh
        f"htpsViewer.setMode({root}, 2)",
        f"htpsViewer.toggle({root})",
        f"htpsViewer.setMode({a}, 1)",  # hidden under the root
        f"htpsViewer.setMode({root}, 2)",
        f"htpsViewer.setMode({a}, 2)",
        f"htpsViewer.toggle({a})",  # the replay time moved between: the old layout no longer holds
        "htpsViewer.setTime(Math.floor(htpsViewer.state().maxTime / 2))",
        f"htpsViewer.setMode({a}, 2)",
        f"htpsViewer.toggle({a})",
        "htpsViewer.setTime(htpsViewer.state().maxTime)",
        f"htpsViewer.setMode({a}, 2)",
        f"htpsViewer.reveal('node', {inner})",  # pins, then a click hiding the pinned path
        f"htpsViewer.toggle({a})",
        f"htpsViewer.setMode({a}, 2)",
    ]
    for op in steps:
        view.js(op)
        _assert_matches_a_fresh_layout(view)
    assert _assert_matches_a_fresh_layout(view) == everything, steps
    view.js(f"htpsViewer.toggle({a})")
    view.js(f"htpsViewer.setMode({inner}, 0)")
    view.js(f"htpsViewer.setMode({a}, 2)")
    goals, tactics = _reached(merged, {inner})
    pos = _assert_matches_a_fresh_layout(view)
    assert {x[0] for x in pos["node"]} == goals and {x[0] for x in pos["edge"]} == tactics
    view.assert_offline_and_clean()


@pytest.mark.parametrize("replay", [1.0, 0.4])
def test_clicks_in_the_first_view_match_a_layout_from_scratch(open_page, page_file, merged, replay):
    """Random clicks (stubs, collapse/expand, modes, search reveals), each compared with a layout made
    from scratch for the same state; also with the replay slider part way (goals created later are
    not drawn)."""
    view = open_page(page_file(merged))
    last = view.js("htpsViewer.state().time")
    view.js(f"htpsViewer.setTime({int(last * replay)})")
    rng = random.Random(3)
    ops, first = [], view.drawn()
    most = first
    for step in range(30):
        drawn = view.js("htpsViewer.drawn()")
        choice = rng.randrange(4)
        if choice == 0 and drawn["stubs"]:
            op = f"htpsViewer.expandStub({rng.choice(drawn['stubs'])['goal']})"
        elif choice == 1:
            op = f"htpsViewer.toggle({rng.choice(drawn['nodes'])})"
        elif choice == 2:
            op = f"htpsViewer.setMode({rng.choice(drawn['nodes'])}, {rng.randrange(3)})"
        else:
            op = f"htpsViewer.reveal('node', {rng.choice(merged['nodes'])['id']})"
        ops.append(op)
        view.js(op)
        pos = _positions(view)
        assert _canon(pos) == _canon(_positions(view, fresh=True)), (step, ops)
        _assert_no_overlap(_canon(pos))
        most = max(most, view.drawn())
    assert most > first  # the clicks did open parts of the tree
    late = {n["id"] for n in merged["nodes"] if n["created_at"] > int(last * replay)}
    assert not late & {x[0] for x in _positions(view)["node"]}
    view.assert_offline_and_clean()


def _edge(i: int, parent: int, children: list[int], t: int) -> dict:
    return {
        "id": i,
        "parent": parent,
        "tactic": f"t{i}",
        "prior": 0.5,
        "logprob": -0.7,
        "visits": 1,
        "q": 0.5,
        "children": children,
        "status": "open",
        "error": None,
        "created_at": t,
        "in_proof": False,
    }


def test_a_tree_with_a_cycle_is_drawn_whole(open_page, page_file, tree_factory):
    """A hand-made file with a cycle (the search never writes one): goals 1 and 2 reach each other and
    each one's earliest tactic comes from the other, so the home rule alone would hang them off each
    other, out of the root's reach. Every goal is still drawn, once."""
    data = tree_factory(4, seed=0, proved=False)
    for n in data["nodes"]:
        n.update(status="open", expanded_at=1, in_proof=False)
    data["edges"] = [
        _edge(0, 0, [1], 3),
        _edge(1, 1, [2], 1),
        _edge(2, 2, [1, 3], 1),
        _edge(3, 3, [], 2),
    ]
    data["proof"] = None
    view = open_page(page_file(data))
    pos = _canon(_positions(view))
    assert {x[0] for x in pos["node"]} == {0, 1, 2, 3} and {x[0] for x in pos["edge"]} == {0, 1, 2, 3}
    _assert_no_overlap(pos)
    homes = dict(pos["home"])
    assert homes[0] is None and homes[1] == 0  # repaired: under the root's tactic, not the loop's
    view.js("htpsViewer.toggle(1)")
    assert {x[0] for x in _positions(view)["node"]} == {0, 1}
    view.js("htpsViewer.toggle(1)")
    assert _canon(_positions(view)) == pos
    # Goal 2 collapsed: no loop, 1 under the root's tactic. Showing 2's tactics again gives 1 an
    # earlier tactic, 2's own: a loop, which the incremental layout must not build.
    view.js("htpsViewer.setMode(2, 0)")
    assert {x[0] for x in _assert_matches_a_fresh_layout(view)["node"]} == {0, 1, 2}
    view.js("htpsViewer.setMode(2, 2)")
    assert _assert_matches_a_fresh_layout(view) == pos
    view.assert_offline_and_clean()


def test_a_tree_fitted_whole_is_drawn_as_pixels(open_page, page_file, merged):
    """Fitted whole, an expanded tree's rows are thinner than a pixel: the canvas shows each pixel's
    most telling colour (failed tactics in red), inside the tree's box and nowhere else."""
    view = open_page(page_file(merged), width=1200, height=700)
    view.page.click("#expand-all")
    before = view.js("htpsViewer.lastFrame()")
    view.page.click("#fit")
    assert view.js("htpsViewer.state().scale") * ROW_H < 1
    view.js(  # the fitted frame drawn (Fit asks for one, drawn at the next animation frame)
        """(before) => new Promise((ok) => { const f = () => htpsViewer.lastFrame() > before ? ok()
        : requestAnimationFrame(f); f(); })""",
        before,
    )
    box = view.js("htpsViewer.screenBounds()")
    colours = view.js(
        """() => { const c = document.getElementById('tree-canvas'), dpr = window.devicePixelRatio || 1;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, out = {};
        for (let i = 0; i < d.length; i += 4) {
          if (d[i] === 255 && d[i + 1] === 255 && d[i + 2] === 255) continue;
          const p = i / 4, x = (p % c.width) / dpr, y = Math.floor(p / c.width) / dpr;
          const k = `${d[i]},${d[i + 1]},${d[i + 2]}`;
          const b = out[k] || (out[k] = { n: 0, x0: x, x1: x, y0: y, y1: y });
          b.n++; b.x0 = Math.min(b.x0, x); b.x1 = Math.max(b.x1, x); b.y0 = Math.min(b.y0, y); b.y1 = Math.max(b.y1, y);
        }
        return out; }"""
    )
    assert colours.get("201,42,42", {}).get("n", 0) > 50  # failed: #c92a2a
    for spot in colours.values():
        assert box["left"] - 1 <= spot["x0"] and spot["x1"] <= box["right"] + 1, (spot, box)
        assert box["top"] - 1 <= spot["y0"] and spot["y1"] <= box["bottom"] + 1, (spot, box)
    # ... and all of it: the first row at the top of the box, the last at its bottom, the root at its left.
    assert min(s["y0"] for s in colours.values()) <= box["top"] + 2
    assert max(s["y1"] for s in colours.values()) >= box["bottom"] - 2
    assert min(s["x0"] for s in colours.values()) <= box["left"] + 1
    view.assert_offline_and_clean()


def _big_goal(data: dict) -> tuple[int, set[int]]:
    """The goal whose collapse (every goal showing all its tactics) hides the most goals while fewer
    than a third of them, so that showing them again is laid out as a change, not afresh; with the
    goals it hides."""
    everything, _ = _reached(data, set())
    best: tuple[int, set[int]] = (-1, set())
    for g in _out(data):
        if g == data["root"]:
            continue
        hidden = everything - _reached(data, {g})[0]
        if len(best[1]) < len(hidden) < len(everything) / 3:
            best = (g, hidden)
    return best


def _bottom(data: dict) -> set[int]:
    """Goals with tactics whose subgoals have none (collapsing one hides only leaves)."""
    out = _out(data)
    return {g for g, es in out.items() if all(c not in out for e in es for c in e["children"])}


UNDO_DEPTH = 8  # layout.js: the clicks whose layouts stay restorable


def _assert_drawn(view, data: dict, collapsed: set[int]) -> dict:
    """The layout equals one from scratch and draws exactly what the graph reaches with `collapsed`
    goals collapsed, each goal under the home tactic the rule picks."""
    pos = _assert_matches_a_fresh_layout(view)
    goals, tactics = _reached(data, collapsed)
    assert {x[0] for x in pos["node"]} == goals, collapsed
    assert {x[0] for x in pos["edge"]} == tactics, collapsed
    homes = _homes(data, goals, tactics)
    assert dict(pos["home"]) == homes, collapsed
    refs = {
        (e["id"],)
        for e in data["edges"]
        if e["id"] in tactics and any(c in goals and homes[c] != e["id"] for c in e["children"])
    }
    assert set(pos["refs"]) == refs, collapsed
    return pos


def test_a_big_subtree_shown_again_with_no_undo_record_is_laid_out_as_from_scratch(
    open_page, page_file, merged
):
    """Showing a big collapsed subtree again when no layout kept for undo covers it (more clicks
    since than are kept, or a goal under it changed while hidden) draws the subtree as a change to
    the layout (layout.js `reach`, `rehome`: new items measured as made, one undo record per goal),
    not afresh; item for item what a layout from scratch gives. Undoing that change (collapsing
    again) too."""
    view = open_page(page_file(merged))
    view.page.click("#expand-all")
    everything = _assert_matches_a_fresh_layout(view)
    g, hidden = _big_goal(merged)
    assert len(hidden) > 150, "the fixture should have a goal with a big subtree"
    # More clicks than the undo keeps, on goals outside the subtree (none under another).
    view.js(f"htpsViewer.toggle({g})")
    assert view.js("htpsViewer.layoutHow()") == "change"
    drawn = set(view.js("htpsViewer.drawn().expanded"))
    others = sorted((_bottom(merged) & drawn) - {g})[: UNDO_DEPTH + 1]
    assert len(others) == UNDO_DEPTH + 1
    for o in others:
        view.js(f"htpsViewer.toggle({o})")
        assert view.js("htpsViewer.layoutHow()") == "change", o
    view.js(f"htpsViewer.setMode({g}, 2)")
    assert view.js("htpsViewer.layoutHow()") == "change"
    _assert_drawn(view, merged, set(others))
    # Undone by a collapse of the same goal: the kept layout, still equal to one from scratch.
    view.js(f"htpsViewer.toggle({g})")
    assert view.js("htpsViewer.layoutHow()") == "undo"
    _assert_drawn(view, merged, {g, *others})
    view.js(f"htpsViewer.setMode({g}, 2)")
    for o in others:
        view.js(f"htpsViewer.setMode({o}, 2)")
    assert _assert_matches_a_fresh_layout(view) == everything
    # A goal under it collapsed while it is hidden: the kept layout no longer holds.
    inner = _below(merged, g)
    assert inner in hidden
    view.js(f"htpsViewer.toggle({g})")
    view.js(f"htpsViewer.setMode({inner}, 0)")
    view.js(f"htpsViewer.setMode({g}, 2)")
    assert view.js("htpsViewer.layoutHow()") == "change"
    _assert_drawn(view, merged, {inner})
    view.js(f"htpsViewer.setMode({inner}, 2)")
    assert _assert_matches_a_fresh_layout(view) == everything
    # Most of the tree hidden (laid out afresh, the layout before kept whole), goals under it changed
    # while hidden: shown again from the kept layout, then changed where the goals differ from it.
    root = merged["root"]
    view.js(f"htpsViewer.toggle({root})")
    assert view.js("htpsViewer.layoutHow()") == "afresh"
    view.js(f"htpsViewer.setMode({inner}, 0)")
    view.js(f"htpsViewer.setMode({g}, 1)")
    view.js(f"htpsViewer.setMode({root}, 2)")
    assert view.js("htpsViewer.layoutHow()") == "undo+change"
    _assert_matches_a_fresh_layout(view)
    view.js(f"htpsViewer.setMode({g}, 2)")
    _assert_drawn(view, merged, {inner})
    view.js(f"htpsViewer.setMode({inner}, 2)")
    assert _assert_matches_a_fresh_layout(view) == everything
    # After a replay-time change (which lays out afresh and drops the undo records) in both ways.
    view.js(f"htpsViewer.toggle({g})")
    view.js("htpsViewer.setTime(htpsViewer.state().maxTime - 1)")
    view.js("htpsViewer.setTime(htpsViewer.state().maxTime)")
    view.js(f"htpsViewer.setMode({g}, 2)")
    assert view.js("htpsViewer.layoutHow()") == "change"
    assert _assert_matches_a_fresh_layout(view) == everything
    view.assert_offline_and_clean()


def test_random_big_collapses_and_shows_match_a_layout_from_scratch(open_page, page_file, merged):
    """Random collapses and shows of the root, of goals with big subtrees and of goals under them,
    and reveals (pinned paths), many more than the undo keeps, every one compared with a layout from
    scratch."""
    view = open_page(page_file(merged))
    view.page.click("#expand-all")
    everything, _ = _reached(merged, set())
    out = _out(merged)
    sizes = {g: len(everything - _reached(merged, {g})[0]) for g in out if out[g] and g != merged["root"]}
    big = [merged["root"], *sorted(sizes, key=lambda g: -sizes[g])[:12]]
    rng = random.Random(5)
    ways = set()
    ops = []
    for step in range(40):
        g = rng.choice(big if rng.random() < 0.6 else sorted(sizes))
        if rng.random() < 0.15:  # pins the path to a goal, maybe inside a collapsed subtree
            ops.append(f"htpsViewer.reveal('node', {rng.choice(merged['nodes'])['id']})")
        else:
            ops.append(f"htpsViewer.setMode({g}, {rng.choice([0, 2, 2, 1])})")
        view.js(ops[-1])
        ways.add(view.js("htpsViewer.layoutHow()"))
        assert _canon(_positions(view)) == _canon(_positions(view, fresh=True)), (step, ops)
    assert "change" in ways, ways  # "undo+change": the test above
    view.assert_offline_and_clean()
