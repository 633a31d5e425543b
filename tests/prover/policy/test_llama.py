"""The BPE tokenizer, the Llama-style decoder, and hub-style checkpoints with a chat template."""

from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

from prover.policy.hf import HFPolicy
from prover.policy.models import build_model
from prover.policy.tensors import upto_first
from prover.policy.tokenizer import train_bpe
from prover.train.corpus import goal_view, lean_corpus

GOAL = "p q : Prop\nh : p ∧ q\n⊢ q ∧ p"
# InternLM2's chat template (ChatML), as its tokenizer_config.json ships it.
CHATML = (
    "{{ bos_token }}{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + "
    "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return lean_corpus(synthetic_count=40)


def test_goal_view_reads_binders_as_hypotheses():
    assert goal_view("theorem t (p q : Prop) (h : p ∧ q) : q ∧ p") == GOAL
    assert goal_view("theorem t {α : Type} (x : α) : ∃ y : α, y = x") == "α : Type\nx : α\n⊢ ∃ y : α, y = x"
    assert goal_view("theorem t : True") == "⊢ True"


def test_the_corpus_reads_the_train_split_only(corpus):
    text = "\n".join(corpus)
    assert "conn_and_intro" in text  # a train theorem
    from prover.benchmarks import BUNDLED
    from prover.theorems import load_benchmark

    held_out = [t.name for split in ("valid", "test") for t in load_benchmark(BUNDLED, split)]
    assert held_out and not [name for name in held_out if name in text]


def test_bpe_is_deterministic_lossless_and_shorter_than_bytes(corpus):
    a, b = train_bpe(corpus, vocab_size=600), train_bpe(corpus, vocab_size=600)
    assert a.get_vocab() == b.get_vocab()
    assert len({a.pad_token_id, a.bos_token_id, a.eos_token_id, a.unk_token_id}) == 4
    for text in (GOAL, "exact ⟨h.2, h.1⟩", "rw [Nat.add_comm] at h", "∀ x ∈ s, ∃ y, f y = x 😀"):
        ids = a.encode(text, add_special_tokens=False)
        assert a.decode(ids) == text
        assert a.unk_token_id not in ids
    assert len(a.encode(GOAL, add_special_tokens=False)) < len(GOAL.encode()) / 2


def test_bpe_needs_a_corpus_and_llama_needs_distinct_bos():
    with pytest.raises(ValueError, match="corpus"):
        build_model(tokenizer="bpe")
    with pytest.raises(ValueError, match="distinct bos and eos"):
        build_model(architecture="llama", tokenizer="byte")


def test_llama_policy_prompts_start_with_one_bos_and_targets_end_with_eos(corpus, tmp_path: Path):
    policy = HFPolicy.create(
        architecture="llama", tokenizer="bpe", corpus=corpus, vocab_size=500,
        n_layer=1, n_head=2, d_model=32, max_new_tokens=8, device="cpu",
    )  # fmt: skip
    tok = policy.tokenizer
    ids = policy.goal_prompt_ids(GOAL)
    assert ids[0] == tok.bos_token_id and ids.count(tok.bos_token_id) == 1
    assert policy.target_ids("exact h")[-1] == tok.eos_token_id
    assert policy.stop_ids[0] == tok.eos_token_id
    (proposals,) = policy.propose([GOAL], n=4, seed=0, raw=True)
    assert 1 <= len(proposals) <= 4
    policy.save(tmp_path / "ckpt")
    loaded = HFPolicy.create(model_name=str(tmp_path / "ckpt"), device="cpu")
    assert isinstance(loaded.model, LlamaForCausalLM)
    assert loaded.goal_prompt_ids(GOAL) == ids
    assert loaded.tokenizer.get_vocab() == tok.get_vocab()


def _hub_checkpoint(corpus: list[str], path: Path) -> Path:
    """A tiny random InternLM2-style checkpoint: Llama architecture, ChatML special tokens and chat
    template, and generation config ending at either eos or `<|im_end|>`."""
    tok = train_bpe(corpus, vocab_size=500)
    tok.add_special_tokens({"additional_special_tokens": ["<|im_start|>", "<|im_end|>"]})
    tok.chat_template = CHATML
    im_end = tok.convert_tokens_to_ids("<|im_end|>")
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1,
        num_attention_heads=2, num_key_value_heads=2, bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
    )  # fmt: skip
    model = LlamaForCausalLM(config)
    model.generation_config.eos_token_id = [tok.eos_token_id, im_end]
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


def test_a_chat_checkpoint_gets_its_own_template_bos_once_and_im_end_as_the_stop(corpus, tmp_path: Path):
    path = _hub_checkpoint(corpus, tmp_path / "hub")
    policy = HFPolicy.create(model_name=str(path), prompt_format="internlm", device="cpu", max_new_tokens=8)
    tok = AutoTokenizer.from_pretrained(path)
    im_end = tok.convert_tokens_to_ids("<|im_end|>")
    assert policy.render(GOAL, name="and_swap") == (
        "<s><|im_start|>user\nDECL and_swap\nGOAL " + GOAL + "<|im_end|>\n<|im_start|>assistant\nPROOFSTEP "
    )
    ids = policy.goal_prompt_ids(GOAL, name="and_swap")
    assert ids[0] == tok.bos_token_id and ids.count(tok.bos_token_id) == 1
    assert tok.convert_tokens_to_ids("<|im_start|>") in ids
    assert policy.eos_id == im_end and policy.target_ids("rfl")[-1] == im_end
    assert set(policy.stop_ids) == {im_end, tok.eos_token_id}
    assert policy.render(GOAL, critic=True).endswith("<|im_start|>assistant\nCRITIC ")

    assert policy._generation_config(4, 1.0).eos_token_id == policy.stop_ids
    (proposals,) = policy.propose([GOAL], n=4, seed=0, names=["and_swap"], raw=True)
    assert 1 <= len(proposals) <= 4


def test_generation_ends_at_the_first_of_several_stop_tokens():
    tokens = torch.tensor([[5, 7, 9, 7], [9, 5, 5, 5], [5, 5, 5, 5]])
    assert upto_first(tokens, [7, 9]).tolist() == [
        [True, True, False, False],
        [True, False, False, False],
        [True, True, True, True],
    ]


def test_without_a_template_the_literal_chat_wrapper_is_used(corpus):
    policy = HFPolicy.create(
        architecture="llama", tokenizer="bpe", corpus=corpus, vocab_size=500, prompt_format="internlm",
        n_layer=1, n_head=2, d_model=32, device="cpu",
    )  # fmt: skip
    assert policy.render(GOAL, name="t") == (
        "<|im_start|>user\nDECL t\nGOAL " + GOAL + "<|im_end|>\n<|im_start|>assistant\nPROOFSTEP "
    )
    assert policy.eos_id == policy.tokenizer.eos_token_id  # `<|im_end|>` is no single token here


def test_filters_drop_dagger_names_always_and_malformed_tactics_on_request(corpus, monkeypatch):
    policy = HFPolicy.create(
        architecture="llama", tokenizer="bpe", corpus=corpus, vocab_size=500,
        n_layer=1, n_head=2, d_model=32, max_new_tokens=10, device="cpu", seed=0,
    )  # fmt: skip
    samples = ["exact h✝", "lintro h", "exact h", "exact h"]
    encoded = [policy.tokenizer.encode(t, add_special_tokens=False) for t in samples]
    width = max(map(len, encoded))

    def sample(prompts, *, n, temperature):  # what generate would return for these four samples
        tokens = torch.tensor([e + [policy.pad_id] * (width - len(e)) for e in encoded])
        valid = torch.tensor([[i < len(e) for i in range(width)] for e in encoded])
        return tokens, valid, torch.tensor([-1.0, -2.0, -3.0, -3.0])

    monkeypatch.setattr(policy, "_sample", sample)
    tactics = lambda **kw: [p.tactic for p in policy.propose([GOAL], n=4, seed=0, **kw)[0]]  # noqa: E731
    assert tactics(raw=True) == ["exact h✝", "lintro h", "exact h"]
    assert tactics() == ["lintro h", "exact h"]
    policy.filter_malformed = True
    assert tactics() == ["exact h"]
