namespace Benchmark.Proofs

/-- easy: strict then weak inequality -/
theorem arith_lt_le_trans (a b c : Nat) (h1 : a < b) (h2 : b ≤ c) : a < c := by
  exact Nat.lt_of_lt_of_le h1 h2

/-- easy: a number is at most its successor -/
theorem arith_le_succ (a : Nat) : a ≤ a + 1 := by
  exact Nat.le_succ a

/-- easy: a closed remainder -/
theorem arith_mod_small : 17 % 5 = 2 := by
  decide

/-- hard: contradictory strict inequalities prove anything -/
theorem arith_exfalso_lt (a b : Nat) (h1 : a < b) (h2 : b < a) : a = 7 := by
  exfalso
  exact Nat.lt_irrefl a (Nat.lt_of_lt_of_le h1 (Nat.le_of_lt h2))

/-- easy: successors preserve less-or-equal -/
theorem arith_succ_le_succ (a b : Nat) (h : a ≤ b) : a + 1 ≤ b + 1 := by
  exact Nat.succ_le_succ h

/-- easy: transitivity of strict inequality -/
theorem arith_lt_trans_omega (a b c : Nat) (h1 : a < b) (h2 : b < c) : a < c := by
  omega

/-- easy: subtract then add back -/
theorem arith_sub_add_cancel (a b : Nat) (h : b ≤ a) : a - b + b = a := by
  omega

/-- medium: weak inequality from a disjunction -/
theorem arith_cases_or_le (a b : Nat) (h : a < b ∨ a = b) : a ≤ b := by
  cases h with
  | inl hlt => exact Nat.le_of_lt hlt
  | inr heq => omega

/-- easy: a positive number is nonzero -/
theorem arith_pos_ne_zero (n : Nat) (h : 0 < n) : n ≠ 0 := by
  omega

/-- easy: successor bound to strict bound -/
theorem arith_lt_of_succ_le (a b : Nat) (h : a + 1 ≤ b) : a < b := by
  omega

/-- easy: subtraction does not increase -/
theorem arith_sub_le (a b : Nat) : a - b ≤ a := by
  omega

/-- medium: drop a summand from a bound -/
theorem arith_le_of_add_le (a b c : Nat) (h : a + b ≤ c) : a ≤ c := by
  exact Nat.le_trans (Nat.le_add_right a b) h

/-- medium: a remainder after a step -/
theorem arith_mod_add_one (a : Nat) (h : a % 4 = 3) : (a + 1) % 4 = 0 := by
  omega

/-- easy: a lower bound after subtraction -/
theorem arith_sub_ge (n : Nat) (h : n ≥ 5) : n - 2 ≥ 3 := by
  omega

/-- hard: combine two existential bounds -/
theorem arith_rcases_bounds (a b : Nat) (ha : ∃ k : Nat, a = 2 * k) (hb : ∃ k : Nat, b = 2 * k + 1) : (a + b) % 2 = 1 := by
  obtain ⟨k, hk⟩ := ha
  obtain ⟨j, hj⟩ := hb
  omega

/-- hard: split a number into two bounded parts -/
theorem arith_exists_sum_split (n : Nat) (h : 3 ≤ n) : ∃ a b : Nat, a + b = n ∧ 1 ≤ a ∧ 2 ≤ b := by
  refine ⟨1, n - 1, ?_, ?_, ?_⟩
  · omega
  · exact Nat.le_refl 1
  · omega

end Benchmark.Proofs
