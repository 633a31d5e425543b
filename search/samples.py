"""Training samples from a finished search, as in HTPS (Lample et al. 2022, section 4.3)."""

from __future__ import annotations

from dataclasses import dataclass

from search.types import SearchTree, Status


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


def tactic_samples(tree: SearchTree) -> list[TacticSample]:
    """One sample per edge of the minimal proof (none when unproved), in script order."""
    if tree.proof is None:
        return []
    by_id = {e.id: e for e in tree.edges}
    goals = {n.id: n.goal for n in tree.nodes}
    return [TacticSample(goals[by_id[e].parent], by_id[e].tactic) for e in tree.proof.edges]


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
