"""How fast the tree viewer opens and answers clicks on a big tree, in a real headless Chromium.

Generates a synthetic `htps-tree/1` tree (`prover.viz.synthetic.make_tree`, default 50,000 goals, up to
12 tactics per expansion of which 70% fail with a Lean error, as with the rule policy; not proved), writes its page with `render_tree_page`, and opens it `--repeat`
times in Debian's Chromium through Playwright (never downloads a browser). Prints:

- open: from navigation start (`performance.timeOrigin`) to the first frame of the tree drawn, per run;
  the wall clock seen from Python (goto -> page ready -> first frame), which adds Playwright's round
  trips; and the CPU time the page's renderer used by then (main thread, whole process), the figure to
  read on a machine shared with other work, where wall-clock times mostly measure the waiting.
- clicks: real mouse clicks through Playwright; each figure runs from the click's `mouseup` event
  (`event.timeStamp`) to the end of the frame that draws the new tree (the viewer's own `lastFrame`),
  i.e. handler + relayout + draw (the minimap is redrawn in slices after that frame), with the
  renderer main thread's CPU time over the click and that minimap redraw next to it (the redraw's own
  time, its slices together, is printed after the expanded clicks). Measured in the first view (a stub
  expanding a collapsed goal to its top tactics, "+N more" expanding to all tactics, the detail
  panel's "Collapse"); then "Expand all" and, with every goal drawn, the panel's "Collapse" and
  "Expand" on goals spread over the tree; then, timed inside the page, the double-click handler
  (`htpsViewer.toggle`) on such goals, and the biggest changes one click can make: collapsing a goal
  near the root, and showing all its tactics again (a collapse's layout work is proportional to the
  items it hides, printed next to it; showing them again goes back to the layout kept for undo).
- the same goals shown again when no layout kept for undo covers them, timed inside the page: after
  collapsing the goal, 9 other goals are collapsed (the layouts of the last 8 clicks stay restorable),
  or a goal under it is collapsed while it is hidden; the layout then draws the whole subtree again.
  Each `--repeat` times, with the main thread's CPU time; next to each, how the layout was made
  (`htpsViewer.layoutHow()`: "change" draws only the subtree; for a subtree holding most of the tree,
  "undo+change" goes back to the layout kept before its collapse and changes what differs from it).

    PYTHONPATH=. python bench/viewer_scale.py [--goals 50000] [--branching 12] [--error-rate 0.7]
        [--repeat 5] [--clicks 10]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from prover.viz.browser import CHROMIUM, FLAGS
from prover.viz.model import parse_tree
from prover.viz.page import render_tree_page
from prover.viz.synthetic import make_tree

print = functools.partial(print, flush=True)  # noqa: A001 (figures show up as they come, even in a pipe)
VIEWPORT = {"width": 1600, "height": 900}
FIRST_FRAME = "() => new Promise((ok) => { const f = () => htpsViewer.lastFrame() ? ok(htpsViewer.lastFrame()) : requestAnimationFrame(f); f(); })"
ARM = """() => { window.__up = null;
  window.addEventListener('mouseup', (e) => { window.__up = e.timeStamp; }, { capture: true, once: true }); }"""
AFTER_FRAME = """(before) => new Promise((ok, fail) => { const t0 = performance.now();
  const f = () => htpsViewer.lastFrame() > before && window.__up !== null ? ok(htpsViewer.lastFrame() - window.__up)
    : performance.now() - t0 > 60000 ? fail(new Error('no new frame within 60 s of the click')) : requestAnimationFrame(f);
  f(); })"""


def open_page(browser, path: Path) -> tuple[Page, float, float, dict[str, float]]:
    """A fresh page on `path`; returns it, the in-page time to the first frame, the Python wall time,
    and the renderer's CPU seconds by then (Chromium's `Performance.getMetrics`: ThreadTime is its main
    thread, ProcessTime the whole renderer process), which other processes on the machine do not inflate."""
    page = browser.new_page(viewport=VIEWPORT)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=120_000)
    first = page.evaluate(FIRST_FRAME)
    wall = time.perf_counter() - start
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return page, first, wall, {k: metrics[k] * 1000 for k in ("ThreadTime", "ProcessTime") if k in metrics}


SESSIONS: dict[int, object] = {}  # one CDP session per page: enabling the domain again resets it


def thread_ms(page: Page) -> float:
    """CPU milliseconds the page's renderer main thread has used so far."""
    if id(page) not in SESSIONS:
        SESSIONS[id(page)] = page.context.new_cdp_session(page)
        SESSIONS[id(page)].send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in SESSIONS[id(page)].send("Performance.getMetrics")["metrics"]}
    return metrics["ThreadTime"] * 1000


CPU: list[float] = []  # main-thread CPU ms of each click, next to its wall-clock figure
MINIMAP_DONE = """() => new Promise((ok) => { const f = () => htpsViewer.minimapPending() ? setTimeout(f, 5) : ok(); f(); })"""


def click_ms(page: Page, x: float, y: float) -> float:
    """Milliseconds from a real click's mouseup to the end of the frame drawing its result; the main
    thread's CPU time over the same click, up to the end of the minimap's redraw that follows the
    frame (plus a few Playwright calls), goes to CPU."""
    page.evaluate(MINIMAP_DONE)
    page.evaluate(ARM)
    before = page.evaluate("htpsViewer.lastFrame()")
    cpu = thread_ms(page)
    page.mouse.click(x, y)
    wall = page.evaluate(AFTER_FRAME, before)
    page.evaluate(MINIMAP_DONE)
    CPU.append(thread_ms(page) - cpu)
    return wall


def stub_clicks(page: Page, n: int, *, more: bool) -> list[float]:
    """Click `n` stubs: of collapsed goals (`more=False`) or "+N more" ones; each is first revealed."""
    out = []
    for _ in range(n):
        stubs = [s for s in page.evaluate("htpsViewer.drawn().stubs") if ("more" in s["text"]) == more]
        if not stubs:
            break
        goal = stubs[len(stubs) // 2]["goal"]
        page.evaluate(f"htpsViewer.reveal('node', {goal})")
        pos = page.evaluate(f"htpsViewer.screenPosition('stub', {goal})")
        out.append(click_ms(page, pos["x"], pos["y"]))
    return out


def collapse_clicks(page: Page, n: int) -> list[float]:
    """Select drawn goals with shown tactics and click the panel's Collapse button."""
    out = []
    for _ in range(n):
        goal = page.evaluate(
            "(() => { const d = htpsViewer.drawn().expanded.filter((g) => g !== 0);"
            " return d.length ? d[Math.floor(d.length / 2)] : null; })()"
        )
        if goal is None:
            break
        page.evaluate(f"htpsViewer.reveal('node', {goal})")
        button = page.locator("#toggle-collapse")
        if button.count() == 0 or button.inner_text() != "Collapse":
            break
        box = button.bounding_box()
        out.append(click_ms(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
    return out


TOGGLE = """(goal) => new Promise((ok) => { const before = htpsViewer.lastFrame(), t0 = performance.now();
  htpsViewer.toggle(goal);
  const f = () => htpsViewer.lastFrame() > before ? ok(htpsViewer.lastFrame() - t0) : requestAnimationFrame(f); f(); })"""


SPREAD = """(n) => { const d = htpsViewer.drawn().expanded.filter((g) => g !== 0);
  return Array.from({ length: Math.min(n, d.length) }, (_, i) => d[Math.floor(((i + 0.5) * d.length) / n)]); }"""


def panel_clicks(
    page: Page, n: int, minimap: list[float]
) -> tuple[list[float], list[float], list[float], list[float]]:
    """With every goal drawn: select `n` goals spread over the drawn ones and click the detail panel's
    "Collapse", then its "Expand" (the goal's top tactics again). Wall and CPU figures of each; the time
    the minimap's redraw took after each click (its slices together, in the page) goes to `minimap`."""
    walls: tuple[list[float], list[float]] = ([], [])
    cpus: tuple[list[float], list[float]] = ([], [])
    for goal in page.evaluate(SPREAD, n):
        page.evaluate(f"htpsViewer.reveal('node', {goal})")
        for i, label in enumerate(("Collapse", "Expand")):
            button = page.locator("#toggle-collapse")
            assert button.inner_text() == label, (goal, button.inner_text())
            box = button.bounding_box()
            walls[i].append(click_ms(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
            cpus[i].append(CPU[-1])
            minimap.append(page.evaluate("htpsViewer.minimapMs()"))
    return walls[0], cpus[0], walls[1], cpus[1]


TIMED = """(js) => new Promise((ok) => { const before = htpsViewer.lastFrame(), t0 = performance.now();
  eval(js);
  const f = () => htpsViewer.lastFrame() > before ? ok(htpsViewer.lastFrame() - t0) : requestAnimationFrame(f); f(); })"""


def toggle_clicks(page: Page, n: int) -> list[float]:
    """The double-click handler (`htpsViewer.toggle`) up to the end of its new frame, inside the page:
    collapses then expands again `n` goals spread over the drawn ones."""
    out = []
    for goal in page.evaluate(SPREAD, n):
        out.append(page.evaluate(TOGGLE, goal))
        out.append(page.evaluate(TOGGLE, goal))
    return out


def out_edges(data: dict) -> dict[int, list[dict]]:
    """Each goal's tactics (edge records of the tree JSON), by goal id."""
    out: dict[int, list[dict]] = {}
    for e in data["edges"]:
        out.setdefault(e["parent"], []).append(e)
    return out


def biggest_goals(data: dict, out: dict[int, list[dict]], k: int) -> list[tuple[int, int]]:
    """The `k` goals at most two tactics below the root whose collapse hides the most goals and
    tactics, with that count, when every goal shows all its tactics (`out`: `out_edges(data)`)."""

    def drawn(collapsed: int) -> int:
        seen, queue, count = {data["root"]}, [data["root"]], 1
        for g in queue:
            if g == collapsed:
                continue
            for e in out.get(g, []):
                count += 1
                for c in e["children"]:
                    if c not in seen:
                        seen.add(c)
                        queue.append(c)
                        count += 1
        return count

    everything = drawn(-1)
    near = {c for e in out.get(data["root"], []) for c in e["children"] if out.get(c)}
    near |= {c for g in near for e in out[g] for c in e["children"] if out.get(c)}
    return sorted(((g, everything - drawn(g)) for g in near), key=lambda x: -x[1])[:k]


UNDO_DEPTH = 8  # layout.js: the clicks whose layouts stay restorable


def bottom_goals(out: dict[int, list[dict]]) -> set[int]:
    """Goals with tactics whose subgoals have none: collapsing one hides only leaves, and none of them
    sits under another, so that collapsing several makes as many undo records."""
    return {g for g, es in out.items() if all(c not in out for e in es for c in e["children"])}


def inner_goal(out: dict[int, list[dict]], goal: int) -> int | None:
    """A goal two tactics below `goal` that has tactics of its own (None if there is none)."""
    for e in out.get(goal, []):
        for c in e["children"]:
            for f in out.get(c, []):
                for d in f["children"]:
                    if out.get(d) and d != goal:
                        return d
    return None


def timed(page: Page, js: str) -> float:
    """`js` timed inside the page up to the end of its new frame (TIMED); the main thread's CPU time
    over it and the minimap's redraw after it goes to CPU."""
    page.evaluate(MINIMAP_DONE)
    cpu = thread_ms(page)
    ms = page.evaluate(TIMED, js)
    page.evaluate(MINIMAP_DONE)
    CPU.append(thread_ms(page) - cpu)
    return ms


def reshow_after_clicks(page: Page, goal: int, bottom: set[int]) -> tuple[float, str] | None:
    """Collapse `goal`, collapse UNDO_DEPTH + 1 other drawn goals (bottom ones, spread over the tree),
    then time showing all of `goal`'s tactics again (`timed`); the others are expanded again after.
    None when fewer other goals are drawn."""
    page.evaluate(TIMED, f"htpsViewer.toggle({goal})")
    drawn = [g for g in page.evaluate("htpsViewer.drawn().expanded") if g in bottom and g != goal]
    n = UNDO_DEPTH + 1
    others = [drawn[(2 * i + 1) * len(drawn) // (2 * n)] for i in range(n)] if len(drawn) >= n else []
    if not others:
        page.evaluate(TIMED, f"htpsViewer.setMode({goal}, 2)")
        return None
    for o in others:
        page.evaluate(TIMED, f"htpsViewer.toggle({o})")
    ms = timed(page, f"htpsViewer.setMode({goal}, 2)")
    how = page.evaluate("htpsViewer.layoutHow()")
    for o in others:
        page.evaluate(TIMED, f"htpsViewer.setMode({o}, 2)")
    return ms, how


def reshow_changed(page: Page, goal: int, inner: int) -> tuple[float, str]:
    """Collapse `goal`, collapse `inner` (under it) while it is hidden, then time showing all of
    `goal`'s tactics again (`timed`); `inner` is expanded again after."""
    page.evaluate(TIMED, f"htpsViewer.toggle({goal})")
    page.evaluate(f"htpsViewer.setMode({inner}, 0)")
    ms = timed(page, f"htpsViewer.setMode({goal}, 2)")
    how = page.evaluate("htpsViewer.layoutHow()")
    page.evaluate(TIMED, f"htpsViewer.setMode({inner}, 2)")
    return ms, how


def describe(label: str, values: list[float], cpu: list[float] | None = None) -> str:
    if not values:
        return f"{label:<44} (none)"
    text = f"{label:<44} n={len(values):<3} median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms"
    if cpu:
        text += f"   (main-thread CPU median {statistics.median(cpu):6.1f} ms, max {max(cpu):6.1f} ms)"
    return text


def clicks(label: str, measure) -> str:
    """`measure()` runs clicks through click_ms; their wall and CPU figures on one line."""
    CPU.clear()
    values = measure()
    return describe(label, values, list(CPU))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--goals", type=int, default=50_000)
    ap.add_argument("--branching", type=int, default=12)
    ap.add_argument("--error-rate", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--clicks", type=int, default=10)
    args = ap.parse_args()
    data = make_tree(
        args.goals, seed=args.seed, branching=args.branching, proved=False, error_rate=args.error_rate
    )
    html = render_tree_page(parse_tree(data))
    out = out_edges(data)
    biggest = biggest_goals(data, out, 3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tree.html"
        path.write_text(html, encoding="utf-8")
        size = path.stat().st_size / 1e6
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (figures are wall clock)")
        print(
            f"tree: {len(data['nodes'])} goals, {len(data['edges'])} tactics, JSON {len(json.dumps(data)) / 1e6:.1f} MB;"
            f" page {size:.1f} MB"
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
            opens, walls, cpu = [], [], {"ThreadTime": [], "ProcessTime": []}
            for _ in range(args.repeat):
                page, first, wall, used = open_page(browser, path)
                opens.append(first)
                walls.append(wall * 1000)
                for k, v in used.items():
                    cpu[k].append(v)
                page.close()
            print(describe("open: navigation start -> first frame", opens))
            print(describe("open: Python goto -> first frame (wall)", walls))
            print(describe("open: renderer main-thread CPU time", cpu["ThreadTime"]))
            print(describe("open: renderer process CPU time", cpu["ProcessTime"]))
            page, _, _, _ = open_page(browser, path)
            print(f"first view: {page.evaluate('htpsViewer.drawnCount()')} goals+tactics drawn")
            print(
                clicks(
                    "click stub: collapsed goal -> top tactics",
                    lambda: stub_clicks(page, args.clicks, more=False),
                )
            )
            print(
                clicks(
                    "click stub: +N more -> all tactics", lambda: stub_clicks(page, args.clicks, more=True)
                )
            )
            print(clicks("click Collapse (detail panel)", lambda: collapse_clicks(page, args.clicks)))
            box = page.locator("#expand-all").bounding_box()
            print(
                clicks(
                    "click Expand all",
                    lambda: [click_ms(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)],
                )
            )
            print(f"expanded: {page.evaluate('htpsViewer.drawnCount()')} goals+tactics drawn")
            minimap: list[float] = []
            collapse, collapse_cpu, expand, expand_cpu = panel_clicks(page, args.clicks, minimap)
            print(describe("expanded: click Collapse (detail panel)", collapse, collapse_cpu))
            print(describe("expanded: click Expand (detail panel)", expand, expand_cpu))
            print(describe("expanded: minimap redrawn after those clicks", minimap))
            page.evaluate("htpsViewer.expandAll()")
            print(describe("expanded: double-click handler, in page", toggle_clicks(page, args.clicks)))
            page.evaluate("htpsViewer.expandAll()")
            for goal, items in biggest:
                hide = page.evaluate(TIMED, f"htpsViewer.toggle({goal})")
                show = page.evaluate(TIMED, f"htpsViewer.setMode({goal}, 2)")
                print(
                    f"expanded: goal {goal} near the root ({items} items under it): "
                    f"collapse {hide:.1f} ms, show all its tactics {show:.1f} ms (in page)"
                )
            bottom = bottom_goals(out)
            for goal, items in biggest:
                inner = inner_goal(out, goal)
                cases = [
                    (
                        f"after {UNDO_DEPTH + 1} other clicks",
                        lambda g=goal: reshow_after_clicks(page, g, bottom),
                    ),
                    (
                        f"goal {inner} under it changed",
                        lambda g=goal, i=inner: reshow_changed(page, g, i) if i is not None else None,
                    ),
                ]
                for what, run in cases:
                    CPU.clear()
                    results = [r for r in (run() for _ in range(args.repeat)) if r is not None]
                    hows = "/".join(sorted({how for _, how in results})) or "n/a: no such clicks here"
                    print(
                        describe(
                            f"expanded: goal {goal} ({items} items under it) shown again, no undo record, "
                            f"{what} [{hows}] (in page)",
                            [ms for ms, _ in results],
                            list(CPU),
                        )
                    )
            page.close()
            browser.close()


if __name__ == "__main__":
    main()
