"""`visualize run=A compare=B`: the comparison page, checked against the two results.jsonl files (read
here with json, independently of prover.results) and in a real headless Chromium."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.results import ProofRecord, append_record
from prover.visualize import run
from prover.viz.compare import Pair, category_counts, pair_rows
from prover.viz.summary import Row

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")


def _run(**overrides) -> tuple[int, str]:
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose("visualize", overrides=[f"{k}={v}" for k, v in overrides.items()])
    out = io.StringIO()
    return run(cfg, out=out), out.getvalue()


def _write_run(folder: Path, rows: list[tuple[str, bool, str, str, int]], search: str, tree_factory) -> None:
    (folder / "trees").mkdir(parents=True)
    for i, (name, proved, split, topic, expansions) in enumerate(rows):
        rec = ProofRecord(
            name,
            proved,
            "omega" if proved else None,
            expansions,
            3 * expansions,
            0.25 * (i + 1),
            None,
            split=split,
            topic=topic,
            search=search,
        )
        append_record(folder / "results.jsonl", rec)
        tree = tree_factory(25, seed=i, proved=proved)
        tree["theorem"] = name
        (folder / "trees" / f"{name}.json").write_text(json.dumps(tree), encoding="utf-8")


@pytest.fixture
def runs(tmp_path, tree_factory) -> tuple[Path, Path]:
    a, b = tmp_path / "htps_run", tmp_path / "bf_run"
    _write_run(
        a,
        [
            ("t_both", True, "valid", "Arith", 3),
            ("t_only_a", True, "valid", "Arith", 40),
            ("t_only_b", False, "valid", "Logic", 400),
            ("t_neither", False, "test", "Logic", 400),
            ("t_a_alone", True, "test", "Logic", 7),  # B has no record of it
        ],
        "htps",
        tree_factory,
    )
    _write_run(
        b,
        [
            ("t_only_b", True, "valid", "Logic", 90),
            ("t_both", True, "valid", "Arith", 5),
            ("t_neither", False, "test", "Logic", 400),
            ("t_only_a", False, "valid", "Arith", 400),
            ("t_b_alone", True, "test", "Logic", 2),  # A has no record of it
        ],
        "best_first",
        tree_factory,
    )
    return a, b


def _expected_counts(a: Path, b: Path) -> dict[str, int]:
    def proved(path: Path) -> dict[str, bool]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {r["name"]: r["proved"] for r in map(json.loads, lines)}

    pa, pb = proved(a / "results.jsonl"), proved(b / "results.jsonl")
    names = pa.keys() | pb.keys()
    both = sum(pa.get(n, False) and pb.get(n, False) for n in names)
    only_a = sum(pa.get(n, False) and not pb.get(n, False) for n in names)
    only_b = sum(pb.get(n, False) and not pa.get(n, False) for n in names)
    return {"both": both, "only_a": only_a, "only_b": only_b, "neither": len(names) - both - only_a - only_b}


def test_compare_page_counts_match_the_results_files(runs, tmp_path, open_page):
    a, b = runs
    code, text = _run(run=a, compare=b, out=tmp_path / "cmp")
    assert code == 0, text
    page = tmp_path / "cmp" / "compare.html"
    assert f"wrote {page}" in text
    expected = _expected_counts(a, b)
    assert expected == {"both": 1, "only_a": 2, "only_b": 2, "neither": 1}
    view = open_page(page)
    for key, n in expected.items():
        assert view.page.inner_text(f"#count-{key}") == str(n)
        view.page.click(f".cat-filter[data-cat='{key}']")
        visible = view.page.locator("#theorems tbody tr:not([hidden])")
        assert visible.count() == n
        assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.cat)")) == {key}
    view.page.click(".cat-filter[data-cat='']")
    assert view.page.locator("#theorems tbody tr:not([hidden])").count() == sum(expected.values())
    header = view.page.inner_text("header")
    assert "htps_run (htps)" in header and "bf_run (best_first)" in header
    assert "3/5 proved · 850 expansions" in view.page.inner_text("#totals-a")
    rates = {
        r["group"]: r
        for r in view.page.locator("#rates tbody tr").evaluate_all(
            "rows => rows.map(r => ({group: r.dataset.group, a: r.cells[1].textContent, b: r.cells[2].textContent}))"
        )
    }
    assert rates["all"]["a"] == "3/5 (60.0%)" and rates["all"]["b"] == "3/5 (60.0%)"
    assert (
        rates["split valid / Arith"]["a"] == "2/2 (100.0%)"
        and rates["split valid / Arith"]["b"] == "1/2 (50.0%)"
    )
    assert rates["split test"]["a"] == "1/2 (50.0%)" and rates["split test"]["b"] == "1/2 (50.0%)"
    row = view.page.locator("#theorems tbody tr", has_text="t_only_b")
    assert row.locator("td").nth(6).inner_text() == "400" and row.locator("td").nth(7).inner_text() == "90"
    assert "absent" in view.page.locator("#theorems tbody tr", has_text="t_b_alone").inner_text()
    # Both trees of a theorem open from its row.
    row.locator("a.ref").nth(1).click()
    view.page.wait_for_selector("body[data-ready='1']")
    assert view.page.inner_text("h1") == "t_only_b" and "/b/" in view.page.url
    view.page.go_back()
    view.page.wait_for_selector("body[data-ready='1']")
    view.page.locator("#theorems tbody tr", has_text="t_only_b").locator("a.ref").nth(0).click()
    view.page.wait_for_selector("body[data-ready='1']")
    assert view.page.inner_text("h1") == "t_only_b" and "/a/" in view.page.url
    view.assert_offline_and_clean()


def test_compare_default_folder_and_pages(runs):
    a, b = runs
    code, _ = _run(run=a, compare=b)
    dest = a / "compare_bf_run"
    assert code == 0
    assert (dest / "compare.html").exists() and (dest / "a" / "index.html").exists()
    assert (dest / "b" / "t_b_alone.html").exists() and not (dest / "a" / "t_b_alone.html").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"compare": "x"}, "compare=<prove output folder> needs run="),
        ({"run": "r", "compare": "r"}, "is the same folder as run="),
        ({"run": "RUN", "compare": "nowhere"}, "nowhere/results.jsonl: no such file"),
    ],
)
def test_compare_bad_arguments_exit_2(overrides, message, runs):
    overrides = {k: (runs[0] if v == "RUN" else v) for k, v in overrides.items()}
    code, text = _run(**overrides)
    assert code == 2 and message in text and "Traceback" not in text


def _row(name: str, proved: bool) -> Row:
    return Row(ProofRecord(name, proved, None, 1, 1, 0.1, None), None)


def test_pairs_and_categories():
    a = [_row("x", True), _row("y", False), _row("z", True), _row("x", False)]  # x recorded twice: last wins
    b = [_row("z", True), _row("w", True)]
    pairs = pair_rows(a, b)
    assert [p.name for p in pairs] == ["x", "y", "z", "w"]
    assert [p.category for p in pairs] == ["neither", "neither", "both", "only_b"]
    assert category_counts(pairs) == {"both": 1, "only_a": 0, "only_b": 1, "neither": 2}
    assert Pair("q", _row("q", True), None).category == "only_a"
