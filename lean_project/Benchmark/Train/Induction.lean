namespace Benchmark

/-- easy: the induction principle for a predicate -/
theorem ind_pred_basic (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) (n : Nat) : P n := by sorry

/-- medium: zero plus a number, by induction -/
theorem ind_zero_add (n : Nat) : 0 + n = n := by sorry

/-- hard: commutativity of addition from scratch with helper lemmas -/
theorem ind_add_comm_manual (a b : Nat) : a + b = b + a := by sorry

/-- medium: move a successor across a sum, by induction -/
theorem ind_succ_add (a b : Nat) : a + 1 + b = a + b + 1 := by sorry

/-- easy: a property that is never gained -/
theorem ind_not_pred (P : Nat → Prop) (h0 : ¬ P 0) (hs : ∀ n, ¬ P n → ¬ P (n + 1)) (n : Nat) : ¬ P n := by sorry

/-- medium: a function growing by two is a doubling -/
theorem ind_fun_linear (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2) (n : Nat) : f n = 2 * n := by sorry

/-- easy: powers of two are positive -/
theorem ind_pow_pos (n : Nat) : 0 < 2 ^ n := by sorry

/-- medium: a number is below two to its power -/
theorem ind_lt_pow (n : Nat) : n < 2 ^ n := by sorry

/-- easy: a monotone step function stays above its start -/
theorem ind_fun_mono (f : Nat → Nat) (h : ∀ n, f n ≤ f (n + 1)) (n : Nat) : f 0 ≤ f n := by sorry

/-- medium: zero times a number, by induction -/
theorem ind_mul_zero_manual (n : Nat) : 0 * n = 0 := by sorry

/-- medium: a property propagates upward from a start -/
theorem ind_pred_from (P : Nat → Prop) (m : Nat) (hm : P m) (hs : ∀ n, P n → P (n + 1)) (n : Nat) : P (m + n) := by sorry

/-- medium: monotonicity from an arbitrary start -/
theorem ind_fun_mono_from (f : Nat → Nat) (h : ∀ n, f n ≤ f (n + 1)) (m n : Nat) : f m ≤ f (m + n) := by sorry

/-- hard: a property propagates to every larger number -/
theorem ind_pred_le (P : Nat → Prop) (m : Nat) (hm : P m) (hs : ∀ n, P n → P (n + 1)) (n : Nat) (h : m ≤ n) : P n := by sorry

/-- medium: a strictly increasing function dominates the identity -/
theorem ind_strict_mono_ge (f : Nat → Nat) (h : ∀ n, f n < f (n + 1)) (n : Nat) : n ≤ f n := by sorry

/-- medium: two to a power exceeds the exponent -/
theorem ind_succ_le_pow (n : Nat) : n + 1 ≤ 2 ^ n := by sorry

/-- medium: a linear lower bound on powers of three -/
theorem ind_three_pow_ge (n : Nat) : 2 * n + 1 ≤ 3 ^ n := by sorry

/-- hard: a property stepping by two, with an unfolded product -/
theorem ind_pred_even_forall (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 2)) : ∀ n : Nat, P (2 * n) := by sorry

/-- hard: a function growing by three is affine -/
theorem ind_fun_affine (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n + 3) (n : Nat) : f n = f 0 + 3 * n := by sorry

/-- hard: every number is even or odd -/
theorem ind_exists_half (n : Nat) : ∃ k : Nat, n = 2 * k ∨ n = 2 * k + 1 := by sorry

/-- hard: powers turn sums of exponents into products -/
theorem ind_pow_add (a m n : Nat) : a ^ (m + n) = a ^ m * a ^ n := by sorry

/-- medium: every power of one is one -/
theorem ind_one_pow (n : Nat) : 1 ^ n = 1 := by sorry

/-- medium: induction using an auxiliary invariant -/
theorem ind_pred_with_aux (P Q : Nat → Prop) (hp : ∀ n, P n) (hq0 : Q 0) (hs : ∀ n, P n → Q n → Q (n + 1)) (n : Nat) : Q n := by sorry

/-- hard: a property that descends reaches zero -/
theorem ind_down (P : Nat → Prop) (n : Nat) (hn : P n) (hd : ∀ k, P (k + 1) → P k) : P 0 := by sorry

/-- hard: right distributivity by induction -/
theorem ind_mul_add_manual (a b n : Nat) : (a + b) * n = a * n + b * n := by sorry

/-- medium: a function stepping by two keeps its parity -/
theorem ind_even_values (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2) (n : Nat) : f n % 2 = 0 := by sorry

/-- hard: a doubling function outgrows the identity -/
theorem ind_doubling_ge (f : Nat → Nat) (h0 : 1 ≤ f 0) (h : ∀ n, 2 * f n ≤ f (n + 1)) (n : Nat) : n + 1 ≤ f n := by sorry

/-- hard: an alternating property holds at even numbers -/
theorem ind_alternating (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → ¬ P (n + 1)) (hs2 : ∀ n, ¬ P n → P (n + 1)) (n : Nat) : P (2 * n) := by sorry

/-- medium: a counter modulo three stays below three -/
theorem ind_mod_cycle (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = (f n + 1) % 3) (n : Nat) : f n < 3 := by sorry

/-- hard: a power of two has a predecessor -/
theorem ind_exists_pow_pred (n : Nat) : ∃ m : Nat, 2 ^ n = m + 1 := by sorry

/-- easy: induction after introducing the variable -/
theorem ind_forall_intro (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) : ∀ n : Nat, P n := by sorry

/-- easy: a number is at most itself plus another, by induction -/
theorem ind_le_self_add (a n : Nat) : a ≤ a + n := by sorry

/-- medium: a step rule with a disjunctive hypothesis -/
theorem ind_pred_or_step (P Q : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n ∨ Q n → P (n + 1)) (n : Nat) : P n := by sorry

/-- hard: a doubling function is a multiple of a power of two -/
theorem ind_fun_double_pow (f : Nat → Nat) (h : ∀ n, f (n + 1) = 2 * f n) (n : Nat) : f n = f 0 * 2 ^ n := by sorry

/-- hard: a strictly increasing function increases across a gap -/
theorem ind_strict_mono_lt (f : Nat → Nat) (h : ∀ n, f n < f (n + 1)) (m n : Nat) : f m < f (m + n + 1) := by sorry

/-- medium: multiplication by a successor does not decrease -/
theorem ind_le_mul_pos (a n : Nat) : a ≤ (n + 1) * a := by sorry

/-- hard: multiplying both sides of an inequality, by induction -/
theorem ind_mul_le_mul_right (a b c : Nat) (h : a ≤ b) : a * c ≤ b * c := by sorry

end Benchmark
