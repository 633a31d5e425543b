"""`env.sandbox`: run every Lean process inside bubblewrap (`bwrap`), since its tactics are untrusted.

A tactic proposed by a language model runs inside Lean, and Lean can run code (the screen in
`tactic_syntax` refuses the known ways, but it is one layer). The sandbox is the second layer:

- no network: a fresh network namespace with only its own loopback (`--unshare-all`);
- the filesystem read-only and mostly absent: the system directories (`SYSTEM_PATHS`), the Lean project
  and the toolchain (elan's home, or the directories of `lean`/`lake` on PATH) are bound read-only, the
  rest of the host is absent, the sandbox's own root is read-only, and one scratch folder (also TMPDIR)
  is the only place a process can write;
- a memory cap: `ulimit -d` (RLIMIT_DATA; see `lean_process.with_memory_limit` for why not `-v`) in a
  shell inside the sandbox, inherited by Lean's children;
- no capabilities, its own PID/IPC/UTS namespaces, killed with its parent (`--die-with-parent`).

Modes: "auto" (the default) uses bwrap where it exists and can create a sandbox, and otherwise logs one
warning and runs Lean unsandboxed; "bwrap" requires it (`SandboxUnavailable` with the install hint);
"none" opts out. The project is read-only inside, so build it (`lake build`) before a sandboxed run.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from prover.env.base import EnvError

log = logging.getLogger(__name__)

SANDBOX_MODES = ("auto", "bwrap", "none")
# What a dynamically linked Lean (or the stand-in Python of the tests) needs from the host, read-only.
SYSTEM_PATHS = (
    "/usr",
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/alternatives",
)
INSTALL_HINT = "install bubblewrap (Debian/Ubuntu: `apt-get install bubblewrap`) or set env.sandbox=none"


class SandboxUnavailable(EnvError):
    """`env.sandbox=bwrap` was asked for but bubblewrap cannot run here."""


@functools.lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """Why bubblewrap cannot sandbox a process here, or None when it can (probed once)."""
    executable = shutil.which("bwrap")
    if executable is None:
        return "bubblewrap (`bwrap`) is not installed"
    probe = [executable, "--unshare-all", "--die-with-parent", *_system_binds(), "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not start: {exc}"
    if done.returncode != 0:
        return f"bwrap cannot create a sandbox here: {done.stderr.strip()[:300]}"
    return None


def use_bwrap(mode: str) -> bool:
    """Whether `mode` (an `env.sandbox` value) means running under bwrap here."""
    if mode not in SANDBOX_MODES:
        raise ValueError(f"env.sandbox must be one of {', '.join(SANDBOX_MODES)}, not {mode!r}")
    if mode == "none":
        return False
    problem = bwrap_problem()
    if problem is None:
        return True
    if mode == "bwrap":
        raise SandboxUnavailable(f"env.sandbox=bwrap: {problem}; {INSTALL_HINT}")
    _warn_unsandboxed(problem)
    return False


@functools.cache
def _warn_unsandboxed(problem: str) -> None:
    log.warning("Lean runs WITHOUT a sandbox: %s; %s", problem, INSTALL_HINT)


def toolchain_paths() -> tuple[Path, ...]:
    """The Lean toolchain to bind read-only: elan's home, or the installation holding `lean`/`lake`."""
    paths: list[Path] = []
    elan_home = Path(os.environ.get("ELAN_HOME") or Path.home() / ".elan")
    if elan_home.is_dir():
        paths.append(elan_home.resolve())
    for tool in ("lean", "lake"):
        found = shutil.which(tool)
        if found is not None:
            root = Path(found).resolve().parent.parent  # <toolchain>/bin/lean
            if not any(root.is_relative_to(p) for p in paths):
                paths.append(root)
    return tuple(paths)


_SCRATCH_ROOT: Path | None = None


def new_scratch_dir() -> Path:
    """A fresh folder for one sandboxed process, removed when this Python process exits."""
    global _SCRATCH_ROOT
    if _SCRATCH_ROOT is None:
        _SCRATCH_ROOT = Path(tempfile.mkdtemp(prefix="htps-sandbox-"))
        atexit.register(shutil.rmtree, _SCRATCH_ROOT, True)
    return Path(tempfile.mkdtemp(dir=_SCRATCH_ROOT))


def _system_binds() -> list[str]:
    args: list[str] = []
    for path in SYSTEM_PATHS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def bwrap_argv(
    command: Sequence[str],
    *,
    project_dir: Path,
    scratch_dir: Path,
    read_only: Sequence[Path] = (),
    memory_limit_mb: int | None = None,
) -> tuple[str, ...]:
    """The bwrap command line running `command` in `project_dir` under the rules of the module doc."""
    executable = shutil.which("bwrap") or "bwrap"
    args = [executable, "--unshare-all", "--die-with-parent", "--new-session", *_system_binds()]
    args += ["--proc", "/proc", "--dev", "/dev"]
    for path in (*toolchain_paths(), *map(Path, read_only), Path(project_dir)):
        resolved = str(path.resolve())
        args += ["--ro-bind", resolved, resolved]
    scratch = str(Path(scratch_dir).resolve())
    args += ["--bind", scratch, scratch, "--remount-ro", "/", "--chdir", str(Path(project_dir).resolve())]
    args += ["--setenv", "TMPDIR", scratch, "--setenv", "HOME", os.environ.get("HOME", scratch)]
    if memory_limit_mb is not None:
        args += ["/bin/sh", "-c", f'ulimit -d {memory_limit_mb * 1024} && exec "$@"', "sh"]
    return (*args, *command)


def wrap_command(
    command: Sequence[str],
    *,
    sandbox: str,
    project_dir: Path,
    scratch_dir: Path | None = None,
    memory_limit_mb: int | None = None,
    read_only: Sequence[Path] = (),
) -> tuple[str, ...]:
    """`command` as it should be started under `env.sandbox=<sandbox>` (unchanged when off).

    project_dir: bound read-only and the working directory. scratch_dir: the one writable folder
    (default: a fresh one from `new_scratch_dir`). memory_limit_mb: the data-segment cap applied
    inside the sandbox (None: the caller applies its own, e.g. `lean_process.with_memory_limit`).
    read_only: more host paths the process may read.
    """
    if not use_bwrap(sandbox):
        return tuple(command)
    return bwrap_argv(
        command,
        project_dir=Path(project_dir),
        scratch_dir=scratch_dir if scratch_dir is not None else new_scratch_dir(),
        read_only=read_only,
        memory_limit_mb=memory_limit_mb,
    )
