"""Whole searches on `env=repl` against the FAKE REPL process: per-tactic failure and linked goals.

The prover (`prover.runner.Prover`) runs the configured search with a scripted policy; the REPL is
`fakes/fake_repl.py`, a real child process that the backend kills on its tactic timeout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from hydra import compose, initialize_config_dir

from prover.policies import ConstantCritic
from prover.policy.types import TacticProposal
from prover.runner import Prover
from prover.theorems import Theorem

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")
FAKE = Path(__file__).parent / "fakes" / "fake_repl.py"

FAULTY = Theorem("faulty", "theorem faulty (p : Prop) (hp : p) : p")
LINKED = Theorem("linked", "theorem linked : True ∧ ∃ n : Nat, n = 2")
LINKED_FIRST = Theorem("linked_first", "theorem linked_first : (∃ n : Nat, n = 2) ∧ True")

TRANSCRIPT = {
    "theorems": [
        {"name": "faulty", "statement": FAULTY.statement, "header": "", "root": "f0"},
        {"name": "linked", "statement": LINKED.statement, "header": "", "root": "l0"},
        {"name": "linked_first", "statement": LINKED_FIRST.statement, "header": "", "root": "m0"},
    ],
    "states": {
        "f0": ["p : Prop\nhp : p\n⊢ p"],
        "l0": ["⊢ True ∧ ∃ n, n = 2"],
        "l1": ["case t\n⊢ True", "case w\n⊢ Nat", "case h\n⊢ ?w = 2"],
        "l2": ["case h\n⊢ 2 = 2"],
        "m0": ["⊢ (∃ n, n = 2) ∧ True"],
        "m1": ["case w\n⊢ Nat", "case h\n⊢ ?w = 2", "case t\n⊢ True"],
    },
    "tactics": {
        "f0": {"simp_all": {"hang": True}, "exact hp": {}},
        "l0": {"refine ⟨?t, ?w, ?h⟩": {"to": "l1"}},
        "l1@0": {"trivial": {}},
        "l1@1,2": {"exact 2": {"to": "l2"}},
        "l2": {"rfl": {}},
        "m0": {"refine ⟨⟨?w, ?h⟩, ?t⟩": {"to": "m1"}},
        "m1@2": {"trivial": {}},
        "m1@0,1": {"exact 2": {"to": "l2"}},
    },
    # Only what Lean accepts: a bullet must close the one goal it focuses (see prover/script.py), so
    # the group `?w`, `?h` is proved unbulleted, after its sibling.
    "proofs": {
        "faulty": {"exact hp": {"axioms": []}},
        "linked": {"refine ⟨?t, ?w, ?h⟩\n· trivial\nexact 2\nrfl": {"axioms": []}},
        "linked_first": {"refine ⟨⟨?w, ?h⟩, ?t⟩\nrotate_left 2\n· trivial\nexact 2\nrfl": {"axioms": []}},
    },
}


class ScriptedPolicy:
    """Proposes, for each goal text, the tactics listed for it, best first."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self.table = table

    def propose(
        self, goals: Sequence[str], *, n: int, temperature: float, seed: int | None
    ) -> list[list[TacticProposal]]:
        return [
            [TacticProposal(t, -float(i)) for i, t in enumerate(self.table.get(goal, ()))][:n]
            for goal in goals
        ]


def prover(tmp_path: Path, policy: ScriptedPolicy, *overrides: str) -> Prover:
    transcript = tmp_path / "transcript.json"
    transcript.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                "env=repl",
                f"env.project_dir={tmp_path}",
                f"env.repl_cmd=[{sys.executable},{FAKE},{transcript}]",
                "env.tactic_timeout_s=1",
                "++env.sandbox=none",
                "search.max_expansions=30",
                f"out_dir={tmp_path / 'out'}",
                *overrides,
            ],
        )
    return Prover(cfg, policy=policy, critic=ConstantCritic(0.5))


def test_a_hanging_tactic_is_killed_and_the_search_finds_another(tmp_path: Path) -> None:
    policy = ScriptedPolicy({"p : Prop\nhp : p\n⊢ p": ["simp_all", "exact hp"]})
    runner = prover(tmp_path, policy)
    try:
        attempt = runner.prove(FAULTY)
    finally:
        runner.close()
    assert attempt.record.proved and attempt.record.proof == "exact hp", attempt.record
    edges = {e["tactic"]: e for e in attempt.tree["edges"]}
    assert "backend timeout" in (edges["simp_all"].get("error") or "")


def test_linked_goals_are_rendered_so_that_the_script_rechecks(tmp_path: Path) -> None:
    policy = ScriptedPolicy(
        {
            "⊢ True ∧ ∃ n, n = 2": ["refine ⟨?t, ?w, ?h⟩"],
            "⊢ (∃ n, n = 2) ∧ True": ["refine ⟨⟨?w, ?h⟩, ?t⟩"],
            "case t\n⊢ True": ["trivial"],
            "case w\n⊢ Nat\n\ncase h\n⊢ ?w = 2": ["exact 2"],
            "case h\n⊢ 2 = 2": ["rfl"],
        }
    )
    runner = prover(tmp_path, policy)
    try:
        linked = runner.prove(LINKED).record
        first = runner.prove(LINKED_FIRST).record
    finally:
        runner.close()
    assert linked.proved, linked.error
    assert linked.proof == "refine ⟨?t, ?w, ?h⟩\n· trivial\nexact 2\nrfl"
    assert first.proved, first.error
    assert first.proof == "refine ⟨⟨?w, ?h⟩, ?t⟩\nrotate_left 2\n· trivial\nexact 2\nrfl"
