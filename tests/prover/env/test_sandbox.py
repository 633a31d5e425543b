"""`env.sandbox=bwrap`: a stand-in process (Python, in place of Lean) tries to leave the sandbox.

These run the real bubblewrap (scripts/setup.sh --test installs it); they skip, saying why, only where
bwrap cannot create a sandbox at all. Each escape is also tried without the sandbox, so a test that
passes shows the sandbox, not the stand-in, stopped it.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import textwrap
import threading
import time
import uuid
from pathlib import Path

import pytest

from prover.env import sandbox
from prover.env.lean_process import LeanProcess
from prover.env.sandbox import SandboxUnavailable, bwrap_problem, wrap_command

PYTHON = "/usr/bin/python3"  # a system interpreter: the sandbox shows /usr, not the venv
pytestmark = pytest.mark.skipif(
    bwrap_problem() is not None or not Path(PYTHON).exists(),
    reason=f"bubblewrap cannot sandbox here: {bwrap_problem()}",
)


@pytest.fixture
def dirs(tmp_path: Path) -> dict[str, Path]:
    project, scratch, outside = tmp_path / "project", tmp_path / "scratch", tmp_path / "outside"
    for d in (project, scratch, outside):
        d.mkdir()
    (project / "Main.lean").write_text("theorem t : True := trivial\n")
    (outside / "secret.txt").write_text("host secret\n")
    return {"project": project, "scratch": scratch, "outside": outside}


def _run(code: str, dirs: dict[str, Path], mode: str, **kw: object) -> subprocess.CompletedProcess[str]:
    command = wrap_command(
        [PYTHON, "-c", textwrap.dedent(code)],
        sandbox=mode,
        project_dir=dirs["project"],
        scratch_dir=dirs["scratch"],
        **kw,  # type: ignore[arg-type]
    )
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def listener() -> int:
    """A TCP listener on the host's 127.0.0.1 that accepts for the duration of the test."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.settimeout(20)

    def accept() -> None:
        try:
            while True:
                conn, _ = server.accept()
                conn.close()
        except OSError:
            return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()


CONNECT = """
import socket, sys
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=5).close()
except OSError as exc:
    print("blocked", type(exc).__name__)
    sys.exit(3)
print("connected")
"""


def test_no_network(dirs: dict[str, Path], listener: int) -> None:
    assert _run(CONNECT.format(port=listener), dirs, "none").stdout.strip() == "connected"
    boxed = _run(CONNECT.format(port=listener), dirs, "bwrap")
    assert boxed.returncode == 3, boxed.stdout + boxed.stderr
    assert boxed.stdout.startswith("blocked")


WRITE = """
import sys
try:
    with open(sys.argv[1] if len(sys.argv) > 1 else {path!r}, "w") as f:
        f.write("pwned")
except OSError as exc:
    print("refused", exc.errno)
    sys.exit(3)
print("wrote")
"""


def test_writes_outside_the_scratch_folder_fail(dirs: dict[str, Path]) -> None:
    targets = [dirs["outside"] / "new.txt", dirs["project"] / "Main.lean", dirs["project"] / "new.lean"]
    targets += [Path("/usr/pwned"), dirs["scratch"].parent / "pwned"]
    for target in targets:
        boxed = _run(WRITE.format(path=str(target)), dirs, "bwrap")
        assert boxed.returncode == 3, (target, boxed.stdout, boxed.stderr)
    assert not (dirs["outside"] / "new.txt").exists()
    assert (dirs["project"] / "Main.lean").read_text() == "theorem t : True := trivial\n"
    assert not (dirs["project"] / "new.lean").exists()
    # the same write without the sandbox succeeds, so the sandbox is what stopped it
    assert _run(WRITE.format(path=str(dirs["outside"] / "new.txt")), dirs, "none").returncode == 0


def test_writes_in_the_scratch_folder_succeed(dirs: dict[str, Path]) -> None:
    boxed = _run(WRITE.format(path=str(dirs["scratch"] / "out.txt")), dirs, "bwrap")
    assert boxed.returncode == 0, boxed.stderr
    assert (dirs["scratch"] / "out.txt").read_text() == "pwned"


READ = """
import sys
try:
    print(open({path!r}).read().strip())
except OSError as exc:
    print("refused", exc.errno)
    sys.exit(3)
"""


def test_reads_outside_the_project_fail_and_inside_succeed(dirs: dict[str, Path]) -> None:
    secret = dirs["outside"] / "secret.txt"
    assert _run(READ.format(path=str(secret)), dirs, "none").stdout.strip() == "host secret"
    boxed = _run(READ.format(path=str(secret)), dirs, "bwrap")
    assert boxed.returncode == 3 and "host secret" not in boxed.stdout
    home = Path.home() / ".bashrc"
    if home.exists():
        assert _run(READ.format(path=str(home)), dirs, "bwrap").returncode == 3
    inside = _run(READ.format(path=str(dirs["project"] / "Main.lean")), dirs, "bwrap")
    assert inside.stdout.strip() == "theorem t : True := trivial"
    extra = _run(READ.format(path=str(secret)), dirs, "bwrap", read_only=[dirs["outside"]])
    assert extra.stdout.strip() == "host secret"  # read_only= makes a path visible on purpose


def test_memory_limit(dirs: dict[str, Path]) -> None:
    code = """
    import sys
    try:
        block = bytearray(400 * 1024 * 1024)
    except MemoryError:
        sys.exit(3)
    print(len(block))
    """
    assert _run(code, dirs, "bwrap", memory_limit_mb=None).returncode == 0
    assert _run(code, dirs, "bwrap", memory_limit_mb=200).returncode == 3


ECHO = """
import json, sys
buffer = []
for line in sys.stdin:
    if line.strip():
        buffer.append(line)
        continue
    request = json.loads("".join(buffer)); buffer = []
    import os
    print(json.dumps({"echo": request, "cwd": os.getcwd()}) + "\\n", flush=True)
"""


def _running(marker: str) -> str:
    return subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True, check=False).stdout.strip()


def test_a_long_lived_process_speaks_through_the_sandbox_and_dies_with_it(dirs: dict[str, Path]) -> None:
    marker = f"stand-in-{uuid.uuid4().hex}"
    command = wrap_command(
        [PYTHON, "-c", ECHO + f"# {marker}"],
        sandbox="bwrap",
        project_dir=dirs["project"],
        scratch_dir=dirs["scratch"],
    )
    process = LeanProcess(command, cwd=dirs["project"], memory_limit_mb=1024)
    try:
        answer = process.request({"cmd": "example : True := trivial"}, timeout_s=30)
        assert answer == {"echo": {"cmd": "example : True := trivial"}, "cwd": str(dirs["project"].resolve())}
        assert _running(marker)  # the check below can see the sandboxed process
    finally:
        process.close()
    assert not process.alive
    deadline = time.monotonic() + 5
    while _running(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running(marker) == ""


def test_modes(
    dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    command = [PYTHON, "-c", "pass"]
    assert wrap_command(command, sandbox="none", project_dir=dirs["project"]) == tuple(command)
    boxed = wrap_command(command, sandbox="auto", project_dir=dirs["project"])
    assert "bwrap" in boxed[0] and "--unshare-all" in boxed and boxed[-3:] == tuple(command)
    with pytest.raises(ValueError, match="env.sandbox must be one of"):
        wrap_command(command, sandbox="docker", project_dir=dirs["project"])
    # where bwrap is missing: "auto" warns and runs unsandboxed, "bwrap" refuses with the install hint
    monkeypatch.setenv("PATH", str(dirs["scratch"]))
    sandbox.bwrap_problem.cache_clear()
    sandbox._warn_unsandboxed.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="prover.env.sandbox"):
            assert wrap_command(command, sandbox="auto", project_dir=dirs["project"]) == tuple(command)
        assert "WITHOUT a sandbox" in caplog.text and "apt-get install bubblewrap" in caplog.text
        with pytest.raises(SandboxUnavailable, match="apt-get install bubblewrap"):
            wrap_command(command, sandbox="bwrap", project_dir=dirs["project"])
    finally:
        monkeypatch.undo()
        sandbox.bwrap_problem.cache_clear()
    assert bwrap_problem() is None
