"""A deterministic rule-table environment for tests, examples and benchmarks of the search engines.

Goals are strings; `rules[goal]` lists the tactics the policy proposes on that goal, best first, each
with what applying it does: a tuple of child goals (empty: the tactic closes the goal) or an error
message (the tactic is invalid). Applying a tactic that is not in the table is invalid too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from search.types import Children, Invalid, Outcome, SearchGoal, Solved, TacticCandidate

Result = tuple[str, ...] | str


@dataclass(frozen=True)
class Rule:
    """One tactic on one goal: what it does, and its policy prior."""

    tactic: str
    result: Result
    prior: float = 1.0


@dataclass
class ToyEnv:
    """Policy, critic and apply function over a rule table; counts apply calls per (goal, tactic).

    `values` gives critic probabilities per goal (default `default_value`). Priors of a goal's rules
    are normalised to sum to 1 and logprob = log(prior).
    """

    rules: Mapping[str, Sequence[Rule]]
    values: Mapping[str, float] = field(default_factory=dict)
    default_value: float = 0.5
    calls: list[tuple[str, str]] = field(default_factory=list)

    @staticmethod
    def goal(name: str) -> SearchGoal:
        return SearchGoal(key=name, text=name, payload=name)

    def policy(self, goals: Sequence[SearchGoal]) -> list[list[TacticCandidate]]:
        """Candidates for the first goal of each (possibly multi-goal, blank-line separated) text."""
        return [self._candidates(g.text.split("\n\n", 1)[0]) for g in goals]

    def _candidates(self, text: str) -> list[TacticCandidate]:
        rules = self.rules.get(text, ())
        total = sum(r.prior for r in rules)
        return [TacticCandidate(r.tactic, math.log(r.prior / total), r.prior / total) for r in rules]

    def critic(self, goals: Sequence[SearchGoal]) -> list[float]:
        """Product of the values of the goals in each text (a proof state needs all of them)."""
        return [
            math.prod(self.values.get(t, self.default_value) for t in g.text.split("\n\n")) for g in goals
        ]

    def apply(self, goal: SearchGoal, tactic: str) -> Outcome:
        self.calls.append((goal.text, tactic))
        for rule in self.rules.get(goal.text, ()):
            if rule.tactic == tactic:
                if isinstance(rule.result, str):
                    return Invalid(rule.result)
                return Children(tuple(self.goal(c) for c in rule.result)) if rule.result else Solved()
        return Invalid(f"unknown tactic {tactic!r} on {goal.text!r}")


def rules_from_table(table: Mapping[str, Sequence[tuple[str, Result] | tuple[str, Result, float]]]) -> dict:
    """Build rules from plain tuples `(tactic, result[, prior])`."""
    return {goal: [Rule(*entry) for entry in entries] for goal, entries in table.items()}
