"""A found proof as a Lean 4 tactic script that re-checks, including nodes that hold linked goals.

`search.proof.render_script` puts every child of a multi-child tactic under a focusing bullet `· `. In
Lean a bullet focuses the main goal only and must close it (`Lean.Elab.Tactic.evalTacticCDot`: it is
`focus (tacs; done)` with error recovery), so a child that is a group of goals linked by metavariables
(the REPL backend keeps `case w ⊢ Nat` and `case h ⊢ ?w = 2` together) breaks under a bullet: `exact 2`
closes `?w`, and the group's next tactic `rfl` finds no goal in the bullet.

Here such a group is written without a bullet, after every singleton sibling, so that when its tactics
run exactly its goals are left, in the order the search saw them (the REPL backend isolates a group
keeping its goals in their original order). Siblings that are not the main goal in turn are reached
with `rotate_left` (core: `Lean.Parser.Tactic.rotateLeft`, moves the main goal to the back). Several
groups under one tactic are written one after the other without bullets; the whole-script re-check has
the last word in every case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from prover.env.base import Goal
from search.types import ProofTree

# (goal text, tactic) -> the goals the backend returned for that tactic on that goal, None if unknown.
ChildGoals = Callable[[str, str], Sequence[Goal] | None]


def render_script(proof: ProofTree, child_goals: ChildGoals) -> str:
    """The Lean 4 tactic script (the text after `:= by`) of `proof`."""
    return "\n".join(_lines(proof, child_goals))


def _lines(proof: ProofTree, child_goals: ChildGoals) -> list[str]:
    lines = proof.tactic.split("\n")
    children = proof.children
    if len(children) == 1:
        return lines + _lines(children[0], child_goals)
    if not children:
        return lines
    goals = child_goals(proof.goal_text, proof.tactic)
    groups = _positions(goals, len(children))
    if groups is None or all(len(g) == 1 for g in groups):
        for child in children:
            lines += _bulleted(_lines(child, child_goals))
        return lines
    return lines + _focused(children, groups, goals[0].count, child_goals)  # type: ignore[index]


def _positions(goals: Sequence[Goal] | None, expected: int) -> list[tuple[int, ...]] | None:
    if goals is None or len(goals) != expected or any(not g.positions for g in goals):
        return None
    return [g.positions for g in goals]


def _bulleted(lines: list[str]) -> list[str]:
    first, *rest = lines
    return ["· " + first, *("  " + line for line in rest)]


def _focused(
    children: Sequence[ProofTree], groups: list[tuple[int, ...]], count: int, child_goals: ChildGoals
) -> list[str]:
    """Singletons under bullets as they come to the front, then each group unbulleted."""
    current = list(range(count))
    owner = {position: i for i, group in enumerate(groups) for position in group}
    singles = {i for i, group in enumerate(groups) if len(group) == 1}
    lines: list[str] = []
    rotations = 0
    while singles:
        child = owner[current[0]]
        if child in singles:
            lines += _rotate(rotations) + _bulleted(_lines(children[child], child_goals))
            rotations = 0
            singles.discard(child)
            current.pop(0)
        else:
            current.append(current.pop(0))
            rotations += 1
    for i, group in enumerate(groups):
        if len(group) == 1:
            continue
        turns = next(
            (r for r in range(len(current)) if tuple((current[r:] + current[:r])[: len(group)]) == group), 0
        )
        current = current[turns:] + current[:turns]
        lines += _rotate(rotations + turns) + _lines(children[i], child_goals)
        rotations = 0
        current = current[len(group) :]
    return lines


def _rotate(times: int) -> list[str]:
    if times == 0:
        return []
    return ["rotate_left" if times == 1 else f"rotate_left {times}"]
