"""The positive side of the screen: honest tactics and whole proofs pass it."""

from __future__ import annotations

from pathlib import Path

import pytest

from prover.env.soundness import screen_tactic
from prover.theorems import load_reference_proofs
from prover.train.bootstrap import reference_tactics

ROOT = Path(__file__).resolve().parents[4]

# miniF2F-style tactics (DeepSeek-Prover / InternLM-Math style outputs) and Lean layouts.
MINIF2F_STYLE = [
    "nlinarith [sq_nonneg (a - b)]",
    "norm_num [Nat.pow_succ] at h ⊢",
    "field_simp",
    "rcases h with ⟨x, rfl⟩",
    "nlinarith [sq_nonneg (x - 1), mul_pos ha hb, sq_abs x, abs_nonneg y]",
    "have h₀ : (2:ℝ) ≠ 0 := by norm_num",
    "have h : |x| < 1 := by\n  rw [abs_lt]\n  constructor <;> linarith\nexact h",
    "interval_cases x <;> simp_all",
    "simp only [Finset.sum_range_succ] at h ⊢",
    "rw [← h, Nat.mul_comm]",
    "push_cast [Nat.cast_sum]",
    "exact h.2.1.symm ▸ h1",
    "obtain ⟨k, hk⟩ | h := Nat.even_or_odd n",
    "rintro (h | h) <;> simp [h]",
    "calc a = b := by rw [h]\n  _ = c := by ring",
    "induction n with\n| zero => rfl\n| succ k ih => simp [ih]",
    "cases h with\n  | inl h => exact h\n  | inr h =>\n    simp at h\n    omega",
    "constructor\n· simp\n· omega",
    "first | omega | simp",
    "try (simp; omega)",
    "refine ⟨?_, fun x => by simp [x]⟩",
    "exact fun x ↦ by simpa using h x",
    "simp (config := { decide := true })",
    "decide +kernel",
    "omega (config := { splitDisjunctions := true })",
    "on_goal 2 => simp",
    "case inl h => exact h",
    "next a b => omega",
    "if h : x < 0 then\n  simp\nelse\n  omega",
    "exact match h with | .inl x => x | .inr y => y",
    "match h with\n| .inl x => exact x\n| .inr y => simp",
    "conv_lhs => rw [Nat.add_comm]",
    "exact ‹x < 3›",
    "specialize h 1 (by norm_num)",
    "exact absurd h (by decide)",
    "omega -- closes the goal",
    "use 1, 2",
    "exact if h : p then a else b",
    "norm_num [Real.sqrt_eq_iff, Finset.sum_range_succ] <;> linarith [Real.pi_gt_three]",
    "have := h 0\nlinarith",
    "positivity",
    "gcongr",
    "ring_nf at h ⊢",
    "linear_combination h₁ - 2 * h₂",
    "field_simp [hx.ne']",
    "simp [sorry_lemma]",  # a name that merely contains `sorry` is an honest name
    'exact "sorry".length_pos',  # so is a string
    "by_contra! h\npush_neg at h\nnlinarith [h]",
    "all_goals positivity",
    "exact (#[1, 2].size_pos)",
    "rw [show (2 : ℕ) = 1 + 1 by rfl]",
    "exact Nat.rec h0 hs n",
    "exact ⟨fun h => by omega, fun h => by simp [h]⟩",
    "{ simp; omega }",
    "have h : (L ++ [q])[L.length]'hh = q := by simp",
    "rw [Set.image_subset_iff] at h\nexact fun x hx => h (Set.mem_image_of_mem f hx) |>.elim",
    "have : #(s.filter p) ≤ #{x ∈ s | q x} := by grind",
    "calc a = b := by rw [h]\n_ = c := by lia",
    "exact hS.image f ▸ (f '' S).toFinite",
    "have h : ∀ᶠ x in 𝓝 (0:ℝ), 0 ≤ x ^ 2 := Filter.Eventually.of_forall fun x => sq_nonneg x",
    "norm_num [Finset.sum_range_succ, Nat.factorial] at h₀ ⊢ <;> nlinarith [sq_nonneg (x - y)]",
    "cases' h with x hx",
    "exact Finset.sum_congr rfl fun x _ => by ring",
    "nlinarith [Real.sq_sqrt (by positivity : (0:ℝ) ≤ 3), Real.sqrt_nonneg 3]",
    "rw [div_add_div _ _ (by norm_num) (by norm_num)]",
    "linear_combination (exp := 2) h₁ - h₂",
    "aesop (add norm simp Nat.succ_le) (add safe apply Nat.le_of_lt)",
    "have h : 0 < 2 := by { norm_num }",
]


@pytest.mark.parametrize("tactic", MINIF2F_STYLE)
def test_honest_tactics_pass(tactic: str) -> None:
    assert screen_tactic(tactic) is None


def test_every_reference_proof_of_the_benchmark_passes_whole_and_line_by_line() -> None:
    refs = load_reference_proofs(ROOT / "lean_project")
    assert len(refs) > 100
    for name, theorem in refs.items():
        assert theorem.proof is not None
        assert screen_tactic(theorem.proof) is None, name
        for tactic in reference_tactics(theorem.proof):
            assert screen_tactic(tactic) is None, (name, tactic)
