"""Training samples from a finished search, as in HTPS (Lample et al. 2022, section 4.3).

Tactic samples: every SOLVED node of the hypergraph, whether or not the root was proved, contributes
the first tactic of its own minimal proof (fewest tactics; ties go to the edge created first). A
search that proves nine of ten subgoals of an unproved theorem thus still teaches nine tactics. The
minimal proofs are consistent (a sub-proof of a minimal proof is itself minimal), so the union of
every solved node's minimal proof is exactly one sample per solved node; on a proved root, the
root's own `tree.proof` edges are kept so that its samples match the script that was re-checked.
Samples are deduplicated by goal text (a goal reached twice under different keys teaches once).

Critic samples: solved nodes 1, failed nodes 0, and open nodes visited at least `min_visits` times
their backed-up value `q` (HTPS's soft targets); see `critic_samples` for the outcome-label option.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.types import EdgeRecord, SearchTree, Status


@dataclass(frozen=True)
class TacticSample:
    """Policy target: on `goal_text`, the tactic of the minimal proof."""

    goal_text: str
    tactic: str


@dataclass(frozen=True)
class CriticSample:
    """Critic target in [0, 1]: the probability that `goal_text` is provable."""

    goal_text: str
    target: float


def minimal_proof_edges(tree: SearchTree) -> dict[int, EdgeRecord]:
    """For every node with a complete proof in the tree, the edge its minimal proof starts with.

    Proof size obeys size(n) = min over proved edges e of n of 1 + sum of size(child); it is solved by
    relaxation (Bellman-Ford on positive sizes), which cannot loop through a cycle because a cycle only
    adds tactics. The root's recorded proof, when there is one, fixes the edges of its nodes.
    """
    edges_of: dict[int, list[EdgeRecord]] = {}
    for edge in tree.edges:
        if edge.status is Status.PROVED:
            edges_of.setdefault(edge.parent, []).append(edge)
    size: dict[int, int] = {}
    best: dict[int, EdgeRecord] = {}
    for _ in range(len(tree.nodes) + 1):
        changed = False
        for parent, edges in edges_of.items():
            for edge in sorted(edges, key=lambda e: (e.created_at, e.id)):
                if any(child not in size for child in edge.children):
                    continue
                total = 1 + sum(size[child] for child in edge.children)
                if total < size.get(parent, total + 1):
                    size[parent], best[parent] = total, edge
                    changed = True
        if not changed:
            break
    if tree.proof is not None:
        by_id = {e.id: e for e in tree.edges}
        best.update({by_id[e].parent: by_id[e] for e in tree.proof.edges})
    return best


def tactic_samples(tree: SearchTree) -> list[TacticSample]:
    """One sample per solved node (its minimal proof's first tactic), deduplicated by goal text:
    the root's proof first, in script order, then the other solved nodes in node order."""
    best = minimal_proof_edges(tree)
    goals = {n.id: n.goal for n in tree.nodes}
    order = list(tree.proof.edges) if tree.proof is not None else []
    in_proof = set(order)
    edges = [e for e in tree.edges if e.id in in_proof]
    edges.sort(key=lambda e: order.index(e.id))
    edges += [best[n.id] for n in tree.nodes if n.id in best and best[n.id].id not in in_proof]
    samples: dict[str, TacticSample] = {}
    for edge in edges:
        goal = goals[edge.parent]
        samples.setdefault(goal, TacticSample(goal, edge.tactic))
    return list(samples.values())


def critic_samples(
    tree: SearchTree, *, min_visits: int = 50, unproved_expanded: float | None = None
) -> list[CriticSample]:
    """Proved goals give 1.0, failed goals 0.0, and open goals visited at least `min_visits` times
    their mean backed-up value (the node's `q`, exp of the log-space estimate averaged over visits),
    in node order.

    `unproved_expanded` (e.g. 0.0) instead labels every expanded goal left unproved with that value,
    the outcome labels of GPT-f (Polu & Sutskever 2020): with small budgets few goals reach
    `min_visits`, and the soft targets of those that do mostly echo the critic's own estimates."""
    samples = []
    for node in tree.nodes:
        if node.status is Status.PROVED:
            samples.append(CriticSample(node.goal, 1.0))
        elif node.status is Status.FAILED:
            samples.append(CriticSample(node.goal, 0.0))
        elif unproved_expanded is not None and node.expanded_at is not None:
            samples.append(CriticSample(node.goal, unproved_expanded))
        elif node.visits >= min_visits and node.q is not None:
            samples.append(CriticSample(node.goal, node.q))
    return samples
