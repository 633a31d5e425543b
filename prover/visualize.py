"""`python -m prover.visualize tree=<file.json> [out=<file.html>]`, `run=<prove folder> [out=<folder>]`, or
`run=<prove folder A> compare=<prove folder B> [out=<folder>]` (both runs side by side).

Writes self-contained viewer pages (or SVG images with `format=svg`) and prints each written path;
`serve=true` then serves them on 127.0.0.1. Exit code 0, or 2 for bad arguments or an unreadable tree.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

import hydra
from omegaconf import DictConfig

from prover.results import read_records
from prover.results import tree_path as stored_tree_path
from prover.viz.compare import Side, render_compare
from prover.viz.model import SearchTree, TreeFormatError, load_tree
from prover.viz.page import render_tree_page
from prover.viz.server import make_server
from prover.viz.summary import Row, page_name, render_summary
from prover.viz.svg import render_svg

log = logging.getLogger(__name__)
FORMATS = ("html", "svg")


def render(tree: SearchTree, cfg: DictConfig, fmt: str, back_href: str | None = None) -> str:
    """One tree as an HTML page or an SVG document, as the config asks."""
    if fmt == "svg":
        return render_svg(tree, proof_only=cfg.proof_only, full_goals=cfg.full_goals, max_chars=cfg.max_chars)
    return render_tree_page(
        tree,
        top_tactics=cfg.top_tactics,
        focus_above=cfg.focus_above,
        proof_only=cfg.proof_only,
        back_href=back_href,
    )


def _write(path: Path, text: str, out: TextIO) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out.write(f"wrote {path}\n")


def write_tree(cfg: DictConfig, out: TextIO) -> Path:
    """tree= mode: the tree's page (or image) and optionally `image=`; returns the page path."""
    tree_path = Path(cfg.tree)
    tree = load_tree(tree_path)
    page = Path(cfg.out) if cfg.out else tree_path.with_suffix("." + cfg.format)
    _write(page, render(tree, cfg, cfg.format), out)
    if cfg.image:
        _write(Path(cfg.image), render(tree, cfg, "svg"), out)
    return page


def tree_file(run_dir: Path, name: str) -> Path | None:
    """Where `prove` stored the theorem's tree (`prover.results.tree_path`), else `trees/<raw name>.json`;
    None when neither exists."""
    for path in (stored_tree_path(run_dir, name), run_dir / "trees" / f"{name}.json"):
        if path.is_file():
            return path
    return None


def run_rows(cfg: DictConfig, run_dir: Path, dest: Path, out: TextIO) -> list[Row]:
    """The pages of every theorem of a run whose tree is readable, written into `dest`, and the summary's
    rows (each naming its page, or why there is none)."""
    results = run_dir / "results.jsonl"
    if not results.exists():
        raise FileNotFoundError(f"{results}: no such file (is {run_dir} a prove output folder?)")
    taken = {"index.html"}
    rows = []
    for record in read_records(results):
        tree_path = tree_file(run_dir, record.name)
        if tree_path is None:
            rows.append(Row(record, None, "no tree"))
            continue
        try:
            tree = load_tree(tree_path)
        except TreeFormatError as err:
            log.warning("skipping %s", err)
            rows.append(Row(record, None, f"unreadable tree: {err}"))
            continue
        name = page_name(record.name, taken, "." + cfg.format)
        _write(dest / name, render(tree, cfg, cfg.format, back_href="index.html"), out)
        rows.append(Row(record, name))
    _write(dest / "index.html", render_summary(run_dir.resolve().name, rows), out)
    return rows


def write_run(cfg: DictConfig, out: TextIO) -> Path:
    """run= mode: `index.html` plus one page per theorem whose tree is readable; returns the index."""
    run_dir = Path(cfg.run)
    dest = Path(cfg.out) if cfg.out else run_dir / "viz"
    run_rows(cfg, run_dir, dest, out)
    return dest / "index.html"


def _label(folder: str, rows: list[Row]) -> str:
    """A run's name on the comparison page: its folder, and the search its records name."""
    searches = Counter(r.record.search for r in rows if r.record.search)
    return f"{folder} ({searches.most_common(1)[0][0]})" if searches else folder


def write_compare(cfg: DictConfig, out: TextIO) -> Path:
    """run=A compare=B: both runs' pages under `a/` and `b/` and `compare.html` beside them."""
    run_a, run_b = Path(cfg.run), Path(cfg.compare)
    name_a, name_b = run_a.resolve().name, run_b.resolve().name
    dest = Path(cfg.out) if cfg.out else run_a / f"compare_{page_name(name_b, set(), '')}"
    rows_a = run_rows(cfg, run_a, dest / "a", out)
    rows_b = run_rows(cfg, run_b, dest / "b", out)
    page = dest / "compare.html"
    side_a = Side(_label(name_a, rows_a), "a/", rows_a)
    _write(page, render_compare(side_a, Side(_label(name_b, rows_b), "b/", rows_b)), out)
    return page


def serve(page: Path, port: int, out: TextIO) -> None:
    """Serve the folder holding `page` on 127.0.0.1 until interrupted."""
    server = make_server(page.parent, port=port)
    host, bound = server.server_address[:2]
    out.write(f"serving http://{host}:{bound}/{page.name} (Ctrl-C to stop)\n")
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def run(cfg: DictConfig, out: TextIO = sys.stdout) -> int:
    """Write the pages the config asks for (then serve them with `serve=true`); return the exit code."""
    if cfg.compare is not None and cfg.run is None:
        out.write("error: compare=<prove output folder> needs run=<another prove output folder>\n")
        return 2
    if (cfg.tree is None) == (cfg.run is None):
        out.write("error: give exactly one of tree=<file.json> or run=<prove output folder>\n")
        return 2
    if cfg.format not in FORMATS:
        out.write(f"error: format={cfg.format}: expected one of {', '.join(FORMATS)}\n")
        return 2
    if cfg.compare is not None and Path(cfg.compare).resolve() == Path(cfg.run).resolve():
        out.write(f"error: compare={cfg.compare} is the same folder as run={cfg.run}\n")
        return 2
    if cfg.top_tactics < 1 or cfg.focus_above < 0:
        out.write(
            f"error: top_tactics={cfg.top_tactics} must be >= 1 and focus_above={cfg.focus_above} >= 0\n"
        )
        return 2
    if cfg.image and cfg.run is not None:
        out.write("error: image= needs tree=; use format=svg to draw every tree of a run\n")
        return 2
    try:
        if cfg.tree is not None:
            page = write_tree(cfg, out)
        else:
            page = write_compare(cfg, out) if cfg.compare is not None else write_run(cfg, out)
    except (OSError, TreeFormatError) as err:
        out.write(f"error: {err}\n")
        return 2
    if cfg.serve:
        serve(page, cfg.port, out)
    return 0


@hydra.main(version_base="1.3", config_path="../configs", config_name="visualize")
def main(cfg: DictConfig) -> None:
    sys.exit(run(cfg))


if __name__ == "__main__":
    main()
