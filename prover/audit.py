"""`python -m prover.audit [run=<out_dir>]`: the embedded kernel's verdicts against real Lean's.

Checks a corpus (the adversarial suite, the reference proofs, a sample of a `prove` run's proofs) with
`env=embedded` and with the real-Lean backend (`env=repl` by default), prints a table of the cases where
they disagree (case, embedded verdict, Lean's verdict, the verdict the suite records, messages) and a
summary line. Exit 1 on any false accept (the kernel accepts what Lean rejects), 2 when Lean is not
available or the input is unreadable, 0 otherwise.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

import hydra
from hydra.errors import InstantiationException
from hydra.utils import instantiate
from omegaconf import DictConfig

from prover.benchmarks import select_theorems
from prover.env.audit import (
    AuditCase,
    SuiteError,
    load_reference_proofs,
    load_run_proofs,
    load_suite,
    render_table,
    run_audit,
    summary,
)
from prover.env.base import EnvCrash, LeanNotFound

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SUITE = ROOT / "tests" / "prover" / "env" / "adversarial" / "cases.yaml"
DEFAULT_REFERENCE = ROOT / "lean_project" / "Benchmark" / "Proofs"
PARTS = ("suite", "reference", "run")


def build_corpus(cfg: DictConfig) -> list[AuditCase]:
    """The cases of the configured corpus parts, in order; raises SuiteError on unreadable input."""
    parts = list(cfg.corpus)
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise SuiteError(f"corpus: unknown part(s) {unknown}; choose from {list(PARTS)}")
    cases: list[AuditCase] = []
    if "suite" in parts:
        cases += load_suite(cfg.suite or DEFAULT_SUITE)
    if "reference" in parts:
        cases += load_reference_proofs(cfg.reference or DEFAULT_REFERENCE)
    if "run" in parts and cfg.run:
        theorems = {t.name: t for t in select_theorems(cfg.benchmark)}
        cases += load_run_proofs(cfg.run, theorems, sample=int(cfg.sample), seed=int(cfg.seed))
    return cases


def run(cfg: DictConfig, out: TextIO = sys.stdout) -> int:
    try:
        cases = build_corpus(cfg)
    except SuiteError as exc:
        out.write(f"error: {exc}\n")
        return 2
    try:
        lean = instantiate(cfg.env)
    except InstantiationException as exc:
        cause = exc.__cause__
        if isinstance(cause, (LeanNotFound, EnvCrash)):
            out.write(f"error: Lean is not available, nothing was audited: {cause}\n")
            return 2
        raise
    with lean, instantiate(cfg.embedded) as embedded:
        report = run_audit(
            cases,
            embedded,
            lean,
            progress=lambda i, n: log.info("audited %d/%d", i, n) if i % 25 == 0 else None,
        )
    rows = report.rows if cfg.show_all else report.disagreements
    out.write("\n".join(render_table(rows)) + "\n")
    out.write(summary(report) + "\n")
    return 1 if report.false_accepts else 0


@hydra.main(version_base="1.3", config_path="../configs", config_name="audit")
def main(cfg: DictConfig) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    sys.exit(run(cfg))


if __name__ == "__main__":
    main()
