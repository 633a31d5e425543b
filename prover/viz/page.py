"""Self-contained HTML pages: the interactive tree viewer and the run summary.

Every asset (`viewer.js`, `viewer.css`, the HTML templates) ships inside this package and is inlined,
so a page opens from `file://` with no network; tree data rides in a `<script type="application/json">`.
"""

from __future__ import annotations

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
    collapse_depth: int = 8,
    collapse_above: int = 2000,
    proof_only: bool = False,
    back_href: str | None = None,
) -> str:
    """The viewer page for one tree.

    Args:
      collapse_depth: goals at this depth or deeper (off the proof) start collapsed in big trees.
      collapse_above: a tree with more goals than this starts collapsed at `collapse_depth`.
      proof_only: start showing only the proof's goals and tactics (a checkbox toggles it).
      back_href: relative link to the run summary page, shown in the header when given.
    """
    stats = tree.data.get("stats") or {}
    config = {"collapse_depth": collapse_depth, "collapse_above": collapse_above, "proof_only": proof_only}
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
        tree_json=script_json(tree.data),
        config_json=script_json(config),
        css=asset("viewer.css"),
        model_js=asset("tree_model.js"),
        js=asset("viewer.js"),
    )
