namespace Benchmark

/-- easy: commutativity of addition -/
theorem eq_add_comm_basic (a b : Nat) : a + b = b + a := by sorry

/-- easy: commutativity of multiplication -/
theorem eq_mul_comm_basic (a b : Nat) : a * b = b * a := by sorry

/-- easy: adding zero on the right -/
theorem eq_add_zero_right (a : Nat) : a + 0 = a := by sorry

/-- easy: adding zero on the left -/
theorem eq_zero_add_left (a : Nat) : 0 + a = a := by sorry

/-- easy: multiplying by one on the right -/
theorem eq_mul_one_right (a : Nat) : a * 1 = a := by sorry

/-- easy: multiplying by one on the left -/
theorem eq_one_mul_left (a : Nat) : 1 * a = a := by sorry

/-- easy: multiplying by zero on the right -/
theorem eq_mul_zero_right (a : Nat) : a * 0 = 0 := by sorry

/-- easy: multiplying by zero on the left -/
theorem eq_zero_mul_left (a : Nat) : 0 * a = 0 := by sorry

/-- easy: associativity of addition -/
theorem eq_add_assoc_basic (a b c : Nat) : a + b + c = a + (b + c) := by sorry

/-- medium: swap the last two summands -/
theorem eq_add_right_comm (a b c : Nat) : a + b + c = a + c + b := by sorry

/-- easy: rewrite with an equation hypothesis -/
theorem eq_hyp_rewrite (a b c : Nat) (h : a = b) : a + c = b + c := by sorry

/-- medium: swap the first two summands of a nested sum -/
theorem eq_add_left_comm (a b c : Nat) : a + (b + c) = b + (a + c) := by sorry

/-- easy: left distributivity -/
theorem eq_distrib_left (a b c : Nat) : a * (b + c) = a * b + a * c := by sorry

/-- easy: right distributivity -/
theorem eq_distrib_right (a b c : Nat) : (a + b) * c = a * c + b * c := by sorry

/-- easy: rewrite the right-hand side with a hypothesis -/
theorem eq_hyp_rewrite_rev (a b : Nat) (h : a = b) : b + 1 = a + 1 := by sorry

/-- easy: transitivity of equality through rewriting -/
theorem eq_trans_hyps (a b c : Nat) (h1 : a = b) (h2 : b = c) : a = c := by sorry

/-- easy: symmetry of equality -/
theorem eq_symm_hyp (a b : Nat) (h : a = b) : b = a := by sorry

/-- easy: congruence of a function under equal arguments -/
theorem eq_subst_fun (f : Nat → Nat) (a b : Nat) (h : a = b) : f a = f b := by sorry

/-- easy: a function applied to commuted sums -/
theorem eq_fun_add (f : Nat → Nat) (a b : Nat) : f (a + b) = f (b + a) := by sorry

/-- medium: clean up a hypothesis before using it -/
theorem eq_rw_at_hyp (a b c : Nat) (h : a + 0 = b) (h2 : b = c) : a = c := by sorry

/-- medium: simplify units and zeros away -/
theorem eq_simp_zeros (a b : Nat) : (a + 0) * 1 + 0 * b = a := by sorry

/-- medium: multiply by a successor -/
theorem eq_mul_add_one (a b : Nat) : a * (b + 1) = a * b + a := by sorry

/-- medium: multiply a successor by a number -/
theorem eq_add_one_mul (a b : Nat) : (a + 1) * b = a * b + b := by sorry

/-- medium: normalise both sides of a hypothesis -/
theorem eq_cancel_hyp (a b : Nat) (h : a + 0 = b * 1) : a = b := by sorry

/-- easy: congruence of addition -/
theorem eq_congr_add (a b c d : Nat) (h1 : a = b) (h2 : c = d) : a + c = b + d := by sorry

/-- easy: congruence of multiplication -/
theorem eq_congr_mul (a b c d : Nat) (h1 : a = b) (h2 : c = d) : a * c = b * d := by sorry

/-- medium: a constant function takes equal values -/
theorem eq_const_fun (f : Nat → Nat) (h : ∀ x, f x = 5) (a b : Nat) : f a = f b := by sorry

/-- medium: iterate a successor function twice -/
theorem eq_fun_iterate (f : Nat → Nat) (h : ∀ x, f x = x + 1) (a : Nat) : f (f a) = a + 1 + 1 := by sorry

/-- medium: reassociate a sum of four terms -/
theorem eq_simp_assoc_four (a b c d : Nat) : a + b + c + d = a + (b + (c + d)) := by sorry

/-- medium: reassociate a product of four factors -/
theorem eq_simp_mul_assoc_four (a b c d : Nat) : a * b * c * d = a * (b * (c * d)) := by sorry

/-- medium: commute the goal to match a hypothesis -/
theorem eq_comm_hyp_goal (a b c : Nat) (h : b + a = c) : a + b = c := by sorry

/-- easy: distribute a doubling -/
theorem eq_mul_two_distrib (a b : Nat) : 2 * (a + b) = 2 * a + 2 * b := by sorry

/-- medium: commute inside and outside a sum -/
theorem eq_add_mul_comm (a b c : Nat) : a * b + c = c + b * a := by sorry

/-- easy: factor out a common right factor -/
theorem eq_factor_right (a b c : Nat) : a * c + b * c = (a + b) * c := by sorry

/-- easy: remove a zero from a hypothesis -/
theorem eq_hyp_add_zero (a b : Nat) (h : a = b + 0) : a = b := by sorry

/-- easy: the successor exists -/
theorem eq_exists_witness (a : Nat) : ∃ b : Nat, b = a + 1 := by sorry

/-- medium: a witness from commutativity -/
theorem eq_exists_sum (a b : Nat) : ∃ c : Nat, a + b = c + a := by sorry

/-- medium: follow a function through two equations -/
theorem eq_fun_hyp_chain (f : Nat → Nat) (a b : Nat) (h1 : f a = b) (h2 : f b = a) : f (f a) = a := by sorry

/-- easy: adding then subtracting the same number -/
theorem eq_add_sub_cancel (a b : Nat) : a + b - b = a := by sorry

/-- hard: move a successor out of a sum -/
theorem eq_succ_add_swap (a b : Nat) : a + 1 + b = a + b + 1 := by sorry

/-- easy: a successor is not zero -/
theorem eq_succ_ne_zero (a : Nat) : a + 1 ≠ 0 := by sorry

/-- medium: substitute and simplify -/
theorem eq_three_rewrites (a b c : Nat) (h1 : a = b + c) (h2 : c = 0) : a = b := by sorry

/-- hard: simplify a sum with several vanishing terms -/
theorem eq_simp_zero_terms (a b c : Nat) : a * 0 + b * 1 + 0 * c = b := by sorry

/-- medium: zero to a positive power -/
theorem eq_zero_pow_succ (n : Nat) : 0 ^ (n + 1) = 0 := by sorry

/-- easy: a zeroth power plus zero -/
theorem eq_pow_zero_add (a : Nat) : a ^ 0 + 0 = 1 := by sorry

/-- hard: combine hypotheses on both sides of the goal -/
theorem eq_hyp_both_sides (a b c d : Nat) (h1 : a + b = c) (h2 : d = b + a) : c = d := by sorry

/-- medium: commute products inside a sum -/
theorem eq_mul_comm_in_sum (a b c d : Nat) : a * b + c * d = d * c + b * a := by sorry

/-- hard: distribute inside a hypothesis then rewrite -/
theorem eq_distrib_hyp (a b c : Nat) (h : a * (b + 1) = c) : a * b + a = c := by sorry

/-- hard: swap the middle terms of a sum of four -/
theorem eq_sum_four_rearrange (a b c d : Nat) : a + b + (c + d) = a + c + (b + d) := by sorry

/-- medium: equal function values through a chain of equations -/
theorem eq_fun_congr_chain (f : Nat → Nat) (a b c : Nat) (h1 : f a = f b) (h2 : b = c + 0) : f a = f c := by sorry

/-- hard: an equation is invariant under commuting its left side -/
theorem eq_iff_add_comm (a b c : Nat) : a + b = c ↔ b + a = c := by sorry

/-- medium: a number plus itself is even -/
theorem eq_exists_double (a : Nat) : ∃ b : Nat, a + a = 2 * b := by sorry

end Benchmark
