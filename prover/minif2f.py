"""miniF2F for Lean 4: loaders for its two public forms, and whether a theorem needs Mathlib.

Directory form: one theorem per file, `MiniF2F/Test/<name>.lean` and `MiniF2F/Valid/<name>.lean`, each
`import Mathlib` (and friends), options and `open`s, then `theorem <name> ... := by sorry`. JSONL form:
one object a line with `name`, `split`, `header`, `formal_statement` (ending in `:= by`, with or without
`sorry`); `informal_prefix` and `goal` are ignored. Both give `prover.theorems.Theorem`s whose `header`
is what must precede the statement, so a backend can run it once and reuse its environment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from prover.theorems import Theorem

SPLITS = ("test", "valid")

_DECLARATION = re.compile(r"^(?:theorem|lemma)\s+([^\s:({\[]+)", re.MULTILINE)
_TRAILING_BODY = re.compile(r"\s*:=\s*(?:by\b\s*)?(?:sorry\b\s*)?\Z")
_TRAILING_DOC = re.compile(r"/--(?:(?!-/).)*-/\s*\Z", re.DOTALL)
_IMPORTS_MATHLIB = re.compile(r"^\s*import\s+Mathlib\b", re.MULTILINE)
# Notation and names that exist only with Mathlib, for theorems that come without their header.
_MATHLIB_WORDS = re.compile(
    r"[ℝℂℚ∑∏√π‖]|\b(?:Real|Complex|Finset|Polynomial|deriv|Nat\.Prime|Int\.floor|Int\.ceil|Matrix)\b"
)


def split_statement(text: str, *, origin: str) -> tuple[str, str, str, int]:
    """Split a miniF2F file (or header + formal statement) into (header, statement, name, line).

    The statement is the last `theorem`/`lemma` up to its final `:=`, with the `by sorry` body and a
    docstring right before it removed; `line` is the 1-based line where it starts.
    """
    declarations = list(_DECLARATION.finditer(text))
    if not declarations:
        raise ValueError(f"{origin}: no theorem found")
    last = declarations[-1]
    body = _TRAILING_BODY.search(text, last.end())
    if body is None:
        raise ValueError(f"{origin}: the theorem {last.group(1)} does not end in `:= by sorry`")
    header = _TRAILING_DOC.sub("", text[: last.start()]).strip()
    statement = text[last.start() : body.start()].strip()
    return header, statement, last.group(1), text.count("\n", 0, last.start()) + 1


def parse_minif2f_file(path: str | Path, *, split: str) -> Theorem:
    """One theorem from one miniF2F `.lean` file."""
    path = Path(path)
    header, statement, name, line = split_statement(path.read_text(encoding="utf-8"), origin=str(path))
    return Theorem(name=name, statement=statement, split=split, file=str(path), line=line, header=header)


def load_minif2f_dir(root: str | Path, *, splits: Iterable[str] = SPLITS) -> list[Theorem]:
    """All theorems under `root/MiniF2F/<Split>/*.lean` (or `root/<Split>/*.lean`), sorted by name."""
    root = Path(root)
    base = root / "MiniF2F" if (root / "MiniF2F").is_dir() else root
    theorems: list[Theorem] = []
    for split in splits:
        folder = base / split.capitalize()
        if not folder.is_dir():
            raise FileNotFoundError(f"no miniF2F split folder {folder}")
        theorems += [parse_minif2f_file(p, split=split) for p in sorted(folder.glob("*.lean"))]
    return sorted(theorems, key=lambda t: (t.split, t.name))


def load_minif2f_jsonl(path: str | Path, *, splits: Iterable[str] = SPLITS) -> list[Theorem]:
    """Theorems of the wanted `splits` from a miniF2F JSONL file, in file order."""
    path = Path(path)
    wanted = set(splits)
    theorems: list[Theorem] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        record = json.loads(raw)
        split = str(record.get("split", "")).lower()
        if split not in wanted:
            continue
        origin = f"{path}:{number}"
        _, statement, _, _ = split_statement(str(record["formal_statement"]), origin=origin)
        theorems.append(
            Theorem(
                name=str(record["name"]),
                statement=statement,
                split=split,
                file=str(path),
                line=number,
                header=str(record.get("header", "")).strip(),
            )
        )
    return theorems


def requires_mathlib(theorem: Theorem) -> bool:
    """Whether the theorem cannot be stated without Mathlib (its header imports it, or it uses its names)."""
    return bool(_IMPORTS_MATHLIB.search(theorem.header) or _MATHLIB_WORDS.search(theorem.statement))
