"""`ReplEnv` driven through the Lean REPL's own recorded transcripts (leanprover-community/repl, tags
v4.19.0, v4.24.0 and v4.29.0, the newest tag; tests/prover/env/fixtures/repl/<tag>/, Apache-2.0, see
the README there).

The REPL process is `fakes/replay_repl.py`, a real subprocess that answers each request with the answer
the real REPL recorded for it (ids renumbered), and dies loudly on a request the recordings do not
cover. So these tests check our reading of real answers, not of answers we wrote ourselves. The
tactic screen is switched off (`ReplEnv._screen`): recordings hold tactics the screen refuses (`sorry`,
`exat`), and these tests are about what the backend makes of Lean's answers; the screen has its own.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from prover.env.base import EnvCrash, Goal, Proved, Subgoals, TacticError
from prover.env.repl import ReplEnv, _messages
from prover.env.soundness import is_sorry_warning
from prover.theorems import Theorem

FIXTURES = Path(__file__).parent / "fixtures" / "repl"
REPLAY = Path(__file__).parent / "fakes" / "replay_repl.py"
TAGS = ("v4.19.0", "v4.24.0", "v4.29.0")


def _load_replay() -> ModuleType:
    spec = importlib.util.spec_from_file_location("replay_repl", REPLAY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def replay_env(tag: str, *scenarios: str, **kwargs: object) -> ReplEnv:
    command = (sys.executable, str(REPLAY), str(FIXTURES / tag), *scenarios)
    return ReplEnv(project_dir=FIXTURES, repl_cmd=command, sandbox="none", **kwargs)


def subgoal_texts(outcome: object) -> list[str]:
    assert isinstance(outcome, Subgoals), outcome
    return [g.text for g in outcome.goals]


def only(outcome: object) -> Goal:
    assert isinstance(outcome, Subgoals) and len(outcome.goals) == 1, outcome
    return outcome.goals[0]


@pytest.fixture(autouse=True)
def no_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ReplEnv, "_screen", lambda self, text: None)


@pytest.mark.parametrize("tag", TAGS)
def test_proof_step(tag: str) -> None:
    with replay_env(tag, "proof_step") as env:
        root = env.start(Theorem("f", "def f : Nat"))
        assert root.text == "⊢ Nat"
        assert subgoal_texts(env.apply(root, "apply Int.natAbs")) == ["⊢ Int"]
        with_t = only(env.apply(root, "have t : Nat := 42"))
        assert with_t.text == "t : Nat\n⊢ Nat"
        assert env.apply(with_t, "exact t") == Proved()


@pytest.mark.parametrize("tag", TAGS)
def test_proof_branching_splits_and_isolates_goals(tag: str) -> None:
    statement = "theorem complex_and (p q r : Prop) (h1 : p ∧ q) (h2 : q → r) : p ∧ r"
    with replay_env(tag, "proof_branching") as env:
        root = env.start(Theorem("complex_and", statement))
        split = env.apply(root, "apply And.intro")
        left, right = split.goals if isinstance(split, Subgoals) else ((), ())
        assert left.text.startswith("case left") and left.key.endswith("⊢ p")
        assert (left.positions, right.positions, right.count) == ((0,), (1,), 2)
        assert env.apply(left, "exact h1.left") == Proved()
        q = only(env.apply(right, "apply h2"))
        assert q.text == "case right\np q r : Prop\nh1 : p ∧ q\nh2 : q → r\n⊢ q"
        assert env.apply(q, "exact h1.right") == Proved()


@pytest.mark.parametrize("tag", TAGS)
def test_proof_branching2_through_haves(tag: str) -> None:
    with replay_env(tag, "proof_branching2") as env:
        goal = env.start(Theorem("swap", "example (p q : Prop) : p ∧ q → q ∧ p"))
        for tactic in ("intro h", "have hp : p := h.left", "have hq : q := h.right"):
            goal = only(env.apply(goal, tactic))
        left, right = env.apply(goal, "apply And.intro").goals  # type: ignore[union-attr]
        assert env.apply(right, "exact hp") == Proved()
        assert env.apply(left, "exact hq") == Proved()


@pytest.mark.parametrize("tag", TAGS)
def test_two_theorems_in_one_process(tag: str) -> None:
    with replay_env(tag, "proof_transitivity", "assumption_proof") as env:
        first = env.start(Theorem("t", "example (x y z : Nat) (h1 : x = y) (h2 : y = z) : x = z"))
        second = env.start(Theorem("c", "example (f : Nat → Nat) (n : Nat) (h : n = 3) : f n = f 3"))
        assert env.apply(second, "exact congrArg f h") == Proved()
        assert env.apply(first, "exact Eq.trans h1 h2") == Proved()
        third = env.start(Theorem("aa", "theorem aa (x : Nat) (h1 : x  = 2) : x = 2"))
        assert env.apply(third, "assumption") == Proved()


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("v4.19.0", "unknown identifier 'my_fake_premise'"),
        ("v4.24.0", "Unknown identifier `my_fake_premise`"),
        ("v4.29.0", "Unknown identifier `my_fake_premise`"),
    ],
)
def test_an_elaboration_error_is_a_tactic_error(tag: str, expected: str) -> None:
    with replay_env(tag, "invalid_tactic") as env:
        root = env.start(Theorem("my_theorem", "theorem my_theorem (x : Nat) : x = x"))
        assert env.apply(root, "exact my_fake_premise") == TacticError(expected)


@pytest.mark.parametrize("tag", TAGS)
def test_a_parse_error_and_a_failing_search_tactic_are_tactic_errors(tag: str) -> None:
    with replay_env(tag, "unknown_tactic", "self_proof_check") as env:
        root = env.start(Theorem("f", "def f : Nat"))
        assert env.apply(root, "exat 42") == TacticError("Lean error:\n<input>:1:1: unknown tactic")
        ex = env.start(Theorem("ex", "theorem ex : False"))
        failed = env.apply(ex, "exact?")
        assert isinstance(failed, TacticError) and "`exact?` could not close the goal" in failed.message


@pytest.mark.parametrize("tag", TAGS)
def test_a_kernel_rejection_is_a_tactic_error(tag: str) -> None:
    # v4.29.0's recording states it under `set_option pp.fvars.anonymous false in`
    prefix = "set_option pp.fvars.anonymous false in " if tag == "v4.29.0" else ""
    with replay_env(tag, "self_proof_rw") as env:
        root = env.start(Theorem("self_application", f"{prefix}theorem self_application : 1 = 0"))
        outcome = env.apply(root, "rw [self_application]")
        assert isinstance(outcome, TacticError) and "kernel type check failed" in outcome.message


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize(
    ("scenario", "statement", "tactic"),
    [
        ("tactic_mode_sorry", "def f : Nat", "sorry"),
        ("sorry_hypotheses", "theorem foo (x : Int) : x = x", "have h : x = 1 := sorry"),
    ],
)
def test_a_tactic_that_uses_sorry_is_never_progress(
    tag: str, scenario: str, statement: str, tactic: str
) -> None:
    """The recorded answers carry `sorries`; sorry_hypotheses still has an open goal and "open goals
    remain", which the proofStatus alone reads as progress."""
    with replay_env(tag, scenario) as env:
        outcome = env.apply(env.start(Theorem("t", statement)), tactic)
        assert isinstance(outcome, TacticError) and "sorry" in outcome.message


@pytest.mark.parametrize("tag", TAGS)
def test_a_lost_proof_state_restarts_the_process(tag: str) -> None:
    with replay_env(tag, "unknown_proof_state", "proof_step") as env:
        root = env.start(Theorem("f", "def f : Nat"))
        env._states[root.handle.path] = 1  # a state the process never handed out
        with pytest.raises(EnvCrash, match=r"Unknown proof state\."):
            env.apply(root, "exact 42")
        assert env.restarts == 1
        assert subgoal_texts(env.apply(root, "apply Int.natAbs")) == ["⊢ Int"]


@pytest.mark.parametrize("tag", TAGS)
def test_a_lost_environment_restarts_the_process(tag: str) -> None:
    with replay_env(tag, "unknown_environment", "tactic_sorry") as env:
        env._import_envs[()] = 5
        with pytest.raises(EnvCrash, match=r"Unknown environment\."):
            env.start(Theorem("f", "def f : Nat"))
        assert env.start(Theorem("f", "def f : Nat")).text == "⊢ Nat"


@pytest.mark.parametrize("tag", TAGS)
def test_every_recorded_answer_reads_and_sorry_warnings_are_recognised(tag: str) -> None:
    recording = _load_replay().Recording
    folder = FIXTURES / tag
    names = sorted(p.name.removesuffix(".in") for p in folder.glob("*.in"))
    assert len(names) >= 25
    sorry_warnings = 0
    for name in names:
        for _, answer in recording.load(folder, name).pairs:
            for message in _messages(answer):
                if "declaration uses" in message.text:
                    assert is_sorry_warning(message), message
                    sorry_warnings += 1
    assert sorry_warnings >= 20


def test_the_replay_refuses_what_was_never_recorded(tmp_path: Path) -> None:
    with replay_env("v4.24.0", "proof_step") as env:
        root = env.start(Theorem("f", "def f : Nat"))
        with pytest.raises(EnvCrash, match="replay: no recording for"):
            env.apply(root, "exact 7")


def test_requests_are_framed_as_the_real_repl_reads_them(tmp_path: Path) -> None:
    """getLines joins right-trimmed lines up to a blank line: our one-line requests survive it, a
    stray blank line kills the REPL (the replay mirrors REPL/Main.lean here)."""
    import subprocess

    request = json.dumps({"cmd": "def f : Nat := by sorry"})
    run = subprocess.run(
        [sys.executable, str(REPLAY), str(FIXTURES / "v4.24.0"), "tactic_sorry"],
        input=request + "\n\n\n",
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert json.loads(run.stdout)["sorries"][0]["goal"] == "⊢ Nat"
    assert run.returncode == 1 and "uncaught exception" in run.stderr
