"""Build the configured tactic policy and critic (`policy=` config group): `rules`, `hf` (a transformers
model) or `mix` (a transformers model and the rules together)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from omegaconf import DictConfig, OmegaConf

from prover.policy.memory import MEMORY_FILE, TacticMemory, retrieve
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


class Scorer(Protocol):
    """A model that samples tactics and scores given ones (`HFPolicy`)."""

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float, seed: int | None
    ) -> list[list[TacticProposal]]: ...

    def score(self, goals: Sequence[str], candidates: Sequence[Sequence[str]]) -> list[list[float]]: ...


@dataclass(frozen=True)
class RerankPolicy:
    """The learned model ranks a pooled candidate list: the rules' proposals, `samples` tactics it
    samples itself, and the tactics of the `retrieved` most similar goals in a `TacticMemory`.

    A candidate's probability is `weight * p_model + memory_weight * p_memory + (1 - weight -
    memory_weight) * p_rules`: p_model is the softmax of the model's log-probabilities of ALL pooled
    candidates (`Scorer.score`), p_memory the retrieved tactics' similarities normalised, p_rules the
    rules' own distribution. Scoring, unlike sampling alone, lets even a small model put its mass on a
    well-formed tactic it would rarely sample exactly; the memory's own share keeps a tactic that
    worked on a near-identical goal among the `n` kept even when the model has not learnt it yet.
    """

    model: Scorer
    rules: TacticPolicy
    memory: TacticMemory | None = None
    weight: float = 0.5
    memory_weight: float = 0.0
    samples: int = 4
    retrieved: int = 8

    def __post_init__(self) -> None:
        if min(self.weight, self.memory_weight) < 0 or self.weight + self.memory_weight > 1:
            raise ValueError(
                f"weight {self.weight} and memory_weight {self.memory_weight} must be >= 0 with sum <= 1"
            )

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float = 1.0, seed: int | None = None
    ) -> list[list[TacticProposal]]:
        rules = self.rules.propose(goals, n=n, temperature=temperature, seed=seed)
        sampled = (
            self.model.propose(goals, n=self.samples, temperature=temperature, seed=seed)
            if self.samples > 0
            else [[] for _ in goals]
        )
        found = (
            retrieve(self.memory, goals, k=self.retrieved) if self.memory is not None else [[] for _ in goals]
        )
        pools = [
            list(dict.fromkeys([p.tactic for p in r] + [p.tactic for p in s] + [t for t, _ in m]))
            for r, s, m in zip(rules, sampled, found, strict=True)
        ]
        scores = self.model.score(goals, pools)
        return [
            self._mix(pool, row, r, m)[:n]
            for pool, row, r, m in zip(pools, scores, rules, found, strict=True)
        ]

    def _mix(self, pool, scores, rules, recalled) -> list[TacticProposal]:
        p_model = _normalised([TacticProposal(t, lp) for t, lp in zip(pool, scores, strict=True)])
        p_rules = _normalised(rules)
        total = sum(s for _, s in recalled)
        p_memory = {t: s / total for t, s in recalled} if total > 0 else {}
        w_rules = 1 - self.weight - self.memory_weight
        probs = {
            t: self.weight * p_model.get(t, 0.0)
            + self.memory_weight * p_memory.get(t, 0.0)
            + w_rules * p_rules.get(t, 0.0)
            for t in pool
        }
        ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))
        return [TacticProposal(t, math.log(p)) for t, p in ranked if p > 0]


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


def combine(cfg: DictConfig, model: Scorer, memory: TacticMemory | None) -> TacticPolicy:
    """The learned model with the rules, as `cfg.combine` says: `mix` (`MixedPolicy`) or `rerank`
    (`RerankPolicy`, with `cfg.samples` sampled and `cfg.retrieved` remembered tactics)."""
    kind = str(cfg.get("combine", "mix"))
    weight = float(cfg.mix_weight)
    if kind == "mix":
        return MixedPolicy(model, RulesPolicy(), weight)
    if kind == "rerank":
        return RerankPolicy(
            model,
            RulesPolicy(),
            memory,
            weight=weight,
            memory_weight=float(cfg.get("memory_weight", 0.0)),
            samples=int(cfg.samples),
            retrieved=int(cfg.retrieved),
        )
    raise ValueError(f"unknown policy.combine {kind!r} (known: mix, rerank)")


def build_hf(cfg: DictConfig, *, model_name: str | None = None):
    """The transformers policy of an `hf`/`mix` config (a fresh model when no checkpoint is named)."""
    from prover.policy.factory import load_policy

    options = OmegaConf.to_container(cfg.model, resolve=True)
    assert isinstance(options, dict)
    if model_name is not None:
        options["model_name"] = model_name
    if not options.get("model_name") and options.get("tokenizer") == "bpe":
        from prover.train.corpus import lean_corpus

        options["corpus"] = lean_corpus(seed=int(options.get("seed", 0)))
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
        saved = cfg.model.get("model_name")
        path = Path(saved) / MEMORY_FILE if saved else None
        memory = TacticMemory.load(path) if path is not None and path.is_file() else None
        critic = cfg.get("constant_critic")
        return combine(cfg, model, memory), model if critic is None else ConstantCritic(float(critic))
    raise ValueError(f"unknown policy {name!r} (known: rules, hf, mix)")
