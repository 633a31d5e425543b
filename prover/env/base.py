"""The environment contract shared by every backend (embedded, Lean REPL, lean-dojo).

One goal at a time, so that HyperTree search can split subgoals: `start` gives the root goal, `apply`
runs one tactic on one goal and returns an outcome value; infrastructure failures (timeouts, crashes,
missing toolchains) are typed exceptions, never outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from prover.theorems import Theorem


@dataclass(frozen=True)
class Goal:
    """A goal (or a group of goals that share metavariables and cannot be split).

    `text` is the pretty-printed state exactly as Lean shows it (hypotheses, `⊢ target`, a leading
    `case tag` line when the goal is tagged); it is the policy's input. `key` is what equal goals are
    merged on: the backend's canonical form (e.g. the text without the case tag and with bound variables
    renamed canonically, so alpha-equivalent goals share it); it defaults to `text`. `handle` is
    backend-private (an internal goal object, a REPL proof-state id, a lean-dojo state) and takes no part
    in equality. `positions`: where this node's goals stood among the goals the tactic left, when the
    backend split them into several nodes (e.g. `(0, 2)` of three); empty when the node holds them
    all; `count` is how many goals the tactic left in all. A script renderer needs both to focus a
    group of linked goals (`prover.script`).
    """

    text: str = field(compare=False)
    key: str = ""
    handle: object = field(default=None, compare=False, hash=False, repr=False)
    positions: tuple[int, ...] = field(default=(), compare=False)
    count: int = field(default=1, compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", self.text)


@dataclass(frozen=True)
class Proved:
    """The tactic closed the goal and left nothing behind."""


@dataclass(frozen=True)
class Subgoals:
    """The tactic succeeded and left these goals (at least one) to prove."""

    goals: tuple[Goal, ...]


@dataclass(frozen=True)
class TacticError:
    """Lean rejected the tactic on this goal; `message` is Lean's (or the backend's) error text."""

    message: str


Outcome = Proved | Subgoals | TacticError


@dataclass(frozen=True)
class CheckResult:
    """The verdict of re-checking a whole proof script; `message` says why when `ok` is false."""

    ok: bool
    message: str | None = None


class EnvError(Exception):
    """An infrastructure failure of a backend (not a verdict on a tactic)."""


class EnvTimeout(EnvError):
    """A tactic or a whole theorem ran past its wall-clock or step limit."""


class TheoremTimeLimit(EnvTimeout):
    """The theorem's own wall-clock budget is spent: unlike a slow tactic, no restart can help."""


class EnvCrash(EnvError):
    """The backend process died or stopped answering; the prover restarts it."""


class TheoremUnsupported(EnvError):
    """The theorem cannot be started on this backend (outside its fragment, needs Mathlib, ...)."""


class LeanNotFound(EnvError):
    """`lean`/`lake` are not on PATH; the message tells the user how to install them."""


@runtime_checkable
class Environment(Protocol):
    """What every backend implements. Use as a context manager so `close` always runs."""

    name: str

    def start(self, theorem: Theorem) -> Goal:
        """Begin proving `theorem`; return its root goal. Raises `TheoremUnsupported`."""
        ...

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        """Run one tactic on one goal (a goal returned by `start` or an earlier `apply`)."""
        ...

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        """Re-check a whole tactic proof (the text after `:= by`) of `theorem` from scratch."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Environment: ...

    def __exit__(self, *exc: object) -> None: ...
