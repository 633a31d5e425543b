namespace Benchmark

/-- medium: reverse a sum of three terms -/
theorem eq_add_comm_three (a b c : Nat) : a + b + c = c + b + a := by sorry

/-- easy: associativity of multiplication -/
theorem eq_mul_assoc_basic (a b c : Nat) : a * b * c = a * (b * c) := by sorry

/-- medium: chain two definitional hypotheses -/
theorem eq_hyp_chain (a b c d : Nat) (h1 : a = b + 1) (h2 : b = c + d) : a = c + d + 1 := by sorry

/-- easy: successors of equal numbers are equal -/
theorem eq_succ_eq (a b : Nat) (h : a = b) : Nat.succ a = Nat.succ b := by sorry

/-- easy: compute a value from equations -/
theorem eq_two_hyps_sum (a b c : Nat) (h1 : a = 2) (h2 : b = 3) (h3 : c = a + b) : c = 5 := by sorry

/-- medium: iterate at a fixed point -/
theorem eq_fixed_point (f : Nat → Nat) (a : Nat) (h : f a = a) : f (f (f a)) = a := by sorry

/-- hard: rewrite a square through a hypothesis and distributivity -/
theorem eq_square_via_hyp (a b : Nat) (h : a = b + 1) : a * a = b * b + b + (b + 1) := by sorry

/-- hard: expand the square of a shifted number -/
theorem eq_square_shift (a b : Nat) (h : a = b + 2) : a * a = b * b + 4 * b + 4 := by sorry

end Benchmark
