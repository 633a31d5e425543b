"""Training samples produced by proof search, and their JSONL form (one object per line).

Each line carries a `kind` field (`tactic` or `critic`) so that one file, or one replay buffer, can hold
both kinds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from search import samples as search_samples


@dataclass(frozen=True)
class TacticSample:
    """The policy should propose `tactic` on `goal` (goal text in Lean's format; `name`: declaration)."""

    goal: str
    tactic: str
    name: str | None = None


@dataclass(frozen=True)
class CriticSample:
    """The critic should answer `target` (in [0, 1], the soft SOLVABLE probability) on `goal`."""

    goal: str
    target: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.target <= 1.0:
            raise ValueError(f"critic target must be in [0, 1], got {self.target}")


Sample = TacticSample | CriticSample
_KINDS: dict[str, type[TacticSample] | type[CriticSample]] = {"tactic": TacticSample, "critic": CriticSample}


def to_dict(sample: Sample) -> dict[str, object]:
    kind = "tactic" if isinstance(sample, TacticSample) else "critic"
    return {"kind": kind, **asdict(sample)}


def from_dict(record: dict[str, object]) -> Sample:
    fields = dict(record)
    kind = fields.pop("kind", None)
    if kind not in _KINDS:
        raise ValueError(f"sample record has unknown kind {kind!r}: {record}")
    return _KINDS[kind](**fields)  # type: ignore[arg-type]


def from_search(
    samples: Iterable[search_samples.TacticSample | search_samples.CriticSample], *, name: str | None = None
) -> list[Sample]:
    """Training samples from the search's (`search.tactic_samples` / `critic_samples`); `name` is the
    theorem's declaration name, kept on tactic samples for formats that show it."""
    converted: list[Sample] = []
    for sample in samples:
        if isinstance(sample, search_samples.TacticSample):
            converted.append(TacticSample(sample.goal_text, sample.tactic, name))
        else:
            converted.append(CriticSample(sample.goal_text, sample.target))
    return converted


def write_jsonl(path: str | Path, samples: Iterable[Sample], *, append: bool = False) -> int:
    """Write samples, one JSON object per line (UTF-8, unescaped); returns how many were written."""
    count = 0
    with Path(path).open("a" if append else "w", encoding="utf-8") as f:
        for sample in samples:
            f.write(json.dumps(to_dict(sample), ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path: str | Path) -> list[Sample]:
    """Read samples written by `write_jsonl`; blank lines are skipped, bad lines raise `ValueError`."""
    samples: list[Sample] = []
    with Path(path).open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                samples.append(from_dict(json.loads(line)))
            except (json.JSONDecodeError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
    return samples
