"""Adapters from a learned policy / critic to the search engine's batched callables.

The search (pure Python) takes `PolicyFn` and `CriticFn` over `SearchGoal`s; these closures feed the
goals' text to a `TacticPolicy` / `Critic` and attach priors (`priors`, softmax of the candidates'
log-probabilities) to each candidate.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from prover.policy.types import Critic, TacticPolicy, priors
from search.types import CriticFn, PolicyFn, SearchGoal, TacticCandidate


def batch_seed(seed: int, goals: Sequence[SearchGoal]) -> int:
    """A seed for one policy call derived from `seed` and the goals' keys: reproducible across runs
    (no hidden call counter) yet different for different batches."""
    digest = zlib.crc32("\x00".join(g.key for g in goals).encode("utf-8"))
    return (seed * 1_000_003 + digest) % (2**63)


def policy_fn(
    policy: TacticPolicy, *, n: int, temperature: float, seed: int, prior_temperature: float = 1.0
) -> PolicyFn:
    """A `PolicyFn`: `n` samples per goal at `temperature`, deduplicated; priors are the softmax of the
    log-probabilities divided by `prior_temperature` (> 1 flattens them)."""

    def propose(goals: Sequence[SearchGoal]) -> list[list[TacticCandidate]]:
        if not goals:
            return []
        batches = policy.propose(
            [g.text for g in goals], n=n, temperature=temperature, seed=batch_seed(seed, goals)
        )
        result = []
        for proposals in batches:
            weights = priors([p.logprob for p in proposals], temperature=prior_temperature)
            result.append(
                [TacticCandidate(p.tactic, p.logprob, w) for p, w in zip(proposals, weights, strict=True)]
            )
        return result

    return propose


def critic_fn(critic: Critic) -> CriticFn:
    """A `CriticFn` reading each goal's text."""

    def values(goals: Sequence[SearchGoal]) -> list[float]:
        return critic.values([g.text for g in goals]) if goals else []

    return values
