"""`python -m prover.prove`: prove a benchmark split with a chosen search, environment and policy.

Writes `results.jsonl` (one record per theorem, appended as it finishes) and `trees/<name>.json` to
`out_dir`, shows a progress bar with the running pass rate, and prints a summary table whose last line
reads `proved N/M`. Rerunning with the same `out_dir` proves only the theorems not yet recorded.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

from prover.benchmarks import select_theorems
from prover.executors import execute
from prover.ray_cluster import RayClusterError
from prover.results import ProofRecord, append_record, read_records, summary_table, tree_path

log = logging.getLogger(__name__)


def run(cfg: DictConfig) -> list[ProofRecord]:
    """Prove the configured theorems; return the records of this selection (old and new)."""
    cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=True))
    out_dir = Path(cfg.out_dir)
    (out_dir / "trees").mkdir(parents=True, exist_ok=True)
    results = out_dir / "results.jsonl"
    theorems = select_theorems(cfg.benchmark)
    wanted = {t.name for t in theorems}
    done = {r.name for r in read_records(results)}
    todo = [t for t in theorems if t.name not in done]
    if done & wanted:
        log.info(
            "resuming: %d of %d theorems already recorded in %s", len(done & wanted), len(theorems), results
        )
    proved = attempted = 0
    with tqdm(total=len(todo), desc=f"prove {cfg.search.name}", unit="thm", file=sys.stderr) as bar:
        for attempt in execute(cfg, todo):
            append_record(results, attempt.record)
            if attempt.tree is not None and cfg.get("save_trees", True):
                tree_path(out_dir, attempt.record.name).write_text(json.dumps(attempt.tree), encoding="utf-8")
            attempted += 1
            proved += attempt.record.proved
            bar.set_postfix_str(f"proved {proved}/{attempted} ({100 * proved / attempted:.0f}%)")
            bar.update()
    records = [r for r in read_records(results) if r.name in wanted]
    sys.stdout.write(summary_table(records) + "\n")
    return records


@hydra.main(version_base="1.3", config_path="../configs", config_name="prove")
def main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except RayClusterError as err:  # an unreachable or unauthenticated cluster: a message, no traceback
        log.error("%s", err)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
