"""Select the theorems of a run from the `benchmark=` config group."""

from __future__ import annotations

from pathlib import Path

from omegaconf import DictConfig

from prover.minif2f import SPLITS, load_minif2f_dir, load_minif2f_jsonl
from prover.theorems import Theorem, load_benchmark, load_theorems

BUNDLED = Path(__file__).resolve().parents[1] / "lean_project"


def select_theorems(cfg: DictConfig) -> list[Theorem]:
    """The theorems of `cfg.split` (`all` for every split) of the configured benchmark, first `limit`."""
    split = cfg.get("split") or "all"
    name = str(cfg.get("name", "bundled"))
    if name == "bundled":
        theorems = load_benchmark(Path(cfg.path) if cfg.get("path") else BUNDLED, split)
    elif name == "minif2f":
        theorems = _minif2f(Path(cfg.path), split)
    else:
        theorems = [t for t in load_theorems(Path(cfg.path)) if split == "all" or t.split == split]
    limit = cfg.get("limit")
    return theorems[: int(limit)] if limit is not None else theorems


def _minif2f(path: Path, split: str) -> list[Theorem]:
    splits = SPLITS if split == "all" else (split,)
    if path.suffix == ".jsonl":
        return load_minif2f_jsonl(path, splits=splits)
    return load_minif2f_dir(path, splits=splits)
