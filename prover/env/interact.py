"""lean-interact as the transport of `env=repl`: it obtains, builds and runs the REPL matching a project.

lean-interact (MIT, `pip install '.[lean]'`) clones leanprover-community/repl at the tag of the project's
Lean version (`LeanREPLConfig`), builds it with `lake`, and starts it with `lake env <repl>` in the
project (`LocalProject`) or in a temporary project that requires the matching Mathlib
(`TempRequireProject(require="mathlib")`, for miniF2F without a Mathlib checkout). Its `LeanServer`
carries raw JSON requests (`run_dict`), kills the whole process tree on a timeout and restarts.

Three things are ours on top: the process is started in the sandbox (`prover.env.sandbox`, the REPL's
build folder readable) under `lean_process.with_memory_limit` (a data-segment cap; lean-interact's own
`memory_hard_limit_mb` caps the address space, which `import Mathlib`'s memory-mapped `.olean` files
exceed), and its exceptions become the backend's typed errors.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prover.env.base import EnvCrash, EnvTimeout, LeanNotFound
from prover.env.lean_process import lean_not_found_message, with_memory_limit
from prover.env.sandbox import wrap_command

log = logging.getLogger(__name__)

PROJECTS = ("local", "mathlib")
MISSING_PACKAGE = (
    "env=repl sets up the Lean REPL through lean-interact, which is not installed: "
    "run `pip install '.[lean]'`, or give a hand-built REPL with env.repl_cmd=[...]"
)


def require_interact(project_dir: Path, lake_path: str = "lake") -> None:
    """Raise `LeanNotFound` with what to do unless lean-interact and `lake` can be used."""
    try:
        import lean_interact  # noqa: F401
    except ImportError as exc:
        raise LeanNotFound(MISSING_PACKAGE) from exc
    if shutil.which(lake_path) is None or not project_dir.is_dir():
        raise LeanNotFound(lean_not_found_message(project_dir))


def project_lean_version(project_dir: Path) -> str:
    """The `vX.Y.Z` of `project_dir/lean-toolchain` (`leanprover/lean4:v4.19.0`)."""
    toolchain = project_dir / "lean-toolchain"
    if not toolchain.is_file():
        raise LeanNotFound(f"{toolchain} is missing: the project does not say which Lean it uses")
    return toolchain.read_text(encoding="utf-8").strip().rsplit(":", 1)[-1]


def build_config(*, project_dir: Path, project: str, lake_path: str = "lake", verbose: bool = False) -> Any:
    """The `LeanREPLConfig` for `project` (`local` or `mathlib`); sets the REPL up (clone, build)."""
    from lean_interact import LeanREPLConfig, LocalProject, TempRequireProject

    if project == "local":
        lean_project: Any = LocalProject(directory=str(project_dir), lake_path=lake_path)
    elif project == "mathlib":
        lean_project = TempRequireProject(
            lean_version=project_lean_version(project_dir), require="mathlib", lake_path=lake_path
        )
    else:
        raise ValueError(f"env.interact_project must be one of {', '.join(PROJECTS)}, not {project!r}")
    return LeanREPLConfig(project=lean_project, lake_path=lake_path, verbose=verbose)


class InteractTransport:
    """One REPL process run by lean-interact's `LeanServer`, answering `request` like `LeanProcess`."""

    def __init__(self, config: Any, *, memory_limit_mb: int | None, sandbox: str) -> None:
        self._server = _server_class()(config, memory_limit_mb=memory_limit_mb, sandbox=sandbox)

    def request(self, payload: dict[str, object], *, timeout_s: float) -> dict[str, object]:
        try:
            answer = self._server.run_dict(payload, timeout=timeout_s)
        except TimeoutError as exc:
            raise EnvTimeout(f"Lean did not answer within {timeout_s:g} s") from exc
        except (ConnectionAbortedError, ChildProcessError, BrokenPipeError, OSError) as exc:
            self.close()
            raise EnvCrash(f"the Lean REPL died: {exc}") from exc
        except json.JSONDecodeError as exc:
            self.close()
            raise EnvCrash(f"Lean process printed something that is not JSON: {exc.msg[:300]}") from exc
        if not isinstance(answer, dict):
            self.close()
            raise EnvCrash(f"Lean process answered with a non-object: {answer!r:.300}")
        return answer

    def memory_mb(self) -> float:
        return float(self._server.get_memory_usage())

    def close(self) -> None:
        self._server.kill()


def _server_class() -> type:
    """`LeanServer` started under our memory cap (imported late: lean-interact is an optional extra)."""
    from lean_interact.server import LeanServer

    class CappedServer(LeanServer):  # type: ignore[misc]
        def __init__(self, config: Any, *, memory_limit_mb: int | None, sandbox: str) -> None:
            self._memory_limit_mb = memory_limit_mb
            self._sandbox = sandbox
            super().__init__(config)

        def start(self) -> None:
            repl_dir = Path(self.config.cache_repl_dir)
            command = (str(self.config.lake_path), "env", str(repl_dir / ".lake" / "build" / "bin" / "repl"))
            command = wrap_command(
                command,
                sandbox=self._sandbox,
                project_dir=Path(self.config.working_dir),
                read_only=(repl_dir,),
            )
            self._proc = subprocess.Popen(
                with_memory_limit(command, self._memory_limit_mb),
                cwd=self.config.working_dir,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                encoding="utf-8",
                text=True,
                bufsize=1,
                start_new_session=True,
            )

    return CappedServer


def interact_transport_factory(
    *,
    project_dir: Path,
    project: str,
    memory_limit_mb: int | None,
    start_timeout_s: float,
    sandbox: str = "auto",
    config: Any = None,
) -> Callable[[], InteractTransport]:
    """Set the REPL up once (lean-interact clones and builds it on first use) and return a function
    starting one process on it. `config`: a ready `LeanREPLConfig` (tests); None builds one."""
    if config is None:
        require_interact(project_dir)
        log.info(
            "setting up the Lean REPL for %s through lean-interact (first time: clone and build)", project_dir
        )
        try:
            config = build_config(project_dir=project_dir, project=project)
        except ValueError:
            raise
        except Exception as exc:  # git, lake and file-lock errors of lean-interact's setup, all fatal here
            raise LeanNotFound(
                f"lean-interact could not set up the REPL for {project_dir} (it clones "
                f"leanprover-community/repl and runs `lake build`): {exc}"
            ) from exc
    log.debug("REPL ready in %s (start-up limit %g s)", config.working_dir, start_timeout_s)
    return lambda: InteractTransport(config, memory_limit_mb=memory_limit_mb, sandbox=sandbox)
