namespace Benchmark

/-- hard: expand the square of a sum -/
theorem eq_square_expand (a b : Nat) : (a + b) * (a + b) = a * a + a * b + (b * a + b * b) := by sorry

/-- medium: reverse a product of three factors -/
theorem eq_mul_comm_three (a b c : Nat) : a * b * c = c * b * a := by sorry

/-- hard: multiply out a product of two sums -/
theorem eq_mul_distrib_both (a b c d : Nat) : (a + b) * (c + d) = a * c + a * d + (b * c + b * d) := by sorry

/-- medium: swap the first two factors of a nested product -/
theorem eq_mul_left_comm (a b c : Nat) : a * (b * c) = b * (a * c) := by sorry

/-- easy: a number plus itself is twice it -/
theorem eq_double (a : Nat) : a + a = 2 * a := by sorry

/-- easy: remove multiplications by one -/
theorem eq_simp_one_mul (a b : Nat) : 1 * a + b * 1 = a + b := by sorry

/-- medium: symmetry of disequality -/
theorem eq_ne_symm (a b : Nat) (h : a ≠ b) : b ≠ a := by sorry

/-- medium: unfold a power and commute the factors -/
theorem eq_pow_succ_comm (a n : Nat) : a ^ (n + 1) = a * a ^ n := by sorry

/-- easy: factor out a common left factor -/
theorem eq_factor_out (a b c : Nat) : a * b + a * c = a * (b + c) := by sorry

/-- medium: equality is symmetric as an iff -/
theorem eq_iff_symm (a b : Nat) : a = b ↔ b = a := by sorry

/-- easy: commute then use a hypothesis -/
theorem eq_comm_then_hyp (a b : Nat) (h : b + a = 7) : a + b = 7 := by sorry

/-- medium: simplify a hypothesis with simp only -/
theorem eq_simp_hyp (a b : Nat) (h : a * 1 = b + 0) : a = b := by sorry

/-- hard: a function value witnesses an existential -/
theorem eq_exists_fun_value (f : Nat → Nat) (h : ∀ x, f (x + 1) = f x + 1) (a : Nat) : ∃ y : Nat, f (a + 1) = y + 1 := by sorry

/-- medium: distribute over a sum of three terms -/
theorem eq_distrib_three (a b c d : Nat) : a * (b + c + d) = a * b + a * c + a * d := by sorry

end Benchmark
