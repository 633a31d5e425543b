"""Theorems: what a benchmark is made of, and loaders from `.lean` files and JSONL."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Theorem:
    """One theorem to prove.

    `statement` is the Lean declaration head without its body, e.g.
    ``theorem and_swap (p q : Prop) : p ∧ q → q ∧ p``; `header` holds what must precede it in a Lean
    file (imports, `open`s). `file`/`line` locate the statement for error messages; `proof` is the
    tactic block text of a reference proof when one is known (e.g. loaded from a proof file).
    """

    name: str
    statement: str
    split: str = ""
    topic: str = ""
    difficulty: str = ""
    file: str = ""
    line: int = 0
    header: str = ""
    proof: str | None = None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file else self.name


class TheoremParseError(Exception):
    """A declaration (or JSONL record) that cannot be read; `str()` is `<file>:<line>: <message>`."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


SPLITS = ("train", "valid", "test")
_DIFFICULTIES = ("easy", "medium", "hard")
_DECL = re.compile(r"^(?:(?:private|protected|nonrec)\s+)*(theorem|lemma)\s+([^\s:({\[]+)")
_COMMAND = re.compile(
    r"^(?:(?:theorem|lemma|example|def|abbrev|instance|structure|inductive|class|namespace|section|end|open|"
    r"import|variable|universe|set_option|attribute|private|protected|noncomputable|axiom|macro|syntax|"
    r"notation|infix|prefix)\b|/-|@\[|#)"
)
_OPEN = "([{⟨"
_CLOSE = ")]}⟩"


def _top_level_assign(text: str) -> int | None:
    """Index of the first `:=` outside brackets, or None; raises ValueError on unbalanced brackets."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                raise ValueError(f"unbalanced '{ch}'")
        elif depth == 0 and text.startswith(":=", i):
            return i
    if depth != 0:
        raise ValueError("unbalanced brackets")
    return None


def _tactic_block(after_assign: str, first_column: int) -> str | None:
    """The tactic proof after `:=` as a dedented block; None for `sorry`; ValueError if not `by ...`."""
    body = after_assign.strip()
    if not body.startswith("by") or (len(body) > 2 and not body[2].isspace()):
        raise ValueError("the body is not a tactic proof (`:= by ...`)")
    lines = after_assign.split("\n")
    head = lines[0].lstrip()[2:]
    rest = lines[1:]
    if head.strip():
        column = (
            first_column + (len(lines[0]) - len(lines[0].lstrip())) + 2 + (len(head) - len(head.lstrip()))
        )
        block = [head.strip()] + [ln[column:] if ln[:column].isspace() else ln.strip() for ln in rest]
        script = "\n".join(block)
    else:
        script = textwrap.dedent("\n".join(rest))
    script = script.strip("\n").rstrip()
    return None if script.strip() == "sorry" else script


def _docstring_difficulty(doc: str) -> str:
    word = doc.strip().split(":", 1)[0].strip().lower()
    return word if word in _DIFFICULTIES else ""


def _split_of(path: Path) -> str:
    parent = path.parent.name.lower()
    return parent if parent in SPLITS else ""


def _declarations(lines: list[str]) -> Iterator[tuple[int, list[str], str]]:
    """(1-based line, the declaration's lines, its docstring) for each `theorem` in the file."""
    doc, i = "", 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("/--"):
            start = i
            while "-/" not in lines[i]:
                i += 1
                if i == len(lines):
                    raise TheoremParseError("", start + 1, "unterminated docstring")
            doc = " ".join(lines[start : i + 1])[3:].rsplit("-/", 1)[0]
            i += 1
            continue
        if _DECL.match(line):
            start, i = i, i + 1
            while i < len(lines) and not (lines[i][:1].strip() and _COMMAND.match(lines[i])):
                i += 1
            yield start + 1, lines[start:i], doc
            doc = ""
            continue
        if line.strip() and not line.startswith("--"):
            doc = ""
        i += 1


def _theorem_from(decl: list[str], *, file: str, line: int, doc: str, path: Path, header: str) -> Theorem:
    text = "\n".join(ln.split("--", 1)[0] if "--" in ln and '"' not in ln else ln for ln in decl)
    name = _DECL.match(decl[0]).group(2)  # type: ignore[union-attr]
    try:
        at = _top_level_assign(text)
        if at is None:
            raise ValueError("no ':=' after the statement")
        head_line = text[:at].count("\n")
        column = at + 2 - (text.rfind("\n", 0, at) + 1)
        proof = _tactic_block(text[at + 2 :], column if head_line == text[: at + 2].count("\n") else 0)
    except ValueError as err:
        raise TheoremParseError(file, line, f"theorem {name}: {err}") from None
    statement = " ".join(text[:at].split())
    statement = re.sub(r"^(?:(?:private|protected|nonrec)\s+)*", "", statement)
    return Theorem(
        name=name,
        statement=statement,
        split=_split_of(path),
        topic=path.stem,
        difficulty=_docstring_difficulty(doc),
        file=file,
        line=line,
        header=header,
        proof=proof,
    )


def scan_lean_file(path: str | Path) -> tuple[list[Theorem], list[TheoremParseError]]:
    """Every `theorem` of a `.lean` file, and an error (with file and line) for each one that cannot be
    read; the readable ones are never lost because of a bad neighbour."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    header = "\n".join(ln for ln in lines if ln.startswith(("import ", "open ")))
    theorems: list[Theorem] = []
    errors: list[TheoremParseError] = []
    try:
        for line, decl, doc in _declarations(lines):
            try:
                theorems.append(
                    _theorem_from(decl, file=str(path), line=line, doc=doc, path=path, header=header)
                )
            except TheoremParseError as err:
                errors.append(err)
    except TheoremParseError as err:
        errors.append(TheoremParseError(str(path), err.line, err.message))
    return theorems, errors


def _from_json(record: dict, *, file: str, line: int) -> Theorem:
    name = record.get("name")
    if not isinstance(name, str) or not name:
        raise TheoremParseError(file, line, "record has no 'name'")
    statement = record.get("statement") or record.get("formal_statement")
    if not isinstance(statement, str):
        raise TheoremParseError(file, line, f"{name}: record has neither 'statement' nor 'formal_statement'")
    try:
        at = _top_level_assign(statement)
    except ValueError as err:
        raise TheoremParseError(file, line, f"{name}: {err}") from None
    head = statement[:at] if at is not None else statement
    return Theorem(
        name=name,
        statement=" ".join(head.split()),
        split=str(record.get("split", "")).lower(),
        topic=str(record.get("topic", "")),
        difficulty=str(record.get("difficulty", "")),
        file=file,
        line=line,
        header=str(record.get("header", "")),
    )


def load_jsonl(path: str | Path) -> list[Theorem]:
    """Theorems from JSONL: `{name, statement, split}` (optional topic, header, difficulty), or the
    miniF2F form with `formal_statement` (ending in `:=`, `:= by` or `:= by sorry`) and `header`."""
    path = Path(path)
    out = []
    for line, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise TheoremParseError(str(path), line, f"invalid JSON: {err.msg}") from None
        if not isinstance(record, dict):
            raise TheoremParseError(str(path), line, "a record must be a JSON object")
        out.append(_from_json(record, file=str(path), line=line))
    return out


def _check_unique(theorems: list[Theorem]) -> list[Theorem]:
    seen: dict[str, Theorem] = {}
    for thm in theorems:
        if thm.name in seen:
            first = seen[thm.name]
            raise TheoremParseError(
                thm.file, thm.line, f"duplicate theorem name {thm.name} (first at {first.location})"
            )
        seen[thm.name] = thm
    return theorems


def load_theorems(path: str | Path) -> list[Theorem]:
    """Theorems from a `.lean` file, a folder of them (recursively, sorted), or a `.jsonl` file.
    Raises `TheoremParseError` (file and line) for the first declaration it cannot read."""
    path = Path(path)
    if not path.exists():
        raise TheoremParseError(str(path), 0, "no such file or folder")
    if path.suffix == ".jsonl":
        return _check_unique(load_jsonl(path))
    files = sorted(path.rglob("*.lean")) if path.is_dir() else [path]
    theorems: list[Theorem] = []
    for file in files:
        found, errors = scan_lean_file(file)
        if errors:
            raise errors[0]
        theorems.extend(found)
    return _check_unique(theorems)


def load_benchmark(root: str | Path, split: str | None = None) -> list[Theorem]:
    """Statements of the bundled-layout benchmark under `root/Benchmark/{Train,Valid,Test}` (not the
    proofs), for one split or all (`None` / `"all"`)."""
    root = Path(root)
    if split in (None, "all"):
        splits = SPLITS
    elif split in SPLITS:
        splits = (split,)
    else:
        raise ValueError(f"unknown split {split!r} (known: {', '.join(SPLITS)}, all)")
    theorems: list[Theorem] = []
    for name in splits:
        folder = root / "Benchmark" / name.capitalize()
        if folder.is_dir():
            theorems.extend(load_theorems(folder))
    return _check_unique(theorems)


def load_reference_proofs(root: str | Path) -> dict[str, Theorem]:
    """The reference proofs under `root/Benchmark/Proofs`, by theorem name."""
    return {t.name: t for t in load_theorems(Path(root) / "Benchmark" / "Proofs")}
