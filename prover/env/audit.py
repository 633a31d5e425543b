"""Audit the embedded kernel against real Lean: the same corpus checked by two backends, compared.

A corpus is a list of `AuditCase`s (a theorem, a tactic script and, for the adversarial suite, the
verdict recorded for Lean with its reason). `run_audit` checks every case with the embedded kernel and
with a real-Lean backend (`env=repl`) and classifies each pair of verdicts:

- false accept: the kernel accepts a script Lean rejects. The kernel's promise is that every script it
  accepts compiles in Lean 4 core, so one of these fails the audit (exit 1).
- false reject: Lean accepts, the kernel rejects. Allowed (the kernel may refuse what it cannot decide),
  reported as a completeness figure.
- expectation mismatch: Lean's actual verdict differs from the one recorded in the suite, i.e. the suite
  itself is wrong there; reported so that the suite can be corrected.

Corpus sources: the adversarial suite (`tests/prover/env/adversarial/cases.yaml`), the reference proofs
(`lean_project/Benchmark/Proofs`), and a sample of the proofs a `prove` run found (`run=<out_dir>`).
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from prover.env.base import CheckResult, EnvError, Environment
from prover.theorems import Theorem, scan_lean_file

log = logging.getLogger(__name__)

VERDICTS = ("accept", "reject", "unsure")
_REQUIRED = ("id", "class", "theorem", "proof", "lean", "reason")


class SuiteError(ValueError):
    """The suite file is malformed; the message names the file and the case."""


@dataclass(frozen=True)
class AuditCase:
    """One script to check. `lean` is the verdict recorded for Lean ("accept", "reject", "unsure" or
    "" when unknown, as for a prove run's proofs); `audit` is false when the REPL backend cannot judge
    the case as written (see `audit_note`)."""

    id: str
    source: str
    theorem: Theorem
    proof: str
    lean: str = ""
    klass: str = ""
    reason: str = ""
    audit: bool = True
    audit_note: str = ""


def theorem_of(statement: str) -> Theorem:
    """A `Theorem` from a declaration head; its name is the token after the keyword."""
    words = statement.split()
    name = words[1] if len(words) > 1 else "t"
    return Theorem(name=name.split("(")[0] or "t", statement=statement)


def load_suite(path: str | Path) -> list[AuditCase]:
    """Read the adversarial suite (YAML list of cases, see its header); raise SuiteError naming the case."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read the suite: {exc.strerror or exc}") from exc
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise SuiteError(f"{path}:{line}: not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise SuiteError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from exc
    if not isinstance(raw, list):
        raise SuiteError(f"{path}: expected a list of cases")
    cases, seen = [], set()
    for i, entry in enumerate(raw):
        where = f"{path}: case {i + 1}"
        if not isinstance(entry, dict):
            raise SuiteError(f"{where}: not a mapping")
        missing = [k for k in _REQUIRED if k not in entry]
        if missing:
            raise SuiteError(f"{where} ({entry.get('id', '?')}): missing {', '.join(missing)}")
        if entry["lean"] not in VERDICTS:
            raise SuiteError(f"{where} ({entry['id']}): lean must be one of {VERDICTS}")
        if entry["id"] in seen:
            raise SuiteError(f"{where}: duplicate id {entry['id']}")
        seen.add(entry["id"])
        cases.append(
            AuditCase(
                id=str(entry["id"]),
                source="suite",
                theorem=theorem_of(str(entry["theorem"])),
                proof=str(entry["proof"]),
                lean=str(entry["lean"]),
                klass=str(entry["class"]),
                reason=str(entry["reason"]),
                audit=bool(entry.get("audit", True)),
                audit_note=str(entry.get("audit_note", "")),
            )
        )
    return cases


def load_reference_proofs(folder: str | Path) -> list[AuditCase]:
    """Every theorem with a proof under `folder` (the bundled reference proofs: Lean accepts them)."""
    cases = []
    for file in sorted(Path(folder).rglob("*.lean")):
        theorems, _errors = scan_lean_file(file)
        for th in theorems:
            if th.proof is not None:
                cases.append(
                    AuditCase(id=th.name, source="reference", theorem=th, proof=th.proof, lean="accept")
                )
    return cases


def load_run_proofs(
    out_dir: str | Path, theorems: dict[str, Theorem], *, sample: int, seed: int
) -> list[AuditCase]:
    """A seeded sample of at most `sample` proofs a `prove` run found (its `results.jsonl` records with
    `proved` true), each paired with its statement from `theorems` (the run's benchmark, by name)."""
    path = Path(out_dir) / "results.jsonl"
    if not path.is_file():
        raise SuiteError(f"{path}: no results.jsonl in the run folder")
    found, unknown = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SuiteError(f"{path}:{n}: not JSON: {exc}") from exc
        if not (rec.get("proved") and rec.get("proof")):
            continue
        th = theorems.get(str(rec.get("name")))
        if th is None:
            unknown.append(str(rec.get("name")))
            continue
        found.append(AuditCase(id=th.name, source="run", theorem=th, proof=str(rec["proof"])))
    if unknown:
        raise SuiteError(
            f"{path}: {len(unknown)} proved theorems are not in the configured benchmark "
            f"(first: {unknown[0]}); set benchmark=... to the run's benchmark"
        )
    rng = random.Random(seed)
    return sorted(rng.sample(found, min(sample, len(found))), key=lambda c: c.id)


@dataclass(frozen=True)
class Verdict:
    """A backend's verdict; `error` marks an infrastructure failure (timeout, crash), not a judgement."""

    ok: bool
    message: str = ""
    error: bool = False


def check_case(env: Environment, case: AuditCase) -> Verdict:
    """The backend's verdict on the case; an infrastructure error counts as a rejection with its text."""
    try:
        result: CheckResult = env.check(case.theorem, case.proof)
    except EnvError as exc:
        return Verdict(False, f"{type(exc).__name__}: {exc}", error=True)
    return Verdict(result.ok, (result.message or "").strip())


@dataclass(frozen=True)
class AuditRow:
    case: AuditCase
    embedded: Verdict
    lean: Verdict | None  # None: not run on Lean (audit: false)

    @property
    def judged(self) -> bool:
        """Lean gave a verdict (it was asked and did not time out or crash)."""
        return self.lean is not None and not self.lean.error

    @property
    def false_accept(self) -> bool:
        return self.judged and self.embedded.ok and not self.lean.ok

    @property
    def false_reject(self) -> bool:
        return self.judged and self.lean.ok and not self.embedded.ok

    @property
    def expectation_mismatch(self) -> bool:
        if not self.judged or self.case.lean not in ("accept", "reject"):
            return False
        return self.lean.ok != (self.case.lean == "accept")


@dataclass(frozen=True)
class AuditReport:
    rows: tuple[AuditRow, ...] = field(default_factory=tuple)

    @property
    def false_accepts(self) -> list[AuditRow]:
        return [r for r in self.rows if r.false_accept]

    @property
    def false_rejects(self) -> list[AuditRow]:
        return [r for r in self.rows if r.false_reject]

    @property
    def mismatches(self) -> list[AuditRow]:
        return [r for r in self.rows if r.expectation_mismatch]

    @property
    def lean_errors(self) -> list[AuditRow]:
        return [r for r in self.rows if r.lean is not None and r.lean.error]

    @property
    def disagreements(self) -> list[AuditRow]:
        """The rows worth printing: false accepts/rejects, contradicted expectations, Lean failures."""
        odd = {id(r) for r in (*self.false_accepts, *self.false_rejects, *self.mismatches, *self.lean_errors)}
        return [r for r in self.rows if id(r) in odd]


def run_audit(
    cases: Sequence[AuditCase],
    embedded: Environment,
    lean: Environment,
    progress: Callable[[int, int], None] | None = None,
) -> AuditReport:
    rows = []
    for i, case in enumerate(cases):
        lean_verdict = check_case(lean, case) if case.audit else None
        rows.append(AuditRow(case, check_case(embedded, case), lean_verdict))
        if progress is not None:
            progress(i + 1, len(cases))
    return AuditReport(tuple(rows))


def _cell(text: str, width: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _word(v: Verdict | None) -> str:
    return "-" if v is None else ("accept" if v.ok else "reject")


def render_table(rows: Iterable[AuditRow], *, width: int = 60) -> list[str]:
    """One line per row: kind, case, embedded verdict, Lean's verdict, expected, messages."""
    lines = [f"{'kind':<14} {'case':<36} {'embedded':<8} {'lean':<8} {'expected':<8} messages"]
    for row in rows:
        kind = (
            "FALSE ACCEPT"
            if row.false_accept
            else "false reject"
            if row.false_reject
            else "suite wrong"
            if row.expectation_mismatch
            else "lean error"
            if row.lean is not None and row.lean.error
            else "agree"
        )
        msg = f"embedded: {row.embedded.message or '-'} | lean: {row.lean.message if row.lean else '-'}"
        lines.append(
            f"{kind:<14} {_cell(f'{row.case.source}:{row.case.id}', 36):<36} {_word(row.embedded):<8} "
            f"{_word(row.lean):<8} {row.case.lean or '-':<8} {_cell(msg, width)}"
        )
    return lines


def summary(report: AuditReport) -> str:
    judged = [r for r in report.rows if r.judged]
    lean_ok = [r for r in judged if r.lean is not None and r.lean.ok]
    both_ok = [r for r in lean_ok if r.embedded.ok]
    rate = f"{100 * len(both_ok) / len(lean_ok):.1f}%" if lean_ok else "n/a"
    return (
        f"{len(report.rows)} cases, {len(judged)} judged by Lean: {len(report.false_accepts)} false accepts, "
        f"{len(report.false_rejects)} false rejects, completeness {len(both_ok)}/{len(lean_ok)} ({rate}), "
        f"{len(report.mismatches)} suite expectations contradicted by Lean, "
        f"{len(report.lean_errors)} not judged (Lean timed out or crashed)"
    )
