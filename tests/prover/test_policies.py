import math

import pytest

from prover.policies import ConstantCritic, MixedPolicy
from prover.policy.types import TacticProposal


class Fixed:
    def __init__(self, pairs: list[tuple[str, float]]) -> None:
        self.pairs = pairs

    def propose(self, goals, *, n, temperature=1.0, seed=None):
        return [[TacticProposal(t, math.log(p)) for t, p in self.pairs][:n] for _ in goals]


def test_mixture_probabilities_are_hand_computed() -> None:
    # first: a 0.75, b 0.25; second: b 0.5, c 0.5; weight 0.4 ->
    # a = 0.4*0.75 = 0.3, b = 0.4*0.25 + 0.6*0.5 = 0.4, c = 0.6*0.5 = 0.3
    mixed = MixedPolicy(Fixed([("a", 0.75), ("b", 0.25)]), Fixed([("b", 0.5), ("c", 0.5)]), 0.4)
    (out,) = mixed.propose(["⊢ True"], n=3)
    assert [p.tactic for p in out] == ["b", "a", "c"]
    assert [round(math.exp(p.logprob), 6) for p in out] == [0.4, 0.3, 0.3]


def test_mixture_keeps_at_most_n() -> None:
    mixed = MixedPolicy(Fixed([("a", 0.5), ("b", 0.5)]), Fixed([("c", 1.0)]), 0.5)
    assert len(mixed.propose(["⊢ True", "⊢ False"], n=2)[1]) == 2


def test_constant_critic_validates_its_value() -> None:
    assert ConstantCritic(0.3).values(["a", "b"]) == [0.3, 0.3]
    with pytest.raises(ValueError):
        ConstantCritic(1.0)
