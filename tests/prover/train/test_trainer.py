import pytest
import torch

from prover.policy.hf import HFPolicy
from prover.train.replay import ReplayBuffer
from prover.train.samples import CriticSample, TacticSample
from prover.train.trainer import critic_loss, fit, make_optimizer, tactic_loss, train_step

TACTICS = [
    TacticSample("p q : Prop\nh : p ∧ q\n⊢ q ∧ p", "exact ⟨h.2, h.1⟩"),
    TacticSample("⊢ True", "trivial"),
]
CRITICS = [CriticSample("⊢ True", 1.0), CriticSample("⊢ False", 0.0), CriticSample("n : ℕ\n⊢ n ≤ n", 0.7)]
ARCHS = ["decoder", "encoder-decoder"]


def tiny(architecture: str) -> HFPolicy:
    return HFPolicy.create(
        architecture=architecture, n_layer=2, n_head=2, d_model=64, seed=0, max_new_tokens=24, device="cpu"
    )


@pytest.mark.parametrize("architecture", ARCHS)
def test_tactic_loss_is_cross_entropy_on_target_tokens_only(architecture):
    policy = tiny(architecture)
    policy.model.eval()
    expected = []
    with torch.no_grad():
        for s in TACTICS:
            prompt = torch.tensor([policy.prompt_ids(policy.format.prompt(s.goal))])
            target = torch.tensor(policy.target_ids(s.tactic))
            if policy.is_encoder_decoder:
                start = torch.tensor([policy.model.config.decoder_start_token_id])
                logits = policy.model(
                    input_ids=prompt, decoder_input_ids=torch.cat([start, target[:-1]])[None]
                ).logits[0]
            else:
                full = torch.cat([prompt[0], target])[None]
                logits = policy.model(input_ids=full).logits[0, prompt.shape[1] - 1 : -1]
            expected.append(-torch.log_softmax(logits, -1).gather(-1, target[:, None]).squeeze(-1))
        got = tactic_loss(policy, TACTICS).item()
    assert got == pytest.approx(torch.cat(expected).mean().item(), abs=1e-4)


def test_critic_loss_is_soft_cross_entropy():
    policy = tiny("decoder")
    policy.model.eval()
    with torch.no_grad():
        logp = torch.log_softmax(policy.critic_logits([s.goal for s in CRITICS]), -1)
        q = torch.tensor([s.target for s in CRITICS])
        expected = -(q * logp[:, 0] + (1 - q) * logp[:, 1]).mean().item()
        assert critic_loss(policy, CRITICS).item() == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("architecture", ARCHS)
def test_train_steps_change_parameters_and_lower_the_loss_on_a_fixed_batch(architecture):
    torch.manual_seed(0)
    policy = tiny(architecture)
    before = [p.detach().clone() for p in policy.model.parameters()]
    optimizer = make_optimizer(policy, lr=3e-3)
    batch = TACTICS + CRITICS
    losses = [train_step(policy, batch, optimizer) for _ in range(15)]
    assert any(not torch.equal(a, b) for a, b in zip(before, policy.model.parameters(), strict=True))
    assert losses[0].tactic is not None and losses[0].critic is not None and losses[0].samples == 5
    assert losses[-1].total < 0.6 * losses[0].total
    assert losses[-1].tactic < losses[0].tactic and losses[-1].critic < losses[0].critic


def test_trained_critic_separates_solvable_from_unsolvable_and_policy_learns_a_tactic():
    torch.manual_seed(0)
    policy = tiny("decoder")
    optimizer = make_optimizer(policy, lr=3e-3)
    for _ in range(80):
        train_step(policy, TACTICS + CRITICS[:2], optimizer)
    solvable, unsolvable = policy.values(["⊢ True", "⊢ False"])
    assert solvable > 0.9 and unsolvable < 0.1
    best = policy.propose(["⊢ True"], n=4, temperature=1.0, seed=0)[0][0]
    assert best.tactic == "trivial"


def test_fit_runs_steps_logs_to_tensorboard_and_rejects_empty_buffers(tmp_path):
    torch.manual_seed(0)
    policy = tiny("decoder")
    buffer = ReplayBuffer(capacity=100, seed=0)
    optimizer = make_optimizer(policy, lr=3e-3)
    with pytest.raises(ValueError):
        fit(policy, buffer, optimizer, steps=1, progress=False)
    buffer.add(TACTICS + CRITICS)
    result = fit(policy, buffer, optimizer, steps=10, batch_size=5, log_dir=tmp_path / "tb", progress=False)
    assert result.steps == 10
    assert result.last_loss < result.first_loss
    assert result.samples_per_s > 0
    assert list((tmp_path / "tb").glob("events.out.tfevents.*"))


def test_train_step_needs_samples():
    policy = tiny("decoder")
    with pytest.raises(ValueError):
        train_step(policy, [], make_optimizer(policy))
