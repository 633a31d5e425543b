import random

import numpy as np
import torch

from prover.policy.hf import HFPolicy
from prover.train.checkpoint import latest_checkpoint, load_checkpoint, save_checkpoint
from prover.train.replay import ReplayBuffer
from prover.train.samples import CriticSample, TacticSample
from prover.train.trainer import make_optimizer, train_step

SAMPLES = [
    TacticSample("⊢ True", "trivial"),
    TacticSample("p : Prop\nh : p\n⊢ p", "exact h"),
    CriticSample("⊢ True", 1.0),
    CriticSample("⊢ False", 0.0),
]


def setup():
    torch.manual_seed(0)
    policy = HFPolicy.create(
        architecture="decoder", n_layer=2, n_head=2, d_model=64, max_new_tokens=16, device="cpu"
    )
    optimizer = make_optimizer(policy, lr=1e-3)
    buffer = ReplayBuffer(capacity=10, eviction="reservoir", seed=3)
    buffer.add(SAMPLES)
    return policy, optimizer, buffer


def draws() -> tuple[float, float, torch.Tensor]:
    return random.random(), float(np.random.rand()), torch.rand(3)


def run(policy, optimizer, buffer, steps):
    for _ in range(steps):
        train_step(policy, buffer.sample(3), optimizer)


def test_round_trip_restores_parameters_optimizer_buffer_and_rng(tmp_path):
    policy, optimizer, buffer = setup()
    run(policy, optimizer, buffer, 2)
    random.seed(1)
    np.random.seed(1)
    path = save_checkpoint(tmp_path, policy=policy, optimizer=optimizer, buffer=buffer, iteration=7)
    expected = draws()
    restored = load_checkpoint(path, device="cpu")
    assert draws()[:2] == expected[:2]
    assert restored.iteration == 7 and restored.path == path
    for a, b in zip(
        policy.model.state_dict().values(), restored.policy.model.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b)
    saved_state, loaded_state = optimizer.state_dict(), restored.optimizer.state_dict()
    assert saved_state["param_groups"] == loaded_state["param_groups"]
    for key, state in saved_state["state"].items():
        for name, value in state.items():
            assert torch.equal(torch.as_tensor(value), torch.as_tensor(loaded_state["state"][key][name]))
    assert restored.buffer.items == buffer.items
    assert restored.buffer.sample(3) == buffer.sample(3)


def test_resume_continues_training_identically(tmp_path):
    policy, optimizer, buffer = setup()
    run(policy, optimizer, buffer, 2)
    path = save_checkpoint(tmp_path, policy=policy, optimizer=optimizer, buffer=buffer, iteration=2)
    run(policy, optimizer, buffer, 3)
    resumed = load_checkpoint(path, device="cpu")
    run(resumed.policy, resumed.optimizer, resumed.buffer, 3)
    for a, b in zip(policy.model.parameters(), resumed.policy.model.parameters(), strict=True):
        torch.testing.assert_close(a, b)


def test_latest_checkpoint_picks_the_highest_complete_iteration(tmp_path):
    assert latest_checkpoint(tmp_path / "missing") is None
    assert latest_checkpoint(tmp_path) is None
    policy, optimizer, buffer = setup()
    for iteration in (3, 12, 5):
        save_checkpoint(tmp_path, policy=policy, optimizer=optimizer, buffer=buffer, iteration=iteration)
    (tmp_path / "iter_000099").mkdir()  # interrupted before meta.json was written
    (tmp_path / ".tmp_iter_000100").mkdir()
    assert latest_checkpoint(tmp_path) == tmp_path / "iter_000012"
