"""Golden trees: fixed seed, small toy environment, the whole search tree compared with a stored JSON.

A change to search behaviour shows as a reviewed diff of `golden/*.json`; regenerate with
`SEARCH_UPDATE_GOLDEN=1 pytest tests/search/test_golden.py` after checking the change is intended.
"""

import json
import os
from pathlib import Path

import pytest

from search import SEARCHES, Budget, tree_to_json
from search.toy import ToyEnv, rules_from_table

GOLDEN = Path(__file__).parent / "golden"

# The theorem p ∧ (q ∨ r) with a few dead ends, merged goals and a cycle; priors and values are uneven
# so that PUCT, UCT and best-first order all matter.
TABLE = {
    "p ∧ (q ∨ r)": [
        ("constructor", ("p", "q ∨ r"), 3.0),
        ("simp", "simp made no progress", 1.0),
        ("rw [and_comm]", ("(q ∨ r) ∧ p",), 2.0),
    ],
    "(q ∨ r) ∧ p": [("constructor", ("q ∨ r", "p"), 2.0), ("rw [and_comm]", ("p ∧ (q ∨ r)",), 1.0)],
    "p": [("assumption", "no assumption", 2.0), ("exact hp", (), 1.0), ("apply id", ("p",), 1.0)],
    "q ∨ r": [
        ("left", ("q",), 3.0),
        ("right", ("r",), 2.0),
        ("cases h", ("q ∨ r | inl", "q ∨ r | inr"), 1.0),
    ],
    "q": [("exact hq", "unknown identifier 'hq'", 1.0), ("trivial", ("q'",), 1.0)],
    "q'": [("omega", "omega could not prove the goal", 1.0)],
    "r": [("exact hr", (), 1.0)],
    "q ∨ r | inl": [("exact Or.inl ‹_›", (), 1.0)],
    "q ∨ r | inr": [("exact Or.inr ‹_›", (), 1.0)],
}
VALUES = {"p": 0.9, "q ∨ r": 0.6, "q": 0.7, "r": 0.4, "q'": 0.2, "(q ∨ r) ∧ p": 0.5}
CASES = {
    "htps": {"batch_size": 2, "c_puct": 1.0},
    "mcts": {"batch_size": 2, "rule": "uct", "exploration": 0.5},
    "best_first": {"batch_size": 1},
}


def golden_json(name: str) -> dict:
    env = ToyEnv(rules_from_table(TABLE), values=VALUES, default_value=0.3)
    result = SEARCHES[name](
        env.goal("p ∧ (q ∨ r)"), policy=env.policy, critic=env.critic, apply=env.apply,
        budget=Budget(max_expansions=30), seed=7, theorem="golden", **CASES[name],
    )  # fmt: skip
    data = tree_to_json(result.tree)
    data["stats"]["seconds"] = 0.0  # wall-clock time is the only non-deterministic field
    return data


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_tree(name):
    path = GOLDEN / f"{name}.json"
    actual = golden_json(name)
    if os.environ.get("SEARCH_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(actual)) == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_search_is_deterministic(name):
    assert golden_json(name) == golden_json(name)
