import pytest

from prover.policy.formats import GptfFormat, InternLMFormat, RawFormat, get_format

GOAL = "p q : Prop\nh : p ∧ q\n⊢ q ∧ p"


def test_raw_is_the_bare_goal_and_tactic():
    fmt = RawFormat()
    assert fmt.prompt(GOAL) == GOAL
    assert fmt.target("exact ⟨h.2, h.1⟩") == "exact ⟨h.2, h.1⟩"
    assert fmt.critic_prompt(GOAL) == "[CRITIC]" + GOAL


def test_gptf_wraps_goal_and_proofstep():
    fmt = GptfFormat()
    assert fmt.prompt(GOAL) == "[GOAL]p q : Prop\nh : p ∧ q\n⊢ q ∧ p[PROOFSTEP]"
    assert fmt.target("simp") == "simp"
    assert fmt.critic_prompt(GOAL) == "[GOAL]p q : Prop\nh : p ∧ q\n⊢ q ∧ p[CRITIC]"


def test_internlm_is_internlm2_stepprover_chat_turn():
    fmt = InternLMFormat()
    assert fmt.prompt(GOAL, name="and_swap") == (
        "<|im_start|>user\nDECL and_swap\nGOAL p q : Prop\nh : p ∧ q\n⊢ q ∧ p<|im_end|>\n"
        "<|im_start|>assistant\nPROOFSTEP "
    )
    assert (
        fmt.prompt("⊢ True")
        == "<|im_start|>user\nDECL \nGOAL ⊢ True<|im_end|>\n<|im_start|>assistant\nPROOFSTEP "
    )
    assert fmt.target("trivial") == "trivial"
    assert fmt.stop == "<|im_end|>"
    assert fmt.critic_prompt("⊢ True", name="t").endswith(
        "GOAL ⊢ True<|im_end|>\n<|im_start|>assistant\nCRITIC "
    )
    messages, opening = fmt.chat("⊢ True", name="t")
    assert messages == [{"role": "user", "content": "DECL t\nGOAL ⊢ True"}] and opening == "PROOFSTEP "


def test_critic_prompts_differ_from_policy_prompts():
    for name in ("raw", "gptf", "internlm"):
        fmt = get_format(name)
        assert fmt.name == name
        assert fmt.critic_prompt(GOAL, name="x") != fmt.prompt(GOAL, name="x")


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown prompt format"):
        get_format("llama")
