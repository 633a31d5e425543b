"""The JSON-over-pipes process helper, on small Python child processes standing in for Lean."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from prover.env.base import EnvCrash, EnvTimeout
from prover.env.lean_process import LeanProcess, with_memory_limit

# Echoes each request back pretty-printed over several lines, like the REPL's `Json.pretty`.
ECHO = """
import json, sys
buffer = []
for line in sys.stdin:
    if line.strip():
        buffer.append(line)
        continue
    request = json.loads("".join(buffer))
    buffer = []
    if request.get("allocate_mb"):
        hog = bytearray(request["allocate_mb"] * 1024 * 1024)
    if request.get("sleep"):
        import time; time.sleep(request["sleep"])
    if request.get("garbage"):
        print("PANIC at lean_inc_ref")
    print(json.dumps({"echo": request, "lines": ["a", "b"]}, indent=1, ensure_ascii=False))
    print(flush=True)
"""


def echo(tmp_path: Path, memory_limit_mb: int | None = None) -> LeanProcess:
    return LeanProcess((sys.executable, "-c", ECHO), cwd=tmp_path, memory_limit_mb=memory_limit_mb)


def test_request_round_trip_with_multiline_answers(tmp_path: Path) -> None:
    process = echo(tmp_path)
    try:
        request = {"tactic": "intro h\n  exact ⟨h.2, h.1⟩", "proofState": 3}
        assert process.request(request, timeout_s=10) == {"echo": request, "lines": ["a", "b"]}
        assert process.request({"cmd": "x"}, timeout_s=10)["echo"] == {"cmd": "x"}
    finally:
        process.close()
        process.close()
    assert not process.alive


def test_timeout_kills_the_process(tmp_path: Path) -> None:
    process = echo(tmp_path)
    with pytest.raises(EnvTimeout, match="0.3 s"):
        process.request({"sleep": 30}, timeout_s=0.3)
    assert not process.alive


def test_non_json_output_is_a_crash(tmp_path: Path) -> None:
    process = echo(tmp_path)
    with pytest.raises(EnvCrash, match="not JSON"):
        process.request({"garbage": True}, timeout_s=10)
    assert not process.alive


def test_memory_limit_stops_a_hungry_process(tmp_path: Path) -> None:
    process = echo(tmp_path, memory_limit_mb=200)
    try:
        assert process.request({"allocate_mb": 20}, timeout_s=10)["echo"]["allocate_mb"] == 20
        with pytest.raises(EnvCrash, match="MemoryError"):
            process.request({"allocate_mb": 400}, timeout_s=10)
    finally:
        process.close()
    assert with_memory_limit(("lake", "exe", "repl"), None) == ("lake", "exe", "repl")
    assert with_memory_limit(("lake",), 2)[-1] == "lake"
