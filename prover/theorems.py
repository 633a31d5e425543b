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
    `namespace` is the `namespace` the declaration sits in (e.g. `Benchmark`), so that `full_name` is
    the name Lean gives it, which is how lean-dojo finds a theorem.
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
    namespace: str = ""

    @property
    def full_name(self) -> str:
        """The fully qualified name (`Benchmark.arith_lt_le_trans`); `_root_.x` names `x`."""
        if self.name.startswith("_root_."):
            return self.name.removeprefix("_root_.")
        return f"{self.namespace}.{self.name}" if self.namespace else self.name

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.file else self.name


class TheoremParseError(Exception):
    """A declaration (or JSONL record) that cannot be read; `str()` is `<file>:<line>: <message>`.
    `name` is the declared name when it could be read."""

    def __init__(self, file: str, line: int, message: str, name: str = "") -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message, self.name = file, line, message, name


SPLITS = ("train", "valid", "test")
_DIFFICULTIES = ("easy", "medium", "hard")
_MODIFIERS = r"^(?:@\[[^\]]*\]\s*)?(?:(?:private|protected|nonrec)\s+)*"
_DECL = re.compile(_MODIFIERS + r"(theorem|lemma)\s+([^\s:({\[]+)")
_COMMAND = re.compile(
    r"^(?:(?:theorem|lemma|example|def|abbrev|instance|structure|inductive|class|namespace|section|end|open|"
    r"import|variable|universe|set_option|attribute|private|protected|noncomputable|axiom|macro|syntax|"
    r"notation|infix|prefix)\b|/-|@\[|#)"
)
_OPEN = "([{⟨"
_STRING_END = re.compile(r'(?<!\\)"')
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


def _tactic_block(text: str, at: int) -> str | None:
    """The tactic proof after the `:=` at `text[at]`, dedented; None for `sorry` (`:= by sorry` or
    `:= sorry`); ValueError when the body is neither `by ...` nor `sorry`."""
    body_at = len(text) - len(text[at + 2 :].lstrip())
    body = text[body_at:]
    if body.rstrip() == "sorry":
        return None
    if not re.match(r"by(?:\s|$)", body):
        raise ValueError("the body is not a tactic proof (`:= by ...`)")
    first, _, rest = body[2:].partition("\n")
    if first.strip():
        # Lean aligns the tactics after `by tac` on tac's column, wherever `by` stands.
        column = body_at + 2 - (text.rfind("\n", 0, body_at) + 1) + len(first) - len(first.lstrip())
        tail = [ln[column:] if ln[:column].isspace() else ln.strip() for ln in rest.split("\n")]
        script = "\n".join([first.strip(), *tail])
    else:
        script = textwrap.dedent(rest)
    script = "\n".join(ln.rstrip() for ln in script.split("\n")).strip("\n")
    return None if script.strip() == "sorry" else script


def block_comment_end(text: str, start: int) -> int:
    """Index just after the `-/` closing the (nestable) block comment opened at `start`; -1 if none."""
    depth, i = 0, start
    while i < len(text):
        if text.startswith("/-", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("-/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    return -1


def _blank_comments(text: str) -> str:
    """`text` with line comments and block comments (not docstrings) turned into spaces, newlines kept,
    so lines and columns still match the file and a commented-out theorem is never read. Raises
    ValueError (with the 1-based line) on an unterminated comment or docstring."""
    out, i = list(text), 0
    while i < len(text):
        if text[i] == '"':
            close = _STRING_END.search(text, i + 1)
            i = close.end() if close else len(text)
        elif text.startswith("--", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            out[i:end] = " " * (end - i)
            i = end
        elif text.startswith("/-", i):
            end = block_comment_end(text, i)
            if end < 0:
                raise ValueError(str(text.count("\n", 0, i) + 1))
            if not (text.startswith("/--", i) and not text.startswith("/--/", i)):
                out[i:end] = [ch if ch == "\n" else " " for ch in text[i:end]]
            i = end
        else:
            i += 1
    return "".join(out)


def _docstring_difficulty(doc: str) -> str:
    word = doc.strip().split(":", 1)[0].strip().lower()
    return word if word in _DIFFICULTIES else ""


def _split_of(path: Path) -> str:
    parent = path.parent.name.lower()
    return parent if parent in SPLITS else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


_SCOPE = re.compile(r"^(namespace|section|end)\b\s*([^\s]*)")


def _enter_or_leave(scopes: list[tuple[str, str]], line: str) -> None:
    """Track `namespace X` / `section` / `end` (Lean's scopes; only namespaces prefix names)."""
    match = _SCOPE.match(line)
    if match is None:
        return
    kind, name = match.groups()
    if kind != "end":
        scopes.append((kind, name))
    elif scopes:
        scopes.pop()


def _namespace(scopes: list[tuple[str, str]]) -> str:
    return ".".join(name for kind, name in scopes if kind == "namespace" and name)


def _declarations(lines: list[str]) -> Iterator[tuple[int, list[str], str, str]]:
    """(1-based line, the declaration's lines, its docstring, its namespace) for each `theorem` of a
    file whose comments are blanked. A declaration ends at the next command indented no deeper than it."""
    doc, i = "", 0
    scopes: list[tuple[str, str]] = []
    while i < len(lines):
        line = lines[i].lstrip()
        _enter_or_leave(scopes, line)
        if line.startswith("/--"):
            start, column = i, _indent(lines[i])
            while "-/" not in lines[i]:
                i += 1
            doc = " ".join(lines[start : i + 1])[column + 3 :].split("-/", 1)[0]
            after = lines[i].split("-/", 1)[1]
            if after.strip():
                # A declaration on the docstring's closing line keeps its own column.
                lines[i] = " " * (len(lines[i]) - len(after)) + after
            else:
                i += 1
            continue
        if _DECL.match(line):
            start, indent, i = i, _indent(lines[i]), i + 1
            while i < len(lines) and not (
                lines[i].strip() and _indent(lines[i]) <= indent and _COMMAND.match(lines[i].lstrip())
            ):
                i += 1
            yield start + 1, lines[start:i], doc, _namespace(scopes)
            doc = ""
            continue
        if line and not line.startswith("@["):
            doc = ""
        i += 1


def _theorem_from(
    decl: list[str], *, file: str, line: int, doc: str, path: Path, header: str, namespace: str = ""
) -> Theorem:
    text = "\n".join(decl)
    name = _DECL.match(decl[0].lstrip()).group(2)  # type: ignore[union-attr]
    try:
        at = _top_level_assign(text)
        if at is None:
            raise ValueError("no ':=' after the statement")
        proof = _tactic_block(text, at)
    except ValueError as err:
        raise TheoremParseError(file, line, f"theorem {name}: {err}", name=name) from None
    statement = re.sub(_MODIFIERS, "", " ".join(text[:at].split()))
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
        namespace=namespace,
    )


def scan_lean_file(path: str | Path) -> tuple[list[Theorem], list[TheoremParseError]]:
    """Every `theorem` of a `.lean` file, and an error (with file and line) for each one that cannot be
    read; the readable ones are never lost because of a bad neighbour."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [], [TheoremParseError(str(path), 0, f"cannot read the file: {err}")]
    return scan_lean_text(source, path=path)


def scan_lean_text(source: str, *, path: Path) -> tuple[list[Theorem], list[TheoremParseError]]:
    """`scan_lean_file` on `source`, located as `path` in theorems and errors."""
    try:
        text = _blank_comments(source.replace("\r\n", "\n"))
    except ValueError as err:
        return [], [TheoremParseError(str(path), int(str(err)), "unterminated comment or docstring")]
    lines = text.split("\n")
    header = "\n".join(ln for ln in lines if ln.startswith(("import ", "open ")))
    theorems: list[Theorem] = []
    errors: list[TheoremParseError] = []
    for line, decl, doc, namespace in _declarations(lines):
        try:
            theorems.append(
                _theorem_from(
                    decl, file=str(path), line=line, doc=doc, path=path, header=header, namespace=namespace
                )
            )
        except TheoremParseError as err:
            errors.append(err)
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
