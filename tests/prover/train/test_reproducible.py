"""Two runs of `python -m prover.train` with the same seed give the same numbers and checkpoints,
whatever Python's string-hash seed (sets and dicts iterate in a per-process order)."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from prover.results import ProofRecord
from prover.runner import Attempt
from prover.train.loop import time_limited

ROOT = Path(__file__).resolve().parents[3]

OVERRIDES = [
    "iterations=2",
    "theorems_per_iteration=5",
    "bootstrap_theorems=5",
    "bootstrap_synthetic=3",
    "eval_limit=5",
    "eval_model_alone=true",
    "search.max_expansions=8",
    "search.num_tactics=6",
    "search.max_seconds=null",
    "trainer.steps_per_iteration=3",
    "trainer.warmup_steps=4",
    "trainer.batch_size=4",
    "policy.model.architecture=llama",
    "policy.model.tokenizer=bpe",
    "policy.model.vocab_size=400",
    "policy.model.n_head=2",
    "policy.model.d_model=32",
    "policy.model.n_layer=1",
    "policy.model.max_new_tokens=12",
    "policy.model.device=cpu",
    "torch_threads=1",
]

# Wall-clock measurements, the only fields allowed to differ.
TIMED = {"seconds", "samples_per_s"}


def train(out: Path, hash_seed: str) -> tuple[list[dict], dict[str, str]]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "prover.train", f"out_dir={out}", *OVERRIDES],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    rows = [
        {k: v for k, v in json.loads(line).items() if k not in TIMED}
        for line in (out / "iterations.jsonl").read_text().splitlines()
    ]
    files = {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((out / "checkpoints").rglob("*"))
        if p.is_file()
    }
    return rows, files


@pytest.mark.slow
def test_two_runs_with_the_same_seed_give_the_same_numbers_and_checkpoints(tmp_path: Path) -> None:
    rows_a, files_a = train(tmp_path / "a", "1")
    rows_b, files_b = train(tmp_path / "b", "2")
    assert [r["iteration"] for r in rows_a] == [0, 1, 2]
    assert all(r.get("time_limited") == 0 for r in rows_a)
    assert rows_a == rows_b
    assert any(name.endswith("model.safetensors") for name in files_a)
    assert files_a == files_b  # weights, optimizer, replay buffer, tactic memory, tokenizer, RNG states


def attempt(name: str, *, stop: str, error: str | None = None) -> Attempt:
    record = ProofRecord(
        name=name,
        split="valid",
        topic="t",
        difficulty="easy",
        search="htps",
        proved=False,
        proof=None,
        expansions=1,
        env_calls=1,
        seconds=1.0,
        error=error,
        stop_reason=stop,
    )
    return Attempt(record, None)


def test_searches_stopped_by_a_clock_are_counted_and_named(caplog: pytest.LogCaptureFixture) -> None:
    attempts = [
        attempt("budget", stop="budget_expansions"),
        attempt("clock", stop="budget_time"),
        attempt("deadline", stop="error", error="timeout: theorem time limit of 120 s exceeded"),
        attempt("crash", stop="error", error="EnvCrash: gone"),
    ]
    assert time_limited(attempts, what="valid") == 2
    assert "clock" in caplog.text and "deadline" in caplog.text and "crash" not in caplog.text
    assert time_limited(attempts[:1], what="valid") == 0
