"""`env=repl`: real Lean 4 through the Lean REPL (leanprover-community/repl), JSON over stdin/stdout.

Protocol (REPL/Main.lean): a request is one JSON object followed by a blank line; the answer is a JSON
object followed by a blank line. `{"cmd", "env"?}` elaborates a command and returns `env`, `messages`
and `sorries` (each with the `proofState` of its goal); `{"tactic", "proofState"}` runs a tactic and
returns a new `proofState`, its `goals`, `messages` and `proofStatus`; a failure to run at all comes
back as a top-level `{"message": ...}`.

How this backend uses it:
- The transport is lean-interact's `LeanServer` (`prover.env.interact`), which fetches, builds and runs
  the REPL matching the project's Lean version; `repl_cmd` names a hand-built REPL instead, spoken to by
  `LeanProcess`. Everything below is this module's own layer on top of either.
- Headers run once per process: the import lines of a header once per distinct set of imports (an
  empty set included, so a theorem without imports does not re-import `Init` at every start: a command
  sent without `env` elaborates as a fresh file), the rest (`open`, `set_option`) once per header in
  that env. A theorem's own header replaces `header`, it is never run on top of it.
  `start` sends `<statement> := by sorry` in that env and takes the sorry's proof state.
- Success is read from `proofStatus`, error messages and the `sorries` field, never from an empty goal
  list: an elaboration error still returns a proof state with `goals: []`, and a tactic that closes
  a goal with `sorry` (`stop`, `apply?`, `have h : p := sorry`) answers a non-empty `sorries`
  (recorded upstream: test/tactic_mode_sorry, test/sorry_hypotheses, test/have_by_sorry).
- Per-goal expansion: a state with several goals is split into groups that share no metavariables
  (`?m.12`, `?a` in the goal texts); each group is one `Goal`. To run a tactic on one group, the backend
  first derives, once, a state holding only that group: it walks the goal list with `rotate_left` (keep
  the main goal, move it to the back) and `sorry` (drop it, it belongs to another node of the search),
  sent as one tactic `(sorry; rotate_left; ...)`, since the REPL parses each request as one tactic.
  That state's `proofStatus` can then at best be "Incomplete: contains sorry" when the group is solved,
  which is accepted only on such derived lineages; the final verdict is always the whole-script
  re-check of `check`, which admits no sorry at all (`soundness.judge_recheck`).
- Every goal's handle is its path (theorem, tactics from the root), so after a timeout or a crash the
  process is restarted and any state is rebuilt by replaying its path: the search goes on.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

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
from prover.env.lean_process import LeanProcess, require_lean
from prover.env.sandbox import wrap_command
from prover.env.soundness import (
    LeanMessage,
    first_error,
    judge_recheck,
    named_statement,
    proof_command,
    screen_tactic,
)
from prover.theorems import Theorem

log = logging.getLogger(__name__)

_COMPLETED = "Completed"
_SOLVED_WITH_OUR_SORRIES = "Incomplete: contains sorry"
# Answers that mean the process and this client disagree about which states exist.
_LOST = ("Unknown proof state", "Unknown environment")
_METAVARIABLE = re.compile(r"\?[A-Za-z_][\w.']*")


@dataclass(frozen=True)
class _Path:
    """A proof state named by how to rebuild it: the root command, then the tactics sent from there."""

    header: str
    command: str
    tactics: tuple[str, ...] = ()

    def then(self, tactic: str) -> _Path:
        return _Path(self.header, self.command, (*self.tactics, tactic))


@dataclass(frozen=True)
class _Handle:
    """A Goal's handle: the goals at `positions` of the `count` goals of the state at `path`.

    `sorried`: the lineage dropped sibling goals with `sorry`, so a solved state there reports
    "Incomplete: contains sorry" rather than "Completed".
    """

    path: _Path
    positions: tuple[int, ...]
    count: int
    sorried: bool


def _messages(answer: dict[str, object]) -> list[LeanMessage]:
    raw = answer.get("messages") or []
    out = []
    for m in raw if isinstance(raw, list) else []:
        pos = m.get("pos") or {}
        out.append(
            LeanMessage(
                str(m.get("severity", "")), str(m.get("data", "")), pos.get("line", 0), pos.get("column", 0)
            )
        )
    return out


def group_goals(texts: Sequence[str]) -> list[tuple[int, ...]]:
    """Partition goal positions into groups linked by shared metavariable names, in goal order.

    Read from the texts only: two goals are linked when both mention `?x`, or when one is tagged
    `case x` and another mentions `?x`. A dependency on an anonymous, untagged metavariable that only
    one text shows goes unseen. Splitting there cannot make a wrong proof count (the whole-script
    re-check decides, and in each split lineage the sibling is closed by `sorry`, not by a guess); it
    can only cost a proof whose parts do not fit together when replayed.
    """
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, text in enumerate(texts):
        names = set(_METAVARIABLE.findall(text))
        # A goal tagged `case w` is the metavariable `?w` that other goals may mention.
        names.update("?" + line[5:].strip() for line in text.splitlines()[:1] if line.startswith("case "))
        for name in names:
            if name in owner:
                parent[find(i)] = find(owner[name])
            else:
                owner[name] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    return sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])


def goal_key(text: str) -> str:
    """The merge key of a goal text: without `case` tag lines, which do not change what is to prove."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("case "))


def isolation_script(positions: Sequence[int], count: int) -> str:
    """One tactic leaving exactly the goals at `positions` (in order) of a `count`-goal state.

    The REPL parses a request as a single tactic (`runParserCategory ... tactic`), hence the
    parenthesised sequence.
    """
    keep = set(positions)
    return "(" + "; ".join("rotate_left" if i in keep else "sorry" for i in range(count)) + ")"


class ReplTransport(Protocol):
    """What carries one JSON request to the REPL and its answer back (`LeanProcess`, lean-interact)."""

    def request(self, payload: dict[str, object], *, timeout_s: float) -> dict[str, object]: ...

    def close(self) -> None: ...


def split_header(header: str) -> tuple[tuple[str, ...], str]:
    """The `import` lines of a header (Lean allows them only at the top of a file) and the rest."""
    lines = header.strip().splitlines()
    imports = tuple(line.strip() for line in lines if line.startswith("import "))
    rest = "\n".join(line for line in lines if not line.startswith("import ")).strip()
    return imports, rest


class ReplEnv:
    """The Lean REPL backend (see the module docstring for the protocol and the goal-splitting scheme).

    project_dir: the Lake project whose dependencies (Mathlib) the process sees.
    repl_cmd: a hand-built REPL to start in `project_dir` (e.g. `[lake, env, .../repl]`); None: let
        lean-interact fetch, build and run the REPL of the project's Lean version (`interact_project`).
    interact_project: with lean-interact, `local` (use `project_dir` as it is) or `mathlib` (a temporary
        project requiring the Mathlib that matches `project_dir`'s Lean version, for miniF2F).
    header: default imports/opens, used for theorems whose own `header` is empty.
    tactic_timeout_s / theorem_timeout_s: wall-clock limits for one tactic and for everything done on
        one theorem after `start`; past either, the process is restarted and `EnvTimeout` raised.
    import_timeout_s: the limit for starting the process and running a header (importing Mathlib).
    memory_limit_mb: heap cap of the Lean process (see `lean_process.with_memory_limit`); None: no cap.
    allow_native_decide: accept `native_decide` proofs (they trust the compiler).
    recycle_every: start a fresh process every this many `start`s (None: never), because the REPL
        never frees proof states; goals of earlier theorems stay usable (they are replayed).
    recycle_memory_mb: also start a fresh process before a theorem once the REPL (with lean-interact)
        holds more than this (None: never).
    interact_config: a ready lean-interact `LeanREPLConfig` to use instead of building one.
    max_restarts: restarts absorbed per theorem as failed tactics (read by `resilient.build_env`).
    sandbox: `auto` | `bwrap` | `none`: how every REPL process is confined (`prover.env.sandbox`).
    """

    name = "repl"

    def __init__(
        self,
        *,
        project_dir: str | Path,
        repl_cmd: Sequence[str] | None = None,
        interact_project: str = "local",
        header: str = "",
        tactic_timeout_s: float = 30.0,
        theorem_timeout_s: float = 600.0,
        import_timeout_s: float = 900.0,
        memory_limit_mb: int | None = 16384,
        allow_native_decide: bool = False,
        recycle_every: int | None = 200,
        recycle_memory_mb: int | None = None,
        interact_config: Any = None,
        max_restarts: int = 3,
        sandbox: str = "auto",
    ) -> None:
        self.project_dir = Path(project_dir)
        self.max_restarts = max_restarts
        self.sandbox = sandbox
        self.repl_cmd = tuple(repl_cmd) if repl_cmd else None
        self.memory_limit_mb = memory_limit_mb
        self.import_timeout_s = import_timeout_s
        if self.repl_cmd is not None:
            require_lean(self.repl_cmd, self.project_dir)
            self._make_transport: Callable[[], ReplTransport] = self._hand_built
        else:
            from prover.env.interact import interact_transport_factory

            self._make_transport = interact_transport_factory(
                project_dir=self.project_dir,
                project=interact_project,
                memory_limit_mb=memory_limit_mb,
                sandbox=sandbox,
                start_timeout_s=import_timeout_s,
                config=interact_config,
            )
        self.header = header
        self.tactic_timeout_s = tactic_timeout_s
        self.theorem_timeout_s = theorem_timeout_s
        self.allow_native_decide = allow_native_decide
        self._process: ReplTransport | None = None
        self._import_envs: dict[tuple[str, ...], int] = {}
        self._header_envs: dict[str, int] = {}
        self._states: dict[_Path, int] = {}
        self._root_goals: dict[_Path, str] = {}
        self.recycle_every = recycle_every
        self.recycle_memory_mb = recycle_memory_mb
        self._deadline = float("inf")
        self._started = 0
        self.restarts = 0
        self._spawn()
        self._handshake()

    # process management -------------------------------------------------------------------------

    def _hand_built(self) -> ReplTransport:
        assert self.repl_cmd is not None
        # The memory cap stays LeanProcess's (`ulimit -d` outside bwrap is inherited inside).
        command = wrap_command(self.repl_cmd, sandbox=self.sandbox, project_dir=self.project_dir)
        return LeanProcess(command, cwd=self.project_dir, memory_limit_mb=self.memory_limit_mb)

    def _handshake(self) -> None:
        """Open the import-free environment, so that a REPL that cannot start fails here, clearly."""
        try:
            self._imports_env(())
        except (EnvCrash, EnvTimeout) as exc:
            self.close()
            where = " ".join(self.repl_cmd) if self.repl_cmd else "lean-interact's REPL"
            raise LeanNotFound(
                f"the Lean REPL did not start with `{where}` in {self.project_dir}: {exc}\n"
                "Add the REPL (https://github.com/leanprover-community/repl) to the project and run "
                "`lake build`, or leave env.repl_cmd unset so that lean-interact sets it up; "
                "`python -m prover.doctor` shows what is missing. Or use env=embedded"
            ) from exc

    def _spawn(self) -> None:
        self._process = self._make_transport()
        self._import_envs.clear()
        self._header_envs.clear()
        self._states.clear()

    def _request(self, payload: dict[str, object], timeout_s: float) -> dict[str, object]:
        """One request; on a timeout or a crash the process is replaced before the error propagates."""
        if self._process is None:
            raise EnvCrash("the REPL environment is closed")
        try:
            answer = self._process.request(payload, timeout_s=timeout_s)
        except EnvError:
            self._replace_process()
            raise
        message = answer.get("message")
        if isinstance(message, str) and message.startswith(_LOST):
            # The process and this client disagree about which states exist (recorded upstream:
            # test/unknown_proof_state, test/unknown_environment): start afresh and replay.
            self._replace_process()
            raise EnvCrash(f"the REPL lost a proof state or environment ({message}); it was restarted")
        return answer

    def _replace_process(self) -> None:
        assert self._process is not None
        self.restarts += 1
        log.warning("restarting the Lean REPL (restart %d)", self.restarts)
        self._process.close()
        self._spawn()

    def _imports_env(self, imports: tuple[str, ...]) -> int:
        if imports not in self._import_envs:
            answer = self._request({"cmd": "\n".join(imports)}, self.import_timeout_s)
            error = first_error(_messages(answer))
            if "env" not in answer or error is not None:
                detail = error.text if error else answer.get("message")
                raise TheoremUnsupported(f"the imports {' / '.join(imports)} do not elaborate: {detail}")
            self._import_envs[imports] = int(answer["env"])
        return self._import_envs[imports]

    def _header_env(self, header: str) -> int:
        """The env in which a theorem with this header is stated (see the module docstring)."""
        imports, rest = split_header(header)
        base = self._imports_env(imports)
        if not rest:
            return base
        key = "\n".join((*imports, rest))
        if key not in self._header_envs:
            answer = self._request({"cmd": rest, "env": base}, self.import_timeout_s)
            error = first_error(_messages(answer))
            if "env" not in answer or error is not None:
                detail = error.text if error else answer.get("message")
                raise TheoremUnsupported(f"the header does not elaborate: {detail}")
            self._header_envs[key] = int(answer["env"])
        return self._header_envs[key]

    def _command(self, header: str, command: str, timeout_s: float) -> dict[str, object]:
        return self._request({"cmd": command, "env": self._header_env(header)}, timeout_s)

    # proof states -------------------------------------------------------------------------------

    def _state(self, path: _Path) -> int:
        """The id of the state at `path` in the current process, replaying the path if needed."""
        if path in self._states:
            return self._states[path]
        if not path.tactics:
            self._states[path] = self._run_root(path)
            return self._states[path]
        parent = self._state(_Path(path.header, path.command, path.tactics[:-1]))
        answer = self._request({"tactic": path.tactics[-1], "proofState": parent}, self._tactic_timeout())
        if "proofState" not in answer or first_error(_messages(answer)) is not None:
            raise EnvCrash(f"replaying a proof state after a restart diverged: {answer}")
        self._states[path] = int(answer["proofState"])
        return self._states[path]

    def _run_root(self, path: _Path) -> int:
        answer = self._command(path.header, path.command, self._tactic_timeout())
        error = first_error(_messages(answer))
        sorries = answer.get("sorries") or []
        if error is not None or "env" not in answer or not isinstance(sorries, list) or len(sorries) != 1:
            detail = error.text if error else answer.get("message", f"{len(sorries)} sorries")
            raise TheoremUnsupported(f"the statement does not elaborate: {detail}")
        self._root_goals[path] = str(sorries[0]["goal"])
        return int(sorries[0]["proofState"])

    def _tactic_timeout(self) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TheoremTimeLimit(f"theorem time limit of {self.theorem_timeout_s:g} s exceeded")
        return min(self.tactic_timeout_s, left)

    def _screen(self, text: str) -> str | None:
        """Why `text` may not reach Lean (`soundness`), or None."""
        return screen_tactic(text, allow_native_decide=self.allow_native_decide)

    def _should_recycle(self) -> bool:
        """Every `recycle_every` theorems, or when the process holds more than `recycle_memory_mb`
        (measured by lean-interact over the process tree; a hand-built REPL is not measured)."""
        if self.recycle_every and self._started % self.recycle_every == 0:
            log.info("recycling the Lean REPL after %d theorems", self._started)
            return True
        used = getattr(self._process, "memory_mb", None)
        if self.recycle_memory_mb is not None and used is not None and used() > self.recycle_memory_mb:
            log.info("recycling the Lean REPL: it holds %.0f MiB", used())
            return True
        return False

    # the Environment contract -------------------------------------------------------------------

    def start(self, theorem: Theorem) -> Goal:
        self._started += 1
        if self._process is not None and self._should_recycle():
            self._process.close()
            self._spawn()
        self._deadline = time.monotonic() + self.theorem_timeout_s
        if theorem.header and self.header and theorem.header != self.header:
            log.debug("%s brings its own header; env.header is not run for it", theorem.name)
        path = _Path(theorem.header or self.header, f"{theorem.statement} := by sorry")
        self._state(path)
        text = self._root_goals[path]
        return Goal(text=text, key=goal_key(text), handle=_Handle(path, (0,), 1, sorried=False))

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        handle = goal.handle
        if not isinstance(handle, _Handle):
            raise TypeError(f"not a goal of the REPL backend: {goal!r}")
        refused = self._screen(tactic)
        if refused is not None:
            return TacticError(f"refused before Lean: {refused}")
        base, sorried = handle.path, handle.sorried
        if len(handle.positions) != handle.count:
            base, sorried = base.then(isolation_script(handle.positions, handle.count)), True
        state = self._state(base)
        answer = self._request({"tactic": tactic, "proofState": state}, self._tactic_timeout())
        if "proofState" not in answer:
            return TacticError(str(answer.get("message", answer)))
        error = first_error(_messages(answer))
        if error is not None:
            return TacticError(error.text)
        if answer.get("sorries"):
            return TacticError("the tactic closed a goal with sorry (the REPL reports `sorries`)")
        path = base.then(tactic)
        self._states[path] = int(answer["proofState"])
        return self._outcome(answer, path, sorried)

    def _outcome(self, answer: dict[str, object], path: _Path, sorried: bool) -> Outcome:
        status = answer.get("proofStatus")
        goals = [str(g) for g in answer.get("goals") or []]
        if status is None:
            return TacticError("the REPL reports no proofStatus; use a REPL version that does")
        status = str(status)
        if status.startswith("Error"):
            return TacticError(status)
        if goals:
            return Subgoals(
                tuple(
                    Goal(
                        text="\n\n".join(goals[i] for i in group),
                        key="\n\n".join(goal_key(goals[i]) for i in group),
                        handle=_Handle(path, group, len(goals), sorried),
                        positions=group if len(group) < len(goals) else (),
                        count=len(goals),
                    )
                    for group in group_goals(goals)
                )
            )
        if status == _COMPLETED or (sorried and status == _SOLVED_WITH_OUR_SORRIES):
            return Proved()
        return TacticError(f"no goals left but the proof is not complete: {status}")

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        refused = self._screen(script)
        if refused is not None:
            return CheckResult(False, f"refused before Lean: {refused}")
        try:
            statement, name = named_statement(theorem.statement, theorem.name)
        except ValueError as exc:
            raise TheoremUnsupported(str(exc)) from exc
        header = theorem.header or self.header
        answer = self._command(header, proof_command(statement, script), self.theorem_timeout_s)
        if "env" not in answer:
            return CheckResult(False, str(answer.get("message", answer)))
        axioms = self._request({"cmd": f"#print axioms {name}", "env": answer["env"]}, self.tactic_timeout_s)
        return judge_recheck(
            _messages(answer), _messages(axioms), allow_native_decide=self.allow_native_decide
        )

    def close(self) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None

    def __enter__(self) -> ReplEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
