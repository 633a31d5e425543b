"""`python -m prover.doctor` here, where Lean is absent, and with stand-in `elan`/`lean`/`lake` scripts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from prover import doctor

ROOT = Path(__file__).resolve().parents[2]


def stand_ins(folder: Path, lean_version: str) -> Path:
    folder.mkdir()
    for tool, text in (
        ("elan", "elan 4.1.2 (58e8d545e 2025-05-26)"),
        ("lean", f"Lean (version {lean_version}, x86_64-unknown-linux-gnu, Release)"),
        ("lake", f"Lake version 5.0.0-src (Lean version {lean_version})"),
    ):
        script = folder / tool
        script.write_text(f"#!/bin/sh\necho '{text}'\n", encoding="utf-8")
        script.chmod(0o755)
    return folder


def lines_of(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    out = capsys.readouterr().out.splitlines()
    return {line.split()[1]: line for line in out[:-1]} | {"verdict": out[-1]}


def test_without_lean_it_says_so_and_core_is_still_ready(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert doctor.main([]) == 0
    lines = lines_of(capsys)
    for tool in ("elan", "lean", "lake"):
        assert lines[tool].startswith("--") and "not found on PATH (Lean is absent)" in lines[tool]
    assert "install elan" in lines["elan"] and "lake build" in lines["lean"]
    assert lines["repl"].startswith("--") and "Lean is absent" in lines["repl"]
    assert lines["torch"].startswith("ok") and lines["verdict"] == "ready for core"
    assert doctor.main(["--need", "lean"]) == 1
    assert lines_of(capsys)["verdict"] == "not ready for lean: 4 needed item(s) missing"
    assert doctor.main(["--need", "dojo"]) == 1


def test_versions_are_reported_and_a_wrong_toolchain_is_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wanted = (ROOT / "lean_project" / "lean-toolchain").read_text().strip().rsplit(":v", 1)[-1]
    monkeypatch.setenv("PATH", f"{stand_ins(tmp_path / 'right', wanted)}{os.pathsep}{os.environ['PATH']}")
    doctor.main(["--need", "core", "lean"])
    lines = lines_of(capsys)
    assert lines["lean"].startswith("ok") and f"Lean (version {wanted}" in lines["lean"]
    assert lines["elan"].startswith("ok") and "elan 4.1.2" in lines["elan"]
    assert "toolchain" not in lines
    monkeypatch.setenv("PATH", f"{stand_ins(tmp_path / 'wrong', '4.9.0')}{os.pathsep}{os.environ['PATH']}")
    doctor.main([])
    toolchain = lines_of(capsys)["toolchain"]
    assert toolchain.startswith("--") and "elan default" in toolchain


def test_without_lean_interact_the_repl_line_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = doctor._version
    monkeypatch.setattr(doctor, "_version", lambda dist: None if dist == "lean-interact" else real(dist))
    doctor.main([])
    assert "pip install '.[lean]'" in lines_of(capsys)["repl"]


def test_the_command_line_prints_one_line_per_item(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "prover.doctor", "--need", "gpu"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path)},
    )
    items = [line.split()[1] for line in done.stdout.splitlines()[:-1]]
    assert items[:2] == ["python", "torch"] and {"lean", "repl", "lean-dojo", "ray", "cuda", "vllm"} <= set(
        items
    )
    cuda_ok = "ok  cuda" in done.stdout
    assert done.returncode == (0 if cuda_ok else 1)
