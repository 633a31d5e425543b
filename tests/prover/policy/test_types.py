import math

import pytest

from prover.policy.types import TacticProposal, dedupe, priors


def test_priors_are_the_softmax_of_logprobs():
    assert priors([math.log(1.0), math.log(3.0)]) == pytest.approx([0.25, 0.75])


def test_priors_temperature_flattens():
    # weights exp(lp / 2) = sqrt(1), sqrt(3)
    expected = [1 / (1 + math.sqrt(3)), math.sqrt(3) / (1 + math.sqrt(3))]
    assert priors([0.0, math.log(3.0)], temperature=2.0) == pytest.approx(expected)


def test_priors_are_stable_for_very_negative_logprobs_and_give_zero_to_minus_inf():
    result = priors([-1000.0, -1001.0, -math.inf])
    assert result == pytest.approx([1 / (1 + math.exp(-1)), math.exp(-1) / (1 + math.exp(-1)), 0.0])
    assert sum(result) == pytest.approx(1.0)


def test_priors_edge_cases():
    assert priors([]) == []
    with pytest.raises(ValueError):
        priors([-math.inf, -math.inf])
    with pytest.raises(ValueError):
        priors([0.0], temperature=0.0)


def test_dedupe_keeps_the_max_logprob_strips_drops_empty_and_sorts():
    proposals = [
        TacticProposal("simp", -3.0),
        TacticProposal("intro h", -2.0),
        TacticProposal(" simp ", -1.0),
        TacticProposal("   ", -0.1),
        TacticProposal("simp", -5.0),
    ]
    assert dedupe(proposals) == [TacticProposal("simp", -1.0), TacticProposal("intro h", -2.0)]
