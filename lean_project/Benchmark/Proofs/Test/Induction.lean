namespace Benchmark.Proofs

/-- hard: twice a triangular number, with a helper expansion -/
theorem ind_sum_formula (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + (n + 1)) (n : Nat) : 2 * f n = n * n + n := by
  induction n with
  | zero => omega
  | succ k ih =>
    have e : (k + 1) * (k + 1) = k * k + k + (k + 1) := by
      rw [Nat.right_distrib k 1 (k + 1), Nat.left_distrib k k 1, Nat.mul_one k, Nat.one_mul (k + 1)]
    have hk : f (k + 1) = f k + (k + 1) := h k
    omega

/-- hard: a property stepping by two holds at even numbers -/
theorem ind_pred_two_step (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 2)) (n : Nat) : P (2 * n) := by
  induction n with
  | zero =>
    rw [Nat.mul_zero]
    exact h0
  | succ k ih =>
    have h : P (2 * k + 2) := hs (2 * k) ih
    have e : 2 * (k + 1) = 2 * k + 2 := by omega
    rw [e]
    exact h

/-- easy: a decreasing step function stays below its start -/
theorem ind_fun_anti (f : Nat → Nat) (h : ∀ n, f (n + 1) ≤ f n) (n : Nat) : f n ≤ f 0 := by
  induction n with
  | zero => exact Nat.le_refl (f 0)
  | succ k ih => exact Nat.le_trans (h k) ih

/-- medium: a function growing at most by one -/
theorem ind_fun_step_bound (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) ≤ f n + 1) (n : Nat) : f n ≤ n := by
  induction n with
  | zero => omega
  | succ k ih =>
    have hk : f (k + 1) ≤ f k + 1 := h k
    omega

/-- hard: sums of odd numbers are squares -/
theorem ind_sum_odd (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2 * n + 1) (n : Nat) : f n = n * n := by
  induction n with
  | zero => omega
  | succ k ih =>
    have e : (k + 1) * (k + 1) = k * k + k + (k + 1) := by
      rw [Nat.right_distrib k 1 (k + 1), Nat.left_distrib k k 1, Nat.mul_one k, Nat.one_mul (k + 1)]
    have hk : f (k + 1) = f k + 2 * k + 1 := h k
    omega

/-- medium: a function growing by one is a translation -/
theorem ind_fun_unit_step (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n + 1) (n : Nat) : f n = f 0 + n := by
  induction n with
  | zero => rw [Nat.add_zero]
  | succ k ih => rw [h k, ih, Nat.add_assoc]

/-- hard: a joint invariant for two predicates -/
theorem ind_two_preds (P Q : Nat → Prop) (h0 : P 0 ∧ Q 0) (hs : ∀ n, P n ∧ Q n → P (n + 1) ∧ Q (n + 1)) (n : Nat) : Q n := by
  have key : ∀ m : Nat, P m ∧ Q m := by
    intro m
    induction m with
    | zero => exact h0
    | succ k ih => exact hs k ih
  exact (key n).2

/-- hard: partial sums of powers of two -/
theorem ind_sum_powers (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2 ^ n) (n : Nat) : f n + 1 = 2 ^ n := by
  induction n with
  | zero => rw [h0, Nat.pow_zero, Nat.zero_add]
  | succ k ih =>
    have hk : f (k + 1) = f k + 2 ^ k := h k
    rw [Nat.pow_succ]
    omega

/-- easy: a function fixed at zero by its step stays zero -/
theorem ind_fun_zero (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n) (n : Nat) : f n = 0 := by
  induction n with
  | zero => exact h0
  | succ k ih => rw [h k, ih]

/-- hard: a conjunction of bounds by induction with cases -/
theorem ind_pred_le_conj (f : Nat → Nat) (h0 : f 0 ≤ 1) (h : ∀ n, f (n + 1) = 1 - f n) (n : Nat) : f n ≤ 1 ∧ f n + f (n + 1) = 1 := by
  induction n with
  | zero =>
    have h1 : f (0 + 1) = 1 - f 0 := h 0
    constructor
    · exact h0
    · omega
  | succ k ih =>
    have h1 : f (k + 1) = 1 - f k := h k
    have h2 : f (k + 1 + 1) = 1 - f (k + 1) := h (k + 1)
    constructor
    · omega
    · omega

end Benchmark.Proofs
