namespace Benchmark.Proofs

/-- hard: an upper bound equal to one of two numbers -/
theorem arith_by_cases_max (a b : Nat) : ∃ c : Nat, a ≤ c ∧ b ≤ c ∧ (c = a ∨ c = b) := by
  by_cases h : a ≤ b
  · exact ⟨b, h, Nat.le_refl b, Or.inr rfl⟩
  · refine ⟨a, Nat.le_refl a, ?_, Or.inl rfl⟩
    omega

/-- easy: a number is below its successor -/
theorem arith_lt_succ (a : Nat) : a < a + 1 := by
  exact Nat.lt_succ_self a

/-- medium: a number strictly between two others -/
theorem arith_exists_between (a b : Nat) (h : a + 1 < b) : ∃ c : Nat, a < c ∧ c < b := by
  refine ⟨a + 1, ?_, ?_⟩
  · exact Nat.lt_succ_self a
  · exact h

/-- easy: antisymmetry of less-or-equal -/
theorem arith_le_antisymm (a b : Nat) (h1 : a ≤ b) (h2 : b ≤ a) : a = b := by
  omega

/-- medium: two consequences of a lower bound -/
theorem arith_split_constructor (a : Nat) (h : 2 ≤ a) : 1 ≤ a ∧ 0 < a := by
  constructor
  · omega
  · omega

/-- easy: a remainder modulo three is below three -/
theorem arith_mod_lt (n : Nat) : n % 3 < 3 := by
  omega

/-- easy: a closed negated comparison -/
theorem arith_decide_not : ¬ (7 < 3) := by
  decide

/-- medium: a number is at most its product with a successor -/
theorem arith_le_mul_succ (n : Nat) : n ≤ n * (n + 1) := by
  rw [Nat.left_distrib, Nat.mul_one]
  exact Nat.le_add_left n (n * n)

end Benchmark.Proofs
