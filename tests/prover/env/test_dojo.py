"""The lean-dojo backend against a FAKE Dojo (tests/prover/env/fakes/fake_dojo.py) that returns the real
lean_dojo result classes and raises its real exceptions; nothing here runs Lean."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from prover.env.base import (
    EnvCrash,
    EnvError,
    EnvTimeout,
    LeanNotFound,
    Proved,
    Subgoals,
    TacticError,
    TheoremUnsupported,
)
from prover.env.conformance import ConformanceCase, run_conformance
from prover.env.dojo import DojoEnv, dojo_entry
from prover.theorems import Theorem, load_benchmark, load_theorems


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

LOGIC = """namespace Benchmark

theorem and_swap (p q : Prop) : p ∧ q → q ∧ p := by
  sorry

theorem faulty (p : Prop) (hp : p) : p := by
  sorry

end Benchmark
"""
S0 = "p q : Prop\n⊢ p ∧ q → q ∧ p"
S1 = "p q : Prop\nh : p ∧ q\n⊢ q ∧ p"
S2 = "case left\np q : Prop\nh : p ∧ q\n⊢ q\n\ncase right\np q : Prop\nh : p ∧ q\n⊢ p"
S3 = "case right\np q : Prop\nh : p ∧ q\n⊢ p"
F0 = "p : Prop\nhp : p\n⊢ p"
PROOF = ("intro h", "constructor", "exact h.2", "exact h.1")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "Benchmark").mkdir(parents=True)
    (root / "Benchmark" / "Logic.lean").write_text(LOGIC, encoding="utf-8")
    return root


def theorem(repo: Path, name: str) -> Theorem:
    return {t.name: t for t in load_theorems(repo / "Benchmark" / "Logic.lean")}[name]


def world(repo: Path) -> fake.FakeDojoWorld:
    return fake.FakeDojoWorld(
        repo,
        {
            ("Benchmark/Logic.lean", "Benchmark.and_swap"): fake.FakeTheorem(
                S0,
                {
                    S0: {"intro h": ("state", S1), "exact h": ("error", "unknown identifier 'h'")},
                    S1: {"constructor": ("state", S2), "spin": ("timeout",)},
                    S2: {"exact h.2": ("state", S3)},
                    S3: {"exact h.1": ("finished",)},
                },
                accepted_proofs=("by\n  intro h\n  constructor\n  exact h.2\n  exact h.1",),
            ),
            ("Benchmark/Logic.lean", "Benchmark.faulty"): fake.FakeTheorem(
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
                        "slow_but_fine": ("slow", 2, ("finished",)),
                        "turnstile": ("state", "p : Prop\nh : Γ ⊢ p\n⊢ p"),
                        "(\n  bv_decide\n)": ("finished",),
                    }
                },
                accepted_proofs=("by\n  exact hp", "by\n  bv_decide"),
                axioms={"bv_decide": ["propext", "Lean.ofReduceBool"]},
            ),
        },
    )


@pytest.fixture
def no_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Transcript tactics are labels (`spin`, `give_up`); the screen has tests of its own."""
    monkeypatch.setattr(DojoEnv, "_screen", lambda self, text: None)


def make_env(w: fake.FakeDojoWorld, **kwargs: object) -> DojoEnv:
    return DojoEnv(
        repo_path=w.root,
        dojo_factory=w.dojo,
        entry_factory=lambda theorem: dojo_entry(theorem, w.root, fake.FakeRepo(str(w.root))),
        proof_checker=w.check_proof,
        final_checker=w.final_check,
        **kwargs,
    )


def test_conformance_against_fake_dojo(repo: Path) -> None:
    w = world(repo)
    w.theorems[("Benchmark/Logic.lean", "Benchmark.and_swap")].table[S0][
        "(\n  intro h\n  constructor\n  exact h.2\n  exact h.1\n)"
    ] = ("finished",)
    report = run_conformance(
        lambda: make_env(w), [ConformanceCase(theorem(repo, "and_swap"), PROOF, "exact h")]
    )
    assert report.passed, report.summary()


def test_multi_goal_state_is_one_goal(repo: Path) -> None:
    with make_env(world(repo)) as env:
        after = env.apply(env.apply(env.start(theorem(repo, "and_swap")), "intro h").goals[0], "constructor")
        assert isinstance(after, Subgoals) and len(after.goals) == 1
        assert after.goals[0].text == S2
        assert after.goals[0].key == "p q : Prop\nh : p ∧ q\n⊢ q\n\np q : Prop\nh : p ∧ q\n⊢ p"


def test_outcome_mapping(repo: Path, no_screen: None) -> None:
    with make_env(world(repo)) as env:
        root = env.start(theorem(repo, "faulty"))
        assert env.apply(root, "exact hp") == Proved()
        assert env.apply(root, "give_up") == TacticError("the proof contains sorry")
        assert env.apply(root, "nonsense") == TacticError("<stdin>:1:0: unknown tactic nonsense")


def test_timeout_reopens_the_dojo_and_replays_the_goal(repo: Path, no_screen: None) -> None:
    w = world(repo)
    with make_env(w) as env:
        deeper = env.apply(env.start(theorem(repo, "and_swap")), "intro h").goals[0]
        with pytest.raises(EnvTimeout):
            env.apply(deeper, "spin")
        assert (w.opened, env.restarts) == (2, 1)
        assert isinstance(env.apply(deeper, "constructor"), Subgoals)


def test_crash_reports_out_of_memory_and_reopens(repo: Path, no_screen: None) -> None:
    w = world(repo)
    with make_env(w) as env:
        root = env.start(theorem(repo, "faulty"))
        with pytest.raises(EnvCrash, match="out of memory"):
            env.apply(root, "die")
        assert env.apply(root, "exact hp") == Proved()


def test_theorem_time_limit(repo: Path) -> None:
    with make_env(world(repo), theorem_timeout_s=0.0) as env:
        root = env.start(theorem(repo, "faulty"))
        with pytest.raises(EnvTimeout, match="theorem time limit"):
            env.apply(root, "exact hp")


def test_tactic_mode_acceptance_is_not_enough(repo: Path, no_screen: None) -> None:
    w = world(repo)
    with make_env(w) as env:
        assert env.apply(env.start(theorem(repo, "faulty")), "trust_me") == Proved()
        verdict = env.check(theorem(repo, "faulty"), "trust_me")
        assert not verdict.ok and "does not compile" in verdict.message
        assert env.check(theorem(repo, "faulty"), "exact hp").ok
    assert w.checked == [("Benchmark.faulty", "by\n  trust_me"), ("Benchmark.faulty", "by\n  exact hp")]


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
        DojoEnv(repo_path=tmp_path, dojo_factory=world(tmp_path).dojo)


def test_refused_tactics_never_reach_lean(repo: Path) -> None:
    with make_env(world(repo)) as env:
        root = env.start(theorem(repo, "faulty"))
        for cheat in ("exact (sorry)", "native_decide", "decide +native"):
            outcome = env.apply(root, cheat)
            assert isinstance(outcome, TacticError) and outcome.message.startswith("refused"), cheat


def test_bundled_theorems_open_by_fully_qualified_name_from_a_copied_project(tmp_path: Path) -> None:
    """The README recipe: copy lean_project into its own repository and trace that; the benchmark
    is still read from this checkout, so its files lie outside the traced repository."""
    bundled = Path(__file__).resolve().parents[3] / "lean_project"
    copy = tmp_path / "lean_project"
    shutil.copytree(bundled, copy, ignore=shutil.ignore_patterns(".lake"))
    chosen = load_benchmark(bundled, "test")[:3]
    w = fake.FakeDojoWorld(
        copy,
        {
            (str(Path(t.file).resolve().relative_to(bundled)), f"Benchmark.{t.name}"): fake.FakeTheorem(
                "⊢ True", {"⊢ True": {"trivial": ("finished",)}}
            )
            for t in chosen
        },
    )
    with make_env(w) as env:
        for t in chosen:
            assert env.apply(env.start(t), "trivial") == Proved()
    assert w.opened == 3


def test_a_theorem_lean_dojo_cannot_find_is_unsupported_with_its_reason(repo: Path, tmp_path: Path) -> None:
    w = world(repo)
    bare = Theorem("faulty", theorem(repo, "faulty").statement, file=str(repo / "Benchmark" / "Logic.lean"))
    with make_env(w) as env:
        with pytest.raises(TheoremUnsupported, match="Failed to locate the theorem with `faulty`"):
            env.start(bare)
        elsewhere = tmp_path / "Mine.lean"
        elsewhere.write_text(LOGIC, encoding="utf-8")
        outside = Theorem("faulty", bare.statement, file=str(elsewhere), namespace="Benchmark")
        with pytest.raises(TheoremUnsupported, match="not inside the traced repository"):
            env.start(outside)


def test_start_up_has_its_own_time_limit(repo: Path, no_screen: None) -> None:
    w = world(repo)
    w.theorems[("Benchmark/Logic.lean", "Benchmark.faulty")].init_seconds = 5
    with make_env(w, tactic_timeout_s=1, startup_timeout_s=10) as env:
        root = env.start(theorem(repo, "faulty"))
        with pytest.raises(EnvTimeout, match="tactic ran past 1 s"):
            env.apply(root, "slow_but_fine")
    with make_env(w, tactic_timeout_s=1, startup_timeout_s=3) as env:
        with pytest.raises(EnvTimeout, match="did not open"):
            env.start(theorem(repo, "faulty"))


def test_lean_dojo_assertion_errors_become_crashes(repo: Path, no_screen: None) -> None:
    """lean-dojo's goal parser asserts one `⊢` per goal; a hypothesis written with `⊢` notation
    breaks it (`TacticState.__post_init__`). That must not escape as an AssertionError."""
    w = world(repo)
    with make_env(w) as env:
        root = env.start(theorem(repo, "faulty"))
        with pytest.raises(EnvCrash, match="lean-dojo failed an internal check"):
            env.apply(root, "turnstile")
        assert env.apply(root, "exact hp") == Proved()
        assert env.restarts == 1


def test_native_decision_is_caught_by_the_final_check(repo: Path, no_screen: None) -> None:
    """lean-dojo accepts a `bv_decide` proof (it finishes and compiles); only `#print axioms` shows it
    trusts the compiler (`Lean.ofReduceBool`)."""
    with make_env(world(repo)) as env:
        verdict = env.check(theorem(repo, "faulty"), "bv_decide")
        assert not verdict.ok and "Lean.ofReduceBool" in verdict.message
        assert env.check(theorem(repo, "faulty"), "exact hp").ok


def test_the_default_final_check_compiles_the_named_statement(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prover.env import dojo as dojo_module
    from prover.env.base import CheckResult

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(
        dojo_module, "lean_file_check", lambda **kwargs: calls.append(kwargs) or CheckResult(True)
    )
    w = world(repo)
    env = DojoEnv(
        repo_path=repo,
        dojo_factory=w.dojo,
        entry_factory=lambda t: dojo_entry(t, repo, fake.FakeRepo(str(repo))),
        proof_checker=w.check_proof,
        sandbox="none",
        allow_native_decide=False,
        lean4checker_cmd=["lake", "env", "lean4checker"],
    )
    with env:
        assert env.check(theorem(repo, "faulty"), "exact hp").ok
    (call,) = calls
    assert call["statement"] == "theorem faulty (p : Prop) (hp : p) : p" and call["name"] == "faulty"
    assert (call["project_dir"], call["script"], call["sandbox"]) == (repo, "exact hp", "none")
    assert call["lean4checker_cmd"] == ("lake", "env", "lean4checker")
