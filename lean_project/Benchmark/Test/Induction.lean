namespace Benchmark

/-- hard: twice a triangular number, with a helper expansion -/
theorem ind_sum_formula (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + (n + 1)) (n : Nat) : 2 * f n = n * n + n := by sorry

/-- hard: a property stepping by two holds at even numbers -/
theorem ind_pred_two_step (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 2)) (n : Nat) : P (2 * n) := by sorry

/-- easy: a decreasing step function stays below its start -/
theorem ind_fun_anti (f : Nat → Nat) (h : ∀ n, f (n + 1) ≤ f n) (n : Nat) : f n ≤ f 0 := by sorry

/-- medium: a function growing at most by one -/
theorem ind_fun_step_bound (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) ≤ f n + 1) (n : Nat) : f n ≤ n := by sorry

/-- hard: sums of odd numbers are squares -/
theorem ind_sum_odd (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2 * n + 1) (n : Nat) : f n = n * n := by sorry

/-- medium: a function growing by one is a translation -/
theorem ind_fun_unit_step (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n + 1) (n : Nat) : f n = f 0 + n := by sorry

/-- hard: a joint invariant for two predicates -/
theorem ind_two_preds (P Q : Nat → Prop) (h0 : P 0 ∧ Q 0) (hs : ∀ n, P n ∧ Q n → P (n + 1) ∧ Q (n + 1)) (n : Nat) : Q n := by sorry

/-- hard: partial sums of powers of two -/
theorem ind_sum_powers (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2 ^ n) (n : Nat) : f n + 1 = 2 ^ n := by sorry

/-- easy: a function fixed at zero by its step stays zero -/
theorem ind_fun_zero (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n) (n : Nat) : f n = 0 := by sorry

/-- hard: a conjunction of bounds by induction with cases -/
theorem ind_pred_le_conj (f : Nat → Nat) (h0 : f 0 ≤ 1) (h : ∀ n, f (n + 1) = 1 - f n) (n : Nat) : f n ≤ 1 ∧ f n + f (n + 1) = 1 := by sorry

end Benchmark
