"""`env=dojo`: real Lean 4 through lean-dojo's `Dojo` (lean-dojo 4.x interaction API).

`Dojo(entry, timeout=...)` traces the repository (slow, once), replaces the theorem's proof by a REPL
tactic and returns `(dojo, initial_state)`; `run_tac(state, tactic)` answers `TacticState`,
`ProofFinished`, `LeanError` or `ProofGivenUp`, and raises `DojoTacticTimeoutError` / `DojoCrashError`.

Choices made here:
- A lean-dojo state with several goals is ONE Goal: `run_tac` acts on the whole state, and isolating a
  goal would need `sorry`, which lean-dojo's own proof validation rejects, so splitting cannot be made
  sound through this API. (`env=repl` splits goals.)
- After `DojoTacticTimeoutError` every later tactic of that Dojo times out too, so the Dojo is closed and
  reopened; goal handles remember their tactic path from the root and are replayed into the new Dojo,
  so the search goes on after the `EnvTimeout` (or `EnvCrash`) is raised.
- A theorem is found the way lean-dojo 4.20 finds it (`Dojo.__enter__`, `TracedFile.get_traced_theorem`):
  its file relative to the traced repository and its fully qualified name (`Theorem.full_name`, the
  `namespace` included). A theorem file outside `repo_path` (the bundled benchmark after copying
  `lean_project` elsewhere) is looked up by its path below the benchmark root (`Benchmark/...`).
- Start-up has its own limit (`startup_timeout_s`): lean-dojo's `timeout` bounds the first answer
  (elaborating the file up to the theorem, Mathlib's import included); the tactic limit is set on the
  running process afterwards. lean-dojo's plain `AssertionError`s (goal parsing, a dead process) become
  `EnvCrash` (the Dojo is reopened), never an uncaught exception.
- `check` re-runs the whole script from a fresh initial state (lean-dojo validates the finished proof:
  no sorry, no metavariables, kernel check) and then `lean_dojo.check_proof`, which compiles the file
  with the proof in place. lean-dojo offers no `#print axioms`, so last the proof is compiled with one
  (`final_check.lean_file_check`): native decision (`Lean.ofReduceBool`) and new axioms are caught in
  Lean's own terms, beyond the screen.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prover.env.base import (
    CheckResult,
    EnvCrash,
    EnvError,
    EnvTimeout,
    Goal,
    LeanNotFound,
    Outcome,
    Proved,
    Subgoals,
    TacticError,
    TheoremTimeLimit,
    TheoremUnsupported,
)
from prover.env.final_check import lean_file_check
from prover.env.lean_process import lean_not_found_message
from prover.env.repl import goal_key
from prover.env.soundness import indent_script, named_statement, screen_tactic
from prover.theorems import Theorem

log = logging.getLogger(__name__)

# (entry, timeout in seconds) -> a context manager yielding (dojo, initial TacticState): `lean_dojo.Dojo`.
DojoFactory = Callable[[Any, int], AbstractContextManager[tuple[Any, Any]]]
# our Theorem -> lean-dojo's entry (`lean_dojo.Theorem(repo, file_path, full_name)`).
EntryFactory = Callable[[Theorem], Any]
# (entry, proof text after `:=`) -> whether the file compiles with it: `lean_dojo.check_proof`.
ProofChecker = Callable[[Any, str], bool]
# (theorem, script) -> the verdict of the final check in Lean's own terms (`#print axioms`).
FinalChecker = Callable[[Theorem, str], CheckResult]


@dataclass(frozen=True)
class _Handle:
    """A Goal's handle: the Dojo generation its `state` lives in and the tactics that lead there."""

    theorem: str
    generation: int
    state: Any
    path: tuple[str, ...]


class DojoEnv:
    """The lean-dojo backend.

    repo_path: the root of a local Lean git repository with a commit (lean-dojo traces a repository at
        a commit; copy the bundled `lean_project/` into its own repository) holding the theorems'
        source files (see `repo_relative_file`); a theorem is named by `Theorem.full_name`.
    tactic_timeout_s: lean-dojo's per-interaction timeout. startup_timeout_s: the limit for opening a
        Dojo (the file up to the theorem is elaborated). theorem_timeout_s: wall clock for one theorem
        from `start`. max_restarts: restarts absorbed per theorem as failed tactics
        (`resilient.build_env`). memory_limit_mb: passed to lean-dojo as TACTIC_MEMORY_LIMIT (whole GiB, rounded up;
        read when lean_dojo is first imported). disable_remote_cache: sets DISABLE_REMOTE_CACHE so traces
        are built locally instead of downloaded. allow_native_decide: see `soundness.screen_tactic`.
    sandbox: `env.sandbox` mode of the final check (lean-dojo starts its own processes, unsandboxed).
    lean4checker_cmd: e.g. `[lake, env, lean4checker]`: the final check also replays the compiled proof
        through the kernel (`final_check`); None skips that.
    dojo_factory / entry_factory / proof_checker / final_checker: the lean-dojo pieces and the final
        check, injectable for tests; None uses `lean_dojo.Dojo`, `lean_dojo.Theorem` on
        `LeanGitRepo.from_path(repo_path)`, `lean_dojo.check_proof` and `final_check.lean_file_check`
        (the proof compiled with `#print axioms` in `repo_path`).
    """

    name = "dojo"

    def __init__(
        self,
        *,
        repo_path: str | Path,
        tactic_timeout_s: float = 30.0,
        startup_timeout_s: float = 600.0,
        theorem_timeout_s: float = 600.0,
        max_restarts: int = 3,
        memory_limit_mb: int = 32768,
        disable_remote_cache: bool = True,
        allow_native_decide: bool = False,
        dojo_factory: DojoFactory | None = None,
        entry_factory: EntryFactory | None = None,
        proof_checker: ProofChecker | None = None,
        final_checker: FinalChecker | None = None,
        sandbox: str = "auto",
        lean4checker_cmd: Sequence[str] | None = None,
    ) -> None:
        self.repo_path = Path(repo_path)
        self.tactic_timeout_s = tactic_timeout_s
        self.startup_timeout_s = startup_timeout_s
        self.theorem_timeout_s = theorem_timeout_s
        self.max_restarts = max_restarts
        self.allow_native_decide = allow_native_decide
        if dojo_factory is None or entry_factory is None or proof_checker is None:
            _require_toolchain(self.repo_path)
            _configure_lean_dojo(memory_limit_mb=memory_limit_mb, disable_remote_cache=disable_remote_cache)
        self._factory = dojo_factory or _real_dojo_factory()
        self._entry = entry_factory or _real_entry_factory(self.repo_path)
        self._checker = proof_checker or _real_proof_checker()
        self.sandbox = sandbox
        self.lean4checker_cmd = tuple(lean4checker_cmd) if lean4checker_cmd else None
        self.memory_limit_mb = memory_limit_mb
        self._final = final_checker or self._lean_file_check
        self._theorem: Theorem | None = None
        self._context: AbstractContextManager[tuple[Any, Any]] | None = None
        self._dojo: Any = None
        self._initial: Any = None
        self._generation = 0
        self._deadline = float("inf")
        self.restarts = 0

    def _open(self, theorem: Theorem) -> None:
        from lean_dojo import DojoInitError

        self._close_dojo()
        entry = self._entry(theorem)
        try:
            context = self._factory(entry, max(1, math.ceil(self.startup_timeout_s)))
            self._dojo, self._initial = context.__enter__()
        except DojoInitError as exc:
            if "Timeout" in str(exc):
                raise EnvTimeout(
                    f"lean-dojo did not open {theorem.location} within {self.startup_timeout_s:g} s"
                ) from exc
            raise TheoremUnsupported(f"lean-dojo could not open {theorem.location}: {exc}") from exc
        except AssertionError as exc:  # lean-dojo's own checks (a dead process, goal parsing)
            raise EnvCrash(f"lean-dojo failed an internal check opening {theorem.location}: {exc!r}") from exc
        except (ValueError, OSError) as exc:  # e.g. a file outside the traced repository
            raise TheoremUnsupported(f"lean-dojo could not open {theorem.location}: {exc!r}") from exc
        _set_tactic_timeout(self._dojo, max(1, math.ceil(self.tactic_timeout_s)))
        self._context, self._theorem = context, theorem
        self._generation += 1

    def _close_dojo(self) -> None:
        context, self._context, self._dojo = self._context, None, None
        if context is not None:
            try:
                context.__exit__(None, None, None)
            except Exception:  # a dead Lean process may fail to clean up; it is gone either way
                log.debug("closing a Dojo failed", exc_info=True)

    def _restart(self) -> None:
        assert self._theorem is not None
        self.restarts += 1
        log.warning("reopening the Dojo for %s (restart %d)", self._theorem.name, self.restarts)
        self._open(self._theorem)

    def _run(self, state: Any, tactic: str) -> Any:
        """`run_tac`, turning lean-dojo's failures into ours after reopening the Dojo."""
        from lean_dojo import DojoCrashError, DojoTacticTimeoutError

        if time.monotonic() > self._deadline:
            raise TheoremTimeLimit(f"theorem time limit of {self.theorem_timeout_s:g} s exceeded")
        try:
            return self._dojo.run_tac(state, tactic)
        except DojoTacticTimeoutError as exc:
            self._restart()
            raise EnvTimeout(f"tactic ran past {self.tactic_timeout_s:g} s: {tactic!r}") from exc
        except DojoCrashError as exc:
            self._restart()
            oom = " (out of memory)" if exc.is_out_of_memory else ""
            raise EnvCrash(f"Lean crashed{oom} on {tactic!r}: {exc}") from exc
        except AssertionError as exc:  # lean-dojo's goal parser or process checks
            self._restart()
            raise EnvCrash(f"lean-dojo failed an internal check on {tactic!r}: {exc!r}") from exc

    def _resolve(self, handle: _Handle) -> Any:
        """The handle's state in the current Dojo, replaying its path after a restart."""
        if self._theorem is None or handle.theorem != self._theorem.name:
            raise EnvCrash("the goal belongs to a theorem whose Dojo is closed; start it again")
        if handle.generation == self._generation:
            return handle.state
        from lean_dojo import TacticState

        state = self._initial
        for tactic in handle.path:
            state = self._run(state, tactic)
            if not isinstance(state, TacticState):
                raise EnvCrash(f"replaying {handle.path} after a restart diverged at {tactic!r}: {state!r}")
        return state

    def _screen(self, text: str) -> str | None:
        """Why `text` may not reach Lean (`soundness`), or None."""
        return screen_tactic(text, allow_native_decide=self.allow_native_decide)

    def start(self, theorem: Theorem) -> Goal:
        self._open(theorem)
        self._deadline = time.monotonic() + self.theorem_timeout_s
        return self._goal(self._initial, ())

    def _goal(self, state: Any, path: tuple[str, ...]) -> Goal:
        assert self._theorem is not None
        pp = str(state.pp)
        key = "\n\n".join(goal_key(part) for part in pp.split("\n\n"))
        return Goal(text=pp, key=key, handle=_Handle(self._theorem.name, self._generation, state, path))

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        from lean_dojo import LeanError, ProofFinished, ProofGivenUp, TacticState

        handle = goal.handle
        if not isinstance(handle, _Handle):
            raise TypeError(f"not a goal of the lean-dojo backend: {goal!r}")
        refused = self._screen(tactic)
        if refused is not None:
            return TacticError(f"refused before Lean: {refused}")
        result = self._run(self._resolve(handle), tactic)
        if isinstance(result, TacticState):
            return Subgoals((self._goal(result, (*handle.path, tactic)),))
        if isinstance(result, ProofFinished):
            return Proved()
        if isinstance(result, LeanError):
            return TacticError(result.error)
        if isinstance(result, ProofGivenUp):
            return TacticError("the proof contains sorry")
        raise EnvCrash(f"lean-dojo returned an unknown result {result!r}")

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        from lean_dojo import ProofFinished

        refused = self._screen(script)
        if refused is not None:
            return CheckResult(False, f"refused before Lean: {refused}")
        if self._theorem is None or self._theorem.name != theorem.name:
            self._open(theorem)
        result = self._run(self._initial, as_one_tactic(script))
        if not isinstance(result, ProofFinished):
            return CheckResult(False, f"the script does not finish the proof from scratch: {result!r}")
        proof = "by\n" + indent_script(script)
        if not self._checker(self._entry(theorem), proof):
            return CheckResult(False, "the file does not compile with this proof, or it uses sorry")
        return self._final(theorem, script)

    def _lean_file_check(self, theorem: Theorem, script: str) -> CheckResult:
        """lean-dojo has no `#print axioms`: compile the proof with it, in Lean's own terms."""
        try:
            statement, name = named_statement(theorem.statement, theorem.name)
        except ValueError as exc:
            raise TheoremUnsupported(str(exc)) from exc
        return lean_file_check(
            project_dir=self.repo_path,
            header=theorem.header,
            statement=statement,
            name=name,
            script=script,
            sandbox=self.sandbox,
            timeout_s=self.theorem_timeout_s,
            allow_native_decide=self.allow_native_decide,
            lean4checker_cmd=self.lean4checker_cmd,
            memory_limit_mb=self.memory_limit_mb,
        )

    def close(self) -> None:
        self._close_dojo()
        self._theorem = None

    def __enter__(self) -> DojoEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def as_one_tactic(script: str) -> str:
    """The script as a single tactic, which is what lean-dojo parses (the `tactic` category).

    Parentheses hold a tactic sequence; the lines go indented on their own lines so that the
    sequence's column (that of its first tactic) is the same for every line of the script.
    """
    return f"(\n{indent_script(script)}\n)"


def _require_toolchain(repo_path: Path) -> None:
    if shutil.which("lake") is None or shutil.which("lean") is None or not repo_path.is_dir():
        raise LeanNotFound(lean_not_found_message(repo_path))


def _configure_lean_dojo(*, memory_limit_mb: int, disable_remote_cache: bool) -> None:
    """lean-dojo reads these from the environment when it is first imported."""
    if "lean_dojo" in sys.modules:
        log.warning("lean_dojo was imported before DojoEnv: its memory limit and cache settings stand")
    if disable_remote_cache:
        os.environ["DISABLE_REMOTE_CACHE"] = "1"
    os.environ["TACTIC_MEMORY_LIMIT"] = f"{max(1, math.ceil(memory_limit_mb / 1024))}g"


def _real_dojo_factory() -> DojoFactory:
    from lean_dojo import Dojo

    return lambda entry, timeout: Dojo(entry, timeout=timeout)


def _real_entry_factory(repo_path: Path) -> EntryFactory:
    from lean_dojo import LeanGitRepo

    try:
        repo = LeanGitRepo.from_path(repo_path)
    except Exception as exc:  # GitPython's errors for a folder that is not a repository root
        raise EnvError(
            f"lean-dojo traces a git repository at a commit, and {repo_path} is not the root of one "
            f"({exc!r}): run `git init && git add -A && git commit -m lean` there"
        ) from exc
    root = repo_path.resolve()
    return lambda theorem: dojo_entry(theorem, root, repo)


def dojo_entry(theorem: Theorem, root: Path, repo: Any) -> Any:
    """lean-dojo's `Theorem(repo, file relative to the repository, fully qualified name)`."""
    from lean_dojo import Theorem as DojoTheorem

    return DojoTheorem(repo, repo_relative_file(theorem, root), theorem.full_name)


def repo_relative_file(theorem: Theorem, root: Path) -> Path:
    """The theorem's file relative to the repository `root`: directly when it lies inside, else the
    longest tail of its path that exists under `root` (a copy of the benchmark's project)."""
    if not theorem.file:
        raise TheoremUnsupported(f"{theorem.name}: lean-dojo needs the theorem's source file")
    file = Path(theorem.file).resolve()
    if file.is_relative_to(root):
        return file.relative_to(root)
    parts = file.parts
    for start in range(1, len(parts)):
        tail = Path(*parts[start:])
        if (root / tail).is_file():
            return tail
    raise TheoremUnsupported(
        f"{theorem.location}: the file is not inside the traced repository {root} (lean-dojo finds "
        "theorems by their path in the repository): point env.repo_path at the repository that holds it"
    )


def _set_tactic_timeout(dojo: Any, seconds: int) -> None:
    """After start-up, lean-dojo's own `timeout` (its pexpect process's) becomes the tactic limit."""
    dojo.timeout = seconds
    process = getattr(dojo, "proc", None)
    if process is not None:
        process.timeout = seconds


def _real_proof_checker() -> ProofChecker:
    from lean_dojo import check_proof

    return check_proof
