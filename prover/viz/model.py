"""The search-tree JSON (`htps-tree/1`) as written by the search: loading and validation.

The viewer trusts nothing it did not check: a malformed tree raises `TreeFormatError` naming the
offending node or edge, instead of producing a page that silently draws the wrong graph.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TREE_FORMAT = "htps-tree/1"
STATUSES = ("proved", "failed", "open")


class TreeFormatError(ValueError):
    """The file is not a valid `htps-tree/1` search tree."""


@dataclass(frozen=True)
class TreeNode:
    id: int
    goal: str
    status: str
    visits: int
    value: float | None
    q: float | None
    depth: int
    created_at: int
    expanded_at: int | None
    in_proof: bool


@dataclass(frozen=True)
class TreeEdge:
    id: int
    parent: int
    tactic: str
    prior: float
    logprob: float
    visits: int
    q: float | None
    children: tuple[int, ...]
    status: str
    error: str | None
    created_at: int
    in_proof: bool


@dataclass(frozen=True)
class SearchTree:
    """A validated tree; `data` is the original JSON object, embedded as-is in viewer pages."""

    theorem: str
    search: str
    proved: bool
    root: int
    nodes: dict[int, TreeNode]
    edges: dict[int, TreeEdge]
    proof_edges: tuple[int, ...]
    data: dict[str, Any]

    def out_edges(self) -> dict[int, list[TreeEdge]]:
        """Each node's tactics in creation order (ties by id), so layouts are deterministic."""
        out: dict[int, list[TreeEdge]] = {nid: [] for nid in self.nodes}
        for edge in sorted(self.edges.values(), key=lambda e: (e.created_at, e.id)):
            out[edge.parent].append(edge)
        return out


def _field(obj: dict, key: str, types: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise TreeFormatError(f"{where}: missing key {key!r}")
    value = obj[key]
    # bool is an int in Python; an int field holding true/false is a writer bug worth reporting.
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise TreeFormatError(f"{where}: {key!r} must not be a boolean")
    if not isinstance(value, types):
        raise TreeFormatError(f"{where}: {key!r} has type {type(value).__name__}")
    return value


def _status(obj: dict, where: str) -> str:
    status = _field(obj, "status", str, where)
    if status not in STATUSES:
        raise TreeFormatError(f"{where}: unknown status {status!r}")
    return status


_NUM = (int, float)
_OPT_NUM = (int, float, type(None))


def _node(raw: dict) -> TreeNode:
    where = f"node {raw.get('id', '?')}"
    return TreeNode(
        id=_field(raw, "id", int, where),
        goal=_field(raw, "goal", str, where),
        status=_status(raw, where),
        visits=_field(raw, "visits", int, where),
        value=_field(raw, "value", _OPT_NUM, where),
        q=_field(raw, "q", _OPT_NUM, where),
        depth=_field(raw, "depth", int, where),
        created_at=_field(raw, "created_at", int, where),
        expanded_at=_field(raw, "expanded_at", (int, type(None)), where),
        in_proof=_field(raw, "in_proof", bool, where),
    )


def _edge(raw: dict, nodes: dict[int, TreeNode]) -> TreeEdge:
    where = f"edge {raw.get('id', '?')}"
    children = tuple(_field(raw, "children", list, where))
    parent = _field(raw, "parent", int, where)
    for nid in (parent, *children):
        if isinstance(nid, bool) or not isinstance(nid, int) or nid not in nodes:
            raise TreeFormatError(f"{where}: refers to unknown node {nid!r}")
    return TreeEdge(
        id=_field(raw, "id", int, where),
        parent=parent,
        tactic=_field(raw, "tactic", str, where),
        prior=_field(raw, "prior", _NUM, where),
        logprob=_field(raw, "logprob", _NUM, where),
        visits=_field(raw, "visits", int, where),
        q=_field(raw, "q", _OPT_NUM, where),
        children=children,
        status=_status(raw, where),
        error=_field(raw, "error", (str, type(None)), where),
        created_at=_field(raw, "created_at", int, where),
        in_proof=_field(raw, "in_proof", bool, where),
    )


def _unique(items: list, kind: str) -> dict[int, Any]:
    by_id = {}
    for item in items:
        if item.id in by_id:
            raise TreeFormatError(f"duplicate {kind} id {item.id}")
        by_id[item.id] = item
    return by_id


def parse_tree(data: Any) -> SearchTree:
    """Validate a decoded JSON object and return the tree it describes."""
    if not isinstance(data, dict):
        raise TreeFormatError("a search tree is a JSON object")
    if data.get("format") != TREE_FORMAT:
        raise TreeFormatError(f"format is {data.get('format')!r}, expected {TREE_FORMAT!r}")
    nodes = _unique([_node(n) for n in _field(data, "nodes", list, "tree")], "node")
    edges = _unique([_edge(e, nodes) for e in _field(data, "edges", list, "tree")], "edge")
    root = _field(data, "root", int, "tree")
    if root not in nodes:
        raise TreeFormatError(f"root {root} is not a node")
    proof = data.get("proof")
    proof_edges: tuple[int, ...] = ()
    if proof is not None:
        proof_edges = tuple(_field(proof, "edges", list, "proof"))
        missing = [e for e in proof_edges if e not in edges]
        if missing:
            raise TreeFormatError(f"proof refers to unknown edges {missing}")
    return SearchTree(
        theorem=_field(data, "theorem", str, "tree"),
        search=_field(data, "search", str, "tree"),
        proved=_field(data, "proved", bool, "tree"),
        root=root,
        nodes=nodes,
        edges=edges,
        proof_edges=proof_edges,
        data=data,
    )


def load_tree(path: Path) -> SearchTree:
    """Read and validate a tree file; unreadable JSON is a `TreeFormatError` naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise TreeFormatError(f"{path}: not JSON ({err})") from err
    try:
        return parse_tree(data)
    except TreeFormatError as err:
        raise TreeFormatError(f"{path}: {err}") from err
