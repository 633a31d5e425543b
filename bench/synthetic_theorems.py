"""Synthetic theorems: how fast they are made (kernel check included) and how hard they are.

Usage: python bench/synthetic_theorems.py [--count 200] [--seed 0] [--budgets 4 8 24]
Prints theorems/s for `prover.train.synthetic.generate` on the embedded kernel, then, per kind and
per difficulty, how many of them the rules policy proves with HTPS at each expansion budget (neither
trivial nor impossible is the aim: the learned policy should have something to learn from them).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.env.embedded.env import EmbeddedEnv
from prover.runner import Prover
from prover.theorems import Theorem
from prover.train.synthetic import generate

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budgets", type=int, nargs="+", default=[4, 8, 24], help="HTPS max_expansions")
    args = parser.parse_args()
    began = time.perf_counter()
    theorems = generate(EmbeddedEnv(), count=args.count, seed=args.seed)
    seconds = time.perf_counter() - began
    print(f"generated {len(theorems)} theorems in {seconds:.2f} s ({len(theorems) / seconds:.0f}/s)")
    groups = [("kind", lambda t: t.topic), ("difficulty", lambda t: t.difficulty)]
    results = {budget: _proved(theorems, budget) for budget in args.budgets}
    for title, key in groups:
        print(f"{title:12} " + " ".join(f"{f'{b} exp.':>9}" for b in args.budgets))
        for group in sorted({key(t) for t in theorems}):
            members = [t for t in theorems if key(t) == group]
            cells = [
                f"{sum(results[b][t.name] for t in members):3d}/{len(members):<3d}  " for b in args.budgets
            ]
            print(f"{group:12} " + " ".join(f"{c:>9}" for c in cells))


def _proved(theorems: list[Theorem], budget: int) -> dict[str, bool]:
    """Whether the rules policy proves each theorem with HTPS at `budget` expansions."""
    with tempfile.TemporaryDirectory() as out, initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                "policy=rules",
                f"search.max_expansions={budget}",
                "search.num_tactics=16",
                "search.batch_size=8",
                "search.max_seconds=null",
                f"out_dir={out}",
            ],
        )
        prover = Prover(cfg)
        try:
            return {t.name: prover.prove(t).record.proved for t in theorems}
        finally:
            prover.close()


if __name__ == "__main__":
    main()
