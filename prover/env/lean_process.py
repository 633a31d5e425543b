"""A Lean child process spoken to in JSON over stdin/stdout, with wall-clock timeouts and a memory cap.

Shared by the real-Lean backends. A request that runs past its timeout kills the whole process group
(`lake exe` starts Lean as a child) and raises `EnvTimeout`; a process that dies or prints something
that is not JSON raises `EnvCrash` with the tail of its stderr. Either way the process is gone and the
caller starts a fresh one.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path

from prover.env.base import EnvCrash, EnvTimeout, LeanNotFound

log = logging.getLogger(__name__)


def lean_not_found_message(project_dir: Path | str) -> str:
    return (
        "Lean 4 not found: install elan (https://github.com/leanprover/elan) and run `lake build` in "
        f"{project_dir}, or use env=embedded"
    )


def require_lean(command: Sequence[str], project_dir: Path) -> None:
    """Raise `LeanNotFound` (with the install hint) unless `command[0]` can run in `project_dir`."""
    executable = command[0] if command else ""
    found = shutil.which(executable) is not None or (os.sep in executable and os.access(executable, os.X_OK))
    if not found or not project_dir.is_dir():
        raise LeanNotFound(lean_not_found_message(project_dir))


def with_memory_limit(command: Sequence[str], limit_mb: int | None) -> tuple[str, ...]:
    """`command` run under a heap cap of `limit_mb` MiB (None: unchanged), inherited by its children.

    RLIMIT_DATA rather than RLIMIT_AS: Lean memory-maps every imported `.olean` file (several GiB for
    Mathlib), which counts against the address space but is file-backed and shared, so an address-space
    cap would either break `import Mathlib` or have to be too loose to protect anything. The limit is
    set by `ulimit` in a shell that then execs the command, because a `preexec_fn` can deadlock a
    process that runs threads (ours read the pipes).
    """
    if limit_mb is None:
        return tuple(command)
    return ("/bin/sh", "-c", f'ulimit -d {limit_mb * 1024} && exec "$@"', "sh", *command)


class LeanProcess:
    """One running child process answering JSON requests, each answer ended by a blank line."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        cwd: Path,
        memory_limit_mb: int | None,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        self._command = tuple(command)
        try:
            self._proc = subprocess.Popen(
                with_memory_limit(self._command, memory_limit_mb),
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                bufsize=1,
                start_new_session=True,
                env={**os.environ, **(extra_env or {})},
            )
        except FileNotFoundError as exc:
            raise LeanNotFound(lean_not_found_message(cwd)) from exc
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=40)
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        threading.Thread(target=self._pump_stderr, daemon=True).start()

    def _pump_stdout(self) -> None:
        assert self._proc.stdout is not None
        with self._proc.stdout:
            for line in self._proc.stdout:
                self._lines.put(line)
        self._lines.put(None)

    def _pump_stderr(self) -> None:
        assert self._proc.stderr is not None
        with self._proc.stderr:
            for line in self._proc.stderr:
                self._stderr.append(line.rstrip("\n"))

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def request(self, payload: Mapping[str, object], *, timeout_s: float) -> dict[str, object]:
        """Send one JSON request and return the JSON answer; raises `EnvTimeout` or `EnvCrash`."""
        assert self._proc.stdin is not None
        try:
            # The REPL joins request lines without separators, so the request goes on one line.
            self._proc.stdin.write(json.dumps(payload, ensure_ascii=False) + "\n\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise self._crashed(f"could not write to the Lean process ({exc})") from exc
        text = self._read_answer(time.monotonic() + timeout_s, timeout_s)
        try:
            answer = json.loads(text)
        except json.JSONDecodeError as exc:
            self.close()
            raise EnvCrash(f"Lean process printed something that is not JSON: {text[:300]!r}") from exc
        if not isinstance(answer, dict):
            self.close()
            raise EnvCrash(f"Lean process answered with a non-object: {text[:300]!r}")
        return answer

    def _read_answer(self, deadline: float, timeout_s: float) -> str:
        buffer: list[str] = []
        while True:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.0))
            except queue.Empty:
                self.close()
                raise EnvTimeout(f"Lean did not answer within {timeout_s:g} s") from None
            if line is None:
                raise self._crashed("Lean process exited")
            if line.strip():
                buffer.append(line)
            elif buffer:
                return "".join(buffer)

    def _crashed(self, what: str) -> EnvCrash:
        try:
            code = self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        self.close()
        tail = "\n".join(self._stderr)
        return EnvCrash(f"{what} (exit code {code}); stderr tail:\n{tail}")

    def close(self) -> None:
        """Kill the process group; safe to call more than once."""
        if self._proc.poll() is None:
            try:
                os.killpg(self._proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._proc.wait()
        stdin = self._proc.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()
            except OSError:
                log.debug("closing the stdin of %s failed", self._command)
