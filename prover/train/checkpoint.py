"""Checkpoints that resume training exactly: model, optimizer, replay buffer, RNG states, iteration.

Layout of `<root>/iter_<000012>/`: `model/` (an ordinary HF model directory written by
`HFPolicy.save`, loadable by `from_pretrained` on its own), `optimizer.pt`, `buffer.jsonl`, `rng.pt`
(python, numpy, torch and CUDA generator states) and `meta.json`. A checkpoint is written under a
temporary name and renamed when complete, so `latest_checkpoint` never returns a half-written one.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from prover.policy.hf import HFPolicy
from prover.policy.memory import MEMORY_FILE, TacticMemory
from prover.train.replay import ReplayBuffer
from prover.train.trainer import make_optimizer

_PREFIX = "iter_"


@dataclass(frozen=True)
class Checkpoint:
    policy: HFPolicy
    optimizer: torch.optim.Optimizer
    buffer: ReplayBuffer
    iteration: int
    path: Path


def rng_state() -> dict[str, object]:
    """The global generator states, as plain lists and tensors (loadable with `weights_only=True`)."""
    version, internal, gauss = random.getstate()
    kind, keys, pos, has_gauss, cached = np.random.get_state()
    state: dict[str, object] = {
        "python": [version, list(internal), gauss],
        "numpy": [kind, torch.from_numpy(keys.astype(np.int64)), pos, has_gauss, cached],
        "torch": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, object]) -> None:
    version, internal, gauss = state["python"]  # type: ignore[misc]
    random.setstate((version, tuple(internal), gauss))
    kind, keys, pos, has_gauss, cached = state["numpy"]  # type: ignore[misc]
    np.random.set_state((kind, keys.numpy().astype(np.uint32), pos, has_gauss, cached))
    torch.set_rng_state(state["torch"])  # type: ignore[arg-type]
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])  # type: ignore[arg-type]


def save_checkpoint(
    root: str | Path,
    *,
    policy: HFPolicy,
    optimizer: torch.optim.Optimizer,
    buffer: ReplayBuffer,
    iteration: int,
    memory: TacticMemory | None = None,
) -> Path:
    """Write `<root>/iter_<iteration>/` atomically and return its path (an existing one is replaced).
    `memory` goes next to the model (`model/tactic_memory.jsonl`), where `policy=mix` looks for it."""
    final = Path(root) / f"{_PREFIX}{iteration:06d}"
    tmp = Path(root) / f".tmp_{_PREFIX}{iteration:06d}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    policy.save(tmp / "model")
    if memory is not None:
        memory.save(tmp / "model" / MEMORY_FILE)
    torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
    buffer.save(tmp / "buffer.jsonl")
    torch.save(rng_state(), tmp / "rng.pt")
    (tmp / "meta.json").write_text(json.dumps({"iteration": iteration}))
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    return final


def latest_checkpoint(root: str | Path) -> Path | None:
    """The complete checkpoint with the highest iteration under `root`, or None."""
    root = Path(root)
    if not root.is_dir():
        return None
    done = [p for p in root.glob(f"{_PREFIX}*") if (p / "meta.json").is_file()]
    return max(done, key=lambda p: json.loads((p / "meta.json").read_text())["iteration"], default=None)


def load_checkpoint(
    path: str | Path,
    *,
    device: str = "auto",
    optimizer_factory: Callable[[HFPolicy], torch.optim.Optimizer] = make_optimizer,
    restore_rng: bool = True,
) -> Checkpoint:
    """Rebuild everything `save_checkpoint` wrote; `restore_rng` also resets the global RNG states.

    `optimizer_factory` must build the same optimizer class as was saved; its hyperparameters are then
    overwritten by the saved ones (they live in the optimizer's state dict).
    """
    path = Path(path)
    policy = HFPolicy.create(model_name=str(path / "model"), device=device)
    optimizer = optimizer_factory(policy)
    optimizer.load_state_dict(
        torch.load(path / "optimizer.pt", map_location=policy.device, weights_only=True)
    )
    buffer = ReplayBuffer.load(path / "buffer.jsonl")
    if restore_rng:
        set_rng_state(torch.load(path / "rng.pt", weights_only=True))
    iteration = json.loads((path / "meta.json").read_text())["iteration"]
    return Checkpoint(policy, optimizer, buffer, iteration, path)
