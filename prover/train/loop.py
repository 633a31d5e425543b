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

import torch
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf
from torch.utils.tensorboard import SummaryWriter
from tqdm import tqdm

from prover.benchmarks import BUNDLED, select_theorems
from prover.policies import ConstantCritic, build_hf
from prover.policy.memory import TacticMemory
from prover.policy.rules import RulesPolicy
from prover.policy.types import Critic, TacticPolicy
from prover.runner import Attempt, Prover
from prover.theorems import Theorem, load_reference_proofs
from prover.train import synthetic
from prover.train.bootstrap import learned_policy, search_policy
from prover.train.checkpoint import latest_checkpoint, load_checkpoint, save_checkpoint
from prover.train.replay import ReplayBuffer
from prover.train.samples import Sample, TacticSample, from_search
from prover.train.trainer import fit, make_optimizer
from search.graph import tree_from_json
from search.samples import critic_samples, tactic_samples

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


def memory_of(buffer: ReplayBuffer) -> TacticMemory:
    """The tactic samples of the replay buffer, as a retrieval memory for the learned policy."""
    return TacticMemory([(s.goal, s.tactic) for s in buffer.items if isinstance(s, TacticSample)])


def _samples(attempts: Sequence[Attempt], *, min_visits: int, unproved: float | None) -> list[Sample]:
    out: list[Sample] = []
    for attempt in attempts:
        if attempt.tree is None:
            continue
        tree = tree_from_json(attempt.tree)
        found = [
            *tactic_samples(tree),
            *critic_samples(tree, min_visits=min_visits, unproved_expanded=unproved),
        ]
        out += from_search(found, name=attempt.record.name)
    return out


def _prove_all(prover: Prover, theorems: Sequence[Theorem], desc: str, setup=None) -> list[Attempt]:
    """`setup(theorem)` gives the (policy, critic) of each theorem; None: the prover's own."""
    attempts = []
    with tqdm(theorems, desc=desc, unit="thm", leave=False) as bar:
        for theorem in bar:
            policy, critic = setup(theorem) if setup else (None, None)
            attempts.append(prover.prove(theorem, policy=policy, critic=critic))
            bar.set_postfix_str(f"proved {sum(a.record.proved for a in attempts)}/{len(attempts)}")
    return attempts


def _evaluate(cfg: DictConfig, policy: TacticPolicy, critic: Critic, theorems: Sequence[Theorem]) -> int:
    prover = Prover(cfg, policy=policy, critic=critic)
    try:
        return sum(a.record.proved for a in _prove_all(prover, theorems, "valid"))
    finally:
        prover.close()


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    torch.manual_seed(seed)


def run(cfg: DictConfig) -> list[IterationStats]:
    """Run (or resume) expert iteration; returns the stats of every iteration done so far."""
    cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=True))
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tcfg = cfg.trainer
    stats_path = out / "iterations.jsonl"
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
    if start == 0 and not stats_path.exists():
        proved = _evaluate(cfg, RulesPolicy(), ConstantCritic(), valid)
        writer.add_scalar("valid/pass_rate", proved / len(valid), 0)
        log.info("iteration 0 (rules baseline): valid %d/%d", proved, len(valid))
        stats_path.write_text(
            json.dumps(
                {
                    "iteration": 0,
                    "valid_proved": proved,
                    "valid_total": len(valid),
                    "valid_rate": proved / len(valid),
                    "policy": "rules",
                }
            )
            + "\n"
        )
    refs = load_reference_proofs(Path(cfg.benchmark.path) if cfg.benchmark.get("path") else BUNDLED)
    for it in range(start, int(cfg.iterations)):
        stats = _iteration(cfg, it, policy, optimizer, buffer, train, valid, refs, writer)
        with stats_path.open("a") as f:
            f.write(json.dumps(asdict(stats)) + "\n")
        save_checkpoint(
            out / "checkpoints",
            policy=policy,
            optimizer=optimizer,
            buffer=buffer,
            iteration=it + 1,
            memory=memory_of(buffer),
        )
    writer.close()
    return [
        IterationStats(**row)
        for row in map(json.loads, stats_path.read_text().splitlines())
        if "loss_first" in row
    ]


def _synthetic(cfg: DictConfig, it: int, *, exclude: Sequence[Theorem]) -> list[Theorem]:
    """`synthetic_per_iteration` fresh synthetic theorems for iteration `it`, checked by the env."""
    count = int(cfg.get("synthetic_per_iteration") or 0)
    if count <= 0:
        return []
    env = instantiate(cfg.env)
    try:
        return synthetic.generate(env, count=count, seed=int(cfg.seed) * 7919 + it, exclude=exclude)
    finally:
        env.close()


def _iteration(cfg, it, policy, optimizer, buffer, train, valid, refs, writer) -> IterationStats:
    began = time.perf_counter()
    tcfg = cfg.trainer
    count = cfg.get("bootstrap_theorems") if it == 0 else cfg.theorems_per_iteration
    count = len(train) if count is None else min(int(count), len(train))
    batch = random.Random(int(cfg.seed) * 7919 + it).sample(list(train), count)
    batch += _synthetic(cfg, it, exclude=train)
    prover = Prover(cfg, policy=RulesPolicy(), critic=ConstantCritic())

    def setup(theorem: Theorem) -> tuple[TacticPolicy, Critic]:
        return search_policy(cfg, iteration=it, model=policy, theorem=theorem, refs=refs, memory=memory)

    memory = memory_of(buffer)

    try:
        attempts = _prove_all(prover, batch, f"iter {it + 1} prove", setup)
    finally:
        prover.close()
    unproved = tcfg.get("critic_unproved_target")
    samples = _samples(
        attempts,
        min_visits=int(tcfg.critic_min_visits),
        unproved=None if unproved is None else float(unproved),
    )
    buffer.add(samples)
    steps = int(tcfg.steps_per_iteration)
    result = fit(
        policy,
        buffer,
        optimizer,
        steps=steps,
        batch_size=int(tcfg.batch_size),
        critic_weight=float(tcfg.critic_weight),
        log_dir=Path(cfg.out_dir) / "tensorboard",
        start_step=it * steps,
        tactic_share=tcfg.get("tactic_share"),
    )
    proved_valid = _evaluate(cfg, *learned_policy(cfg, policy, memory_of(buffer)), valid)
    train_proved = sum(a.record.proved for a in attempts)
    for key, value in {
        "train/proved": train_proved,
        "train/samples_added": len(samples),
        "train/buffer": len(buffer),
        "loss/last": result.last_loss,
        "valid/pass_rate": proved_valid / len(valid),
        "throughput/samples_per_s": result.samples_per_s,
    }.items():
        writer.add_scalar(key, value, it + 1)
    writer.flush()
    log.info(
        "iteration %d: train %d/%d, +%d samples, loss %.3f -> %.3f, valid %d/%d",
        it + 1,
        train_proved,
        len(batch),
        len(samples),
        result.first_loss,
        result.last_loss,
        proved_valid,
        len(valid),
    )
    return IterationStats(
        it + 1,
        train_proved,
        len(batch),
        len(samples),
        len(buffer),
        result.first_loss,
        result.last_loss,
        proved_valid,
        len(valid),
        proved_valid / len(valid),
        time.perf_counter() - began,
    )
