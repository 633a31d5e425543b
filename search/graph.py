"""The public search tree: snapshot of a hypertree, JSON (format `htps-tree/1`) and networkx export."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx

from search.backup import mean_value
from search.hypertree import Edge, HyperTree, Node
from search.proof import proof_edges
from search.types import EdgeRecord, NodeRecord, ProofRecord, ProofTree, SearchTree, Status

FORMAT = "htps-tree/1"


def snapshot(
    tree: HyperTree,
    *,
    proof: ProofTree | None,
    script: str | None,
    theorem: str,
    search: str,
    expansions: int,
    env_calls: int,
    seconds: float,
    stop_reason: str,
) -> SearchTree:
    """Freeze a hypertree into its public record (one pass over nodes and edges)."""
    used_edges = proof_edges(proof) if proof is not None else ()
    in_proof_edges = set(used_edges)
    in_proof_nodes = {tree.edges[e].parent for e in used_edges}
    nodes = tuple(_node_record(n, n.id in in_proof_nodes) for n in tree.nodes)
    edges = tuple(_edge_record(tree, e, e.id in in_proof_edges) for e in tree.edges)
    return SearchTree(
        theorem=theorem,
        search=search,
        proved=proof is not None,
        root=0,
        nodes=nodes,
        edges=edges,
        proof=ProofRecord(script=script or "", edges=used_edges) if proof is not None else None,
        expansions=expansions,
        env_calls=env_calls,
        seconds=seconds,
        stop_reason=stop_reason,
    )


def _node_record(n: Node, in_proof: bool) -> NodeRecord:
    return NodeRecord(
        id=n.id,
        goal=n.goal.text,
        key=n.goal.key,
        status=n.status,
        visits=n.visits,
        value=n.value,
        q=mean_value(n.value_sum, n.visits),
        depth=n.depth,
        created_at=n.created_at,
        expanded_at=n.expanded_at,
        in_proof=in_proof,
    )


def _edge_record(tree: HyperTree, e: Edge, in_proof: bool) -> EdgeRecord:
    stats = tree.nodes[e.parent].stats
    visits = int(stats.visits[e.slot]) if stats is not None else 0
    return EdgeRecord(
        id=e.id,
        parent=e.parent,
        tactic=e.tactic,
        prior=e.prior,
        logprob=e.logprob,
        visits=visits,
        q=mean_value(float(stats.value_sum[e.slot]), visits) if stats is not None else None,
        children=e.children,
        status=e.status,
        error=e.error,
        created_at=e.created_at,
        in_proof=in_proof,
    )


def tree_to_json(tree: SearchTree) -> dict:
    """The JSON object of a search tree (format `htps-tree/1`)."""
    return {
        "format": FORMAT,
        "theorem": tree.theorem,
        "search": tree.search,
        "proved": tree.proved,
        "root": tree.root,
        "nodes": [_node_json(n) for n in tree.nodes],
        "edges": [_edge_json(e) for e in tree.edges],
        "proof": None
        if tree.proof is None
        else {"script": tree.proof.script, "edges": list(tree.proof.edges)},
        "stats": {
            "expansions": tree.expansions,
            "env_calls": tree.env_calls,
            "seconds": tree.seconds,
            "stop_reason": tree.stop_reason,
        },
    }


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"non-finite value {value} cannot go into the tree JSON")
    return value


def _node_json(n: NodeRecord) -> dict:
    return {
        "id": n.id,
        "goal": n.goal,
        "key": n.key,
        "status": str(n.status),
        "visits": n.visits,
        "value": _finite(n.value),
        "q": _finite(n.q),
        "depth": n.depth,
        "created_at": n.created_at,
        "expanded_at": n.expanded_at,
        "in_proof": n.in_proof,
    }


def _edge_json(e: EdgeRecord) -> dict:
    return {
        "id": e.id,
        "parent": e.parent,
        "tactic": e.tactic,
        "prior": _finite(e.prior),
        "logprob": _finite(e.logprob),
        "visits": e.visits,
        "q": _finite(e.q),
        "children": list(e.children),
        "status": str(e.status),
        "error": e.error,
        "created_at": e.created_at,
        "in_proof": e.in_proof,
    }


def tree_from_json(data: dict) -> SearchTree:
    """Parse a JSON object written by `tree_to_json`; raises ValueError on another format."""
    if data.get("format") != FORMAT:
        raise ValueError(f"not an {FORMAT} tree: format={data.get('format')!r}")
    proof = data["proof"]
    stats = data["stats"]
    return SearchTree(
        theorem=data["theorem"],
        search=data["search"],
        proved=data["proved"],
        root=data["root"],
        nodes=tuple(NodeRecord(**{**n, "status": Status(n["status"])}) for n in data["nodes"]),
        edges=tuple(
            EdgeRecord(**{**e, "status": Status(e["status"]), "children": tuple(e["children"])})
            for e in data["edges"]
        ),
        proof=None if proof is None else ProofRecord(script=proof["script"], edges=tuple(proof["edges"])),
        expansions=stats["expansions"],
        env_calls=stats["env_calls"],
        seconds=stats["seconds"],
        stop_reason=stats["stop_reason"],
    )


def save_tree(tree: SearchTree, path: str | Path) -> None:
    Path(path).write_text(
        json.dumps(tree_to_json(tree), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def load_tree(path: str | Path) -> SearchTree:
    return tree_from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def to_networkx(tree: SearchTree) -> nx.DiGraph:
    """Bipartite digraph: goal nodes `("g", id)` -> tactic nodes `("t", id)` -> child goal nodes.

    Every node has `kind` ("goal" | "tactic"), `status`, `visits`, `q`, `in_proof`; goals add `text`,
    `key`, `value`, `depth`; tactics add `tactic`, `prior`, `logprob`, `error`.
    """
    graph = nx.DiGraph(theorem=tree.theorem, search=tree.search, proved=tree.proved, root=("g", tree.root))
    for n in tree.nodes:
        graph.add_node(
            ("g", n.id),
            kind="goal",
            text=n.goal,
            key=n.key,
            status=str(n.status),
            visits=n.visits,
            q=n.q,
            value=n.value,
            depth=n.depth,
            in_proof=n.in_proof,
        )
    for e in tree.edges:
        graph.add_node(
            ("t", e.id),
            kind="tactic",
            tactic=e.tactic,
            prior=e.prior,
            logprob=e.logprob,
            status=str(e.status),
            visits=e.visits,
            q=e.q,
            error=e.error,
            in_proof=e.in_proof,
        )
        graph.add_edge(("g", e.parent), ("t", e.id))
        for position, child in enumerate(e.children):
            if not graph.has_edge(("t", e.id), ("g", child)):
                graph.add_edge(("t", e.id), ("g", child), position=position)
    return graph
