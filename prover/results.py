"""Result records of a `prove` run: `results.jsonl` (appended as theorems finish) and the summary table."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProofRecord:
    """One theorem's outcome. `proof` is the re-checked Lean tactic script (None unless proved);
    `error` is None or why the attempt failed for a reason other than running out of budget."""

    name: str
    proved: bool
    proof: str | None
    expansions: int
    env_calls: int
    seconds: float
    error: str | None
    split: str = ""
    topic: str = ""
    difficulty: str = ""
    search: str = ""
    stop_reason: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def tree_path(out_dir: Path, name: str) -> Path:
    """Where a run stores a theorem's search tree: `trees/<name>.json`, every character other than a
    letter, a digit or `._-` replaced by `_`."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return out_dir / "trees" / f"{safe}.json"


def append_record(path: Path, record: ProofRecord) -> None:
    """Append one record and flush it to disk, so an interrupted run keeps every finished theorem."""
    with path.open("a", encoding="utf-8") as f:
        f.write(record.to_json() + "\n")
        f.flush()


def read_records(path: Path) -> list[ProofRecord]:
    """Records already in `path`; a torn last line (a run killed mid-write) is skipped with a warning."""
    if not path.exists():
        return []
    records = []
    fields = set(ProofRecord.__dataclass_fields__)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            records.append(ProofRecord(**{k: v for k, v in data.items() if k in fields}))
        except (json.JSONDecodeError, TypeError) as err:
            log.warning("%s:%d: skipping unreadable record (%s)", path, lineno, err)
    return records


def summary_table(records: Iterable[ProofRecord]) -> str:
    """Pass rate per split and topic, then a last line `proved N/M`."""
    records = list(records)
    groups: dict[tuple[str, str], list[ProofRecord]] = defaultdict(list)
    for rec in records:
        groups[(rec.split or "-", rec.topic or "-")].append(rec)
    rows = [("split", "topic", "proved", "total", "rate")]
    for (split, topic), recs in sorted(groups.items()):
        proved = sum(r.proved for r in recs)
        rows.append((split, topic, str(proved), str(len(recs)), f"{100 * proved / len(recs):.1f}%"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    total = sum(r.proved for r in records)
    lines.append(f"proved {total}/{len(records)}")
    return "\n".join(lines)
