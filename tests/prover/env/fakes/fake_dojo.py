"""FAKE lean-dojo `Dojo` for tests: returns the real lean_dojo result classes from a transcript.

A transcript maps a theorem name to its initial pretty-printed state and a table
{state pp: {tactic: answer}}; an answer is ("state", pp), ("finished",), ("error", text), ("given_up",),
("timeout",) or ("crash", text). As in real lean-dojo, once a tactic has timed out every later
`run_tac` of that Dojo times out too, so a client has to reopen it. Unlisted tactics are Lean errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lean_dojo import (
    DojoCrashError,
    DojoTacticTimeoutError,
    LeanError,
    ProofFinished,
    ProofGivenUp,
    TacticState,
)

Answer = tuple[str, ...]


@dataclass
class FakeTheorem:
    initial: str
    table: dict[str, dict[str, Answer]]
    accepted_proofs: tuple[str, ...] = ()


@dataclass
class FakeDojoWorld:
    """Everything the fakes share; `opened` counts Dojos entered, `checked` records check_proof calls."""

    theorems: dict[str, FakeTheorem]
    opened: int = 0
    checked: list[tuple[str, str]] = field(default_factory=list)

    def entry(self, theorem: Any) -> str:
        return theorem.name

    def dojo(self, entry: str, timeout: int) -> FakeDojo:
        return FakeDojo(self, entry, timeout)

    def check_proof(self, entry: str, proof: str) -> bool:
        self.checked.append((entry, proof))
        return proof in self.theorems[entry].accepted_proofs


class FakeDojo:
    def __init__(self, world: FakeDojoWorld, entry: str, timeout: int) -> None:
        if entry not in world.theorems:
            raise AssertionError(f"no traced theorem {entry}")
        self.world, self.theorem, self.timeout = world, world.theorems[entry], timeout
        self.states: list[str] = []
        self.timed_out = False
        self.closed = False

    def __enter__(self) -> tuple[FakeDojo, TacticState]:
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
        kind = answer[0]
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
