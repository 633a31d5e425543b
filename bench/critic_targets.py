"""Which critic targets teach a better critic: HTPS's soft targets or outcome labels, measured.

Usage: python bench/critic_targets.py --checkpoint OUT/checkpoints/iter_000001 [--train 60]
       [--min-visits 8] [--steps 150] [--max-expansions 24] [--num-tactics 16]
1. Searches the first `--train` train-split theorems and the whole valid split with the checkpoint's
   full system (policy=mix) at the given budget, keeping the trees.
2. Builds the critic samples of the train trees both ways (`search.samples.critic_samples`):
   soft: solved 1, failed 0, open goals visited at least `--min-visits` times their backed-up value
   (HTPS, section 4.3); outcome: solved 1, failed 0, every other expanded goal 0 (GPT-f's labels).
3. Fine-tunes a fresh copy of the checkpoint's model on each sample set alone (`--steps` critic-only
   steps, same seed, same optimiser), and prints each copy's AUC separating the valid trees' proved
   goals from their failed ones, next to the checkpoint's own.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.policy.hf import HFPolicy
from prover.prove import run
from prover.train.critic_eval import auc
from prover.train.replay import ReplayBuffer
from prover.train.samples import from_search
from prover.train.trainer import fit, make_optimizer
from search.graph import load_tree
from search.samples import critic_samples
from search.types import SearchTree, Status

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")


def trees_of(model: Path, split: str, limit: int | None, args: argparse.Namespace) -> list[SearchTree]:
    with tempfile.TemporaryDirectory() as out, initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                "policy=mix",
                f"policy.model.model_name={model}",
                f"benchmark.split={split}",
                f"benchmark.limit={'null' if limit is None else limit}",
                f"search.max_expansions={args.max_expansions}",
                f"search.num_tactics={args.num_tactics}",
                "search.max_seconds=null",
                "executor=serial",
                f"out_dir={out}",
            ],
        )
        run(cfg)
        return [load_tree(p) for p in sorted((Path(out) / "trees").glob("*.json"))]


def valid_auc(policy: HFPolicy, trees: list[SearchTree]) -> tuple[float | None, int, int]:
    proved = [n.goal for t in trees for n in t.nodes if n.status is Status.PROVED]
    failed = [n.goal for t in trees for n in t.nodes if n.status is Status.FAILED]
    values = [
        v for i in range(0, len(proved + failed), 64) for v in policy.values((proved + failed)[i : i + 64])
    ]
    return auc(values[: len(proved)], values[len(proved) :]), len(proved), len(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, type=Path)
    parser.add_argument("--train", type=int, default=60)
    parser.add_argument("--min-visits", type=int, default=8)
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--max-expansions", type=int, default=24)
    parser.add_argument("--num-tactics", type=int, default=16)
    args = parser.parse_args()
    model = (args.checkpoint / "model").resolve()
    train, valid = trees_of(model, "train", args.train, args), trees_of(model, "valid", None, args)
    base, n_proved, n_failed = valid_auc(HFPolicy.create(model_name=str(model), device="cpu"), valid)
    print(f"valid goals: {n_proved} proved, {n_failed} failed; checkpoint's critic AUC {base:.3f}")
    for name, unproved in (("soft (HTPS)", None), ("outcome labels", 0.0)):
        samples = [
            s
            for t in train
            for s in from_search(critic_samples(t, min_visits=args.min_visits, unproved_expanded=unproved))
        ]
        policy = HFPolicy.create(model_name=str(model), device="cpu")
        buffer = ReplayBuffer(capacity=len(samples) + 1, seed=0)
        buffer.add(samples)
        fit(policy, buffer, make_optimizer(policy, lr=5e-4), steps=args.steps, batch_size=32, progress=False)
        score, _, _ = valid_auc(policy, valid)
        ones = sum(s.target == 1.0 for s in samples)
        zeros = sum(s.target == 0.0 for s in samples)
        print(
            f"{name:15} {len(samples):5d} samples ({ones} at 1, {zeros} at 0, "
            f"{len(samples) - ones - zeros} soft): valid critic AUC {score:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
