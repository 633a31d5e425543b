"""Online expert iteration, as in HTPS: repeat { prove a batch of train theorems with the current policy
and critic -> tactic samples from minimal proofs and critic samples with soft targets -> replay buffer ->
fit policy and critic -> evaluate on the valid split at a fixed search budget }, checkpointing every
iteration so that a killed run resumes where it stopped.

Iteration 0 bootstraps: its searches use the rules together with the tactic lines of each train
theorem's reference proof (a demonstration, as a supervised start), and the valid split is first
evaluated with the rules alone, the baseline the learned policy must beat at equal budget.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf
from torch.utils.tensorboard import SummaryWriter

from prover.benchmarks import select_theorems
from prover.policies import build_hf
from prover.policy.memory import TacticMemory
from prover.runner import Attempt
from prover.theorems import Theorem
from prover.train import synthetic
from prover.train.checkpoint import latest_checkpoint, load_checkpoint, save_checkpoint
from prover.train.curves import write_curves
from prover.train.pool import make_provers
from prover.train.replay import ReplayBuffer
from prover.train.samples import CriticSample, Sample, TacticSample, from_search
from prover.train.trainer import fit, make_optimizer
from prover.train.trusted import untrusted_reason
from search.graph import tree_from_json
from search.samples import critic_samples, tactic_samples
from search.types import StopReason

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IterationStats:
    """One line of `iterations.jsonl`; `valid_rate` is measured after this iteration's training."""

    iteration: int
    train_proved: int
    train_attempted: int
    samples_added: int
    buffer_size: int
    loss_first: float
    loss_last: float
    valid_proved: int
    valid_total: int
    valid_rate: float
    seconds: float
    tactic_samples: int | None = None
    critic_samples: int | None = None
    tactic_loss: float | None = None
    critic_loss: float | None = None
    # The model alone (no rules, no memory) on the same split and budget; None when not measured.
    model_valid_proved: int | None = None
    # Searches of this iteration (train and valid) cut by a wall clock (`search.max_seconds`,
    # `theorem_timeout_s`) rather than by their expansion budget: nonzero means the iteration's
    # numbers depend on the machine's load, not only on the seed.
    time_limited: int | None = None


# Round stats kept between its checkpoint and its evaluation, so a kill in between loses nothing.
_PENDING = "pending_round.json"


def memory_of(buffer: ReplayBuffer) -> TacticMemory:
    """The tactic samples of the replay buffer, as a retrieval memory for the learned policy."""
    return TacticMemory([(s.goal, s.tactic) for s in buffer.items if isinstance(s, TacticSample)])


def _samples(
    attempts: Sequence[Attempt], *, min_visits: int, unproved: float | None, allow_native_decide: bool = False
) -> list[Sample]:
    out: list[Sample] = []
    for attempt in attempts:
        refused = untrusted_reason(attempt, allow_native_decide=allow_native_decide)
        if refused is not None:
            if attempt.tree is not None:
                log.warning("%s: its search tree gives no samples: %s", attempt.record.name, refused)
            continue
        tree = tree_from_json(attempt.tree)
        found = [
            *tactic_samples(tree),
            *critic_samples(tree, min_visits=min_visits, unproved_expanded=unproved),
        ]
        out += from_search(found, name=attempt.record.name)
    return out


def _set_threads(threads: int | None) -> None:
    """`torch_threads`: intra-op threads of the model's CPU work (None: torch's default, one per core).
    On a shared or small machine one thread avoids OpenMP workers spin-waiting against each other and
    against other processes, which costs far more than the lost parallelism."""
    if threads is not None:
        torch.set_num_threads(int(threads))


def _seed_everything(seed: int) -> None:
    """Every global RNG a run draws from or checkpoints (numpy's is saved in rng.pt)."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def time_limited(attempts: Sequence[Attempt], *, what: str) -> int:
    """How many of `attempts` a wall clock stopped (search time budget or theorem deadline), logged by
    name: such outcomes depend on the machine's load, so a run that has any is not reproducible."""
    names = [
        a.record.name
        for a in attempts
        if a.record.stop_reason == StopReason.BUDGET_TIME or (a.record.error or "").startswith("timeout")
    ]
    if names:
        log.warning(
            "%s: %d searches stopped by a wall clock, not by their budget: %s", what, len(names), names
        )
    return len(names)


def run(cfg: DictConfig) -> list[IterationStats]:
    """Run (or resume) expert iteration; returns the stats of every iteration done so far."""
    cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=True))
    if str(cfg.policy.get("backend", "hf")) != "hf":
        raise ValueError(
            f"train fine-tunes a transformers model: policy.backend must be hf, not {cfg.policy.backend!r} "
            "(a vllm backend serves a trained checkpoint to prove)"
        )
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _set_threads(cfg.get("torch_threads"))
    tcfg = cfg.trainer
    stats_path, pending_path = out / "iterations.jsonl", out / _PENDING
    last = latest_checkpoint(out / "checkpoints")
    if last is not None:
        ck = load_checkpoint(last, device=str(cfg.policy.model.device))
        policy, optimizer, buffer, start = ck.policy, ck.optimizer, ck.buffer, ck.iteration
        log.info("resuming from %s (iteration %d)", last, start)
    else:
        _seed_everything(int(cfg.seed))
        policy = build_hf(cfg.policy)
        optimizer = make_optimizer(policy, lr=float(tcfg.lr), weight_decay=float(tcfg.weight_decay))
        buffer = ReplayBuffer(capacity=int(tcfg.buffer_capacity), seed=int(cfg.seed))
        start = 0
    train = select_theorems(OmegaConf.merge(cfg.benchmark, {"split": "train", "limit": None}))
    valid = select_theorems(
        OmegaConf.merge(cfg.benchmark, {"split": cfg.eval_split, "limit": cfg.eval_limit})
    )
    writer = SummaryWriter(str(out / "tensorboard"))
    provers = make_provers(cfg, checkpoints=out / "checkpoints")
    try:
        if start == 0 and not stats_path.exists():
            _baseline(provers, valid, stats_path, writer)
        memory = memory_of(buffer)
        if _pending_for(pending_path, start - 1):
            _finish_round(cfg, start - 1, provers, policy, memory, valid, stats_path, pending_path, writer)
        for it in range(start, int(cfg.iterations)):
            partial = _train_round(cfg, it, provers, policy, optimizer, buffer, memory, train)
            pending_path.write_text(json.dumps(partial))
            memory = memory_of(buffer)
            save_checkpoint(
                out / "checkpoints",
                policy=policy,
                optimizer=optimizer,
                buffer=buffer,
                iteration=it + 1,
                memory=memory,
            )
            _finish_round(cfg, it, provers, policy, memory, valid, stats_path, pending_path, writer)
    finally:
        provers.close()
        writer.close()
    return [
        IterationStats(**row)
        for row in map(json.loads, stats_path.read_text().splitlines())
        if "loss_first" in row
    ]


def _baseline(provers, valid: Sequence[Theorem], stats_path: Path, writer: SummaryWriter) -> None:
    """Iteration 0's line: the valid split proved by the rules alone."""
    attempts = provers.prove(valid, mode="rules", iteration=0, desc="valid (rules)")
    proved = sum(a.record.proved for a in attempts)
    writer.add_scalar("valid/pass_rate", proved / len(valid), 0)
    log.info("iteration 0 (rules baseline): valid %d/%d", proved, len(valid))
    row = {
        "iteration": 0,
        "valid_proved": proved,
        "valid_total": len(valid),
        "valid_rate": proved / len(valid),
        "policy": "rules",
        "time_limited": time_limited(attempts, what="iteration 0 valid (rules)"),
    }
    stats_path.write_text(json.dumps(row) + "\n")
    write_curves(stats_path)


def _pending_for(path: Path, it: int) -> bool:
    """Whether round `it` was trained and checkpointed but not yet evaluated (a kill in between)."""
    return path.is_file() and json.loads(path.read_text())["iteration"] == it + 1


def _synthetic(cfg: DictConfig, it: int, *, exclude: Sequence[Theorem]) -> list[Theorem]:
    """Fresh synthetic theorems for iteration `it`, checked by the env: `bootstrap_synthetic` at the
    bootstrap iteration (searched with their own proofs as demonstrations, like the reference proofs),
    `synthetic_per_iteration` at the others."""
    key = "bootstrap_synthetic" if it == 0 else "synthetic_per_iteration"
    count = int(cfg.get(key) or 0)
    if count <= 0:
        return []
    env = instantiate(cfg.env)
    try:
        return synthetic.generate(env, count=count, seed=int(cfg.seed) * 7919 + it, exclude=exclude)
    finally:
        env.close()


def _train_round(cfg, it, provers, policy, optimizer, buffer, memory, train) -> dict[str, object]:
    """Prove a batch of train theorems (`memory`: the buffer's tactics before this round), add their
    samples to the buffer, fit; the stats so far."""
    began = time.perf_counter()
    tcfg = cfg.trainer
    count = cfg.get("bootstrap_theorems") if it == 0 else cfg.theorems_per_iteration
    count = len(train) if count is None else min(int(count), len(train))
    batch = random.Random(int(cfg.seed) * 7919 + it).sample(list(train), count)
    batch += _synthetic(cfg, it, exclude=train)
    attempts = provers.prove(
        batch,
        mode="search",
        iteration=it,
        model=policy,
        memory=memory,
        desc=f"iter {it + 1} prove",
    )
    unproved = tcfg.get("critic_unproved_target")
    samples = _samples(
        attempts,
        min_visits=int(tcfg.critic_min_visits),
        unproved=None if unproved is None else float(unproved),
        allow_native_decide=bool(cfg.env.get("allow_native_decide", False)),
    )
    buffer.add(samples)
    per_round = int(tcfg.steps_per_iteration)
    warmup = per_round if tcfg.get("warmup_steps") is None else int(tcfg.warmup_steps)
    steps = warmup if it == 0 else per_round
    result = fit(
        policy,
        buffer,
        optimizer,
        steps=steps,
        batch_size=int(tcfg.batch_size),
        critic_weight=float(tcfg.critic_weight),
        log_dir=Path(cfg.out_dir) / "tensorboard",
        start_step=0 if it == 0 else warmup + (it - 1) * per_round,
        tactic_share=tcfg.get("tactic_share"),
        wandb_project=tcfg.get("wandb_project"),
    )
    return {
        "iteration": it + 1,
        "train_proved": sum(a.record.proved for a in attempts),
        "train_attempted": len(batch),
        "samples_added": len(samples),
        "tactic_samples": sum(isinstance(x, TacticSample) for x in samples),
        "critic_samples": sum(isinstance(x, CriticSample) for x in samples),
        "buffer_size": len(buffer),
        "loss_first": result.first_loss,
        "loss_last": result.last_loss,
        "tactic_loss": result.tactic_loss,
        "critic_loss": result.critic_loss,
        "samples_per_s": result.samples_per_s,
        "seconds": time.perf_counter() - began,
        "time_limited": time_limited(attempts, what=f"iteration {it + 1} train searches"),
    }


def _finish_round(cfg, it, provers, policy, memory, valid, stats_path, pending_path, writer) -> None:
    """Evaluate round `it`'s model (with `memory`, the buffer's tactics after the round) on the valid
    split and append its line to iterations.jsonl."""
    began = time.perf_counter()
    partial = json.loads(pending_path.read_text())
    attempts = provers.prove(valid, mode="eval", iteration=it + 1, model=policy, memory=memory, desc="valid")
    proved = sum(a.record.proved for a in attempts)
    clocked = partial.get("time_limited", 0) + time_limited(attempts, what=f"iteration {it + 1} valid")
    alone = None
    if cfg.get("eval_model_alone", False):
        solo = provers.prove(valid, mode="model", iteration=it + 1, model=policy, desc="valid (model alone)")
        alone = sum(a.record.proved for a in solo)
        clocked += time_limited(solo, what=f"iteration {it + 1} valid (model alone)")
    stats = IterationStats(
        iteration=it + 1,
        train_proved=partial["train_proved"],
        train_attempted=partial["train_attempted"],
        samples_added=partial["samples_added"],
        buffer_size=partial["buffer_size"],
        loss_first=partial["loss_first"],
        loss_last=partial["loss_last"],
        valid_proved=proved,
        valid_total=len(valid),
        valid_rate=proved / len(valid),
        seconds=partial["seconds"] + time.perf_counter() - began,
        tactic_samples=partial.get("tactic_samples"),
        critic_samples=partial.get("critic_samples"),
        tactic_loss=partial.get("tactic_loss"),
        critic_loss=partial.get("critic_loss"),
        model_valid_proved=alone,
        time_limited=clocked,
    )
    for key, value in {
        "train/proved": stats.train_proved,
        "train/samples_added": stats.samples_added,
        "train/buffer": stats.buffer_size,
        "loss/last": stats.loss_last,
        "valid/pass_rate": stats.valid_rate,
        "valid/model_alone_pass_rate": None if alone is None else alone / len(valid),
        "throughput/samples_per_s": partial["samples_per_s"],
    }.items():
        if value is not None:
            writer.add_scalar(key, value, it + 1)
    writer.flush()
    log.info(
        "iteration %d: train %d/%d, +%d samples, loss %.3f -> %.3f, valid %d/%d (model alone %s)",
        it + 1,
        stats.train_proved,
        stats.train_attempted,
        stats.samples_added,
        stats.loss_first,
        stats.loss_last,
        proved,
        len(valid),
        "-" if alone is None else f"{alone}/{len(valid)}",
    )
    with stats_path.open("a") as f:
        f.write(json.dumps(asdict(stats)) + "\n")
    pending_path.unlink()
    write_curves(stats_path)
