namespace Benchmark.Proofs

/-- medium: reverse a sum of three terms -/
theorem eq_add_comm_three (a b c : Nat) : a + b + c = c + b + a := by
  rw [Nat.add_comm a b, Nat.add_comm (b + a) c, ← Nat.add_assoc c b a]

/-- easy: associativity of multiplication -/
theorem eq_mul_assoc_basic (a b c : Nat) : a * b * c = a * (b * c) := by
  rw [Nat.mul_assoc]

/-- medium: chain two definitional hypotheses -/
theorem eq_hyp_chain (a b c d : Nat) (h1 : a = b + 1) (h2 : b = c + d) : a = c + d + 1 := by
  rw [h1, h2]

/-- easy: successors of equal numbers are equal -/
theorem eq_succ_eq (a b : Nat) (h : a = b) : Nat.succ a = Nat.succ b := by
  rw [h]

/-- easy: compute a value from equations -/
theorem eq_two_hyps_sum (a b c : Nat) (h1 : a = 2) (h2 : b = 3) (h3 : c = a + b) : c = 5 := by
  omega

/-- medium: iterate at a fixed point -/
theorem eq_fixed_point (f : Nat → Nat) (a : Nat) (h : f a = a) : f (f (f a)) = a := by
  rw [h, h, h]

/-- hard: rewrite a square through a hypothesis and distributivity -/
theorem eq_square_via_hyp (a b : Nat) (h : a = b + 1) : a * a = b * b + b + (b + 1) := by
  rw [h, Nat.right_distrib b 1 (b + 1), Nat.left_distrib b b 1, Nat.mul_one b, Nat.one_mul (b + 1)]

/-- hard: expand the square of a shifted number -/
theorem eq_square_shift (a b : Nat) (h : a = b + 2) : a * a = b * b + 4 * b + 4 := by
  have e : a * a = (b + 2) * (b + 2) := by rw [h]
  have e1 : (b + 2) * (b + 2) = b * (b + 2) + 2 * (b + 2) := Nat.right_distrib b 2 (b + 2)
  have e2 : b * (b + 2) = b * b + b * 2 := Nat.left_distrib b b 2
  omega

end Benchmark.Proofs
