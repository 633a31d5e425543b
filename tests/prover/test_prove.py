"""End-to-end `prove` on the embedded kernel: records, trees, resume, faults, executors."""

import json
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.prove import run
from prover.results import read_records

CONFIGS = str(Path(__file__).resolve().parents[2] / "configs")

THEOREMS = """\
theorem t_and_swap (p q : Prop) : p ∧ q → q ∧ p := by
  sorry

theorem t_or_swap (p q : Prop) : p ∨ q → q ∨ p := by
  sorry

theorem t_lt_succ (a b : Nat) (h : a < b) : a + 1 ≤ b := by
  sorry

theorem t_false (p : Prop) : p := by
  sorry
"""


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    path = tmp_path / "Small.lean"
    path.write_text(THEOREMS)
    return path


def config(bench: Path, out: Path, *extra: str):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(
            "prove",
            overrides=[
                "benchmark.name=file",
                f"benchmark.path={bench}",
                "benchmark.split=all",
                f"out_dir={out}",
                "search.max_expansions=60",
                *extra,
            ],
        )


def test_prove_writes_records_trees_and_summary(bench: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    records = run(config(bench, out, "executor=serial"))
    by_name = {r.name: r for r in records}
    assert set(by_name) == {"t_and_swap", "t_or_swap", "t_lt_succ", "t_false"}
    assert by_name["t_and_swap"].proved and by_name["t_or_swap"].proved and by_name["t_lt_succ"].proved
    assert not by_name["t_false"].proved and by_name["t_false"].proof is None
    assert "· " in by_name["t_or_swap"].proof  # two subgoals -> focusing bullets
    lines = (out / "results.jsonl").read_text().splitlines()
    keys = set(json.loads(lines[0]))
    assert {"name", "proved", "proof", "expansions", "env_calls", "seconds", "error"} <= keys
    tree = json.loads((out / "trees" / "t_or_swap.json").read_text())
    assert tree["format"] == "htps-tree/1" and tree["proved"] and tree["proof"]["script"]
    assert capsys.readouterr().out.splitlines()[-1] == "proved 3/4"


@pytest.mark.parametrize("search", ["htps", "mcts", "best_first"])
def test_every_search_proves_the_easy_ones(bench: Path, tmp_path: Path, search: str) -> None:
    records = run(config(bench, tmp_path / search, "executor=serial", f"search={search}"))
    assert sum(r.proved for r in records) == 3
    assert all(r.search == search for r in records)


def test_resume_proves_only_what_is_missing(bench: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(config(bench, out, "executor=serial", "benchmark.limit=2"))
    assert len(read_records(out / "results.jsonl")) == 2
    records = run(config(bench, out, "executor=serial"))
    names = [r.name for r in read_records(out / "results.jsonl")]
    assert len(names) == len(set(names)) == 4
    assert len(records) == 4


def faulty(fault: str) -> list[str]:
    return [
        "env._target_=prover.env.faults.FaultyEnv",
        "+env.inner._target_=prover.env.embedded.EmbeddedEnv",
        f"+env.faults={{t_or_swap: {fault}}}",
        "+env.hang_seconds=60",
        "+env.max_restarts=3",
        "~env.max_steps",
        "~env.timeout_s",
    ]


def test_a_crashing_environment_is_restarted_and_the_run_goes_on(bench: Path, tmp_path: Path) -> None:
    records = {r.name: r for r in run(config(bench, tmp_path / "o", "executor=serial", *faulty("crash")))}
    assert not records["t_or_swap"].proved
    assert "injected crash" in records["t_or_swap"].error
    assert records["t_and_swap"].proved and records["t_lt_succ"].proved


def test_a_hanging_environment_hits_the_theorem_deadline(bench: Path, tmp_path: Path) -> None:
    cfg = config(bench, tmp_path / "o", "executor=serial", "theorem_timeout_s=1", *faulty("hang"))
    records = {r.name: r for r in run(cfg)}
    assert records["t_or_swap"].error.startswith("timeout")
    assert records["t_and_swap"].proved and records["t_lt_succ"].proved


@pytest.mark.slow
def test_process_executor_matches_serial(bench: Path, tmp_path: Path) -> None:
    serial = {r.name: r.proved for r in run(config(bench, tmp_path / "s", "executor=serial"))}
    pooled = {r.name: r.proved for r in run(config(bench, tmp_path / "p", "executor=process", "workers=2"))}
    assert serial == pooled


@pytest.mark.slow
def test_ray_executor_proves_through_an_actor_pool(bench: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray")
    # 127.0.0.2: Ray rewrites 127.0.0.1 to the machine's outward address; this keeps Ray on the loopback
    cfg = config(bench, tmp_path / "r", "executor=ray", "workers=2", "ray_node_ip=127.0.0.2")
    records = {r.name: r for r in run(cfg)}
    assert records["t_and_swap"].proved and records["t_lt_succ"].proved and not records["t_false"].proved


HANGING = [
    "env._target_=prover.env.faults.FaultyEnv",
    "+env.inner._target_=prover.env.embedded.EmbeddedEnv",
    "+env.tactic_faults={}",
    "+env.tactic_timeout_s=0.2",
    "~env.max_steps",
    "~env.timeout_s",
]


def test_a_hanging_tactic_fails_alone_and_the_proof_is_found_another_way(bench: Path, tmp_path: Path) -> None:
    """The rules policy's first tactic on `t_and_swap` is `intro h`; it hangs until the tactic timeout
    (the backend restarts), becomes a failed tactic, and the search proves the theorem another way."""
    cfg = config(bench, tmp_path / "o", "executor=serial", "benchmark.limit=1", *HANGING)
    cfg.env.tactic_faults = {"intro h": "hang"}
    (record,) = run(cfg)
    assert record.name == "t_and_swap" and record.proved, record.error
    assert "intro h\n" not in record.proof + "\n"
    tree = json.loads((tmp_path / "o" / "trees" / "t_and_swap.json").read_text())
    failures = [e.get("error") or "" for e in tree["edges"] if e["tactic"] == "intro h"]
    assert failures and "backend timeout" in failures[0], tree["edges"][:3]


def test_a_theorem_ends_only_after_max_restarts(bench: Path, tmp_path: Path) -> None:
    for max_restarts, calls in ((3, 4), (0, 1)):
        cfg = config(
            bench, tmp_path / f"o{max_restarts}", "executor=serial", "benchmark.limit=1", *faulty("crash")
        )
        cfg.env.faults = {"t_and_swap": "crash"}
        cfg.env.max_restarts = max_restarts
        (record,) = run(cfg)
        assert not record.proved and "injected crash" in record.error
        # every crash but the last is absorbed as a failed tactic; the last ends the theorem
        assert record.env_calls == calls and record.stop_reason == "error"


def own_file_config(bench: Path, out: Path, *extra: str):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(
            "prove",
            overrides=[
                "benchmark.name=file",
                f"benchmark.path={bench}",
                f"out_dir={out}",
                "executor=serial",
                *extra,
            ],
        )


BROKEN = THEOREMS.replace(
    "theorem t_lt_succ (a b : Nat) (h : a < b) : a + 1 ≤ b := by",
    "theorem t_lt_succ (a b : Nat (h : a < b) : a + 1 ≤ b := by",
)


def test_an_own_file_is_proved_whole_without_a_split(bench: Path, tmp_path: Path) -> None:
    records = run(own_file_config(bench, tmp_path / "o"))
    assert len(records) == 4 and sum(r.proved for r in records) == 3


def test_an_unreadable_declaration_is_recorded_and_the_others_are_proved(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Mine.lean"
    path.write_text(BROKEN, encoding="utf-8")
    records = {r.name: r for r in run(own_file_config(path, tmp_path / "o"))}
    assert set(records) == {"t_and_swap", "t_or_swap", "t_lt_succ", "t_false"}
    broken = records["t_lt_succ"]
    assert not broken.proved and broken.stop_reason == "unreadable"
    assert broken.error == f"cannot read the declaration at {path}:7: theorem t_lt_succ: unbalanced brackets"
    assert records["t_and_swap"].proved and records["t_or_swap"].proved
    assert capsys.readouterr().out.splitlines()[-1] == "proved 2/4"
    again = run(own_file_config(path, tmp_path / "o"))
    assert len(read_records(tmp_path / "o" / "results.jsonl")) == len(again) == 4


def test_statement_proves_one_statement_and_prints_its_script(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(CONFIGS).parent
    command = [sys.executable, "-m", "prover.prove", "statement=theorem t (p q : Prop) (h' : p ∧ q) : q ∧ p"]
    done = subprocess.run(
        [*command, f"out_dir={tmp_path / 'o'}", "executor=serial"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**__import__("os").environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout.splitlines()
    assert out[0] == "theorem t (p q : Prop) (h' : p ∧ q) : q ∧ p := by" and out[1].startswith("  ")
    assert out[-1] == "proved 1/1"


def test_an_unreadable_statement_is_a_failed_record(tmp_path: Path, capsys) -> None:
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "prove",
            overrides=["statement='theorem t (a : Nat : a = a'", f"out_dir={tmp_path}", "executor=serial"],
        )
    (record,) = run(cfg)
    assert not record.proved and record.error.startswith("cannot read the declaration at <statement>:1")
    assert capsys.readouterr().out.splitlines()[-1] == "proved 0/1"


def test_quote_override_keeps_a_statement_verbatim() -> None:
    from prover.cli import quote_override

    argv = ["prove", "statement=theorem t (h' : a = b) : b = a", "search=mcts", "statement='x'"]
    quote_override("statement", argv)
    assert argv == ["prove", "statement='theorem t (h\\' : a = b) : b = a'", "search=mcts", "statement='x'"]
