namespace Benchmark

/-- hard: an upper bound equal to one of two numbers -/
theorem arith_by_cases_max (a b : Nat) : ∃ c : Nat, a ≤ c ∧ b ≤ c ∧ (c = a ∨ c = b) := by sorry

/-- easy: a number is below its successor -/
theorem arith_lt_succ (a : Nat) : a < a + 1 := by sorry

/-- medium: a number strictly between two others -/
theorem arith_exists_between (a b : Nat) (h : a + 1 < b) : ∃ c : Nat, a < c ∧ c < b := by sorry

/-- easy: antisymmetry of less-or-equal -/
theorem arith_le_antisymm (a b : Nat) (h1 : a ≤ b) (h2 : b ≤ a) : a = b := by sorry

/-- medium: two consequences of a lower bound -/
theorem arith_split_constructor (a : Nat) (h : 2 ≤ a) : 1 ≤ a ∧ 0 < a := by sorry

/-- easy: a remainder modulo three is below three -/
theorem arith_mod_lt (n : Nat) : n % 3 < 3 := by sorry

/-- easy: a closed negated comparison -/
theorem arith_decide_not : ¬ (7 < 3) := by sorry

/-- medium: a number is at most its product with a successor -/
theorem arith_le_mul_succ (n : Nat) : n ≤ n * (n + 1) := by sorry

end Benchmark
