"""Fixtures for the viewer tests: synthetic trees (`prover.viz.synthetic.make_tree`), a real engine's
tree, and pages opened in a real headless Chromium (Debian's /usr/bin/chromium through Playwright; the
tests that need it skip when either is missing, and no browser is ever downloaded)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from prover.viz.browser import CHROMIUM, FLAGS
from prover.viz.model import parse_tree
from prover.viz.page import render_tree_page
from prover.viz.synthetic import ERRORS, TACTICS, make_tree

__all__ = ["ERRORS", "TACTICS", "make_tree"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed (pip install playwright)"
    )
    if shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} missing (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(FLAGS))
        yield b
        b.close()


class Page:
    """A viewer page plus everything it logged or requested."""

    def __init__(self, browser, path: Path, *, width: int = 1400, height: int = 860):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-ready='1']", timeout=30000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def click_item(self, kind: str, ident: int, *, double: bool = False) -> None:
        """Reveal a goal or tactic, then click it on screen with the real mouse."""
        self.js(f"htpsViewer.reveal('{kind}', {ident})")
        self.click_drawn(kind, ident, double=double)

    def click_drawn(self, kind: str, ident: int, *, double: bool = False) -> None:
        """Click an item (goal, tactic or stub) where it is drawn now."""
        pos = self.js(f"htpsViewer.screenPosition('{kind}', {ident})")
        assert pos is not None, (kind, ident)
        (self.page.mouse.dblclick if double else self.page.mouse.click)(pos["x"], pos["y"])

    def detail(self) -> str:
        return self.page.inner_text("#detail")

    def drawn(self) -> int:
        return self.js("htpsViewer.drawnCount()")

    def assert_offline_and_clean(self) -> None:
        assert self.errors == []
        assert all(u.startswith(("file://", "data:", "blob:")) for u in self.requests), self.requests


@pytest.fixture
def open_page(browser):
    """`open_page(path)`: a `Page` on a written HTML file."""
    pages: list[Page] = []

    def make(path: Path, **kw) -> Page:
        pages.append(Page(browser, path, **kw))
        return pages[-1]

    yield make
    for p in pages:
        p.page.close()


@pytest.fixture
def page_file(tmp_path: Path):
    """`page_file(tree_dict, **render_kw)`: the tree's viewer page written to a file."""
    count = [0]

    def make(data: dict, **kw) -> Path:
        count[0] += 1
        path = tmp_path / f"tree{count[0]}.html"
        path.write_text(render_tree_page(parse_tree(data), **kw), encoding="utf-8")
        return path

    return make


@pytest.fixture
def tree_factory():
    return make_tree


@pytest.fixture
def tree_file(tmp_path: Path) -> Path:
    path = tmp_path / "tree.json"
    path.write_text(json.dumps(make_tree(60, seed=3)), encoding="utf-8")
    return path


# Goal D is reached from both B and C: the engines merge it into one node with two parents.
TOY_TABLE = {
    "A": [("split", ("B", "C"), 2.0), ("bad", "unknown identifier 'x'")],
    "B": [("b1", ("D",), 2.0), ("b2", "linarith failed")],
    "C": [("c", ("D",))],
    "D": [("d", ())],
}


@pytest.fixture
def engine_tree():
    """`engine_tree(name)`: the JSON tree a real search engine writes for TOY_TABLE."""
    search = pytest.importorskip("search", reason="the search package is not importable")
    toy = pytest.importorskip("search.toy", reason="search.toy is not importable")

    def run(name: str) -> dict:
        env = toy.ToyEnv(toy.rules_from_table(TOY_TABLE))
        result = search.SEARCHES[name](
            env.goal("A"),
            policy=env.policy,
            critic=env.critic,
            apply=env.apply,
            budget=search.Budget(max_expansions=20),
            seed=0,
            theorem=f"toy_{name}",
        )
        return search.tree_to_json(result.tree)

    return run


def _rank(e: dict) -> tuple:
    """The viewer's order of a goal's tactics: most visited, then proved, then valid, then prior."""
    return (-e["visits"], e["status"] != "proved", e["error"] is not None, -e["prior"], e["id"])


def _out_edges(data: dict) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {n["id"]: [] for n in data["nodes"]}
    for e in data["edges"]:
        out[e["parent"]].append(e)
    return {k: sorted(v, key=_rank) for k, v in out.items()}


def _principal_variation(data: dict) -> list[tuple[int, int | None]]:
    """(goal, tactic) pairs from the root: the most visited valid tactic (a proved or proof one counts
    even unvisited), then its most visited subgoal, an unsolved one first on ties."""
    out, nodes = _out_edges(data), {n["id"]: n for n in data["nodes"]}
    proof = set(data["proof"]["edges"]) if data["proof"] else set()
    path, seen, goal = [], set(), data["root"]
    while goal not in seen:
        seen.add(goal)
        best = next((e for e in out[goal] if e["error"] is None), None)
        take = (
            best
            if best and (best["visits"] > 0 or best["status"] == "proved" or best["id"] in proof)
            else None
        )
        path.append((goal, take["id"] if take else None))
        if not take or not take["children"]:
            break
        goal = max(take["children"], key=lambda c: (nodes[c]["visits"], nodes[c]["status"] != "proved"))
    return path


@pytest.fixture
def ranked_tactics():
    """`ranked_tactics(tree)`: each goal's tactics in the viewer's order (oracle)."""
    return _out_edges


@pytest.fixture
def pv_oracle():
    """`pv_oracle(tree)`: the principal variation as (goal, tactic) pairs (oracle)."""
    return _principal_variation
