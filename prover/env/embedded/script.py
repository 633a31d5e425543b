"""Running parsed tactic scripts on goal lists, with the goal-list semantics of Lean's combinators.

Each node of `grammar.ParsedScript` acts on the whole goal list, as a Lean tactic does; table tactics
act on the main goal. Combinators follow src/Init/Tactics.lean and src/Lean/Elab/Tactic/BuiltinTactic.lean:
`try s` is `first | s | skip` on the whole list; `t <;> s` is `focus (t; all_goals s)`; `all_goals`
and `any_goals` run their sequence on each goal; `case tag` finds the goal with `findTag?` (exact
tag, then suffix, then prefix), renames its inaccessible locals and runs on it with the tag erased;
`next` is `case _`; `·` focuses the main goal and keeps its tag. A failure is swallowed (by `try`,
`first`, `any_goals`) only when it is certain; an undecided one rejects the script.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from prover.env.embedded import blocks
from prover.env.embedded.decide import refuted
from prover.env.embedded.goals import GoalState, Hyp
from prover.env.embedded.grammar import Alt, ParseError, Tactic, parse_script
from prover.env.embedded.structural import t_cases, t_induction
from prover.env.embedded.table import TACTICS
from prover.env.embedded.tactics import TacticFail, _prop, t_have, t_rename_i
from prover.env.embedded.terms import FVar, fresh_id

log = logging.getLogger(__name__)

# Tactics that either close the main goal or fail: on a goal with a counter-model they certainly fail.
_CLOSING = frozenset({"exact", "omega", "decide", "rfl", "assumption", "contradiction", "trivial"})


def _refuted(goal: GoalState) -> bool:
    return refuted([(FVar(h.fid), h.ty) for h in goal.hyps], goal.target)


class ScriptError(Exception):
    """A tactic failed; `line`/`col` locate it in the script (1-based line, 0-based column). `certain`:
    Lean fails here too for sure, so `try`/`first` may swallow it."""

    def __init__(
        self, line: int, col: int, message: str, *, certain: bool | Callable[[], bool] = False
    ) -> None:
        super().__init__(f"{line}:{col}: {message}")
        self.line, self.col, self.message, self._certain = line, col, message, certain

    @property
    def certain(self) -> bool:
        if callable(self._certain):
            self._certain = bool(self._certain())
        return self._certain


def _error(node: Tactic | Alt, message: str, *, certain: bool | Callable[[], bool] = True) -> ScriptError:
    return ScriptError(node.line, node.col, message, certain=certain)


def _unsolved(node: Tactic | Alt, goals: list[GoalState]) -> ScriptError:
    return _error(node, "unsolved goals\n" + "\n\n".join(g.text for g in goals))


def _tags_match(tag: str, goal_tag: str, how: str) -> bool:
    """`Name.isSuffixOf` / `isPrefixOf` on dotted tags, component-wise."""
    want, have = tag.split("."), goal_tag.split(".") if goal_tag else []
    if how == "exact":
        return want == have
    if len(want) > len(have):
        return False
    return have[len(have) - len(want) :] == want if how == "suffix" else have[: len(want)] == want


@dataclass
class Runner:
    """Runs parsed scripts on goal lists with a step and wall-clock budget."""

    theorem: str
    max_steps: int
    deadline: float
    steps: int = 0

    def tick(self, node: Tactic) -> None:
        self.steps += 1
        if self.steps > self.max_steps:
            raise _error(node, "embedded: step limit exceeded", certain=False)
        if time.monotonic() > self.deadline:
            # The clock is a safety net: unlike the step limit, its outcome depends on the machine's
            # load, so a hit is reported as such (a run that hits it is not reproducible).
            log.warning("embedded: a tactic hit the wall-clock limit (%s)", self.theorem or "apply")
            raise _error(node, "embedded: time limit exceeded", certain=False)

    def seq(self, nodes: tuple[Tactic, ...], goals: list[GoalState]) -> list[GoalState]:
        for node in nodes:
            goals = self.node(node, goals)
        return goals

    def closed(self, nodes: tuple[Tactic, ...], goal: GoalState, node: Tactic | Alt) -> None:
        left = self.seq(nodes, [goal])
        if left:
            raise _unsolved(node, left)

    def node(self, node: Tactic, goals: list[GoalState]) -> list[GoalState]:
        self.tick(node)
        name = node.name
        if name == "try":
            return self._first((node.body[0],), goals, node, with_skip=True)
        if name == "first":
            return self._first(node.body, goals, node, with_skip=False)
        if name in ("all_goals", "any_goals"):
            return self._all_goals(node, goals, any_goals=name == "any_goals")
        if name == "(":
            return self.seq(node.body[0], goals)
        if name == "skip":  # succeeds on any goal list, even an empty one
            return goals
        if name == "done":
            if goals:
                raise _unsolved(node, goals)
            return goals
        if not goals:
            raise _error(node, "no goals to be proved")
        main, rest = goals[0], goals[1:]
        if name == "<;>":
            first = self.node(node.kids[0], [main])
            return [g for goal in first for g in self.node(node.kids[1], [goal])] + rest
        if name == "·":
            self.closed(node.body[0], main, node)
            return rest
        if name in ("case", "next"):
            return self._case(node, goals)
        if name == "have":
            return self._have(node, main) + rest
        if name in ("cases", "induction"):
            return self._cases(node, main) + rest
        if name == "show":
            return self._show(node, goals)
        return self.tactic(node, main) + rest

    def _show(self, node: Tactic, goals: list[GoalState]) -> list[GoalState]:
        """`show t` selects the first goal whose target unifies with `t`, the others keep their order
        (src/Lean/Elab/Tactic/Show.lean, `elabShow`)."""
        for i, goal in enumerate(goals):
            try:
                new = self.tactic(node, goal)
            except ScriptError as exc:
                if not exc.certain:
                    raise
                continue
            return new + goals[:i] + goals[i + 1 :]
        raise _error(node, "tactic 'show' failed, no goal unifies")

    def tactic(self, node: Tactic, goal: GoalState) -> list[GoalState]:
        run = TACTICS[node.name].run
        assert run is not None, node.name
        try:
            return run(goal, node.args, self.theorem)
        except TacticFail as exc:
            closing = node.name in _CLOSING

            def certain(fail: TacticFail = exc) -> bool:
                return fail.certain or (closing and _refuted(goal))

            raise _error(node, str(exc), certain=certain) from exc

    def _first(
        self, bodies: tuple[tuple[Tactic, ...], ...], goals: list[GoalState], node: Tactic, *, with_skip: bool
    ) -> list[GoalState]:
        last: ScriptError | None = None
        for body in bodies:
            try:
                return self.seq(body, goals)
            except ScriptError as exc:
                # Lean might have succeeded where the kernel is unsure: never swallow that.
                if not exc.certain:
                    raise
                last = exc
        if with_skip:
            return goals
        assert last is not None
        raise last

    def _all_goals(self, node: Tactic, goals: list[GoalState], *, any_goals: bool) -> list[GoalState]:
        out: list[GoalState] = []
        progress = False
        for goal in goals:
            try:
                out += self.seq(node.body[0], [goal])
                progress = True
            except ScriptError as exc:
                if not any_goals or not exc.certain:
                    raise
                out.append(goal)
        if any_goals and not progress:
            raise _error(node, "any_goals failed")
        return out

    def _case(self, node: Tactic, goals: list[GoalState]) -> list[GoalState]:
        if node.name == "case":
            tag, names = node.names[0], node.names[1:]
        else:
            tag, names = "_", node.names
        idx = 0 if tag == "_" else self._find_tag(node, goals, tag)
        goal = goals[idx]
        if names:
            try:
                goal = t_rename_i(goal, " ".join(names), self.theorem)[0]
            except TacticFail as exc:
                raise _error(node, str(exc), certain=exc.certain) from exc
        self.closed(node.body[0], GoalState(goal.hyps, goal.target, ""), node)
        return goals[:idx] + goals[idx + 1 :]

    def _find_tag(self, node: Tactic, goals: list[GoalState], tag: str) -> int:
        """`findTag?` (src/Lean/Elab/Tactic/BuiltinTactic.lean): exact, then suffix, then prefix."""
        # Goal tags from `apply` with premise names the lemma table lacks may differ from Lean's.
        inexact = any(not g.tag_exact for g in goals)
        for how in ("exact", "suffix", "prefix"):
            for i, g in enumerate(goals):
                if _tags_match(tag, g.tag, how):
                    if inexact:
                        raise _error(node, "embedded: case on goals whose tags are not known", certain=False)
                    return i
        available = ", ".join(f"'{g.tag}'" for g in goals if g.tag)
        raise _error(node, f"Case tag '{tag}' not found.\n\nAvailable tags: {available}", certain=not inexact)

    def _have(self, node: Tactic, goal: GoalState) -> list[GoalState]:
        name = node.names[0] if node.names else "this"
        ty, value = node.parts
        if not node.body:
            try:
                return t_have(goal, name, ty, value, self.theorem)
            except TacticFail as exc:
                raise _error(node, str(exc), certain=exc.certain) from exc
        if not ty:
            raise _error(node, "embedded: 'have := by' without a type is not supported", certain=False)
        try:
            prop = _prop(ty, goal)
        except TacticFail as exc:
            raise _error(node, str(exc), certain=exc.certain) from exc
        self.closed(node.body[0], GoalState(goal.hyps, prop, ""), node)
        return [goal.add(Hyp(fresh_id(), name, prop, name == "_"))]

    def _cases(self, node: Tactic, goal: GoalState) -> list[GoalState]:
        fn = t_cases if node.name == "cases" else t_induction
        names = {alt.ctor: list(alt.names) for alt in node.alts}
        if len(names) != len(node.alts):
            raise _error(node, "duplicate alternative")
        try:
            produced = fn(goal, node.args, self.theorem, names)
        except TacticFail as exc:
            raise _error(node, str(exc), certain=exc.certain) from exc
        if not node.alts:
            return produced
        tags = [g.tag.rsplit(".", 1)[-1] for g in produced]
        for alt in node.alts:
            if alt.ctor not in tags and alt.ctor != "_":
                # Not certain: Lean may accept spellings of the constructor the kernel does not model.
                raise _error(alt, f"invalid alternative name '{alt.ctor}'", certain=False)
        by_ctor = {alt.ctor: alt for alt in node.alts}
        for g, tag in zip(produced, tags, strict=True):
            alt = by_ctor.get(tag) or by_ctor.get("_")
            if alt is None:
                raise _error(node, f"alternative '{tag}' has not been provided")
            self.closed(alt.body, g, alt)
        return []


def _run_block(tactics: tuple[Tactic, ...], goal: GoalState, theorem: str) -> None:
    runner = Runner(theorem, _BLOCK_STEPS, time.monotonic() + _BLOCK_SECONDS)
    left = runner.seq(tactics, [goal])
    if left:
        raise ScriptError(
            tactics[0].line, tactics[0].col, "unsolved goals\n" + "\n\n".join(g.text for g in left)
        )


# Budget of one nested `by` block (its enclosing script's own budget bounds how many run).
_BLOCK_STEPS, _BLOCK_SECONDS = 20000, 5.0
blocks.RUNNER[:] = [_run_block]


def run_script(
    script: str, goals: list[GoalState], *, theorem: str, max_steps: int, timeout_s: float
) -> list[GoalState]:
    """Run `script` on `goals`; return the goals left. Raises ScriptError at the first failure (a parse
    error is a ScriptError too, located where Lean's parser would stop)."""
    try:
        parsed = parse_script(script)
    except ParseError as exc:
        raise ScriptError(exc.line, exc.col, exc.message) from exc
    runner = Runner(theorem, max_steps, time.monotonic() + timeout_s)
    return runner.seq(parsed.tactics, goals)
