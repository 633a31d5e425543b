"""Select the theorems of a run from the `benchmark=` config group, or from `statement=`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from omegaconf import DictConfig

from prover.minif2f import SPLITS, load_minif2f_dir, load_minif2f_jsonl
from prover.theorems import (
    Theorem,
    TheoremParseError,
    load_benchmark,
    load_theorems,
    scan_lean_file,
    scan_lean_text,
)

BUNDLED = Path(__file__).resolve().parents[1] / "lean_project"
# `benchmark.split` when none is given: the bundled benchmark's test split; everything else in full.
DEFAULT_SPLIT = {"bundled": "test"}


@dataclass(frozen=True)
class Selection:
    """The theorems to prove, and the declarations that could not be read (each a failed record)."""

    theorems: tuple[Theorem, ...]
    errors: tuple[TheoremParseError, ...] = ()


def select_theorems(cfg: DictConfig) -> list[Theorem]:
    """The theorems of `cfg.split` (`all` for every split) of the configured benchmark, first `limit`;
    raises `TheoremParseError` for a declaration it cannot read."""
    selection = select_benchmark(cfg)
    if selection.errors:
        raise selection.errors[0]
    return list(selection.theorems)


def select_benchmark(cfg: DictConfig) -> Selection:
    """Like `select_theorems`, but a `benchmark.name=file` declaration that cannot be read is returned
    in `errors` (with its file and line) while the others are kept."""
    name = str(cfg.get("name", "bundled"))
    split = cfg.get("split") or DEFAULT_SPLIT.get(name, "all")
    errors: list[TheoremParseError] = []
    if name == "bundled":
        theorems = load_benchmark(Path(cfg.path) if cfg.get("path") else BUNDLED, split)
    elif name == "minif2f":
        theorems = _minif2f(Path(cfg.path), split)
    elif name == "file":
        theorems, errors = _own_files(Path(cfg.path))
        theorems = [t for t in theorems if split == "all" or t.split == split]
    else:
        theorems = [t for t in load_theorems(Path(cfg.path)) if split == "all" or t.split == split]
    limit = cfg.get("limit")
    kept = theorems[: int(limit)] if limit is not None else theorems
    return Selection(tuple(kept), tuple(errors))


def select_statement(text: str) -> Selection:
    """`statement=`: one Lean statement (its `:= ...` optional), or `@path` to a `.lean` file."""
    if text.startswith("@"):
        return Selection(*map(tuple, _own_files(Path(text[1:]))))
    source = text if ":=" in text else f"{text} := by sorry"
    theorems, errors = scan_lean_text(source, path=Path("<statement>"))
    if not theorems and not errors:
        errors = [TheoremParseError("<statement>", 1, "no `theorem` or `lemma` declaration in the statement")]
    return Selection(tuple(theorems), tuple(errors))


def _own_files(path: Path) -> tuple[list[Theorem], list[TheoremParseError]]:
    if not path.exists():
        return [], [TheoremParseError(str(path), 0, "no such file or folder")]
    if path.suffix == ".jsonl":
        return load_theorems(path), []
    theorems: list[Theorem] = []
    errors: list[TheoremParseError] = []
    for file in sorted(path.rglob("*.lean")) if path.is_dir() else [path]:
        found, bad = scan_lean_file(file)
        theorems += found
        errors += bad
    return _unique(theorems, errors)


def _unique(
    theorems: list[Theorem], errors: list[TheoremParseError]
) -> tuple[list[Theorem], list[TheoremParseError]]:
    """Results are keyed by name, so a second theorem with a taken name is an error, not a proof."""
    seen: dict[str, Theorem] = {}
    for thm in theorems:
        if thm.name in seen:
            message = f"duplicate theorem name {thm.name} (first at {seen[thm.name].location})"
            errors.append(TheoremParseError(thm.file, thm.line, message, name=f"{thm.name}@{thm.location}"))
        else:
            seen[thm.name] = thm
    return list(seen.values()), errors


def _minif2f(path: Path, split: str) -> list[Theorem]:
    splits = SPLITS if split == "all" else (split,)
    if path.suffix == ".jsonl":
        return load_minif2f_jsonl(path, splits=splits)
    return load_minif2f_dir(path, splits=splits)
