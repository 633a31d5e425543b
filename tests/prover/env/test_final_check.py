"""The file-compiling final check (`final_check.lean_file_check`, the `#print axioms` check of env=dojo).

Without Lean here, a stand-in `lean` (a Python script started exactly as `lake env lean --json` would
be, inside the real bubblewrap sandbox) prints messages in the shape of Lean's `--json` output
(`Lean.SerialMessage`); these tests check how the file is laid out, which message is read as the
`#print axioms` answer, and the verdicts. `test_real_lean_*` run the same checks on a real toolchain
(marker `lean`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from prover.env.base import EnvTimeout
from prover.env.final_check import check_file_text, lean_file_check, parse_json_messages
from prover.env.sandbox import bwrap_problem

PYTHON = "/usr/bin/python3"
STATEMENT = "theorem t (a b : Nat) : a + b = b + a"
MODE = "bwrap" if bwrap_problem() is None else "none"

# The stand-in reads the file it is given, finds the `#print axioms` line, and answers what the test
# put in FAKE_LEAN (a JSON object: `axioms`, `messages` [[severity, line, text]], `exit`, `sleep`).
STAND_IN = """
import json, os, sys, time
spec = json.loads(os.environ["FAKE_LEAN"])
args = sys.argv[1:]
if "-o" in args:
    open(args[args.index("-o") + 1], "w").write("olean")
lines = open(args[-1], encoding="utf-8").read().split("\\n")
at = next(i for i, l in enumerate(lines, 1) if l.startswith("#print axioms "))
name = lines[at - 1].split()[-1]
time.sleep(spec.get("sleep", 0))
def emit(severity, line, data):
    print(json.dumps({"fileName": args[-1], "pos": {"line": line, "column": 0}, "endPos": None,
                      "keepFullRange": False, "severity": severity, "caption": "", "data": data}))
for severity, line, data in spec.get("messages", []):
    emit(severity, line, data)
if spec.get("axioms") is not None:
    answer = ", ".join(spec["axioms"])
    emit("information", at, f"'{name}' depends on axioms: [{answer}]" if answer else f"'{name}' does not depend on any axioms")
sys.exit(spec.get("exit", 0))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "fake_lean.py").write_text(STAND_IN)
    (root / "fake_checker.py").write_text(
        "import sys, os; sys.exit(int(os.environ.get('CHECKER_EXIT', '0')))\n"
    )
    return root


def _check(project: Path, monkeypatch: pytest.MonkeyPatch, spec: dict, script: str = "omega", **kw):
    monkeypatch.setenv("FAKE_LEAN", json.dumps(spec))
    return lean_file_check(
        project_dir=project,
        header="import Mathlib",
        statement=STATEMENT,
        name="t",
        script=script,
        sandbox=MODE,
        timeout_s=30,
        lean_cmd=(PYTHON, str(project / "fake_lean.py")),
        **kw,
    )


def test_file_layout_and_axioms_line() -> None:
    text, line = check_file_text("import Mathlib\nopen Real", STATEMENT, "t", "intro h\n\nsimp")
    lines = text.split("\n")
    assert lines[line - 1] == "#print axioms t"
    assert lines[:6] == ["import Mathlib", "open Real", "", f"{STATEMENT} := by", "  intro h", ""]
    no_header, line = check_file_text("", STATEMENT, "t", "omega")
    assert no_header.split("\n")[line - 1] == "#print axioms t" and no_header.startswith("theorem")


def test_parse_json_messages() -> None:
    out = "\n".join(
        [
            "building...",
            json.dumps(
                {"severity": "warning", "pos": {"line": 3, "column": 2}, "data": "declaration uses 'sorry'"}
            ),
            json.dumps(
                {
                    "severity": "information",
                    "pos": {"line": 6, "column": 0},
                    "data": "'t' depends on axioms: []",
                }
            ),
            "{not json",
        ]
    )
    messages = parse_json_messages(out)
    assert [(m.severity, m.line, m.column) for m in messages] == [("warning", 3, 2), ("info", 6, 0)]


def test_standard_axioms_pass(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check(project, monkeypatch, {"axioms": ["propext", "Quot.sound"]}).ok
    assert _check(project, monkeypatch, {"axioms": []}).ok


def test_sorry_warning_fails(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = {"axioms": ["sorryAx"], "messages": [["warning", 3, "declaration uses 'sorry'"]]}
    result = _check(project, monkeypatch, spec)
    assert not result.ok and result.message == "the proof uses sorry"


def test_non_standard_axiom_fails(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _check(project, monkeypatch, {"axioms": ["propext", "cheat"]})
    assert not result.ok and "cheat" in result.message
    native = {"axioms": ["Lean.ofReduceBool"]}
    assert not _check(project, monkeypatch, native).ok
    assert _check(project, monkeypatch, native, allow_native_decide=True).ok


def test_lean_error_fails(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = {"axioms": ["propext"], "messages": [["error", 4, "unsolved goals"]]}
    result = _check(project, monkeypatch, spec)
    assert not result.ok and result.message == "Lean error at 4:0: unsolved goals"


def test_no_answer_fails_with_lean_output(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _check(project, monkeypatch, {"axioms": None, "exit": 1})
    assert not result.ok and "exited with code 1" in result.message
    result = _check(project, monkeypatch, {"axioms": None})
    assert not result.ok and "no #print axioms answer" in result.message


def test_refused_script_never_reaches_lean(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _check(project, monkeypatch, {"axioms": [], "exit": 0}, script="omega\n#exit")
    assert not result.ok and result.message.startswith("refused before Lean")


def test_timeout(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_LEAN", json.dumps({"axioms": [], "sleep": 30}))
    with pytest.raises(EnvTimeout):
        lean_file_check(
            project_dir=project,
            header="",
            statement=STATEMENT,
            name="t",
            script="omega",
            sandbox=MODE,
            timeout_s=1,
            lean_cmd=(PYTHON, str(project / "fake_lean.py")),
        )


def test_lean4checker_runs_after_a_passing_compile(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checker = (PYTHON, str(project / "fake_checker.py"))
    monkeypatch.setenv("CHECKER_EXIT", "0")
    assert _check(project, monkeypatch, {"axioms": []}, lean4checker_cmd=checker).ok
    monkeypatch.setenv("CHECKER_EXIT", "1")
    result = _check(project, monkeypatch, {"axioms": []}, lean4checker_cmd=checker)
    assert not result.ok and "lean4checker" in result.message


@pytest.mark.lean
@pytest.mark.skipif(shutil.which("lake") is None, reason="needs a Lean toolchain (lake on PATH)")
@pytest.mark.parametrize(
    ("script", "ok"),
    [("omega", True), ("sorry", False), ("exact Nat.add_comm a b", True), ("rfl", False)],
)
def test_real_lean_file_check(script: str, ok: bool) -> None:
    project = Path(os.environ.get("HTPS_LEAN_PROJECT", Path(__file__).resolve().parents[3] / "lean_project"))
    result = lean_file_check(
        project_dir=project,
        header="",
        statement=STATEMENT,
        name="t",
        script=script,
        sandbox="auto",
        timeout_s=300,
    )
    assert result.ok is ok, result.message
