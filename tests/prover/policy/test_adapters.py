import math
from collections.abc import Sequence

import pytest

from prover.policy.adapters import batch_seed, critic_fn, policy_fn
from prover.policy.types import TacticProposal
from search.types import SearchGoal


class Recording:
    """A fake policy and critic that records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], int, float, int | None]] = []

    def propose(self, goals: Sequence[str], *, n: int, temperature: float, seed: int | None):
        self.calls.append((list(goals), n, temperature, seed))
        return [
            [TacticProposal("simp", math.log(0.6)), TacticProposal(f"exact {g}", math.log(0.2))]
            for g in goals
        ]

    def values(self, goals: Sequence[str]) -> list[float]:
        return [0.25 * (i + 1) for i, _ in enumerate(goals)]


GOALS = [SearchGoal(key="k1", text="⊢ a"), SearchGoal(key="k2", text="⊢ b")]


def test_policy_fn_passes_texts_and_attaches_normalised_priors():
    fake = Recording()
    fn = policy_fn(fake, n=5, temperature=1.5, seed=3)
    result = fn(GOALS)
    assert fake.calls == [(["⊢ a", "⊢ b"], 5, 1.5, batch_seed(3, GOALS))]
    assert [[c.tactic for c in cs] for cs in result] == [["simp", "exact ⊢ a"], ["simp", "exact ⊢ b"]]
    assert [c.prior for c in result[0]] == pytest.approx([0.75, 0.25])
    assert result[0][0].logprob == pytest.approx(math.log(0.6))
    assert fn([]) == []


def test_prior_temperature_flattens_priors():
    result = policy_fn(Recording(), n=2, temperature=1.0, seed=0, prior_temperature=2.0)(GOALS[:1])
    # weights sqrt(0.6), sqrt(0.2)
    assert result[0][0].prior == pytest.approx(math.sqrt(3) / (1 + math.sqrt(3)))


def test_batch_seed_is_reproducible_and_depends_on_goals_and_seed():
    assert batch_seed(1, GOALS) == batch_seed(1, list(GOALS))
    assert batch_seed(1, GOALS) != batch_seed(2, GOALS)
    assert batch_seed(1, GOALS) != batch_seed(1, GOALS[:1])


def test_critic_fn_reads_goal_texts():
    assert critic_fn(Recording())(GOALS) == [0.25, 0.5]
    assert critic_fn(Recording())([]) == []
