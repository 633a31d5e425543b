namespace Benchmark.Proofs

/-- hard: expand the square of a sum -/
theorem eq_square_expand (a b : Nat) : (a + b) * (a + b) = a * a + a * b + (b * a + b * b) := by
  rw [Nat.right_distrib, Nat.left_distrib a a b, Nat.left_distrib b a b]

/-- medium: reverse a product of three factors -/
theorem eq_mul_comm_three (a b c : Nat) : a * b * c = c * b * a := by
  rw [Nat.mul_comm a b, Nat.mul_comm (b * a) c, ← Nat.mul_assoc c b a]

/-- hard: multiply out a product of two sums -/
theorem eq_mul_distrib_both (a b c d : Nat) : (a + b) * (c + d) = a * c + a * d + (b * c + b * d) := by
  rw [Nat.right_distrib a b (c + d), Nat.left_distrib a c d, Nat.left_distrib b c d]

/-- medium: swap the first two factors of a nested product -/
theorem eq_mul_left_comm (a b c : Nat) : a * (b * c) = b * (a * c) := by
  rw [← Nat.mul_assoc a b c, Nat.mul_comm a b, Nat.mul_assoc b a c]

/-- easy: a number plus itself is twice it -/
theorem eq_double (a : Nat) : a + a = 2 * a := by
  omega

/-- easy: remove multiplications by one -/
theorem eq_simp_one_mul (a b : Nat) : 1 * a + b * 1 = a + b := by
  simp only [Nat.one_mul, Nat.mul_one]

/-- medium: symmetry of disequality -/
theorem eq_ne_symm (a b : Nat) (h : a ≠ b) : b ≠ a := by
  intro h2
  rw [h2] at h
  exact h rfl

/-- medium: unfold a power and commute the factors -/
theorem eq_pow_succ_comm (a n : Nat) : a ^ (n + 1) = a * a ^ n := by
  rw [Nat.pow_succ, Nat.mul_comm (a ^ n) a]

/-- easy: factor out a common left factor -/
theorem eq_factor_out (a b c : Nat) : a * b + a * c = a * (b + c) := by
  rw [Nat.left_distrib a b c]

/-- medium: equality is symmetric as an iff -/
theorem eq_iff_symm (a b : Nat) : a = b ↔ b = a := by
  constructor
  · intro h
    rw [h]
  · intro h
    rw [h]

/-- easy: commute then use a hypothesis -/
theorem eq_comm_then_hyp (a b : Nat) (h : b + a = 7) : a + b = 7 := by
  rw [Nat.add_comm]
  exact h

/-- medium: simplify a hypothesis with simp only -/
theorem eq_simp_hyp (a b : Nat) (h : a * 1 = b + 0) : a = b := by
  simp only [Nat.mul_one, Nat.add_zero] at h
  exact h

/-- hard: a function value witnesses an existential -/
theorem eq_exists_fun_value (f : Nat → Nat) (h : ∀ x, f (x + 1) = f x + 1) (a : Nat) : ∃ y : Nat, f (a + 1) = y + 1 := by
  refine ⟨f a, ?_⟩
  rw [h a]

/-- medium: distribute over a sum of three terms -/
theorem eq_distrib_three (a b c d : Nat) : a * (b + c + d) = a * b + a * c + a * d := by
  rw [Nat.left_distrib a (b + c) d, Nat.left_distrib a b c]

end Benchmark.Proofs
