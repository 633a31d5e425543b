"""Goal display against goals recorded from real Lean 4 (recorded_goals.json; provenance in NOTICE.md).

Each fixture starts its theorem in the embedded kernel, applies the recorded tactics (each to the goal
at the given index of the current goal list, the rest kept behind it, as Lean's tactic framework does
for the main goal) and compares the resulting goal texts with Lean's, character for character. Where
the kernel refuses a recorded tactic (outside its fragment or lemma table) the fixture counts as not
reproduced, which is allowed; showing a goal text different from Lean's never is. At least
`MIN_REPRODUCED` of the fixtures must be reproduced.
`inside: next` marks a record taken inside a `next =>` block, where Lean prints the goal without its
case tag; the kernel's goal (as seen from outside the block) has its tag line removed for the comparison.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prover.env.audit import theorem_of
from prover.env.base import Goal, Subgoals, TacticError
from prover.env.embedded import EmbeddedEnv

FIXTURES = json.loads(Path(__file__).with_name("recorded_goals.json").read_text(encoding="utf-8"))


MIN_REPRODUCED = 36


def replay(env: EmbeddedEnv, fixture: dict) -> list[str] | None:
    """The goal texts after the fixture's steps, or None when the kernel refuses a step."""
    goals: list[Goal] = [env.start(theorem_of(fixture["statement"]))]
    for index, tactic in fixture["steps"]:
        goals.insert(0, goals.pop(index))
        outcome = env.apply(goals[0], tactic)
        if isinstance(outcome, TacticError):
            return None
        goals = [*(outcome.goals if isinstance(outcome, Subgoals) else ()), *goals[1:]]
    texts = [g.text for g in goals]
    if fixture.get("inside") == "next":
        texts = [t.split("\n", 1)[1] if t.startswith("case ") else t for t in texts]
    return texts


def test_fixture_count() -> None:
    assert len(FIXTURES) >= 40
    assert {f["source"].split(":")[0] for f in FIXTURES} == {
        "leanprover-community/repl@v4.24.0",
        "leanprover/lean4",
    }


@pytest.mark.parametrize(
    "fixture",
    FIXTURES,
    ids=[f"{i}-{f['statement'].split()[1]}-{len(f['steps'])}" for i, f in enumerate(FIXTURES)],
)
def test_goal_text_matches_lean_or_is_refused(fixture: dict) -> None:
    texts = replay(EmbeddedEnv(), fixture)
    assert texts is None or texts == fixture["goals"], fixture["source"]


def test_most_fixtures_are_reproduced() -> None:
    env = EmbeddedEnv()
    refused = [f"{f['statement']} {f['steps']}" for f in FIXTURES if replay(env, f) is None]
    print(f"reproduced {len(FIXTURES) - len(refused)}/{len(FIXTURES)}; refused: {refused}")
    assert len(FIXTURES) - len(refused) >= MIN_REPRODUCED, refused
