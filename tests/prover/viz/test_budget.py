"""The "Where the budget went" panel in a real headless Chromium: every number it shows is recomputed
here from the tree JSON and compared with the page's text."""

from __future__ import annotations

from collections import Counter

import pytest


def _first_line(text: str) -> str:
    return text.split("\n")[0].strip()


def _head(tactic: str) -> str:
    word = tactic.strip().split()[0] if tactic.strip() else ""
    for stop in "([{;":
        word = word.split(stop)[0]
    return word or tactic.strip()


def _cells(view, table: str) -> list[dict[str, str]]:
    return view.js(
        """(id) => [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) =>
             Object.fromEntries([...tr.cells].filter((c) => c.dataset.k).map((c) => [c.dataset.k, c.textContent])))""",
        table,
    )


def _summary(view) -> dict[str, str]:
    return view.js(
        """() => Object.fromEntries([...document.querySelectorAll('#budget-summary td')]
             .map((c) => [c.dataset.k, c.textContent]))"""
    )


@pytest.mark.parametrize("proved", [False, True])
def test_budget_panel_matches_the_tree_json(open_page, page_file, tree_factory, pv_oracle, proved):
    data = tree_factory(2000, seed=9, branching=8, error_rate=0.6, proved=proved)
    view = open_page(page_file(data))
    assert view.page.is_visible("#budget") and "Where the budget went" in view.page.inner_text("#budget")
    nodes, edges = data["nodes"], data["edges"]
    expanded = sum(n["expanded_at"] is not None for n in nodes)
    valid = [e for e in edges if e["error"] is None]
    summary = _summary(view)
    assert summary["stats_expansions"] == str(data["stats"]["expansions"])
    assert int(summary["expanded"]) == expanded
    assert int(summary["goals"]) == len(nodes)
    assert int(summary["tried"]) == len(edges)
    assert int(summary["valid"]) == len(valid)
    assert int(summary["proving"]) == sum(e["status"] == "proved" for e in edges)
    assert float(summary["branching"]) == pytest.approx(len(edges) / expanded, abs=0.006)
    assert float(summary["valid_branching"]) == pytest.approx(len(valid) / expanded, abs=0.006)
    assert float(summary["subgoals"]) == pytest.approx(
        sum(len(e["children"]) for e in valid) / len(valid), abs=0.006
    )

    depths = sorted({n["depth"] for n in nodes})
    expected_depths = [
        {
            "depth": str(d),
            "goals": str(sum(n["depth"] == d for n in nodes)),
            "expanded": str(sum(n["depth"] == d and n["expanded_at"] is not None for n in nodes)),
            "visits": str(sum(n["visits"] for n in nodes if n["depth"] == d)),
        }
        for d in depths
    ]
    assert _cells(view, "budget-depth") == expected_depths

    errors = Counter(_first_line(e["error"]) for e in edges if e["error"] is not None)
    top = sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    shown = _cells(view, "budget-errors")
    assert [(r["message"], int(r["count"])) for r in shown] == top
    assert len(errors) >= 3  # the fixture's Lean errors have several distinct first lines

    heads: dict[str, list[int]] = {}
    for e in edges:
        h = heads.setdefault(_head(e["tactic"]), [0, 0, 0])
        h[0] += 1
        h[1] += e["error"] is None
        h[2] += e["status"] == "proved"
    expected_heads = sorted(heads.items(), key=lambda kv: (-kv[1][0], kv[0]))[:12]
    assert [
        (r["head"], int(r["tried"]), int(r["valid"]), int(r["proving"]))
        for r in _cells(view, "budget-tactics")
    ] == [(h, *v) for h, v in expected_heads]

    pv = pv_oracle(data)
    rows = _cells(view, "budget-pv")
    by_id = {n["id"]: n for n in nodes}
    assert len(rows) == len(pv)
    for (goal, _), row in zip(pv, rows, strict=True):
        n = by_id[goal]
        assert int(row["depth"]) == n["depth"] and int(row["visits"]) == n["visits"]
        for key in ("value", "q"):
            if n[key] is None:
                assert row[key] == "—"
            else:
                assert float(row[key]) == pytest.approx(n[key], abs=0.0006)
    view.assert_offline_and_clean()


def test_an_error_row_leads_to_a_failing_tactic(open_page, page_file, tree_factory):
    data = tree_factory(400, seed=4, error_rate=0.6, proved=False)
    view = open_page(page_file(data))
    link = view.page.locator("#budget-errors tbody tr:first-child a.ref")
    message = link.inner_text()
    link.click()
    selected = view.js("htpsViewer.state().selected")
    edge = next(e for e in data["edges"] if e["id"] == selected["id"])
    assert selected["kind"] == "edge" and _first_line(edge["error"]) == message
    assert "Lean error" in view.detail() and view.page.is_hidden("#budget")
    view.page.click("#tab-budget")
    assert view.page.is_visible("#budget-errors")
    view.assert_offline_and_clean()
