"""`EmbeddedEnv`: the pure-Python Lean 4 kernel behind the `Environment` protocol."""

from __future__ import annotations

import logging
from functools import lru_cache

from prover.env.base import CheckResult, Goal, Outcome, Proved, Subgoals, TacticError, TheoremUnsupported
from prover.env.embedded.elab import ElabError
from prover.env.embedded.elab import parse_statement as _parse_statement
from prover.env.embedded.goals import GoalState
from prover.env.embedded.lemmas import redeclaration
from prover.env.embedded.script import ScriptError, run_script
from prover.env.embedded.syntax import ParseError
from prover.theorems import Theorem

log = logging.getLogger(__name__)


def parse_statement(statement: str) -> tuple[str, GoalState]:
    """Parse a `theorem` head into (name, root goal); raises TheoremUnsupported naming the problem."""
    try:
        name, goal = _parse_statement(statement)
    except (ElabError, ParseError) as exc:
        raise TheoremUnsupported(f"embedded: cannot parse statement: {exc}") from exc
    except RecursionError as exc:
        raise TheoremUnsupported("embedded: statement is nested too deeply") from exc
    problem = redeclaration(name) if name else None
    if problem is not None:
        raise TheoremUnsupported(problem)
    return name, goal


@lru_cache(maxsize=4096)
def _start(statement: str) -> tuple[str, GoalState]:
    return parse_statement(statement)


def to_goal(state: GoalState) -> Goal:
    return Goal(text=state.text, key=state.key, handle=state)


class EmbeddedEnv:
    """Lean 4 core fragment kernel (see the package docstring for what is supported).

    `max_steps` bounds the tactic steps of one `apply` or `check` call; `timeout_s` bounds its wall
    clock, a safety net whose outcome depends on the machine's load. Exceeding them gives
    `TacticError("embedded: step limit exceeded")` / `("embedded: time limit exceeded")` (or a failed
    check)."""

    name = "embedded"

    def __init__(self, *, max_steps: int = 20000, timeout_s: float = 5.0) -> None:
        self.max_steps = max_steps
        self.timeout_s = timeout_s
        self._cache: dict[tuple[int, str], tuple[GoalState, Outcome]] = {}
        # (file, theorem name) -> line of the first declaration checked: a second theorem of that name
        # in the same file is Lean's "already declared" error.
        self._declared: dict[tuple[str, str], int] = {}

    def start(self, theorem: Theorem) -> Goal:
        _name, state = _start(theorem.statement)
        return to_goal(state)

    def apply(self, goal: Goal, tactic: str) -> Outcome:
        state = goal.handle
        if not isinstance(state, GoalState):
            return TacticError("embedded: goal was not produced by this environment")
        # Keyed by identity: goal states are immutable, and keeping `state` in the value keeps its id
        # from being reused; structural hashing of deep terms would cost more than it saves.
        key = (id(state), tactic)
        cached = self._cache.get(key)
        if cached is not None and cached[0] is state:
            return cached[1]
        outcome = self._apply(state, tactic)
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = (state, outcome)
        return outcome

    def _apply(self, state: GoalState, tactic: str) -> Outcome:
        try:
            left = run_script(tactic, [state], theorem="", max_steps=self.max_steps, timeout_s=self.timeout_s)
            # rendering the goals it left is part of the tactic's result: a term too deep to print
            # rejects the tactic like one too deep to elaborate
            return Subgoals(tuple(to_goal(g) for g in left)) if left else Proved()
        except ScriptError as exc:
            return TacticError(exc.message)
        except RecursionError:
            return TacticError("embedded: input is nested too deeply")
        except Exception as exc:  # noqa: BLE001 - a kernel bug must reject the tactic, not crash search
            log.exception("embedded kernel internal error on tactic %r", tactic[:200])
            return TacticError(f"embedded: internal error ({type(exc).__name__}); tactic rejected")

    def check(self, theorem: Theorem, script: str) -> CheckResult:
        try:
            name, state = _start(theorem.statement)
        except TheoremUnsupported as exc:
            return CheckResult(False, str(exc))
        if theorem.file and name:
            first = self._declared.setdefault((theorem.file, name), theorem.line)
            if first != theorem.line:
                return CheckResult(False, f"'{name}' has already been declared (line {first})")
        try:
            left = run_script(
                script,
                [state],
                theorem=name or theorem.name,
                max_steps=self.max_steps,
                timeout_s=self.timeout_s,
            )
        except ScriptError as exc:
            return CheckResult(False, str(exc))
        except RecursionError:
            return CheckResult(False, "1:0: embedded: input is nested too deeply")
        except Exception as exc:  # noqa: BLE001 - a kernel bug must fail the check, not crash the caller
            log.exception("embedded kernel internal error while checking %s", theorem.name)
            return CheckResult(False, f"1:0: embedded: internal error ({type(exc).__name__})")
        if left:
            return CheckResult(False, "1:0: unsolved goals\n" + "\n\n".join(g.text for g in left))
        return CheckResult(True)

    def close(self) -> None:
        self._cache.clear()

    def __enter__(self) -> EmbeddedEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
