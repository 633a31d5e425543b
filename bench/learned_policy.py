"""What a trained checkpoint adds over the rules, and which part of it does: HTPS at one budget.

Usage: python bench/learned_policy.py --checkpoint OUT/checkpoints/iter_000005 [--split test]
       [--max-expansions 24] [--num-tactics 16] [--batch-size 8]
Prints, per variant, the theorems proved on the split (theorems searched serially, same seed):
- rules: the rules policy with a constant critic (iteration 0's baseline);
- learned: the trained model reranking rules + sampled + remembered tactics, with its critic
  (what `python -m prover.prove policy=mix policy.model.model_name=<checkpoint>/model` runs);
- learned, constant critic: the same policy, the critic replaced by a constant 0.5;
- learned, no memory: the model and the rules only (memory share 0, nothing retrieved);
- memory + rules, constant critic: no model at all (model share 0, no samples).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.prove import run

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")

VARIANTS: dict[str, list[str]] = {
    "rules": ["policy=rules"],
    "learned": ["policy=mix"],
    "learned, constant critic": ["policy=mix", "policy.constant_critic=0.5"],
    "learned, no memory": ["policy=mix", "policy.memory_weight=0", "policy.retrieved=0"],
    "memory + rules, constant critic": [
        "policy=mix",
        "policy.mix_weight=0",
        "policy.samples=0",
        "policy.constant_critic=0.5",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, type=Path)
    parser.add_argument("--split", default="test")
    parser.add_argument("--max-expansions", type=int, default=24)
    parser.add_argument("--num-tactics", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    model = (args.checkpoint / "model").resolve()
    print(f"{'variant':34} proved   seconds   ({args.split}, {args.max_expansions} expansions)")
    for name, overrides in VARIANTS.items():
        with (
            tempfile.TemporaryDirectory() as out,
            initialize_config_dir(config_dir=CONFIGS, version_base="1.3"),
        ):
            extra = [f"policy.model.model_name={model}"] if "policy=mix" in overrides else []
            cfg = compose(
                "prove",
                overrides=[
                    *overrides,
                    *extra,
                    f"benchmark.split={args.split}",
                    f"search.max_expansions={args.max_expansions}",
                    f"search.num_tactics={args.num_tactics}",
                    f"search.batch_size={args.batch_size}",
                    "search.max_seconds=null",
                    "executor=serial",
                    f"out_dir={out}",
                ],
            )
            began = time.perf_counter()
            records = run(cfg)
        proved = sum(r.proved for r in records)
        print(f"{name:34} {proved:3d}/{len(records):<3d} {time.perf_counter() - began:8.1f}")


if __name__ == "__main__":
    main()
