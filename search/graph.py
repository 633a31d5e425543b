"""The public search tree: snapshot of a hypertree, JSON (format `htps-tree/1`) and networkx export."""

from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx
import numpy as np

from search.codes import STATUSES
from search.hypertree import HyperTree
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
    """Freeze a hypertree into its public record (one pass over the node and edge lists)."""
    used_edges = proof_edges(proof) if proof is not None else ()
    in_proof_edges = set(used_edges)
    in_proof_nodes = {tree.edge_parent[e] for e in used_edges}
    return SearchTree(
        theorem=theorem,
        search=search,
        proved=proof is not None,
        root=0,
        nodes=_node_records(tree, in_proof_nodes),
        edges=_edge_records(tree, in_proof_edges),
        proof=ProofRecord(script=script or "", edges=used_edges) if proof is not None else None,
        expansions=expansions,
        env_calls=env_calls,
        seconds=seconds,
        stop_reason=stop_reason,
    )


def _means(value_sum: list[float], visits: list[int]) -> list[float | None]:
    """W / N per entry, None where N = 0 (numpy: one division over the whole tree)."""
    n = np.asarray(visits, dtype=np.float64)
    q = np.divide(np.asarray(value_sum, dtype=np.float64), n, out=np.zeros(len(n)), where=n > 0).tolist()
    return [None if v == 0 else m for v, m in zip(visits, q, strict=True)]


def _node_records(tree: HyperTree, in_proof: set[int]) -> tuple[NodeRecord, ...]:
    n = tree.num_nodes  # the state fields may hold more (see `search.hypertree`)
    q = _means(tree.node_value_sum[:n], tree.node_visits[:n])
    return tuple(
        NodeRecord(
            id=i,
            goal=goal.text,
            key=goal.key,
            status=STATUSES[status],
            visits=visits,
            value=value,
            q=mean,
            depth=depth,
            created_at=created,
            expanded_at=expanded,
            in_proof=i in in_proof,
        )
        for i, (goal, status, visits, value, mean, depth, created, expanded) in enumerate(
            zip(
                tree.node_goal,
                tree.node_status[:n],
                tree.node_visits[:n],
                tree.node_value[:n],
                q,
                tree.node_depth,
                tree.node_created,
                tree.node_expanded[:n],
                strict=True,
            )
        )
    )


def _edge_records(tree: HyperTree, in_proof: set[int]) -> tuple[EdgeRecord, ...]:
    n = tree.num_edges
    q = _means(tree.edge_value_sum[:n], tree.edge_visits[:n])
    child, start, end = tree.pos_child, tree.edge_child_start, tree.edge_child_end
    return tuple(
        EdgeRecord(
            id=i,
            parent=parent,
            tactic=tactic,
            prior=prior,
            logprob=logprob,
            visits=visits,
            q=mean,
            children=tuple(child[start[i] : end[i]]),
            status=STATUSES[status],
            error=error,
            created_at=created,
            in_proof=i in in_proof,
        )
        for i, (parent, tactic, prior, logprob, visits, mean, status, error, created) in enumerate(
            zip(
                tree.edge_parent,
                tree.edge_tactic,
                tree.edge_prior,
                tree.edge_logprob,
                tree.edge_visits[:n],
                q,
                tree.edge_status[:n],
                tree.edge_error[:n],
                tree.edge_created,
                strict=True,
            )
        )
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
