namespace Benchmark.Proofs

/-- easy: a step-invariant function is constant -/
theorem ind_fun_const (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n) (n : Nat) : f n = f 0 := by
  induction n with
  | zero => rfl
  | succ k ih => rw [h k, ih]

/-- hard: a two-step recurrence holds at consecutive numbers -/
theorem ind_pred_pair (P : Nat → Prop) (h0 : P 0) (h1 : P 1) (hs : ∀ n, P n → P (n + 2)) (n : Nat) : P n ∧ P (n + 1) := by
  induction n with
  | zero => exact ⟨h0, h1⟩
  | succ k ih =>
    constructor
    · exact ih.2
    · exact hs k ih.1

/-- hard: a property stepping by three holds at multiples of three -/
theorem ind_pred_three_step (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 3)) (n : Nat) : P (3 * n) := by
  induction n with
  | zero =>
    rw [Nat.mul_zero]
    exact h0
  | succ k ih =>
    rw [Nat.left_distrib, Nat.mul_one]
    exact hs (3 * k) ih

/-- medium: cancel a common summand, by induction -/
theorem ind_add_right_cancel (a b n : Nat) (h : a + n = b + n) : a = b := by
  induction n with
  | zero => exact h
  | succ k ih =>
    apply ih
    omega

/-- medium: a power with positive exponent bounds its base -/
theorem ind_pow_ge_base (n : Nat) : 2 ≤ 2 ^ (n + 1) := by
  induction n with
  | zero => decide
  | succ k ih =>
    rw [Nat.pow_succ]
    omega

end Benchmark.Proofs
