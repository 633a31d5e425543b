"""Expert iteration in miniature: search with the learned policy, turn the proof into samples, train.

The toy environment (`search.toy`) has one root goal ``A`` with two subgoals::

    A --split--> (B, C)      B --left--> done      C --right--> done

The tiny model is first taught the three tactics, then HTPS, driven by it through the adapters,
must find the proof; the proof's samples go through the replay buffer into `fit`.
"""

import torch

from prover.policy.adapters import critic_fn, policy_fn
from prover.policy.hf import HFPolicy
from prover.train.replay import ReplayBuffer
from prover.train.samples import TacticSample, from_search
from prover.train.trainer import fit, make_optimizer, train_step
from search import critic_samples, run_htps, tactic_samples
from search.toy import ToyEnv, rules_from_table
from search.types import Budget

TABLE = {
    "⊢ A": [("split", ("⊢ B", "⊢ C"))],
    "⊢ B": [("left", ())],
    "⊢ C": [("right", ())],
}


def test_learned_policy_drives_htps_and_its_proof_trains_the_policy():
    torch.manual_seed(0)
    env = ToyEnv(rules_from_table(TABLE))
    policy = HFPolicy.create(
        architecture="decoder", n_layer=2, n_head=2, d_model=64, max_new_tokens=8, device="cpu"
    )
    optimizer = make_optimizer(policy, lr=3e-3)
    teach = [TacticSample(goal, rules[0][0]) for goal, rules in TABLE.items()]
    for _ in range(60):
        train_step(policy, teach, optimizer)

    result = run_htps(
        env.goal("⊢ A"),
        policy=policy_fn(policy, n=4, temperature=1.0, seed=0),
        critic=critic_fn(policy),
        apply=env.apply,
        budget=Budget(max_expansions=20),
        seed=0,
        batch_size=2,
        num_tactics=4,
    )
    assert result.proved

    samples = from_search(tactic_samples(result.tree) + critic_samples(result.tree, min_visits=1), name="A")
    assert sorted(s.tactic for s in samples if isinstance(s, TacticSample)) == ["left", "right", "split"]
    buffer = ReplayBuffer(capacity=100, seed=0)
    buffer.add(samples)
    outcome = fit(policy, buffer, optimizer, steps=3, batch_size=8, progress=False)
    assert outcome.steps == 3
