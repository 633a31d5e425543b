"""Build the configured tactic policy and critic (`policy=` config group)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from omegaconf import DictConfig

from prover.policy.rules import RulesPolicy
from prover.policy.types import Critic, TacticPolicy


@dataclass(frozen=True)
class ConstantCritic:
    """The critic of a policy without one: every goal gets the same value in (0, 1)."""

    value: float = 0.5

    def __post_init__(self) -> None:
        if not 0.0 < self.value < 1.0:
            raise ValueError(f"critic value must be in (0, 1), got {self.value}")

    def values(self, goals: Sequence[str]) -> list[float]:
        return [self.value] * len(goals)


def build_policy(cfg: DictConfig) -> tuple[TacticPolicy, Critic]:
    name = str(cfg.name)
    if name == "rules":
        return RulesPolicy(), ConstantCritic(float(cfg.get("critic_value", 0.5)))
    raise ValueError(f"unknown policy {name!r} (known: rules)")
