"""Losses, one optimisation step, and the `fit` loop for `HFPolicy` (tactic policy + critic).

Tactic loss: cross-entropy on the target (tactic + eos) tokens only; prompt and padding are masked.
Critic loss (HTPS): soft cross-entropy between the target q and the softmax over the SOLVABLE /
NON_SOLVABLE logits, i.e. -(q log p + (1 - q) log(1 - p)). A mixed batch trains both, summed with
`critic_weight` on the critic term.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.utils.tensorboard import SummaryWriter
from tqdm import tqdm

from prover.policy.hf import HFPolicy
from prover.policy.tensors import pad
from prover.train.replay import ReplayBuffer
from prover.train.samples import CriticSample, Sample, TacticSample

log = logging.getLogger(__name__)
_IGNORE = -100


@dataclass(frozen=True)
class StepLoss:
    """Losses of one step; a term is None when the batch held no sample of its kind."""

    total: float
    tactic: float | None
    critic: float | None
    samples: int


@dataclass(frozen=True)
class FitResult:
    """Losses of a fit; `tactic_loss` / `critic_loss`: each term's mean over the last quarter of the
    steps (None when no batch there held a sample of that kind)."""

    steps: int
    first_loss: float
    last_loss: float
    mean_loss: float
    samples_per_s: float
    seconds: float
    tactic_loss: float | None = None
    critic_loss: float | None = None


def _tail_mean(values: Sequence[float | None]) -> float | None:
    tail = [v for v in values[-max(1, len(values) // 4) :] if v is not None]
    return sum(tail) / len(tail) if tail else None


def tactic_loss(policy: HFPolicy, samples: Sequence[TacticSample]) -> torch.Tensor:
    """Mean token cross-entropy of the tactics given their prompts (target tokens only)."""
    prompts = [policy.goal_prompt_ids(s.goal, name=s.name) for s in samples]
    targets = [policy.target_ids(s.tactic) for s in samples]
    if policy.is_encoder_decoder:
        ids, mask = pad(prompts, value=policy.pad_id, side="right")
        labels, _ = pad(targets, value=_IGNORE, side="right")
    else:
        ids, mask = pad(
            [p + t for p, t in zip(prompts, targets, strict=True)], value=policy.pad_id, side="right"
        )
        masked = [[_IGNORE] * len(p) + t for p, t in zip(prompts, targets, strict=True)]
        labels, _ = pad(masked, value=_IGNORE, side="right")
    device = policy.device
    out = policy.model(input_ids=ids.to(device), attention_mask=mask.to(device), labels=labels.to(device))
    return out.loss


def critic_loss(policy: HFPolicy, samples: Sequence[CriticSample]) -> torch.Tensor:
    """Mean soft cross-entropy of the critic against targets q in [0, 1]."""
    logp = torch.log_softmax(policy.critic_logits([s.goal for s in samples]), dim=-1)
    q = torch.tensor([s.target for s in samples], dtype=logp.dtype, device=logp.device)
    return -(q * logp[:, 0] + (1 - q) * logp[:, 1]).mean()


def make_optimizer(policy: HFPolicy, *, lr: float = 3e-4, weight_decay: float = 0.01) -> torch.optim.AdamW:
    """AdamW over all parameters; `lr` is the step size, `weight_decay` the decoupled L2 factor."""
    return torch.optim.AdamW(policy.model.parameters(), lr=lr, weight_decay=weight_decay)


def train_step(
    policy: HFPolicy,
    batch: Sequence[Sample],
    optimizer: torch.optim.Optimizer,
    *,
    critic_weight: float = 1.0,
    max_grad_norm: float | None = 1.0,
) -> StepLoss:
    """One gradient step on a (possibly mixed) batch; `max_grad_norm` clips the global norm (None: off)."""
    tactics = [s for s in batch if isinstance(s, TacticSample)]
    critics = [s for s in batch if isinstance(s, CriticSample)]
    if not tactics and not critics:
        raise ValueError("train_step needs at least one sample")
    policy.model.train()
    optimizer.zero_grad(set_to_none=True)
    terms: list[torch.Tensor] = []
    t_loss = tactic_loss(policy, tactics) if tactics else None
    c_loss = critic_loss(policy, critics) if critics else None
    if t_loss is not None:
        terms.append(t_loss)
    if c_loss is not None:
        terms.append(critic_weight * c_loss)
    total = torch.stack(terms).sum()
    total.backward()
    if max_grad_norm is not None:
        torch.nn.utils.clip_grad_norm_(policy.model.parameters(), max_grad_norm)
    optimizer.step()
    return StepLoss(
        total=total.item(),
        tactic=None if t_loss is None else t_loss.item(),
        critic=None if c_loss is None else c_loss.item(),
        samples=len(batch),
    )


def _wandb_run(project: str | None, config: dict[str, object]) -> object | None:
    if project is None:
        return None
    try:
        import wandb
    except ImportError as exc:
        raise ImportError(
            "wandb logging was requested but wandb is not installed: pip install wandb"
        ) from exc
    return wandb.init(project=project, config=config)


def fit(
    policy: HFPolicy,
    buffer: ReplayBuffer,
    optimizer: torch.optim.Optimizer,
    *,
    steps: int,
    batch_size: int = 32,
    critic_weight: float = 1.0,
    max_grad_norm: float | None = 1.0,
    log_dir: str | Path | None = None,
    wandb_project: str | None = None,
    start_step: int = 0,
    progress: bool = True,
    tactic_share: float | None = None,
) -> FitResult:
    """`steps` gradient steps on batches drawn from `buffer` (its own seeded RNG picks them).

    `tactic_share`: see `ReplayBuffer.sample` (None: uniform batches).
    Scalars go to TensorBoard under `log_dir` (None: off) and to wandb when `wandb_project` is set,
    indexed from `start_step` so that successive calls (expert-iteration rounds) continue one curve.
    """
    if steps < 1 or len(buffer) == 0:
        raise ValueError(f"fit needs steps >= 1 and a non-empty buffer (steps={steps}, buffer={len(buffer)})")
    writer = SummaryWriter(str(log_dir)) if log_dir is not None else None
    run = _wandb_run(wandb_project, {"batch_size": batch_size, "critic_weight": critic_weight})
    losses: list[float] = []
    terms: list[StepLoss] = []
    seen, began = 0, time.perf_counter()
    bar = tqdm(range(steps), desc="fit", disable=not progress)
    for i in bar:
        step = train_step(
            policy,
            buffer.sample(batch_size, tactic_share=tactic_share),
            optimizer,
            critic_weight=critic_weight,
            max_grad_norm=max_grad_norm,
        )
        losses.append(step.total)
        terms.append(step)
        seen += step.samples
        rate = seen / max(time.perf_counter() - began, 1e-9)
        scalars = {"loss/total": step.total, "loss/tactic": step.tactic, "loss/critic": step.critic}
        scalars = {k: v for k, v in scalars.items() if v is not None} | {"throughput/samples_per_s": rate}
        for key, value in scalars.items():
            if writer is not None:
                writer.add_scalar(key, value, start_step + i)
        if run is not None:
            run.log(scalars, step=start_step + i)  # type: ignore[attr-defined]
        bar.set_postfix(loss=f"{step.total:.4f}")
    seconds = time.perf_counter() - began
    if writer is not None:
        writer.close()
    if run is not None:
        run.finish()  # type: ignore[attr-defined]
    log.info("fit: %d steps, loss %.4f -> %.4f, %.1f samples/s", steps, losses[0], losses[-1], seen / seconds)
    return FitResult(
        steps,
        losses[0],
        losses[-1],
        sum(losses) / len(losses),
        seen / seconds,
        seconds,
        tactic_loss=_tail_mean([t.tactic for t in terms]),
        critic_loss=_tail_mean([t.critic for t in terms]),
    )
