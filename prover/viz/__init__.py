"""Search-tree viewer: self-contained HTML pages, static SVG images and run summaries."""

from prover.viz.model import SearchTree, TreeEdge, TreeFormatError, TreeNode, load_tree, parse_tree
from prover.viz.page import render_tree_page, script_json
from prover.viz.server import make_server
from prover.viz.summary import Row, page_name, pass_rates, render_summary
from prover.viz.svg import layout, render_svg

__all__ = [
    "Row",
    "SearchTree",
    "TreeEdge",
    "TreeFormatError",
    "TreeNode",
    "layout",
    "load_tree",
    "make_server",
    "page_name",
    "parse_tree",
    "pass_rates",
    "render_summary",
    "render_svg",
    "render_tree_page",
    "script_json",
]
