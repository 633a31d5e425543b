"""The expert-iteration loop on the embedded kernel with a tiny model: samples, checkpoints, resume."""

import json
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from prover.train.bootstrap import FixedTactics, reference_tactics
from prover.train.checkpoint import latest_checkpoint
from prover.train.loop import run

CONFIGS = str(Path(__file__).resolve().parents[3] / "configs")


def test_reference_tactics_unwrap_bullets_and_alternatives() -> None:
    proof = "induction n with\n| zero => rfl\n| succ k ih =>\n  rw [ih]\n  · omega\n  have h : 1 = 1 := by\n    rfl"
    assert reference_tactics(proof) == ["induction n", "rfl", "rw [ih]", "omega"]


def test_fixed_tactics_propose_the_same_list_for_every_goal() -> None:
    out = FixedTactics(("intro h", "exact h")).propose(["⊢ p → p", "⊢ q → q"], n=1)
    assert [[p.tactic for p in ps] for ps in out] == [["intro h"], ["intro h"]]


def config(out: Path, iterations: int):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(
            "train",
            overrides=[
                f"out_dir={out}",
                f"iterations={iterations}",
                "theorems_per_iteration=4",
                "bootstrap_theorems=4",
                "eval_limit=2",
                "search.max_expansions=6",
                "search.num_tactics=4",
                "trainer.steps_per_iteration=2",
                "trainer.batch_size=4",
                "policy.model.d_model=32",
                "policy.model.n_layer=1",
                "policy.model.max_new_tokens=8",
                "policy.model.device=cpu",
            ],
        )


def test_iterations_checkpoint_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "run"
    first = run(config(out, 1))
    assert [s.iteration for s in first] == [1]
    assert first[0].samples_added > 0 and first[0].buffer_size == first[0].samples_added
    assert latest_checkpoint(out / "checkpoints").name == "iter_000001"
    lines = [json.loads(x) for x in (out / "iterations.jsonl").read_text().splitlines()]
    assert lines[0]["policy"] == "rules" and lines[0]["valid_total"] == 2
    resumed = run(config(out, 2))
    assert [s.iteration for s in resumed] == [1, 2]
    assert resumed[1].buffer_size >= resumed[0].buffer_size
    assert latest_checkpoint(out / "checkpoints").name == "iter_000002"
    assert any((out / "tensorboard").iterdir())


def test_a_kill_between_checkpoint_and_evaluation_resumes_with_the_evaluation_only(tmp_path: Path) -> None:
    out = tmp_path / "run"
    (done,) = run(config(out, 1))
    lines = (out / "iterations.jsonl").read_text().splitlines()
    # What a kill right after the checkpoint leaves: the round's partial stats, no line for it yet.
    (out / "pending_round.json").write_text(
        json.dumps(
            {k: v for k, v in json.loads(lines[1]).items() if not k.startswith("valid")}
            | {"samples_per_s": 1.0}
        )
    )
    (out / "iterations.jsonl").write_text(lines[0] + "\n")
    (again,) = run(config(out, 1))
    assert latest_checkpoint(out / "checkpoints").name == "iter_000001"  # nothing retrained
    assert again.samples_added == done.samples_added and again.valid_total == 2
    assert not (out / "pending_round.json").exists()
    assert len((out / "iterations.jsonl").read_text().splitlines()) == 2


def test_a_vllm_backend_is_refused_clearly(tmp_path: Path) -> None:
    cfg = config(tmp_path, 1)
    OmegaConf.update(cfg, "policy.backend", "vllm")
    with pytest.raises(ValueError, match="policy.backend must be hf"):
        run(cfg)


def test_llama_bpe_run_warms_up_measures_the_model_alone_and_draws_curves(tmp_path: Path) -> None:
    out = tmp_path / "run"
    cfg = config(out, 1)
    for key, value in {
        "policy.model.architecture": "llama",
        "policy.model.tokenizer": "bpe",
        "policy.model.vocab_size": 400,
        "policy.model.n_head": 2,
        "bootstrap_synthetic": 2,
        "trainer.warmup_steps": 3,
        "eval_model_alone": True,
    }.items():
        OmegaConf.update(cfg, key, value)
    (stats,) = run(cfg)
    assert stats.model_valid_proved is not None and 0 <= stats.model_valid_proved <= 2
    assert stats.train_attempted == 4 + 2  # the bootstrap batch and its synthetic theorems
    assert stats.tactic_samples + stats.critic_samples == stats.samples_added
    assert stats.tactic_loss is not None and stats.critic_loss is not None
    png = (out / "curves.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    model = latest_checkpoint(out / "checkpoints") / "model"
    assert (model / "tokenizer.json").is_file()
    assert json.loads((model / "config.json").read_text())["model_type"] == "llama"
