"""Build the configured tactic policy and critic (`policy=` config group): `rules`, `hf` (a transformers
model) or `mix` (a transformers model and the rules together)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from omegaconf import DictConfig, OmegaConf

from prover.policy.rules import RulesPolicy
from prover.policy.types import Critic, TacticPolicy, TacticProposal, dedupe


@dataclass(frozen=True)
class ConstantCritic:
    """The critic of a policy without one: every goal gets the same value in (0, 1)."""

    value: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 < self.value < 1.0:
            raise ValueError(f"critic value must be in (0, 1), got {self.value}")

    def values(self, goals: Sequence[str]) -> list[float]:
        return [self.value] * len(goals)


@dataclass(frozen=True)
class MixedPolicy:
    """Proposals of two policies in one list: a tactic's probability is
    `weight * p_first + (1 - weight) * p_second` (each policy's own normalised distribution over its
    candidates), so the learned model can re-rank the rules and add tactics the rules never propose."""

    first: TacticPolicy
    second: TacticPolicy
    weight: float = 0.5

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float = 1.0, seed: int | None = None
    ) -> list[list[TacticProposal]]:
        a = self.first.propose(goals, n=n, temperature=temperature, seed=seed)
        b = self.second.propose(goals, n=n, temperature=temperature, seed=seed)
        return [_mix(pa, pb, self.weight)[:n] for pa, pb in zip(a, b, strict=True)]


def _normalised(proposals: Sequence[TacticProposal]) -> dict[str, float]:
    unique = dedupe(proposals)
    if not unique:
        return {}
    top = max(p.logprob for p in unique)
    total = sum(math.exp(p.logprob - top) for p in unique)
    return {p.tactic: math.exp(p.logprob - top) / total for p in unique}


def _mix(a: Sequence[TacticProposal], b: Sequence[TacticProposal], weight: float) -> list[TacticProposal]:
    pa, pb = _normalised(a), _normalised(b)
    probs = {t: weight * pa.get(t, 0.0) + (1 - weight) * pb.get(t, 0.0) for t in {**pa, **pb}}
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [TacticProposal(t, math.log(p)) for t, p in ranked if p > 0]


def build_hf(cfg: DictConfig, *, model_name: str | None = None):
    """The transformers policy of an `hf`/`mix` config (a fresh model when no checkpoint is named)."""
    from prover.policy.factory import load_policy

    options = OmegaConf.to_container(cfg.model, resolve=True)
    assert isinstance(options, dict)
    if model_name is not None:
        options["model_name"] = model_name
    return load_policy(backend=str(cfg.get("backend", "hf")), **options)


def build_policy(cfg: DictConfig) -> tuple[TacticPolicy, Critic]:
    name = str(cfg.name)
    if name == "rules":
        return RulesPolicy(), ConstantCritic(float(cfg.get("critic_value", 0.5)))
    if name == "hf":
        model = build_hf(cfg)
        return model, model
    if name == "mix":
        model = build_hf(cfg)
        return MixedPolicy(model, RulesPolicy(), float(cfg.mix_weight)), model
    raise ValueError(f"unknown policy {name!r} (known: rules, hf, mix)")
