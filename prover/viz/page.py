"""Self-contained HTML pages: the interactive tree viewer and the run summary.

Every asset (`viewer.js`, `viewer.css`, the HTML templates) ships inside this package and is inlined,
so a page opens from `file://` with no network. The tree JSON rides gzip-compressed and base64-encoded in
a `<script type="application/octet-stream">` that the page inflates with the browser's own
`DecompressionStream`: search trees repeat their goal text (hypotheses, Lean errors quoting the goal) so
much that a 94 MB tree becomes 1.5 MB, and parsing the HTML of a page, not the JSON, was what made big
trees slow to open.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
from importlib import resources
from string import Template
from typing import Any

from prover.viz.model import SearchTree


def asset(name: str) -> str:
    """The text of a packaged asset (`viewer.js`, `summary.html`, ...)."""
    return resources.files("prover.viz").joinpath(name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON safe inside a `<script>` element: every `<` becomes `\\u003c`, so neither `</script>` nor
    `<!--` in a goal or a Lean error can end the element early; JSON.parse reads it back unchanged."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _pack(items: list[dict[str, Any]], alias: dict[str, str]) -> dict[str, Any] | list[dict[str, Any]]:
    """A list of objects with the same keys as `{"fields": [...], "rows": [[...], ...]}`: the browser
    parses arrays several times faster than objects, and the key names no longer repeat. A field that
    copies another in every item (`alias`: field -> the one it copies) is left out. Lists whose items
    differ in their keys stay as they are."""
    if not items or any(item.keys() != items[0].keys() for item in items):
        return items
    same = {f: src for f, src in alias.items() if f in items[0] and all(it[f] == it.get(src) for it in items)}
    fields = [f for f in items[0] if f not in same]
    return {"fields": fields, "rows": [[item[f] for f in fields] for item in items], "alias": same}


def embed_tree(data: dict[str, Any]) -> str:
    """The tree JSON as the page embeds it: goals and tactics packed as rows (`_pack`; a goal's `key`
    is left out when every key equals its goal's text, the usual case), then UTF-8, gzip (fixed mtime,
    so pages are reproducible) and base64."""
    packed = {
        **data,
        "nodes": _pack(data.get("nodes", []), {"key": "goal"}),
        "edges": _pack(data.get("edges", []), {}),
    }
    raw = json.dumps(packed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def _unpack(table: Any) -> Any:
    if not isinstance(table, dict):
        return table
    items = [dict(zip(table["fields"], row, strict=True)) for row in table["rows"]]
    for item in items:
        for field, src in table["alias"].items():
            item[field] = item[src]
    return items


def embedded_tree(page: str) -> Any:
    """The tree JSON embedded in a viewer page, as it was before `embed_tree` (for tests and tools)."""
    marker = 'id="tree-data" data-encoding="gzip+base64">'
    start = page.index(marker) + len(marker)
    blob = page[start : page.index("</script>", start)]
    data = json.loads(gzip.decompress(base64.b64decode(blob)).decode("utf-8"))
    return {**data, "nodes": _unpack(data["nodes"]), "edges": _unpack(data["edges"])}


def _proof_block(tree: SearchTree) -> str:
    proof = tree.data.get("proof")
    if not proof:
        return ""
    script = proof.get("script", "")
    # A long script would push the tree off the first screen; it starts folded.
    opened = " open" if script.count("\n") < 6 else ""
    summary = f"Proof ({len(tree.proof_edges)} tactics)"
    return f'<details class="proof"{opened}><summary>{summary}</summary><pre>{html.escape(script)}</pre></details>'


def render_tree_page(
    tree: SearchTree,
    *,
    top_tactics: int = 3,
    focus_above: int = 150,
    proof_only: bool = False,
    back_href: str | None = None,
) -> str:
    """The viewer page for one tree.

    Args:
      top_tactics: in the first view, each goal on the principal variation or the proof shows this many
        of its most visited tactics; the rest sit behind a "+N more (V visits)" stub.
      focus_above: a tree with more goals than this opens on that first view; a smaller one opens
        fully expanded.
      proof_only: start showing only the proof's goals and tactics (a checkbox toggles it).
      back_href: relative link to the run summary page, shown in the header when given.
    """
    if top_tactics < 1 or focus_above < 0:
        raise ValueError(f"top_tactics={top_tactics} must be >= 1 and focus_above={focus_above} >= 0")
    stats = tree.data.get("stats") or {}
    config = {"top_tactics": top_tactics, "focus_above": focus_above, "proof_only": proof_only}
    back = f'<a class="back" href="{html.escape(back_href)}">← run summary</a>' if back_href else ""
    esc = html.escape
    return Template(asset("viewer.html")).substitute(
        title=esc(f"{tree.theorem} · search tree"),
        theorem=esc(tree.theorem),
        proved_class="proved" if tree.proved else "failed",
        proved_text="proved" if tree.proved else "not proved",
        search=esc(tree.search),
        expansions=esc(str(stats.get("expansions", "?"))),
        env_calls=esc(str(stats.get("env_calls", "?"))),
        seconds=esc(f"{stats['seconds']:.2f}" if isinstance(stats.get("seconds"), int | float) else "?"),
        stop_reason=esc(str(stats.get("stop_reason", "?"))),
        n_nodes=len(tree.nodes),
        n_edges=len(tree.edges),
        back_link=back,
        proof_block=_proof_block(tree),
        tree_data=embed_tree(tree.data),
        config_json=script_json(config),
        css=asset("viewer.css"),
        model_js=asset("tree_model.js"),
        layout_js=asset("layout.js"),
        draw_js=asset("draw.js"),
        budget_js=asset("budget.js"),
        panel_js=asset("panel.js"),
        js=asset("viewer.js"),
    )
