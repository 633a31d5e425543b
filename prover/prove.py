"""`python -m prover.prove`: prove a benchmark split with a chosen search, environment and policy.

Writes `results.jsonl` (one record per theorem, appended as it finishes) and `trees/<name>.json` to
`out_dir`, shows a progress bar with the running pass rate, and prints a summary table whose last line
reads `proved N/M`. Rerunning with the same `out_dir` proves only the theorems not yet recorded.
A declaration of a `benchmark.name=file` file (or of `statement=`) that cannot be read is recorded as
failed, with its `file:line` and the reason, and the others are proved.

`statement="theorem t (a b : Nat) : a + b = b + a"` (or `statement=@file.lean`) proves that statement
instead of a benchmark and prints each proof found as a Lean declaration before the summary.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

from prover.benchmarks import Selection, select_benchmark, select_statement
from prover.cli import quote_override
from prover.executors import execute
from prover.ray_cluster import RayClusterError
from prover.results import ProofRecord, append_record, read_records, summary_table, tree_path
from prover.theorems import Theorem, TheoremParseError

log = logging.getLogger(__name__)


def run(cfg: DictConfig) -> list[ProofRecord]:
    """Prove the configured theorems; return the records of this selection (old and new)."""
    cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=True))
    out_dir = Path(cfg.out_dir)
    (out_dir / "trees").mkdir(parents=True, exist_ok=True)
    results = out_dir / "results.jsonl"
    selection = (
        select_statement(str(cfg.statement)) if cfg.get("statement") else select_benchmark(cfg.benchmark)
    )
    theorems = list(selection.theorems)
    done = {r.name for r in read_records(results)}
    for error in selection.errors:
        record = unreadable_record(cfg, error)
        log.error(
            "not proved, cannot read the declaration at %s:%d: %s", error.file, error.line, error.message
        )
        if record.name not in done:
            append_record(results, record)
    wanted = {t.name for t in theorems} | {unreadable_record(cfg, e).name for e in selection.errors}
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
    if cfg.get("statement"):
        sys.stdout.write(proofs_text(selection, records))
    sys.stdout.write(summary_table(records) + "\n")
    return records


def unreadable_record(cfg: DictConfig, error: TheoremParseError) -> ProofRecord:
    """The failed record of a declaration that could not be read, named by its name or location."""
    return ProofRecord(
        name=error.name or f"{error.file}:{error.line}",
        proved=False,
        proof=None,
        expansions=0,
        env_calls=0,
        seconds=0.0,
        error=f"cannot read the declaration at {error.file}:{error.line}: {error.message}",
        topic=Path(error.file).stem,
        search=str(cfg.search.name),
        stop_reason="unreadable",
    )


def proofs_text(selection: Selection, records: list[ProofRecord]) -> str:
    """Each theorem as a Lean declaration with the proof found, or a comment saying why there is none."""
    by_name = {r.name: r for r in records}
    blocks = []
    for theorem in selection.theorems:
        record = by_name.get(theorem.name)
        if record is not None and record.proved and record.proof is not None:
            blocks.append(_declaration(theorem, record.proof))
        else:
            reason = (record.error or record.stop_reason) if record is not None else "not attempted"
            blocks.append(f"-- {theorem.name}: no proof found ({reason})")
    blocks += [f"-- {e}" for e in selection.errors]
    return "\n\n".join(blocks) + "\n\n"


def _declaration(theorem: Theorem, proof: str) -> str:
    body = "\n".join(f"  {line}" if line.strip() else "" for line in proof.split("\n"))
    return f"{theorem.statement} := by\n{body}"


@hydra.main(version_base="1.3", config_path="../configs", config_name="prove")
def main(cfg: DictConfig) -> None:
    try:
        run(cfg)
    except RayClusterError as err:  # an unreachable or unauthenticated cluster: a message, no traceback
        log.error("%s", err)
        raise SystemExit(2) from None


if __name__ == "__main__":
    quote_override("statement")
    main()
