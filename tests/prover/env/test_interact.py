"""`env=repl` through lean-interact: its real `LeanServer` transport, pointed at the replay REPL process.

lean-interact starts the REPL as `<lake> env <repl dir>/.lake/build/bin/repl` in the working directory;
here the REPL binary is a script running `fakes/replay_repl.py` on the upstream recordings and `lake` a
shim that runs what follows `env`, so everything above the process (lean-interact's framing, timeouts,
kills, and our layer) is the code a user with Lean runs. What needs real Lean (cloning and building the
REPL, `TempRequireProject` with Mathlib) is not exercised here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from prover.env.base import EnvTimeout, LeanNotFound, Proved, Subgoals
from prover.env.interact import MISSING_PACKAGE, build_config, project_lean_version
from prover.env.repl import ReplEnv
from prover.theorems import Theorem

lean_interact = pytest.importorskip("lean_interact")

FIXTURES = Path(__file__).parent / "fixtures" / "repl"
REPLAY = Path(__file__).parent / "fakes" / "replay_repl.py"
ROOT = Path(__file__).resolve().parents[3]


def _executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)
    return path


def replay_config(tmp_path: Path, *scenarios: str, slow: bool = False) -> object:
    repl_dir = tmp_path / "repl"
    (repl_dir / ".lake" / "build" / "bin").mkdir(parents=True)
    (repl_dir / "lean-toolchain").write_text("leanprover/lean4:v4.24.0\n", encoding="utf-8")
    delay = "sleep 30; " if slow else ""
    _executable(
        repl_dir / ".lake" / "build" / "bin" / "repl",
        f'#!/bin/sh\n{delay}exec "{sys.executable}" "{REPLAY}" "{FIXTURES / "v4.24.0"}" {" ".join(scenarios)}\n',
    )
    lake = _executable(tmp_path / "bin" / "lake", '#!/bin/sh\n[ "$1" = env ] && shift\nexec "$@"\n')
    return lean_interact.LeanREPLConfig(local_repl_path=str(repl_dir), build_repl=False, lake_path=str(lake))


def test_lean_interact_server_carries_our_layer(tmp_path: Path) -> None:
    config = replay_config(tmp_path, "proof_branching")
    statement = "theorem complex_and (p q r : Prop) (h1 : p ∧ q) (h2 : q → r) : p ∧ r"
    with ReplEnv(project_dir=tmp_path, interact_config=config, memory_limit_mb=4096, sandbox="none") as env:
        assert type(env._process).__name__ == "InteractTransport"
        root = env.start(Theorem("complex_and", statement))
        left, right = env.apply(root, "apply And.intro").goals  # type: ignore[union-attr]
        assert env.apply(left, "exact h1.left") == Proved()
        q = env.apply(right, "apply h2")
        assert isinstance(q, Subgoals)
        assert env.apply(q.goals[0], "exact h1.right") == Proved()


def test_a_repl_that_never_answers_is_a_clear_error(tmp_path: Path) -> None:
    config = replay_config(tmp_path, "proof_step", slow=True)
    with pytest.raises(LeanNotFound, match="did not start") as error:
        ReplEnv(project_dir=tmp_path, interact_config=config, import_timeout_s=1, sandbox="none")
    assert isinstance(error.value.__cause__, EnvTimeout)


def test_without_lean_interact_the_refusal_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lean_interact", None)
    with pytest.raises(LeanNotFound) as error:
        ReplEnv(project_dir=tmp_path)
    assert str(error.value) == MISSING_PACKAGE and "pip install '.[lean]'" in MISSING_PACKAGE


def test_without_lean_the_refusal_is_todays_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(LeanNotFound) as error:
        ReplEnv(project_dir=tmp_path)
    assert str(error.value) == (
        "Lean 4 not found: install elan (https://github.com/leanprover/elan) and run `lake build` in "
        f"{tmp_path}, or use env=embedded"
    )


def test_config_building_reads_the_project(tmp_path: Path) -> None:
    assert project_lean_version(ROOT / "lean_project").startswith("v4.")
    with pytest.raises(LeanNotFound, match="lean-toolchain is missing"):
        project_lean_version(tmp_path)
    with pytest.raises(ValueError, match="local, mathlib"):
        build_config(project_dir=tmp_path, project="elsewhere")
    assert os.access(REPLAY, os.R_OK)


def test_a_repl_holding_too_much_memory_is_recycled_before_a_theorem(tmp_path: Path) -> None:
    config = replay_config(tmp_path, "proof_step")
    with ReplEnv(project_dir=tmp_path, interact_config=config, recycle_memory_mb=1, sandbox="none") as env:
        first = env._process
        assert first.memory_mb() > 1  # lean-interact measures the process tree (psutil)
        root = env.start(Theorem("f", "def f : Nat"))
        assert env._process is not first
        outcome = env.apply(root, "apply Int.natAbs")
        assert isinstance(outcome, Subgoals) and outcome.goals[0].text == "⊢ Int"


def test_a_failing_setup_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prover.env import interact

    lake = _executable(tmp_path / "bin" / "lake", "#!/bin/sh\nexit 1\n")
    monkeypatch.setenv("PATH", f"{lake.parent}{os.pathsep}{os.environ['PATH']}")

    def unreachable(**kwargs: object) -> None:
        raise OSError("Could not resolve host: github.com")

    monkeypatch.setattr(interact, "build_config", unreachable)
    with pytest.raises(LeanNotFound, match="could not set up the REPL .*github.com"):
        ReplEnv(project_dir=tmp_path)
