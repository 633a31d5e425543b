import math

from prover.policy.rules import RulesPolicy, parse_goal, rule_candidates, shape, split_top


def test_parse_goal_groups_and_target() -> None:
    view = parse_goal("case left\np q : Prop\nh : p ∧ q\n⊢ q ∧ p")
    assert [(h.name, h.type) for h in view.hyps] == [("p", "Prop"), ("q", "Prop"), ("h", "p ∧ q")]
    assert view.target == "q ∧ p"


def test_shapes_follow_lean_precedence() -> None:
    assert split_top("a ∧ b → c") == ("a ∧ b", "→", "c")
    assert shape("(p → q) ∧ r") == "∧"
    assert shape("¬(p ∨ q)") == "not"
    assert shape("∀ (n : Nat), n = n") == "forall"
    assert shape("∃ n, n > 2") == "exists"
    assert shape("a + b ≤ c") == "≤"


def test_intro_uses_binder_names_and_avoids_clashes() -> None:
    cands = dict(rule_candidates("n : Nat\n⊢ ∀ (n m : Nat), n + m = m + n"))
    assert "intro n1 m" in cands
    cands = dict(rule_candidates("h : p\n⊢ p → q"))
    assert "intro h1" in cands


def test_exact_hypothesis_ranks_first() -> None:
    assert rule_candidates("p : Prop\nhp : p\n⊢ p")[0][0] == "exact hp"


def test_hypothesis_destructuring() -> None:
    cands = dict(rule_candidates("p q : Prop\nh : p ∨ q\n⊢ q ∨ p"))
    assert "rcases h with h1 | h2" in cands
    assert "left" in cands and "right" in cands


def test_policy_logprobs_are_normalised_and_capped() -> None:
    goals = ["p q : Prop\nh : p ∧ q\n⊢ q ∧ p", "⊢ True"]
    out = RulesPolicy().propose(goals, n=3)
    assert len(out) == 2
    for proposals in out:
        assert 0 < len(proposals) <= 3
        assert math.isclose(sum(math.exp(p.logprob) for p in proposals), 1.0)
        assert len({p.tactic for p in proposals}) == len(proposals)
