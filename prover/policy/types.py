"""Types shared by every tactic policy and critic: proposals, the batched protocols, prior helpers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class TacticProposal:
    """One candidate tactic for a goal.

    `logprob` is the model's log-probability of the tactic's token sequence (the sum of the per-token
    log-probabilities of the generated tokens, end-of-sequence included), at temperature 1: it scores
    the tactic under the model itself, not under the sampling distribution.
    """

    tactic: str
    logprob: float


@runtime_checkable
class TacticPolicy(Protocol):
    """Proposes tactics for many goals in one batched call."""

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float, seed: int | None
    ) -> list[list[TacticProposal]]:
        """At most `n` distinct tactics per goal, best first; one list per goal, in order."""
        ...


@runtime_checkable
class Critic(Protocol):
    """Estimates, per goal, the probability that the goal can be proved."""

    def values(self, goals: Sequence[str]) -> list[float]:
        """One value in (0, 1) per goal, in order."""
        ...


def dedupe(proposals: Iterable[TacticProposal]) -> list[TacticProposal]:
    """Merge proposals with the same tactic text (after stripping whitespace); drop empty ones.

    A merged tactic keeps the MAX log-probability, not the sum: each copy already carries the
    probability of the whole string, and a sampled duplicate is the same event seen twice, so summing
    would count its probability once per draw. The result is sorted by log-probability, best first
    (ties keep first-seen order).
    """
    best: dict[str, float] = {}
    for proposal in proposals:
        tactic = proposal.tactic.strip()
        if tactic and (tactic not in best or proposal.logprob > best[tactic]):
            best[tactic] = proposal.logprob
    ranked = sorted(best.items(), key=lambda item: -item[1])
    return [TacticProposal(tactic, logprob) for tactic, logprob in ranked]


def priors(logprobs: Sequence[float], *, temperature: float = 1.0) -> list[float]:
    """Softmax of `logprobs / temperature`: the search priors over one goal's distinct candidates.

    `temperature` > 1 flattens the priors (HTPS samples at 1.5 for diversity). Numerically stable;
    `-inf` entries get prior 0; an empty input gives an empty list.
    """
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature}")
    if not logprobs:
        return []
    top = max(logprobs)
    if top == -math.inf:
        raise ValueError("every candidate has log-probability -inf")
    weights = [math.exp((lp - top) / temperature) for lp in logprobs]
    total = sum(weights)
    return [w / total for w in weights]
