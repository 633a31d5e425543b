"""FAKE lean-dojo `Dojo` for tests: returns the real lean_dojo result classes from a transcript, and
finds theorems as lean-dojo 4.20 does.

Finding (lean_dojo/interaction/dojo.py `Dojo.__enter__`, `_locate_traced_file`, `_get_modified_proof`;
lean_dojo/utils.py `_from_lean_path`): the entry is a real `lean_dojo.Theorem(repo, file_path,
full_name)` (its constructor asserts the `.lean` suffix); an absolute `file_path` is made relative to
the traced repository with `Path.relative_to` (a `ValueError` outside it); a file that was not traced
is `DojoInitError("Cannot find the *.ast.json file ...")`; a name that is not the fully qualified name
of a theorem of that file is `DojoInitError("Failed to locate the theorem with `<name>` as its fully
qualified name.")`. Start-up answers after `init_seconds`, and past the Dojo's `timeout` that is
`DojoInitError("Timeout during initialization")`; afterwards the process's `timeout` (a pexpect
`spawn` attribute, `proc.timeout`) bounds each tactic.

A transcript maps (file relative to the repository, fully qualified name) to a `FakeTheorem`: its
initial pretty-printed state and a table {state pp: {tactic: answer}}; an answer is ("state", pp),
("finished",), ("error", text), ("given_up",), ("timeout",), ("slow", seconds, answer) or ("crash",
text). A ("state", pp) whose goals lean-dojo's own parser cannot count raises its `AssertionError`
(`TacticState.__post_init__`). As in real lean-dojo, once a tactic has timed out every later `run_tac`
of that Dojo times out too, so a client has to reopen it. Unlisted tactics are Lean errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lean_dojo import (
    DojoCrashError,
    DojoInitError,
    DojoTacticTimeoutError,
    LeanError,
    ProofFinished,
    ProofGivenUp,
    TacticState,
)

Answer = tuple[Any, ...]


@dataclass
class FakeTheorem:
    initial: str
    table: dict[str, dict[str, Answer]]
    accepted_proofs: tuple[str, ...] = ()
    init_seconds: float = 0.0
    # script -> the axioms `#print axioms` names for the compiled proof (default: none)
    axioms: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FakeRepo:
    """Stands in for `LeanGitRepo` (which copies the repository into lean-dojo's cache)."""

    url: str
    commit: str = "0" * 40


@dataclass
class FakeDojoWorld:
    """Everything the fakes share: the traced repository `root`, its theorems by (relative file, fully
    qualified name); `opened` counts Dojos entered, `checked` records check_proof calls."""

    root: Path
    theorems: dict[tuple[str, str], FakeTheorem]
    opened: int = 0
    checked: list[tuple[str, str]] = field(default_factory=list)

    def locate(self, entry: Any) -> FakeTheorem:
        path = Path(entry.file_path)
        if path.is_absolute():
            path = path.relative_to(self.root)
        if not any(file == str(path) for file, _ in self.theorems):
            raise DojoInitError(f"Cannot find the *.ast.json file for {entry} in {self.root}.")
        found = self.theorems.get((str(path), entry.full_name))
        if found is None:
            raise DojoInitError(
                f"Failed to locate the theorem with `{entry.full_name}` as its fully qualified name."
            )
        return found

    def dojo(self, entry: Any, timeout: int) -> FakeDojo:
        return FakeDojo(self, entry, timeout)

    def final_check(self, theorem: Any, script: str) -> Any:
        """The final check's verdict as `final_check.lean_file_check` reaches it: Lean's `#print
        axioms` answer for the compiled proof, judged by the real `soundness.judge_recheck`."""
        from prover.env.soundness import LeanMessage, judge_recheck

        found = self.theorems[(str(Path(theorem.file).resolve().relative_to(self.root)), theorem.full_name)]
        used = found.axioms.get(script, [])
        name = theorem.name
        text = (
            f"'{name}' depends on axioms: [{', '.join(used)}]"
            if used
            else f"'{name}' does not depend on any axioms"
        )
        return judge_recheck([], [LeanMessage("info", text)])

    def check_proof(self, entry: Any, proof: str) -> bool:
        theorem = self.locate(entry)
        self.checked.append((entry.full_name, proof))
        return proof in theorem.accepted_proofs


@dataclass
class FakeProcess:
    """The pexpect `spawn` lean-dojo keeps as `Dojo.proc`; only its `timeout` matters here."""

    timeout: float


class FakeDojo:
    def __init__(self, world: FakeDojoWorld, entry: Any, timeout: int) -> None:
        self.world, self.entry, self.timeout = world, entry, timeout
        self.proc = FakeProcess(timeout)
        self.states: list[str] = []
        self.timed_out = False
        self.closed = False

    def __enter__(self) -> tuple[FakeDojo, TacticState]:
        self.theorem = self.world.locate(self.entry)
        if self.theorem.init_seconds > self.timeout:
            raise DojoInitError("Timeout during initialization")
        self.world.opened += 1
        return self, self._state(self.theorem.initial)

    def __exit__(self, *exc: object) -> None:
        self.closed = True

    def _state(self, pp: str) -> TacticState:
        self.states.append(pp)
        return TacticState(pp, len(self.states) - 1)

    def run_tac(self, state: TacticState, tactic: str) -> Any:
        if self.closed:
            raise DojoCrashError("Unexpected EOF")
        if state.id >= len(self.states) or self.states[state.id] != state.pp:
            raise AssertionError(f"state {state.id} does not belong to this Dojo")
        if self.timed_out:
            raise DojoTacticTimeoutError()
        answer = self.theorem.table.get(state.pp, {}).get(
            tactic, ("error", f"<stdin>:1:0: unknown tactic {tactic}")
        )
        return self._answer(answer)

    def _answer(self, answer: Answer) -> Any:
        kind = answer[0]
        if kind == "slow":
            if answer[1] > self.proc.timeout:
                self.timed_out = True
                raise DojoTacticTimeoutError()
            return self._answer(answer[2])
        if kind == "state":
            return self._state(answer[1])
        if kind == "finished":
            return ProofFinished(len(self.states))
        if kind == "given_up":
            return ProofGivenUp()
        if kind == "timeout":
            self.timed_out = True
            raise DojoTacticTimeoutError()
        if kind == "crash":
            self.closed = True
            raise DojoCrashError(answer[1])
        return LeanError(answer[1])
