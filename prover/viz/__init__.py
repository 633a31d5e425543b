"""Search-tree viewer: self-contained HTML pages, static SVG images, run summaries and run comparisons."""

from prover.viz.compare import CATEGORIES, Pair, Side, category_counts, pair_rows, render_compare
from prover.viz.model import SearchTree, TreeEdge, TreeFormatError, TreeNode, load_tree, parse_tree
from prover.viz.page import embed_tree, embedded_tree, render_tree_page, script_json
from prover.viz.server import make_server
from prover.viz.summary import Row, page_name, pass_rates, render_summary
from prover.viz.svg import layout, render_svg

__all__ = [
    "CATEGORIES",
    "Pair",
    "Row",
    "SearchTree",
    "Side",
    "TreeEdge",
    "TreeFormatError",
    "TreeNode",
    "category_counts",
    "embed_tree",
    "embedded_tree",
    "layout",
    "load_tree",
    "make_server",
    "page_name",
    "pair_rows",
    "parse_tree",
    "pass_rates",
    "render_compare",
    "render_summary",
    "render_svg",
    "render_tree_page",
    "script_json",
]
