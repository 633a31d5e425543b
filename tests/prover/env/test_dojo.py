"""The lean-dojo backend against a FAKE Dojo (tests/prover/env/fakes/fake_dojo.py) that returns the real
lean_dojo result classes and raises its real exceptions; nothing here runs Lean."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from prover.env.base import EnvCrash, EnvError, EnvTimeout, LeanNotFound, Proved, Subgoals, TacticError
from prover.env.conformance import ConformanceCase, run_conformance
from prover.env.dojo import DojoEnv
from prover.theorems import Theorem


def _load_fake() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "fake_dojo", Path(__file__).parent / "fakes" / "fake_dojo.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fake = _load_fake()

AND_SWAP = Theorem("and_swap", "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p", file="Benchmark/Logic.lean")
FAULTY = Theorem("faulty", "theorem faulty (p : Prop) (hp : p) : p", file="Benchmark/Logic.lean")

S0 = "p q : Prop\n⊢ p ∧ q → q ∧ p"
S1 = "p q : Prop\nh : p ∧ q\n⊢ q ∧ p"
S2 = "case left\np q : Prop\nh : p ∧ q\n⊢ q\n\ncase right\np q : Prop\nh : p ∧ q\n⊢ p"
S3 = "case right\np q : Prop\nh : p ∧ q\n⊢ p"
F0 = "p : Prop\nhp : p\n⊢ p"
PROOF = ("intro h", "constructor", "exact h.2", "exact h.1")


def world() -> fake.FakeDojoWorld:
    return fake.FakeDojoWorld(
        {
            "and_swap": fake.FakeTheorem(
                S0,
                {
                    S0: {"intro h": ("state", S1), "exact h": ("error", "unknown identifier 'h'")},
                    S1: {"constructor": ("state", S2), "spin": ("timeout",)},
                    S2: {"exact h.2": ("state", S3)},
                    S3: {"exact h.1": ("finished",)},
                },
                accepted_proofs=("by\n  intro h\n  constructor\n  exact h.2\n  exact h.1",),
            ),
            "faulty": fake.FakeTheorem(
                F0,
                {
                    F0: {
                        "exact hp": ("finished",),
                        "(\n  exact hp\n)": ("finished",),
                        "trust_me": ("finished",),
                        "(\n  trust_me\n)": ("finished",),
                        "spin": ("timeout",),
                        "die": ("crash", "OOM"),
                        "give_up": ("given_up",),
                    }
                },
                accepted_proofs=("by\n  exact hp",),
            ),
        }
    )


def make_env(w: fake.FakeDojoWorld, **kwargs: object) -> DojoEnv:
    return DojoEnv(
        repo_path=".", dojo_factory=w.dojo, entry_factory=w.entry, proof_checker=w.check_proof, **kwargs
    )


def test_conformance_against_fake_dojo() -> None:
    w = world()
    w.theorems["and_swap"].table[S0]["(\n  intro h\n  constructor\n  exact h.2\n  exact h.1\n)"] = (
        "finished",
    )
    report = run_conformance(lambda: make_env(w), [ConformanceCase(AND_SWAP, PROOF, "exact h")])
    assert report.passed, report.summary()


def test_multi_goal_state_is_one_goal() -> None:
    with make_env(world()) as env:
        after = env.apply(env.apply(env.start(AND_SWAP), "intro h").goals[0], "constructor")
        assert isinstance(after, Subgoals) and len(after.goals) == 1
        assert after.goals[0].text == S2
        assert after.goals[0].key == "p q : Prop\nh : p ∧ q\n⊢ q\n\np q : Prop\nh : p ∧ q\n⊢ p"


def test_outcome_mapping() -> None:
    with make_env(world()) as env:
        root = env.start(FAULTY)
        assert env.apply(root, "exact hp") == Proved()
        assert env.apply(root, "give_up") == TacticError("the proof contains sorry")
        assert env.apply(root, "nonsense") == TacticError("<stdin>:1:0: unknown tactic nonsense")
        assert env.apply(root, "exact (sorry)").message.startswith("refused")


def test_timeout_reopens_the_dojo_and_replays_the_goal() -> None:
    w = world()
    with make_env(w) as env:
        deeper = env.apply(env.start(AND_SWAP), "intro h").goals[0]
        with pytest.raises(EnvTimeout):
            env.apply(deeper, "spin")
        assert (w.opened, env.restarts) == (2, 1)
        assert isinstance(env.apply(deeper, "constructor"), Subgoals)


def test_crash_reports_out_of_memory_and_reopens() -> None:
    w = world()
    with make_env(w) as env:
        root = env.start(FAULTY)
        with pytest.raises(EnvCrash, match="out of memory"):
            env.apply(root, "die")
        assert env.apply(root, "exact hp") == Proved()


def test_theorem_time_limit() -> None:
    with make_env(world(), theorem_timeout_s=0.0) as env:
        root = env.start(FAULTY)
        with pytest.raises(EnvTimeout, match="theorem time limit"):
            env.apply(root, "exact hp")


def test_tactic_mode_acceptance_is_not_enough() -> None:
    w = world()
    with make_env(w) as env:
        assert env.apply(env.start(FAULTY), "trust_me") == Proved()
        verdict = env.check(FAULTY, "trust_me")
        assert not verdict.ok and "does not compile" in verdict.message
        assert env.check(FAULTY, "exact hp").ok
    assert w.checked == [("faulty", "by\n  trust_me"), ("faulty", "by\n  exact hp")]


def test_missing_lean_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LeanNotFound, match=r"^Lean 4 not found: install elan .* or use env=embedded$"):
        DojoEnv(repo_path=tmp_path)


def test_a_folder_that_is_not_a_git_repository_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prover.env import dojo

    monkeypatch.setattr(dojo, "_require_toolchain", lambda repo_path: None)
    monkeypatch.setattr(dojo, "_configure_lean_dojo", lambda **kwargs: None)
    with pytest.raises(EnvError, match="not the root of one"):
        DojoEnv(repo_path=tmp_path, dojo_factory=world().dojo)
