"""Types shared by every search: goals, tactic candidates, outcomes, budgets, results, the public tree.

The search engine knows goals, tactics, priors and values only through these types and the three
pluggable callables (`PolicyFn`, `CriticFn`, `ApplyFn`); it never imports the prover or Lean.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class SearchGoal:
    """One goal as the search sees it.

    `key` merges equal goals into one node; `text` is what the policy and critic read; `payload` is
    opaque to the search (e.g. a backend goal handle) and handed back to the apply function.
    """

    key: str
    text: str
    payload: object = field(default=None, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class TacticCandidate:
    """One tactic proposed by the policy: `logprob` is its sequence log-probability, `prior` its
    selection prior (PUCT's P(g, t)); the policy decides how priors are normalised."""

    tactic: str
    logprob: float
    prior: float


@dataclass(frozen=True)
class Solved:
    """The tactic closed the goal."""


@dataclass(frozen=True)
class Children:
    """The tactic succeeded and left these goals (at least one), in the order Lean returned them."""

    goals: tuple[SearchGoal, ...]


@dataclass(frozen=True)
class Invalid:
    """The tactic was rejected on this goal; `message` says why."""

    message: str


Outcome = Solved | Children | Invalid

PolicyFn = Callable[[Sequence[SearchGoal]], Sequence[Sequence[TacticCandidate]]]
"""Batched: one list of candidates per goal, best first; the search uses the first `num_tactics`."""

CriticFn = Callable[[Sequence[SearchGoal]], Sequence[float]]
"""Batched: the probability in (0, 1) that each goal is provable."""

ApplyFn = Callable[[SearchGoal, str], Outcome]
"""Run one tactic on one goal. May raise `ExpansionError` for infrastructure failures."""


class ExpansionError(Exception):
    """An infrastructure failure while applying a tactic (not a verdict on the tactic).

    A search stops cleanly when the apply function raises one and reports it in `SearchResult.error`;
    any other exception propagates unchanged.
    """


class ExpansionTimeout(ExpansionError):
    """The backend ran past its time or step limit."""


class ExpansionCrash(ExpansionError):
    """The backend died or stopped answering."""


class Status(StrEnum):
    """Proof status of a node or a hyperedge; PROVED and FAILED are final."""

    PROVED = "proved"
    FAILED = "failed"
    OPEN = "open"


class StopReason(StrEnum):
    """Why a search stopped."""

    PROVED = "proved"
    FAILED = "failed"
    BUDGET_EXPANSIONS = "budget_expansions"
    BUDGET_ENV_CALLS = "budget_env_calls"
    BUDGET_TIME = "budget_time"
    ERROR = "error"


@dataclass(frozen=True, kw_only=True)
class Budget:
    """Resource limits of one search; `None` means unlimited.

    `max_expansions`: goals expanded (one policy query each); `max_env_calls`: apply calls;
    `max_seconds`: wall-clock seconds of the whole search.
    """

    max_expansions: int | None = None
    max_env_calls: int | None = None
    max_seconds: float | None = None

    def __post_init__(self) -> None:
        for name in ("max_expansions", "max_env_calls", "max_seconds"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"Budget.{name} must be >= 0, got {value}")


@dataclass(frozen=True)
class ProofTree:
    """A proof: `tactic` applied to the goal of node `node_id` through hyperedge `edge_id`, then one
    sub-proof per child goal, in the order the tactic returned them."""

    node_id: int
    goal_text: str
    edge_id: int
    tactic: str
    children: tuple[ProofTree, ...] = ()

    def size(self) -> int:
        """Number of tactics in the proof."""
        return 1 + sum(child.size() for child in self.children)

    def depth(self) -> int:
        """Longest chain of tactics."""
        return 1 + max((child.depth() for child in self.children), default=0)


@dataclass(frozen=True)
class NodeRecord:
    """A goal node of the public tree (`value`: critic probability; `q`: mean backed-up value in
    probability space, `None` before the first visit)."""

    id: int
    goal: str
    key: str
    status: Status
    visits: int
    value: float | None
    q: float | None
    depth: int
    created_at: int
    expanded_at: int | None
    in_proof: bool


@dataclass(frozen=True)
class EdgeRecord:
    """A tactic hyperedge of the public tree; `children == ()` with status PROVED closed the goal,
    with status FAILED (and an `error`) the tactic was invalid or killed."""

    id: int
    parent: int
    tactic: str
    prior: float
    logprob: float
    visits: int
    q: float | None
    children: tuple[int, ...]
    status: Status
    error: str | None
    created_at: int
    in_proof: bool


@dataclass(frozen=True)
class ProofRecord:
    """The minimal proof: its Lean tactic script and the ids of its edges."""

    script: str
    edges: tuple[int, ...]


@dataclass(frozen=True)
class SearchTree:
    """A finished search as data: what the JSON file, the viewer and the trainer read."""

    theorem: str
    search: str
    proved: bool
    root: int
    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]
    proof: ProofRecord | None
    expansions: int
    env_calls: int
    seconds: float
    stop_reason: str


@dataclass(frozen=True)
class SearchResult:
    """The outcome of one search. Times are wall-clock seconds; `policy_seconds` includes the critic."""

    proved: bool
    proof: ProofTree | None
    script: str | None
    expansions: int
    env_calls: int
    seconds: float
    policy_seconds: float
    env_seconds: float
    error: str | None
    stop_reason: str
    tree: SearchTree


def check_probability(value: float, *, what: str) -> float:
    """Validate a critic value: it must lie in the open interval (0, 1)."""
    if not (0.0 < value < 1.0) or math.isnan(value):
        raise ValueError(f"{what} must be in (0, 1), got {value}")
    return float(value)
