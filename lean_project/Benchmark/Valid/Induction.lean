namespace Benchmark

/-- easy: a step-invariant function is constant -/
theorem ind_fun_const (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n) (n : Nat) : f n = f 0 := by sorry

/-- hard: a two-step recurrence holds at consecutive numbers -/
theorem ind_pred_pair (P : Nat → Prop) (h0 : P 0) (h1 : P 1) (hs : ∀ n, P n → P (n + 2)) (n : Nat) : P n ∧ P (n + 1) := by sorry

/-- hard: a property stepping by three holds at multiples of three -/
theorem ind_pred_three_step (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 3)) (n : Nat) : P (3 * n) := by sorry

/-- medium: cancel a common summand, by induction -/
theorem ind_add_right_cancel (a b n : Nat) (h : a + n = b + n) : a = b := by sorry

/-- medium: a power with positive exponent bounds its base -/
theorem ind_pow_ge_base (n : Nat) : 2 ≤ 2 ^ (n + 1) := by sorry

end Benchmark
