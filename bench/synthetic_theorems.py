"""Synthetic theorems: how fast they are made (kernel check included) and how hard they are.

Usage: python bench/synthetic_theorems.py [--count 200] [--seed 0] [--max-expansions 24]
Prints theorems/s for `prover.train.synthetic.generate` on the embedded kernel, then, per kind, how
many of them the rules policy proves with HTPS at the given budget (neither trivial nor impossible is
the aim: the learned policy should have something to learn from them).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.env.embedded.env import EmbeddedEnv
from prover.runner import Prover
from prover.train.synthetic import generate

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-expansions", type=int, default=24)
    args = parser.parse_args()
    began = time.perf_counter()
    theorems = generate(EmbeddedEnv(), count=args.count, seed=args.seed)
    seconds = time.perf_counter() - began
    print(f"generated {len(theorems)} theorems in {seconds:.2f} s ({len(theorems) / seconds:.0f}/s)")
    with tempfile.TemporaryDirectory() as out, initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                "policy=rules",
                f"search.max_expansions={args.max_expansions}",
                "search.num_tactics=16",
                "search.batch_size=8",
                "search.max_seconds=null",
                f"out_dir={out}",
            ],
        )
        prover = Prover(cfg)
        proved, total = Counter(), Counter()
        try:
            for theorem in theorems:
                total[theorem.topic] += 1
                proved[theorem.topic] += prover.prove(theorem).record.proved
        finally:
            prover.close()
    print(f"{'kind':12} rules-proved ({args.max_expansions} expansions)")
    for kind in sorted(total):
        print(f"{kind:12} {proved[kind]:3d}/{total[kind]}")


if __name__ == "__main__":
    main()
