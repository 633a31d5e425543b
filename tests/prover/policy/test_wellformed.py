"""The cheap well-formedness check of sampled tactics."""

import pytest

from prover.benchmarks import BUNDLED
from prover.policy.rules import RulesPolicy
from prover.policy.wellformed import KNOWN_TACTICS, check_tactic, well_formed
from prover.theorems import load_reference_proofs
from prover.train.bootstrap import reference_tactics


def test_every_reference_proof_tactic_is_well_formed():
    tactics = {
        t for thm in load_reference_proofs(BUNDLED).values() for t in reference_tactics(thm.proof or "")
    }
    assert len(tactics) > 100
    assert [t for t in tactics if not well_formed(t)] == []


@pytest.mark.parametrize(
    "tactic",
    [
        "intro h",
        "intro ⟨a, b⟩",
        "exact ⟨hp, hq⟩",
        "exact h.1",
        "apply Nat.le_trans h1",
        "rw [Nat.add_comm, ← h] at h2",
        "simp only [Nat.add_zero] at h ⊢",
        "simp",
        "cases h with",
        "induction n with",
        "obtain ⟨x, hx⟩ := h",
        "have h3 : a ≤ c := Nat.le_trans h1 h2",
        "constructor",
        "omega",
        "rename_i x y",
        "exists 2, 3",
        "by_cases h : p",
        "linarith [h1, h2]",
    ],
)
def test_well_formed_tactics_pass(tactic):
    assert check_tactic(tactic).ok, check_tactic(tactic).reason


@pytest.mark.parametrize(
    ("tactic", "reason"),
    [
        # the model's misspellings quoted in issue 12
        ("lintro h", "unknown tactic 'lintro'"),
        ("ll", "unknown tactic 'll'"),
        ("constr", "unknown tactic 'constr'"),
        ("lleftro h1", "unknown tactic 'lleftro'"),
        ("casth2", "unknown tactic 'casth2'"),
        ("obtraigh", "unknown tactic 'obtraigh'"),
        ("", "empty"),
        ("exact h✝", "inaccessible"),
        ("intro h\nexact h", "more than one line"),
        ("exact (h.1", "unbalanced"),
        ("exact ⟨h.1, h.2)", "unbalanced"),
        ("exact", "malformed arguments for exact"),
        ("apply h ∧", "malformed arguments for apply"),
        ("rfl h", "malformed arguments for rfl"),
        ("left x", "malformed arguments for left"),
        ("rw h", "malformed arguments for rw"),
        ("rw [h,]", "malformed arguments for rw"),
        ("intros (h", "unbalanced"),
        ("rename_i", "malformed arguments for rename_i"),
        ("exact.h", "unknown tactic 'exact.h'"),
        ("123", "unknown tactic '123'"),
    ],
)
def test_malformed_tactics_are_rejected_with_a_reason(tactic, reason):
    verdict = check_tactic(tactic)
    assert not verdict.ok and reason in verdict.reason


def test_the_rules_propose_only_well_formed_tactics_on_ordinary_goals():
    goals = [
        "p q : Prop\nhp : p\nhq : q\n⊢ p ∧ q",
        "p q : Prop\nh : p ∨ q\n⊢ q ∨ p",
        "a b c : Nat\nh1 : a ≤ b\nh2 : b ≤ c\n⊢ a ≤ c",
        "n : Nat\n⊢ n + 0 = n",
        "P : Nat → Prop\nh : ∀ (n : Nat), P n\n⊢ ∃ m, P m",
    ]
    for proposals in RulesPolicy().propose(goals, n=32, temperature=1.0, seed=0):
        assert proposals
        assert [p.tactic for p in proposals if not well_formed(p.tactic)] == []


def test_known_tactics_cover_the_embedded_kernels_table():
    from prover.env.embedded.table import TACTICS, Args

    # the kernel's table also lists core tactics only to refuse them (outside the fragment, or not proofs)
    runnable = {k for k, rule in TACTICS.items() if rule.args not in (Args.UNSUPPORTED, Args.FORBIDDEN)}
    assert runnable <= KNOWN_TACTICS
