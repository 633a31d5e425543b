import math

import pytest
import torch

from prover.policy.hf import HFPolicy
from prover.policy.models import build_model, resolve_device
from prover.policy.tensors import upto_first
from prover.policy.types import TacticPolicy, priors

GOALS = [
    "x : ℕ\nh✝ : ∀ (y : ℕ), ∃ z, y ≤ z\n⊢ x ≤ x",
    "p q : Prop\n⊢ p ∧ q → q ∧ p",
    "⊢ True",
]
ARCHS = ["decoder", "encoder-decoder"]


def tiny(architecture: str, **options) -> HFPolicy:
    options = {"max_new_tokens": 12, "device": "cpu"} | options
    return HFPolicy.create(architecture=architecture, n_layer=2, n_head=2, d_model=64, seed=0, **options)


@pytest.fixture(scope="module", params=ARCHS)
def policy(request) -> HFPolicy:
    return tiny(request.param)


def test_byt5_tokenizer_round_trips_lean_goal_text():
    _, tokenizer = build_model(architecture="decoder", n_layer=1, n_head=1, d_model=8)
    text = GOALS[0] + "\n⊢ ∀ ∃ ≤ ✝ ⟨a, b⟩ → ↔ ∧ ∨ ¬"
    ids = tokenizer.encode(text, add_special_tokens=False)
    assert len(ids) == len(text.encode("utf-8"))
    assert tokenizer.decode(ids) == text


def test_auto_device_follows_cuda_availability():
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    assert resolve_device("cpu") == torch.device("cpu")


def test_propose_returns_distinct_ranked_candidates_per_goal_in_one_generate_call(policy, monkeypatch):
    assert isinstance(policy, TacticPolicy)
    calls = []
    original = policy.model.generate

    def counting(*args, **kwargs):
        calls.append(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(policy.model, "generate", counting)
    result = policy.propose(GOALS, n=6, temperature=1.0, seed=3)
    assert len(calls) == 1
    assert len(result) == len(GOALS)
    for proposals in result:
        tactics = [p.tactic for p in proposals]
        logprobs = [p.logprob for p in proposals]
        assert 1 <= len(proposals) <= 6
        assert len(set(tactics)) == len(tactics)
        assert all(t == t.strip() and t for t in tactics)
        assert logprobs == sorted(logprobs, reverse=True)
        assert all(math.isfinite(lp) and lp < 0 for lp in logprobs)
        assert sum(priors(logprobs)) == pytest.approx(1.0)


def test_propose_is_reproducible_with_a_seed_and_leaves_global_rng_alone(policy):
    torch.manual_seed(123)
    expected_next = torch.rand(1)
    torch.manual_seed(123)
    first = policy.propose(GOALS, n=4, temperature=1.0, seed=7)
    assert torch.equal(torch.rand(1), expected_next)
    assert policy.propose(GOALS, n=4, temperature=1.0, seed=7) == first
    assert policy.propose(GOALS, n=4, temperature=1.0, seed=8) != first


@pytest.mark.parametrize("beam_search", [False, True])
@pytest.mark.parametrize("architecture", ARCHS)
def test_reported_logprob_is_the_unpadded_sequence_logprob(architecture, beam_search):
    policy = tiny(architecture, beam_search=beam_search)
    goals = ["⊢ True", GOALS[0]]  # very different lengths, so padding matters
    n = 3
    prompts = [policy.prompt_ids(policy.format.prompt(g)) for g in goals]
    with policy._inference(5):
        new, _, logprobs = policy._sample(prompts, n=n, temperature=1.3)
        for k in range(len(goals) * n):
            prompt = torch.tensor([prompts[k // n]])
            gen = new[k][upto_first(new[k : k + 1], policy.eos_id)[0]]
            if policy.is_encoder_decoder:
                start = torch.tensor([policy.model.config.decoder_start_token_id])
                dec = torch.cat([start, gen])[None, :-1]
                logits = policy.model(input_ids=prompt, decoder_input_ids=dec).logits[0]
            else:
                logits = policy.model(input_ids=torch.cat([prompt[0], gen])[None]).logits[
                    0, prompt.shape[1] - 1 : -1
                ]
            expected = torch.log_softmax(logits, -1).gather(-1, gen[:, None]).sum().item()
            assert logprobs[k].item() == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("architecture", ARCHS)
def test_beam_search_is_deterministic_and_distinct(architecture):
    policy = tiny(architecture, beam_search=True)
    first = policy.propose(GOALS, n=4, temperature=1.0, seed=None)
    assert policy.propose(GOALS, n=4, temperature=1.0, seed=None) == first
    for proposals in first:
        assert len({p.tactic for p in proposals}) == len(proposals) <= 4
    # Left/right padding in the batch must not change what each goal gets.
    alone = [policy.propose([goal], n=4, temperature=1.0, seed=None)[0] for goal in GOALS]
    assert [[p.tactic for p in ps] for ps in first] == [[p.tactic for p in ps] for ps in alone]


def test_critic_values_are_probabilities_and_independent_of_batch_padding(policy):
    values = policy.values(GOALS)
    assert len(values) == len(GOALS)
    assert all(0.0 < v < 1.0 for v in values)
    alone = [policy.values([g])[0] for g in GOALS]
    assert values == pytest.approx(alone, abs=1e-5)
    assert policy.values([]) == []


def test_save_and_load_restore_the_same_policy(policy, tmp_path):
    policy.save(tmp_path / "ckpt")
    loaded = HFPolicy.create(model_name=str(tmp_path / "ckpt"), device="cpu")
    assert type(loaded.model) is type(policy.model)
    assert loaded.format == policy.format and loaded.max_new_tokens == policy.max_new_tokens
    assert loaded.values(GOALS) == pytest.approx(policy.values(GOALS), abs=1e-6)
    assert loaded.propose(GOALS, n=3, temperature=1.0, seed=1) == policy.propose(
        GOALS, n=3, temperature=1.0, seed=1
    )


def test_invalid_arguments_are_rejected():
    with pytest.raises(ValueError, match="same token"):
        tiny("decoder", critic_labels=("Y", "Y"))
    policy = tiny("decoder")
    with pytest.raises(ValueError):
        policy.propose(GOALS, n=0, temperature=1.0, seed=0)
    with pytest.raises(ValueError):
        policy.propose(GOALS, n=2, temperature=0.0, seed=0)
    with pytest.raises(ValueError):
        build_model(architecture="rnn")


@pytest.mark.parametrize("beam_search", [False, True])
def test_static_cache_gives_the_same_proposals_as_the_dynamic_cache(beam_search, monkeypatch):
    dynamic = tiny("decoder", beam_search=beam_search)
    static = tiny("decoder", beam_search=beam_search, cache_implementation="static")
    caches = []
    original = static.model.generate

    def spying(**kwargs):
        out = original(**kwargs)
        caches.append(type(out.cache).__name__)
        return out

    monkeypatch.setattr(static.model, "generate", spying)
    expected = dynamic.propose(GOALS, n=3, temperature=1.0, seed=2)
    got = static.propose(GOALS, n=3, temperature=1.0, seed=2)
    assert caches == ["StaticCache"]
    assert [[p.tactic for p in ps] for ps in got] == [[p.tactic for p in ps] for ps in expected]
    for ps, qs in zip(got, expected, strict=True):
        assert [p.logprob for p in ps] == pytest.approx([q.logprob for q in qs], abs=1e-3)


def test_prompts_are_truncated_to_their_tail_with_eos_for_encoders_and_bos_for_decoders():
    encoder = tiny("encoder-decoder", max_prompt_tokens=6, prompt_format="raw")
    assert encoder.prompt_ids("abcdefgh") == [*encoder.tokenizer.encode("defgh", add_special_tokens=False), 1]
    decoder = tiny("decoder", max_prompt_tokens=6, prompt_format="raw")
    assert decoder.tokenizer.bos_token_id is None
    assert decoder.prompt_ids("abcdefgh") == decoder.tokenizer.encode("cdefgh", add_special_tokens=False)
    model, tokenizer = build_model(architecture="decoder", n_layer=1, n_head=1, d_model=8)
    tokenizer.add_special_tokens({"bos_token": "<s>"})
    model.resize_token_embeddings(len(tokenizer))
    with_bos = HFPolicy(model, tokenizer, max_prompt_tokens=6, prompt_format="raw", device="cpu")
    assert with_bos.prompt_ids("abcdefgh") == [
        tokenizer.bos_token_id,
        *tokenizer.encode("defgh", add_special_tokens=False),
    ]
    (proposals,) = with_bos.propose(["abc"], n=2, temperature=1.0, seed=0)
    assert all(math.isfinite(p.logprob) for p in proposals)


def _plain_logprob(policy: HFPolicy, goal: str, tactic: str) -> float:
    """log p(tactic | goal) from one unbatched, uncached forward pass."""
    prompt = torch.tensor([policy.prompt_ids(policy.format.prompt(goal))])
    target = torch.tensor(policy.target_ids(tactic))
    with policy._inference(None):
        if policy.is_encoder_decoder:
            start = torch.tensor([policy.model.config.decoder_start_token_id])
            dec = torch.cat([start, target])[None, :-1]
            logits = policy.model(input_ids=prompt, decoder_input_ids=dec).logits[0]
        else:
            full = torch.cat([prompt[0], target])[None]
            logits = policy.model(input_ids=full).logits[0, prompt.shape[1] - 1 : -1]
    return torch.log_softmax(logits, -1).gather(-1, target[:, None]).sum().item()


@pytest.mark.parametrize("architecture", ARCHS)
def test_score_is_the_teacher_forced_logprob_of_each_candidate_whatever_the_batch(architecture):
    policy = tiny(architecture)
    candidates = [["intro h", "exact Nat.le_refl x", "omega"], [], ["trivial", "constructor"]]
    goals = [GOALS[0], GOALS[1], GOALS[2]]
    scores = policy.score(goals, candidates)
    assert [len(s) for s in scores] == [3, 0, 2]
    for goal, cands, row in zip(goals, candidates, scores, strict=True):
        for tactic, value in zip(cands, row, strict=True):
            assert value == pytest.approx(_plain_logprob(policy, goal, tactic), abs=1e-3)
    assert policy.score([GOALS[0]], [[]]) == [[]]
