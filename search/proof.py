"""Minimal proof extraction from a solved hypergraph and rendering as a Lean 4 tactic script."""

from __future__ import annotations

from search.codes import PROVED
from search.hypertree import HyperTree
from search.types import ProofTree


def minimal_proof(tree: HyperTree, node_id: int = 0) -> ProofTree:
    """The proof of `node_id` with the fewest tactics, then the least depth, then the oldest edges.

    Dynamic programming over the proved sub-DAG (acyclic by construction), memoised per node, so
    each proved edge is scored once. A goal repeated among a tactic's children counts once per
    occurrence, as it does in the script.
    """
    if tree.node_status[node_id] != PROVED:
        raise ValueError(f"node {node_id} is not proved")
    best: dict[int, tuple[int, int, int]] = {}  # node -> (size, depth, edge id)
    stack: list[tuple[int, bool]] = [(node_id, False)]
    while stack:
        current, children_done = stack.pop()
        if current in best:
            continue
        proved = [e for e in tree.edge_ids(current) if tree.edge_status[e] == PROVED]
        if not children_done:
            stack.append((current, True))
            stack.extend((c, False) for e in proved for c in tree.unique_children(e) if c not in best)
            continue
        best[current] = min(
            (
                1 + sum(best[c][0] for c in tree.children(e)),
                1 + max((best[c][1] for c in tree.children(e)), default=0),
                e,
            )
            for e in proved
        )
    return _build(tree, node_id, best)


def _build(tree: HyperTree, node_id: int, best: dict[int, tuple[int, int, int]]) -> ProofTree:
    edge = best[node_id][2]
    return ProofTree(
        node_id=node_id,
        goal_text=tree.node_goal[node_id].text,
        edge_id=edge,
        tactic=tree.edge_tactic[edge],
        children=tuple(_build(tree, c, best) for c in tree.children(edge)),
    )


def proof_edges(proof: ProofTree) -> tuple[int, ...]:
    """Edge ids used by the proof, in script order, each once."""
    seen: dict[int, None] = {}
    stack = [proof]
    while stack:
        current = stack.pop()
        seen.setdefault(current.edge_id)
        stack.extend(reversed(current.children))
    return tuple(seen)


def render_script(proof: ProofTree) -> str:
    """The Lean 4 tactic script of a proof (the text after `:= by`).

    A tactic with one child goal is followed by that child's proof at the same level; with several,
    by one focusing bullet `· ` per child, in the order the tactic returned them, whose continuation
    lines are indented by two spaces.
    """
    return "\n".join(_lines(proof))


def _lines(proof: ProofTree) -> list[str]:
    lines = proof.tactic.split("\n")
    if len(proof.children) == 1:
        lines.extend(_lines(proof.children[0]))
    elif len(proof.children) > 1:
        for child in proof.children:
            first, *rest = _lines(child)
            lines.append("· " + first)
            lines.extend("  " + line for line in rest)
    return lines
