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


def test_internlm_has_decl_goal_proofstep_lines():
    fmt = InternLMFormat()
    assert (
        fmt.prompt(GOAL, name="and_swap") == "DECL and_swap\nGOAL p q : Prop\nh : p ∧ q\n⊢ q ∧ p\nPROOFSTEP "
    )
    assert fmt.prompt("⊢ True") == "DECL \nGOAL ⊢ True\nPROOFSTEP "
    assert fmt.target("trivial") == "trivial"
    assert fmt.critic_prompt("⊢ True", name="t") == "DECL t\nGOAL ⊢ True\nCRITIC "


def test_critic_prompts_differ_from_policy_prompts():
    for name in ("raw", "gptf", "internlm"):
        fmt = get_format(name)
        assert fmt.name == name
        assert fmt.critic_prompt(GOAL, name="x") != fmt.prompt(GOAL, name="x")


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown prompt format"):
        get_format("llama")
