"""Which policy and critic the provers of expert iteration search with.

Iteration 0 bootstraps: the rules together with the tactic lines of each train theorem's reference
proof (a demonstration, as a supervised start). Later iterations search with the learned model (mixed
with the rules) and use its critic. The Ray prover pool calls the same function, so every prover of an
iteration searches with the same policy whether it runs in-process or as an actor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from omegaconf import DictConfig

from prover.policies import ConstantCritic, MixedPolicy, combine
from prover.policy.hf import HFPolicy
from prover.policy.memory import TacticMemory
from prover.policy.rules import RulesPolicy
from prover.policy.types import Critic, TacticPolicy, TacticProposal
from prover.theorems import Theorem


def reference_tactics(proof: str) -> list[str]:
    """The single-line tactics of a reference proof (bullets, structured alternatives and `with`
    headers unwrapped), proposed at iteration 0 as demonstrations."""
    out: list[str] = []
    for raw in proof.splitlines():
        line = raw.strip().removeprefix("·").strip()
        if line.startswith("|") and "=>" in line:
            line = line.split("=>", 1)[1].strip()
        line = line.removesuffix(" with").strip()
        if line and not line.endswith((":= by", "=>")) and line not in out:
            out.append(line)
    return out


@dataclass(frozen=True)
class FixedTactics:
    """Proposes the same tactics, uniformly, for every goal."""

    tactics: tuple[str, ...]

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float = 1.0, seed: int | None = None
    ) -> list[list[TacticProposal]]:
        lp = -float(len(self.tactics)) if self.tactics else 0.0
        return [[TacticProposal(t, lp) for t in self.tactics[:n]] for _ in goals]


def search_policy(
    cfg: DictConfig,
    *,
    iteration: int,
    model: HFPolicy | None,
    theorem: Theorem,
    refs: Mapping[str, Theorem],
    memory: TacticMemory | None = None,
) -> tuple[TacticPolicy, Critic]:
    """The (policy, critic) that searches `theorem` during iteration `iteration` (0-based) of expert
    iteration; `model` is the current learned model and `memory` the tactics of the replay buffer
    (both unused, and may be None, at iteration 0)."""
    if iteration == 0:  # a synthetic theorem carries its own proof; a benchmark one is in `refs`
        ref = theorem if theorem.proof else refs.get(theorem.name)
        tactics = tuple(reference_tactics(ref.proof)) if ref is not None and ref.proof else ()
        return MixedPolicy(FixedTactics(tactics), RulesPolicy(), 0.5), ConstantCritic()
    if model is None:
        raise ValueError(f"iteration {iteration} searches with the learned model, but none was given")
    return learned_policy(cfg, model, memory)


def learned_policy(
    cfg: DictConfig, model: HFPolicy, memory: TacticMemory | None
) -> tuple[TacticPolicy, Critic]:
    """The learned model as the search uses it after iteration 0 (and on the valid split)."""
    return combine(cfg.policy, model, memory), model
