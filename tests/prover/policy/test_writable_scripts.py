"""Policies emit only scripts Lean can read: no inaccessible name (`a✝`) ever appears in a proposed tactic
or in a found proof, since `✝` is not an identifier character (Lean.isIdRest)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.benchmarks import select_theorems
from prover.env.embedded import EmbeddedEnv
from prover.env.embedded.grammar import parse_script
from prover.policy.memory import TacticMemory
from prover.policy.rules import rule_candidates
from prover.prove import run
from prover.theorems import Theorem

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")

INACCESSIBLE_GOALS = [
    "p : Prop\na✝ : p\n⊢ p",
    "p q : Prop\nleft✝ : p\nright✝ : q\n⊢ q ∧ p",
    "n✝ : Nat\na✝ : 0 + n✝ = n✝\n⊢ 0 + (n✝ + 1) = n✝ + 1",
    "p q : Prop\nh✝ : p ∨ q\n⊢ q ∨ p",
    "x✝ : Nat\nh✝ : x✝ = 2\n⊢ x✝ + 0 = 2",
    "P : Nat → Prop\nh✝ : ∃ n, P n\n⊢ ∃ m, P m",
    "p : Prop\na✝ : False\n⊢ p",
    "p : Prop\na✝ : p → False\n⊢ ∀ (x✝ : Nat), x✝ = x✝",
]


@pytest.mark.parametrize("goal", INACCESSIBLE_GOALS)
def test_rules_never_name_inaccessible_hypotheses(goal: str) -> None:
    tactics = [t for t, _ in rule_candidates(goal)]
    assert not [t for t in tactics if "✝" in t]
    assert any(t.startswith("rename_i ") for t in tactics), tactics
    for tactic in tactics:
        parse_script(tactic)


def test_rename_i_makes_the_hypothesis_usable() -> None:
    env = EmbeddedEnv()
    theorem = Theorem("t", "theorem t (p q : Prop) : p → q → p")
    goal = env.apply(env.start(theorem), "intros").goals[0]
    assert "a✝¹ : p" in goal.text
    rename = next(t for t, _ in rule_candidates(goal.text) if t.startswith("rename_i"))
    renamed = env.apply(goal, rename).goals[0]
    assert "✝" not in renamed.text
    assert any(t == "exact x" for t, _ in rule_candidates(renamed.text))


def test_memory_never_adapts_to_an_inaccessible_name() -> None:
    memory = TacticMemory([("p : Prop\nh : p\n⊢ p", "exact h"), ("p : Prop\nh : p\n⊢ p", "assumption")])
    assert memory.query("p : Prop\nhp : p\n⊢ p", k=4) == [("exact hp", 1.0), ("assumption", 1.0)]
    assert [t for t, _ in memory.query("p : Prop\na✝ : p\n⊢ p", k=4)] == ["assumption"]


@pytest.mark.slow
def test_rules_proofs_on_the_whole_benchmark_are_writable(tmp_path: Path) -> None:
    """Every proof the rules policy finds on the bundled benchmark (all splits; search budget capped at
    2 s per theorem so the test ends) has no `✝`, parses under the kernel's grammar and re-checks."""
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=[
                "benchmark.split=all",
                "policy=rules",
                "env=embedded",
                f"out_dir={tmp_path}",
                "save_trees=false",
                "search.max_seconds=2",
            ],
        )
    start = time.monotonic()
    records = run(cfg)
    proved = [r for r in records if r.proved]
    theorems = {t.name: t for t in select_theorems(cfg.benchmark)}
    print(f"{len(proved)}/{len(records)} proved in {time.monotonic() - start:.0f} s")
    assert len(records) == len(theorems) and len(proved) >= len(records) // 2
    env = EmbeddedEnv()
    for record in proved:
        assert record.proof is not None and "✝" not in record.proof, (record.name, record.proof)
        parse_script(record.proof)
        assert env.check(theorems[record.name], record.proof).ok, (record.name, record.proof)
