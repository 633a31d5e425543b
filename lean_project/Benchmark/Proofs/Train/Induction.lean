namespace Benchmark.Proofs

/-- easy: the induction principle for a predicate -/
theorem ind_pred_basic (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) (n : Nat) : P n := by
  induction n with
  | zero => exact h0
  | succ k ih => exact hs k ih

/-- medium: zero plus a number, by induction -/
theorem ind_zero_add (n : Nat) : 0 + n = n := by
  induction n with
  | zero => rfl
  | succ k ih => rw [← Nat.add_assoc 0 k 1, ih]

/-- hard: commutativity of addition from scratch with helper lemmas -/
theorem ind_add_comm_manual (a b : Nat) : a + b = b + a := by
  induction b with
  | zero =>
    have h : ∀ m : Nat, 0 + m = m := by
      intro m
      induction m with
      | zero => rfl
      | succ j ih => rw [← Nat.add_assoc 0 j 1, ih]
    rw [Nat.add_zero, h a]
  | succ k ih =>
    have h : ∀ m : Nat, k + 1 + m = k + m + 1 := by
      intro m
      induction m with
      | zero => rfl
      | succ j ihj => rw [← Nat.add_assoc (k + 1) j 1, ihj, Nat.add_assoc k j 1]
    rw [← Nat.add_assoc a k 1, ih, ← h a]

/-- medium: move a successor across a sum, by induction -/
theorem ind_succ_add (a b : Nat) : a + 1 + b = a + b + 1 := by
  induction b with
  | zero => rfl
  | succ k ih => rw [← Nat.add_assoc (a + 1) k 1, ih, Nat.add_assoc a k 1]

/-- easy: a property that is never gained -/
theorem ind_not_pred (P : Nat → Prop) (h0 : ¬ P 0) (hs : ∀ n, ¬ P n → ¬ P (n + 1)) (n : Nat) : ¬ P n := by
  induction n with
  | zero => exact h0
  | succ k ih => exact hs k ih

/-- medium: a function growing by two is a doubling -/
theorem ind_fun_linear (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2) (n : Nat) : f n = 2 * n := by
  induction n with
  | zero => rw [h0, Nat.mul_zero]
  | succ k ih => rw [h k, ih, Nat.left_distrib 2 k 1, Nat.mul_one 2]

/-- easy: powers of two are positive -/
theorem ind_pow_pos (n : Nat) : 0 < 2 ^ n := by
  induction n with
  | zero => decide
  | succ k ih =>
    rw [Nat.pow_succ]
    omega

/-- medium: a number is below two to its power -/
theorem ind_lt_pow (n : Nat) : n < 2 ^ n := by
  induction n with
  | zero => decide
  | succ k ih =>
    rw [Nat.pow_succ]
    omega

/-- easy: a monotone step function stays above its start -/
theorem ind_fun_mono (f : Nat → Nat) (h : ∀ n, f n ≤ f (n + 1)) (n : Nat) : f 0 ≤ f n := by
  induction n with
  | zero => exact Nat.le_refl (f 0)
  | succ k ih => exact Nat.le_trans ih (h k)

/-- medium: zero times a number, by induction -/
theorem ind_mul_zero_manual (n : Nat) : 0 * n = 0 := by
  induction n with
  | zero => rfl
  | succ k ih => rw [Nat.left_distrib, ih, Nat.mul_one, Nat.add_zero]

/-- medium: a property propagates upward from a start -/
theorem ind_pred_from (P : Nat → Prop) (m : Nat) (hm : P m) (hs : ∀ n, P n → P (n + 1)) (n : Nat) : P (m + n) := by
  induction n with
  | zero => exact hm
  | succ k ih => exact hs (m + k) ih

/-- medium: monotonicity from an arbitrary start -/
theorem ind_fun_mono_from (f : Nat → Nat) (h : ∀ n, f n ≤ f (n + 1)) (m n : Nat) : f m ≤ f (m + n) := by
  induction n with
  | zero => exact Nat.le_refl (f m)
  | succ k ih =>
    rw [← Nat.add_assoc m k 1]
    exact Nat.le_trans ih (h (m + k))

/-- hard: a property propagates to every larger number -/
theorem ind_pred_le (P : Nat → Prop) (m : Nat) (hm : P m) (hs : ∀ n, P n → P (n + 1)) (n : Nat) (h : m ≤ n) : P n := by
  have key : ∀ k : Nat, P (m + k) := by
    intro k
    induction k with
    | zero => exact hm
    | succ j ih => exact hs (m + j) ih
  have h2 : P (m + (n - m)) := key (n - m)
  have e : m + (n - m) = n := by omega
  rw [e] at h2
  exact h2

/-- medium: a strictly increasing function dominates the identity -/
theorem ind_strict_mono_ge (f : Nat → Nat) (h : ∀ n, f n < f (n + 1)) (n : Nat) : n ≤ f n := by
  induction n with
  | zero => exact Nat.zero_le (f 0)
  | succ k ih =>
    have hk : f k < f (k + 1) := h k
    omega

/-- medium: two to a power exceeds the exponent -/
theorem ind_succ_le_pow (n : Nat) : n + 1 ≤ 2 ^ n := by
  induction n with
  | zero => decide
  | succ k ih =>
    rw [Nat.pow_succ]
    omega

/-- medium: a linear lower bound on powers of three -/
theorem ind_three_pow_ge (n : Nat) : 2 * n + 1 ≤ 3 ^ n := by
  induction n with
  | zero => decide
  | succ k ih =>
    rw [Nat.pow_succ]
    omega

/-- hard: a property stepping by two, with an unfolded product -/
theorem ind_pred_even_forall (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 2)) : ∀ n : Nat, P (2 * n) := by
  intro n
  induction n with
  | zero =>
    rw [Nat.mul_zero]
    exact h0
  | succ k ih =>
    rw [Nat.left_distrib, Nat.mul_one]
    exact hs (2 * k) ih

/-- hard: a function growing by three is affine -/
theorem ind_fun_affine (f : Nat → Nat) (h : ∀ n, f (n + 1) = f n + 3) (n : Nat) : f n = f 0 + 3 * n := by
  induction n with
  | zero => rw [Nat.mul_zero, Nat.add_zero]
  | succ k ih => rw [h k, ih, Nat.left_distrib 3 k 1, Nat.mul_one 3, Nat.add_assoc (f 0) (3 * k) 3]

/-- hard: every number is even or odd -/
theorem ind_exists_half (n : Nat) : ∃ k : Nat, n = 2 * k ∨ n = 2 * k + 1 := by
  induction n with
  | zero => exact ⟨0, Or.inl rfl⟩
  | succ m ih =>
    obtain ⟨k, hk⟩ := ih
    cases hk with
    | inl h =>
      refine ⟨k, Or.inr ?_⟩
      omega
    | inr h =>
      refine ⟨k + 1, Or.inl ?_⟩
      omega

/-- hard: powers turn sums of exponents into products -/
theorem ind_pow_add (a m n : Nat) : a ^ (m + n) = a ^ m * a ^ n := by
  induction n with
  | zero => rw [Nat.add_zero, Nat.pow_zero, Nat.mul_one]
  | succ k ih => rw [← Nat.add_assoc m k 1, Nat.pow_succ, Nat.pow_succ, ih, Nat.mul_assoc]

/-- medium: every power of one is one -/
theorem ind_one_pow (n : Nat) : 1 ^ n = 1 := by
  induction n with
  | zero => rfl
  | succ k ih => rw [Nat.pow_succ, ih, Nat.mul_one]

/-- medium: induction using an auxiliary invariant -/
theorem ind_pred_with_aux (P Q : Nat → Prop) (hp : ∀ n, P n) (hq0 : Q 0) (hs : ∀ n, P n → Q n → Q (n + 1)) (n : Nat) : Q n := by
  induction n with
  | zero => exact hq0
  | succ k ih => exact hs k (hp k) ih

/-- hard: a property that descends reaches zero -/
theorem ind_down (P : Nat → Prop) (n : Nat) (hn : P n) (hd : ∀ k, P (k + 1) → P k) : P 0 := by
  induction n with
  | zero => exact hn
  | succ k ih => exact ih (hd k hn)

/-- hard: right distributivity by induction -/
theorem ind_mul_add_manual (a b n : Nat) : (a + b) * n = a * n + b * n := by
  induction n with
  | zero => simp only [Nat.mul_zero, Nat.add_zero]
  | succ k ih =>
    rw [Nat.left_distrib (a + b) k 1, ih, Nat.left_distrib a k 1, Nat.left_distrib b k 1]
    rw [Nat.mul_one (a + b), Nat.mul_one a, Nat.mul_one b]
    omega

/-- medium: a function stepping by two keeps its parity -/
theorem ind_even_values (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = f n + 2) (n : Nat) : f n % 2 = 0 := by
  induction n with
  | zero => omega
  | succ k ih =>
    have hk : f (k + 1) = f k + 2 := h k
    omega

/-- hard: a doubling function outgrows the identity -/
theorem ind_doubling_ge (f : Nat → Nat) (h0 : 1 ≤ f 0) (h : ∀ n, 2 * f n ≤ f (n + 1)) (n : Nat) : n + 1 ≤ f n := by
  induction n with
  | zero => omega
  | succ k ih =>
    have hk : 2 * f k ≤ f (k + 1) := h k
    omega

/-- hard: an alternating property holds at even numbers -/
theorem ind_alternating (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → ¬ P (n + 1)) (hs2 : ∀ n, ¬ P n → P (n + 1)) (n : Nat) : P (2 * n) := by
  induction n with
  | zero =>
    rw [Nat.mul_zero]
    exact h0
  | succ k ih =>
    have h1 : ¬ P (2 * k + 1) := hs (2 * k) ih
    have h2 : P (2 * k + 1 + 1) := hs2 (2 * k + 1) h1
    have e : 2 * (k + 1) = 2 * k + 1 + 1 := by omega
    rw [e]
    exact h2

/-- medium: a counter modulo three stays below three -/
theorem ind_mod_cycle (f : Nat → Nat) (h0 : f 0 = 0) (h : ∀ n, f (n + 1) = (f n + 1) % 3) (n : Nat) : f n < 3 := by
  induction n with
  | zero => omega
  | succ k ih =>
    have hk : f (k + 1) = (f k + 1) % 3 := h k
    omega

/-- hard: a power of two has a predecessor -/
theorem ind_exists_pow_pred (n : Nat) : ∃ m : Nat, 2 ^ n = m + 1 := by
  induction n with
  | zero => exact ⟨0, rfl⟩
  | succ k ih =>
    obtain ⟨m, hm⟩ := ih
    refine ⟨2 * m + 1, ?_⟩
    rw [Nat.pow_succ]
    omega

/-- easy: induction after introducing the variable -/
theorem ind_forall_intro (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) : ∀ n : Nat, P n := by
  intro n
  induction n with
  | zero => exact h0
  | succ k ih => exact hs k ih

/-- easy: a number is at most itself plus another, by induction -/
theorem ind_le_self_add (a n : Nat) : a ≤ a + n := by
  induction n with
  | zero => exact Nat.le_refl a
  | succ k ih =>
    rw [← Nat.add_assoc a k 1]
    exact Nat.le_trans ih (Nat.le_succ (a + k))

/-- medium: a step rule with a disjunctive hypothesis -/
theorem ind_pred_or_step (P Q : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n ∨ Q n → P (n + 1)) (n : Nat) : P n := by
  induction n with
  | zero => exact h0
  | succ k ih => exact hs k (Or.inl ih)

/-- hard: a doubling function is a multiple of a power of two -/
theorem ind_fun_double_pow (f : Nat → Nat) (h : ∀ n, f (n + 1) = 2 * f n) (n : Nat) : f n = f 0 * 2 ^ n := by
  induction n with
  | zero => rw [Nat.pow_zero, Nat.mul_one]
  | succ k ih => rw [h k, ih, Nat.pow_succ, Nat.mul_comm 2 (f 0 * 2 ^ k), Nat.mul_assoc]

/-- hard: a strictly increasing function increases across a gap -/
theorem ind_strict_mono_lt (f : Nat → Nat) (h : ∀ n, f n < f (n + 1)) (m n : Nat) : f m < f (m + n + 1) := by
  induction n with
  | zero => exact h m
  | succ k ih =>
    rw [← Nat.add_assoc m k 1]
    exact Nat.lt_of_lt_of_le ih (Nat.le_of_lt (h (m + k + 1)))

/-- medium: multiplication by a successor does not decrease -/
theorem ind_le_mul_pos (a n : Nat) : a ≤ (n + 1) * a := by
  induction n with
  | zero => omega
  | succ k ih =>
    rw [Nat.right_distrib (k + 1) 1 a, Nat.one_mul]
    exact Nat.le_trans ih (Nat.le_add_right ((k + 1) * a) a)

/-- hard: multiplying both sides of an inequality, by induction -/
theorem ind_mul_le_mul_right (a b c : Nat) (h : a ≤ b) : a * c ≤ b * c := by
  induction c with
  | zero => omega
  | succ k ih =>
    rw [Nat.left_distrib a k 1, Nat.left_distrib b k 1, Nat.mul_one a, Nat.mul_one b]
    exact Nat.add_le_add ih h

end Benchmark.Proofs
