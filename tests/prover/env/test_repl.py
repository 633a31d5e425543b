"""The Lean REPL backend against a FAKE REPL process (tests/prover/env/fakes/fake_repl.py).

The fake speaks the REPL's JSON protocol and answers from the transcripts below; these tests check
the backend's reading of those answers: outcome mapping, goal splitting, timeouts, crashes, restarts
with replay, the whole-script gate. They say nothing about real Lean, which is the `lean` marker's job.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from prover.env.base import (
    EnvCrash,
    EnvTimeout,
    LeanNotFound,
    Proved,
    Subgoals,
    TacticError,
    TheoremUnsupported,
)
from prover.env.conformance import ConformanceCase, run_conformance
from prover.env.repl import ReplEnv, group_goals, isolation_script
from prover.theorems import Theorem

FAKE = Path(__file__).parent / "fakes" / "fake_repl.py"

AND_SWAP = Theorem("and_swap", "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p")
EXISTS_TWO = Theorem("exists_two", "theorem exists_two : ∃ n : Nat, n = 2")
FAULTY = Theorem("faulty", "theorem faulty (p : Prop) (hp : p) : p")
MATHLIB = Theorem("uses_real", "theorem uses_real (x : ℝ) : x = x", header="import Mathlib")
# A miniF2F file's own header: imports, then options and opens.
MINIF2F = Theorem(
    "f2f",
    "theorem f2f (x : ℝ) : x = x",
    header="import Mathlib\nimport Aesop\nset_option maxHeartbeats 400000\nopen BigOperators Real",
)

TRANSCRIPT = {
    "headers": ["import Mathlib", "import Aesop"],
    "theorems": [
        {"name": "and_swap", "statement": AND_SWAP.statement, "header": "", "root": "s0"},
        {"name": "exists_two", "statement": EXISTS_TWO.statement, "header": "", "root": "e0"},
        {"name": "faulty", "statement": FAULTY.statement, "header": "", "root": "f0"},
        {"name": "uses_real", "statement": MATHLIB.statement, "header": "import Mathlib", "root": "r0"},
        {"name": "f2f", "statement": MINIF2F.statement, "header": MINIF2F.header, "root": "r0"},
    ],
    "states": {
        "s0": ["p q : Prop\n⊢ p ∧ q → q ∧ p"],
        "s1": ["p q : Prop\nh : p ∧ q\n⊢ q ∧ p"],
        "s2": ["case left\np q : Prop\nh : p ∧ q\n⊢ q", "case right\np q : Prop\nh : p ∧ q\n⊢ p"],
        "e0": ["⊢ ∃ n, n = 2"],
        "e1": ["case w\n⊢ Nat", "case h\n⊢ ?w = 2"],
        "e2": ["case h\n⊢ 2 = 2"],
        "f0": ["p : Prop\nhp : p\n⊢ p"],
        "r0": ["x : ℝ\n⊢ x = x"],
    },
    "tactics": {
        "s0": {"intro h": {"to": "s1"}, "exact h": {"elab_error": "unknown identifier 'h'"}},
        "s2@0": {"exact h.2": {}},
        "s2@1": {"exact h.1": {}, "stop": {"sorries": ["case right\np q : Prop\nh : p ∧ q\n⊢ p"]}},
        "s1": {"constructor": {"to": "s2"}, "have_sorry": {"to": "s1", "sorries": ["⊢ False"]}},
        "e0": {"refine ⟨?w, ?h⟩": {"to": "e1"}, "rfl": {"elab_error": "The rfl tactic failed"}},
        "e1": {"exact 2": {"to": "e2"}},
        "e2": {"rfl": {}},
        "f0": {
            "exact hp": {},
            "spin": {"hang": True},
            "die": {"exit": 3},
            "babble": {"garbage": True},
            "trust_me": {},
            "lying_elab": {"elab_error": "type mismatch", "status": "Completed"},
            "kernel_reject": {
                "status": "Error: kernel type check failed: (kernel) declaration type mismatch"
            },
            "half": {"to": "s1", "status": "Incomplete: contains metavariable(s)"},
            "mvars_left": {"status": "Incomplete: contains metavariable(s)"},
        },
        "r0": {"rfl": {}},
    },
    "proofs": {
        "and_swap": {"intro h\nconstructor\nexact h.2\nexact h.1": {"axioms": []}},
        "exists_two": {"refine ⟨?w, ?h⟩\nexact 2\nrfl": {"axioms": ["propext"]}},
        "faulty": {
            "exact hp": {"axioms": []},
            "trust_me": {"errors": ["(kernel) declaration has metavariables 'faulty'"]},
            "uses_axiom": {"axioms": ["propext", "my_false_axiom"]},
            "uses_sorry_lemma": {"warnings": ["declaration uses `sorry`"]},
        },
        "uses_real": {"rfl": {"axioms": []}},
        "f2f": {"rfl": {"axioms": []}},
    },
}


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "transcript.json"
    path.write_text(json.dumps(TRANSCRIPT), encoding="utf-8")
    return path


def make_env(tmp_path: Path, transcript: Path, **kwargs: object) -> ReplEnv:
    log = tmp_path / "requests.log"
    return ReplEnv(
        project_dir=tmp_path,
        repl_cmd=(sys.executable, str(FAKE), str(transcript), str(log)),
        sandbox="none",
        **kwargs,
    )


@pytest.fixture
def no_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tactic names of the transcript are labels, not Lean; these tests are about reading the
    REPL's answers, and the screen (`ReplEnv._screen`) has tests of its own."""
    monkeypatch.setattr(ReplEnv, "_screen", lambda self, text: None)


def requests(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "requests.log").read_text(encoding="utf-8").splitlines()]


def test_conformance_against_fake_repl(tmp_path: Path, transcript: Path) -> None:
    cases = [
        ConformanceCase(AND_SWAP, ("intro h", "constructor", "exact h.2", "exact h.1"), "exact h"),
        ConformanceCase(EXISTS_TWO, ("refine ⟨?w, ?h⟩", "exact 2", "rfl"), "rfl"),
    ]
    report = run_conformance(lambda: make_env(tmp_path, transcript), cases)
    assert report.passed, report.summary()
    assert len(report.records) > 15


def test_conformance_reports_a_backend_that_trusts_tactic_mode(
    tmp_path: Path, transcript: Path, no_screen: None
) -> None:
    case = ConformanceCase(FAULTY, ("trust_me",), "spin")
    report = run_conformance(lambda: make_env(tmp_path, transcript, tactic_timeout_s=0.3), [case])
    failed = {r.check for r in report.failures}
    assert "known proof passes check" in failed
    assert "wrong tactic gives TacticError and leaves the goal usable" in failed


def test_split_goals_are_isolated_with_rotate_and_sorry(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript) as env:
        root = env.start(AND_SWAP)
        after = env.apply(env.apply(root, "intro h").goals[0], "constructor")
        assert isinstance(after, Subgoals) and len(after.goals) == 2
        left, right = after.goals
        assert left.text.startswith("case left") and left.key == "p q : Prop\nh : p ∧ q\n⊢ q"
        assert env.apply(right, "exact h.1") == Proved()
        assert env.apply(left, "exact h.1") == TacticError("Lean error:\n<input>:1:1: unknown tactic")
    sent = [r["tactic"] for r in requests(tmp_path) if "tactic" in r]
    assert "(sorry; rotate_left)" in sent and "(rotate_left; sorry)" in sent


def test_goals_sharing_a_metavariable_stay_together(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript) as env:
        outcome = env.apply(env.start(EXISTS_TWO), "refine ⟨?w, ?h⟩")
        assert isinstance(outcome, Subgoals) and len(outcome.goals) == 1
        assert outcome.goals[0].text == "case w\n⊢ Nat\n\ncase h\n⊢ ?w = 2"
    assert group_goals(["⊢ ?m.3 = 1", "⊢ Nat", "h : ?m.3 > 0\n⊢ True"]) == [(0, 2), (1,)]
    assert isolation_script((1,), 3) == "(sorry; rotate_left; sorry)"


def test_empty_goals_with_an_error_is_a_tactic_error(
    tmp_path: Path, transcript: Path, no_screen: None
) -> None:
    with make_env(tmp_path, transcript) as env:
        root = env.start(FAULTY)
        assert env.apply(root, "lying_elab") == TacticError("type mismatch")
        kernel = env.apply(root, "kernel_reject")
        assert isinstance(kernel, TacticError) and "kernel type check failed" in kernel.message
        half = env.apply(root, "half")
        assert isinstance(half, Subgoals)
        mvars = env.apply(root, "mvars_left")
        assert isinstance(mvars, TacticError) and "contains metavariable" in mvars.message


def test_refused_tactics_never_reach_lean(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript) as env:
        root = env.start(FAULTY)
        for cheat in ("sorry", "exact (sorry : _)", "native_decide", "set_option maxHeartbeats 0 in simp"):
            outcome = env.apply(root, cheat)
            assert isinstance(outcome, TacticError) and outcome.message.startswith("refused")
        assert env.check(FAULTY, "exact hp\naxiom cheat : False").message.startswith("refused")
    assert not any("tactic" in r for r in requests(tmp_path))


def test_timeout_restarts_and_the_search_goes_on(tmp_path: Path, transcript: Path, no_screen: None) -> None:
    with make_env(tmp_path, transcript, tactic_timeout_s=0.5) as env:
        root = env.start(FAULTY)
        with pytest.raises(EnvTimeout):
            env.apply(root, "spin")
        assert env.restarts == 1
        assert env.apply(root, "exact hp") == Proved()


@pytest.mark.parametrize("tactic", ["die", "babble"])
def test_crash_restarts_and_the_search_goes_on(
    tmp_path: Path, transcript: Path, tactic: str, no_screen: None
) -> None:
    with make_env(tmp_path, transcript) as env:
        root = env.start(AND_SWAP)
        deeper = env.apply(root, "intro h").goals[0]
        env.start(FAULTY)
        with pytest.raises(EnvCrash) as crash:
            env.apply(env.start(FAULTY), tactic)
        if tactic == "die":
            assert "exit code 3" in str(crash.value) and "out of memory" in str(crash.value)
        assert isinstance(env.apply(deeper, "constructor"), Subgoals)


def test_theorem_time_limit(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript, theorem_timeout_s=0.0) as env:
        with pytest.raises(EnvTimeout, match="theorem time limit"):
            env.start(FAULTY)


def test_whole_script_gate(tmp_path: Path, transcript: Path, no_screen: None) -> None:
    with make_env(tmp_path, transcript) as env:
        root = env.start(FAULTY)
        assert env.apply(root, "trust_me") == Proved()
        assert env.check(FAULTY, "exact hp").ok
        rejected = env.check(FAULTY, "trust_me")
        assert not rejected.ok and "metavariables" in rejected.message
        axiom = env.check(FAULTY, "uses_axiom")
        assert not axiom.ok and "my_false_axiom" in axiom.message
        assert env.check(FAULTY, "uses_sorry_lemma").message == "the proof uses sorry"


def test_header_runs_once_per_process_and_is_reused(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript, header="import Mathlib") as env:
        assert env.apply(env.start(MATHLIB), "rfl") == Proved()
        assert env.apply(env.start(MATHLIB), "rfl") == Proved()
        assert env.check(MATHLIB, "rfl").ok
        with pytest.raises(TheoremUnsupported, match="imports import Mathlib.Tactic do not elaborate"):
            env.start(Theorem("uses_real", MATHLIB.statement, header="import Mathlib.Tactic"))
    headers = [r for r in requests(tmp_path) if r.get("cmd") == "import Mathlib"]
    assert len(headers) == 1
    with make_env(tmp_path, transcript) as env:
        with pytest.raises(TheoremUnsupported, match="unknown identifier"):
            env.start(Theorem("uses_real", MATHLIB.statement))


def test_missing_lean_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LeanNotFound) as missing:
        ReplEnv(project_dir=tmp_path, repl_cmd=("no-such-lake-binary", "exe", "repl"))
    assert str(missing.value) == (
        "Lean 4 not found: install elan (https://github.com/leanprover/elan) and run `lake build` in "
        f"{tmp_path}, or use env=embedded"
    )
    with pytest.raises(LeanNotFound):
        ReplEnv(project_dir=tmp_path / "absent", repl_cmd=(sys.executable,))


def test_recycling_the_process_keeps_goals_usable(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript, recycle_every=2) as env:
        deeper = env.apply(env.start(AND_SWAP), "intro h").goals[0]
        env.start(FAULTY)
        assert isinstance(env.apply(deeper, "constructor"), Subgoals)
    roots = [r for r in requests(tmp_path) if r.get("cmd") == f"{AND_SWAP.statement} := by sorry"]
    assert len(roots) == 2


def test_a_repl_that_cannot_start_is_a_clear_error(tmp_path: Path) -> None:
    exits = (sys.executable, "-c", "import sys; sys.exit('error: unknown executable repl')")
    with pytest.raises(LeanNotFound, match="(?s)did not start.*unknown executable repl.*lake build"):
        ReplEnv(project_dir=tmp_path, repl_cmd=exits)


def test_a_lost_proof_state_restarts_and_replays(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript) as env:
        deeper = env.apply(env.start(AND_SWAP), "intro h").goals[0]
        env._states[deeper.handle.path] = 999  # as if the process had forgotten the state
        with pytest.raises(EnvCrash, match="Unknown proof state"):
            env.apply(deeper, "constructor")
        assert isinstance(env.apply(deeper, "constructor"), Subgoals)
        assert env.restarts == 1


def test_a_tactic_that_closes_a_goal_with_sorry_is_not_a_proof(
    tmp_path: Path, transcript: Path, no_screen: None
) -> None:
    """REPL answers for `stop`/`apply?` carry `sorries` (upstream test/tactic_mode_sorry); on a split
    goal the proofStatus "Incomplete: contains sorry" cannot tell them from our own isolation sorries."""
    with make_env(tmp_path, transcript) as env:
        deeper = env.apply(env.start(AND_SWAP), "intro h").goals[0]
        assert env.apply(deeper, "have_sorry") == TacticError(
            "the tactic closed a goal with sorry (the REPL reports `sorries`)"
        )
        left, right = env.apply(deeper, "constructor").goals
        outcome = env.apply(right, "stop")
        assert isinstance(outcome, TacticError) and "sorry" in outcome.message
        assert env.apply(right, "exact h.1") == Proved()


def test_each_import_set_runs_once_and_theorem_headers_replace_env_header(
    tmp_path: Path, transcript: Path
) -> None:
    with make_env(tmp_path, transcript, header="import Mathlib") as env:
        for _ in range(2):
            assert env.apply(env.start(MINIF2F), "rfl") == Proved()
        assert env.check(MINIF2F, "rfl").ok
    sent = requests(tmp_path)
    imports = [r for r in sent if "import" in r.get("cmd", "")]
    assert imports == [{"cmd": "import Mathlib\nimport Aesop"}]
    preambles = [r for r in sent if r.get("cmd", "").startswith("set_option")]
    assert len(preambles) == 1 and "env" in preambles[0]


def test_an_empty_header_opens_one_environment_for_every_command(tmp_path: Path, transcript: Path) -> None:
    with make_env(tmp_path, transcript) as env:
        env.start(AND_SWAP)
        env.start(FAULTY)
        assert env.check(FAULTY, "exact hp").ok
    commands = [r for r in requests(tmp_path) if "cmd" in r]
    assert commands[0] == {"cmd": ""}
    assert all(r.get("env") == 0 for r in commands[1:] if not r["cmd"].startswith("#print")), commands


def test_the_fake_dies_on_a_stray_blank_line_as_the_real_repl_does(tmp_path: Path, transcript: Path) -> None:
    import subprocess

    fake = subprocess.run(
        [sys.executable, str(FAKE), str(transcript)],
        input='{"cmd": ""}\n\n\n',
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert fake.returncode == 1 and "uncaught exception" in fake.stderr
    assert json.loads(fake.stdout) == {"env": 0}


def _shapes(answer: dict) -> set[tuple[str, frozenset[str]]]:
    """The key sets of an answer and of its message and sorry entries."""
    kind = "tactic" if "proofStatus" in answer else "command" if "env" in answer else "error"
    shapes = {(kind, frozenset(answer))}
    shapes |= {("message", frozenset(m)) for m in answer.get("messages", [])}
    shapes |= {(f"{kind} sorry", frozenset(s)) for s in answer.get("sorries", [])}
    return shapes


def test_the_fakes_answers_have_the_recorded_shapes(tmp_path: Path, transcript: Path) -> None:
    """Our own commands (headers, isolation, `#print axioms`, whole proofs) are not in the upstream
    recordings; the fake must answer them in shapes the recordings show."""
    import subprocess

    fixtures = Path(__file__).parent / "fixtures" / "repl"
    recorded: set[tuple[str, frozenset[str]]] = set()
    for out in fixtures.glob("*/*.expected.out"):
        text, decoder, at = out.read_text(encoding="utf-8"), json.JSONDecoder(), 0
        while text[at:].strip():
            answer, at = decoder.raw_decode(text, len(text) - len(text[at:].lstrip()))
            recorded |= _shapes(answer)
    requests = [
        {"cmd": ""},
        {"cmd": "import Mathlib"},
        {"cmd": "set_option maxHeartbeats 400000", "env": 1},
        {"cmd": f"{AND_SWAP.statement} := by sorry", "env": 0},
        {"tactic": "intro h", "proofState": 0},
        {"tactic": "constructor", "proofState": 1},
        {"tactic": "(sorry; rotate_left)", "proofState": 2},
        {"tactic": "exact h.1", "proofState": 4},
        {"tactic": "exact h", "proofState": 0},
        {"tactic": "nonsense", "proofState": 0},
        {"tactic": "x", "proofState": 99},
        {"cmd": "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p := by\n  intro h", "env": 0},
        {
            "cmd": "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p := by\n  intro h\n  constructor\n  exact h.2\n  exact h.1",
            "env": 0,
        },
        {"cmd": "#print axioms and_swap", "env": 5},
        {"cmd": "#print axioms nothing", "env": 5},
        {"cmd": "x", "env": 42},
    ]
    fake = subprocess.run(
        [sys.executable, str(FAKE), str(transcript)],
        input="".join(json.dumps(r) + "\n\n" for r in requests),
        capture_output=True,
        text=True,
        timeout=30,
    )
    answers = [json.loads(block) for block in fake.stdout.split("\n\n") if block.strip()]
    assert len(answers) == len(requests), fake.stderr
    assert "does not depend on any axioms" in answers[13]["messages"][0]["data"]
    for request, answer in zip(requests, answers, strict=True):
        assert _shapes(answer) <= recorded, (request, answer)
