"""Proof states (the ordered list of all open goals) as search goals, for MCTS and best-first.

A state is wrapped as one `SearchGoal` whose payload is the tuple of its goals, so the hypertree,
proof extraction and JSON export work unchanged: a tactic runs on the state's first goal and yields
one child state (its new goals, then the untouched rest), or closes the proof (no child) when nothing
is left. The policy and the critic see the whole state, its goals separated by blank lines as Lean
prints them.
"""

from __future__ import annotations

from search.types import ApplyFn, Children, Invalid, Outcome, SearchGoal, Solved

KEY_SEPARATOR = "\x1f"


def state_of(goals: tuple[SearchGoal, ...]) -> SearchGoal:
    """The state goal of a non-empty ordered tuple of goals."""
    if not goals:
        raise ValueError("a proof state needs at least one goal")
    return SearchGoal(
        key=KEY_SEPARATOR.join(g.key for g in goals), text="\n\n".join(g.text for g in goals), payload=goals
    )


def state_apply(apply: ApplyFn) -> ApplyFn:
    """Lift a goal-level apply function to state goals made by `state_of`."""

    def apply_state(state: SearchGoal, tactic: str) -> Outcome:
        goals: tuple[SearchGoal, ...] = state.payload  # type: ignore[assignment]
        outcome = apply(goals[0], tactic)
        match outcome:
            case Solved():
                rest = goals[1:]
            case Children(goals=new):
                rest = new + goals[1:]
            case Invalid():
                return outcome
            case _:
                raise TypeError(f"apply returned {outcome!r}, not an Outcome")
        return Children((state_of(rest),)) if rest else Solved()

    return apply_state
