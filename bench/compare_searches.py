"""Proving power at equal budget: HTPS, MCTS and best-first side by side on one benchmark split.

Usage: python bench/compare_searches.py [--split test] [--max-expansions 400] [--policy rules]
Prints, per search: pass rate overall and on multi-subgoal theorems (those whose reference proof
focuses subgoals with `·` bullets or `| alt =>` alternatives), mean expansions and env calls to proof.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.benchmarks import BUNDLED
from prover.prove import run
from prover.theorems import load_reference_proofs

CONFIGS = str(Path(__file__).resolve().parents[1] / "configs")


def multi_subgoal_names() -> set[str]:
    proofs = load_reference_proofs(BUNDLED)
    return {
        name
        for name, thm in proofs.items()
        if thm.proof and any(line.lstrip().startswith(("·", "|")) for line in thm.proof.splitlines())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--max-expansions", type=int, default=400)
    parser.add_argument("--policy", default="rules")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    multi = multi_subgoal_names()
    rows = []
    for search in ("htps", "mcts", "best_first"):
        with (
            tempfile.TemporaryDirectory() as out,
            initialize_config_dir(config_dir=CONFIGS, version_base="1.3"),
        ):
            cfg = compose(
                "prove",
                overrides=[
                    f"search={search}",
                    f"policy={args.policy}",
                    f"benchmark.split={args.split}",
                    f"search.max_expansions={args.max_expansions}",
                    "search.max_seconds=null",
                    f"out_dir={out}",
                    f"workers={args.workers}",
                ],
            )
            records = run(cfg)
        proved = [r for r in records if r.proved]
        m_all = [r for r in records if r.name in multi]
        m_proved = [r for r in m_all if r.proved]
        rows.append(
            (
                search,
                f"{len(proved)}/{len(records)} ({100 * len(proved) / max(1, len(records)):.1f}%)",
                f"{len(m_proved)}/{len(m_all)}",
                f"{statistics.mean(r.expansions for r in proved):.1f}" if proved else "-",
                f"{statistics.mean(r.env_calls for r in proved):.1f}" if proved else "-",
                f"{sum(r.seconds for r in records):.1f}",
            )
        )
    header = (
        "search",
        "proved",
        "multi-subgoal proved",
        "mean expansions (proved)",
        "mean env calls",
        "seconds",
    )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
