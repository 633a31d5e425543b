namespace Benchmark

/-- easy: a closed sum -/
theorem arith_two_add_three : 2 + 3 = 5 := by sorry

/-- easy: reflexivity of less-or-equal -/
theorem arith_le_refl (a : Nat) : a ≤ a := by sorry

/-- easy: transitivity of less-or-equal -/
theorem arith_le_trans (a b c : Nat) (h1 : a ≤ b) (h2 : b ≤ c) : a ≤ c := by sorry

/-- easy: a closed product -/
theorem arith_mul_small : 6 * 7 = 42 := by sorry

/-- easy: zero is the least number -/
theorem arith_zero_le (a : Nat) : 0 ≤ a := by sorry

/-- medium: transitivity across three steps -/
theorem arith_le_trans_chain (a b c d : Nat) (h1 : a ≤ b) (h2 : b ≤ c) (h3 : c ≤ d) : a ≤ d := by sorry

/-- easy: a closed power -/
theorem arith_pow_small : 2 ^ 5 = 32 := by sorry

/-- easy: weak then strict inequality -/
theorem arith_le_lt_trans (a b c : Nat) (h1 : a ≤ b) (h2 : b < c) : a < c := by sorry

/-- hard: every number has an even number above it -/
theorem arith_forall_even_above : ∀ n : Nat, ∃ m : Nat, n ≤ m ∧ m % 2 = 0 := by sorry

/-- easy: a closed division -/
theorem arith_div_small : 17 / 5 = 3 := by sorry

/-- easy: strict inequality implies weak inequality -/
theorem arith_lt_le (a b : Nat) (h : a < b) : a ≤ b := by sorry

/-- medium: add the same number to both sides -/
theorem arith_le_add_both (a b c : Nat) (h : a ≤ b) : a + c ≤ b + c := by sorry

/-- easy: a successor is positive -/
theorem arith_succ_pos (a : Nat) : 0 < a + 1 := by sorry

/-- easy: no number is below itself -/
theorem arith_lt_irrefl (a : Nat) : ¬ a < a := by sorry

/-- easy: a closed strict inequality -/
theorem arith_lt_closed : 3 < 7 := by sorry

/-- easy: a number is at most itself plus another -/
theorem arith_le_add_right (a b : Nat) : a ≤ a + b := by sorry

/-- easy: a number is at most another plus itself -/
theorem arith_le_add_left (a b : Nat) : a ≤ b + a := by sorry

/-- easy: a closed weak inequality -/
theorem arith_le_closed : 10 ≤ 10 := by sorry

/-- easy: add two inequalities -/
theorem arith_add_le_add (a b c d : Nat) (h1 : a ≤ b) (h2 : c ≤ d) : a + c ≤ b + d := by sorry

/-- medium: an intermediate strict inequality -/
theorem arith_have_chain (a b c : Nat) (h1 : a ≤ b) (h2 : b + 1 ≤ c) : a < c := by sorry

/-- easy: two distinct numerals -/
theorem arith_ne_closed : 4 ≠ 5 := by sorry

/-- easy: add two to both sides -/
theorem arith_lt_add_two (a b : Nat) (h : a < b) : a + 2 < b + 2 := by sorry

/-- medium: destructure an existential bound -/
theorem arith_obtain_exists (n : Nat) (h : ∃ k : Nat, n = k + 3) : 3 ≤ n := by sorry

/-- easy: truncated subtraction of numerals -/
theorem arith_sub_trunc : 3 - 5 = 0 := by sorry

/-- medium: solve a linear system -/
theorem arith_linear_system (a b : Nat) (h1 : a + b = 10) (h2 : a = b + 2) : a = 6 := by sorry

/-- medium: bounds from a case split on values -/
theorem arith_rcases_or (a : Nat) (h : a = 1 ∨ a = 2) : 1 ≤ a ∧ a ≤ 2 := by sorry

/-- easy: a remainder modulo two is zero or one -/
theorem arith_mod_two_cases (n : Nat) : n % 2 = 0 ∨ n % 2 = 1 := by sorry

/-- easy: halving does not increase -/
theorem arith_div_two_le (n : Nat) : n / 2 ≤ n := by sorry

/-- easy: greater-than as a successor bound -/
theorem arith_gt_ge (a b : Nat) (h : a > b) : a ≥ b + 1 := by sorry

/-- medium: a chain of inequalities leaves a gap -/
theorem arith_lt_chain_gap (a b c d : Nat) (h1 : a < b) (h2 : b ≤ c) (h3 : c < d) : a + 2 ≤ d := by sorry

/-- easy: a number is at most its triple -/
theorem arith_three_mul_le (a : Nat) : a ≤ 3 * a := by sorry

/-- easy: doubling preserves strict inequality -/
theorem arith_double_lt (a b : Nat) (h : a < b) : 2 * a < 2 * b := by sorry

/-- easy: a nonzero number is positive -/
theorem arith_ne_zero_pos (n : Nat) (h : n ≠ 0) : 0 < n := by sorry

/-- medium: strict bound by a successor is a weak bound -/
theorem arith_iff_lt_succ (a b : Nat) : a < b + 1 ↔ a ≤ b := by sorry

/-- easy: strict successor bound to weak bound -/
theorem arith_le_of_lt_succ (a b : Nat) (h : a < b + 1) : a ≤ b := by sorry

/-- medium: a common upper bound exists -/
theorem arith_exists_upper (a b : Nat) : ∃ c : Nat, a ≤ c ∧ b ≤ c := by sorry

/-- easy: there is always a larger number -/
theorem arith_exists_lt (n : Nat) : ∃ m : Nat, n < m := by sorry

/-- easy: a common lower bound exists -/
theorem arith_exists_lower (a b : Nat) : ∃ c : Nat, c ≤ a ∧ c ≤ b := by sorry

/-- medium: rounding down by division -/
theorem arith_div_mul_le (n : Nat) : n / 3 * 3 ≤ n := by sorry

/-- medium: the sum of two odd numbers is even -/
theorem arith_odd_sum_even (a b : Nat) (ha : a % 2 = 1) (hb : b % 2 = 1) : (a + b) % 2 = 0 := by sorry

/-- medium: subtracting a positive number decreases -/
theorem arith_sub_lt (a b : Nat) (h1 : 0 < b) (h2 : b ≤ a) : a - b < a := by sorry

/-- easy: double an inequality -/
theorem arith_double_le (a b : Nat) (h : a ≤ b) : a + a ≤ b + b := by sorry

/-- easy: adding a positive number increases -/
theorem arith_lt_add_pos (a b : Nat) (h : 0 < b) : a < a + b := by sorry

/-- easy: a closed conjunction of comparisons -/
theorem arith_decide_and : 2 < 3 ∧ 5 ≤ 5 := by sorry

/-- easy: a closed disjunction about parity -/
theorem arith_decide_or : 4 % 2 = 0 ∨ 4 % 2 = 1 := by sorry

/-- easy: a closed square -/
theorem arith_decide_square : 12 * 12 = 144 := by sorry

/-- easy: nothing is below zero -/
theorem arith_absurd_lt_zero (a : Nat) (h : a < 0) : False := by sorry

/-- medium: exact division of a product -/
theorem arith_div_exact (a : Nat) (h : a = 3 * 5) : a / 3 = 5 := by sorry

/-- easy: halve an inequality between doubles -/
theorem arith_le_of_double (a b : Nat) (h : 2 * a ≤ 2 * b) : a ≤ b := by sorry

/-- easy: every number is below its successor -/
theorem arith_intro_forall_lt : ∀ n : Nat, n < n + 1 := by sorry

/-- medium: a power is at most the next power -/
theorem arith_pow_le_succ (n : Nat) : 2 ^ n ≤ 2 ^ (n + 1) := by sorry

/-- medium: the next power of two is a doubling -/
theorem arith_pow_succ_double (n : Nat) : 2 ^ (n + 1) = 2 ^ n + 2 ^ n := by sorry

/-- hard: squares increase strictly, via an expansion -/
theorem arith_square_lt_succ_square (n : Nat) : n * n < (n + 1) * (n + 1) := by sorry

/-- hard: a number is zero or has a predecessor -/
theorem arith_cases_zero_or_pos (n : Nat) : n = 0 ∨ ∃ m : Nat, n = m + 1 := by sorry

/-- hard: a witness chosen by comparing two numbers -/
theorem arith_by_cases_pred (P : Nat → Prop) (a b : Nat) (h1 : a ≤ b → P a) (h2 : b < a → P b) : ∃ c : Nat, P c := by sorry

/-- medium: consequences of a remainder modulo four -/
theorem arith_mod_four_consequences (n : Nat) (h : n % 4 = 1) : n % 2 = 1 ∧ (n + 3) % 4 = 0 := by sorry

/-- hard: bounds on a positive multiple of four -/
theorem arith_obtain_multiple (a : Nat) (h : ∃ k : Nat, a = 4 * k ∧ 0 < k) : 4 ≤ a ∧ a % 2 = 0 := by sorry

/-- hard: a strictly increasing function over two steps -/
theorem arith_strict_mono_two (f : Nat → Nat) (h : ∀ n, f n < f (n + 1)) : f 0 < f 2 := by sorry

/-- medium: a product with a known factor -/
theorem arith_product_zero_known (a b : Nat) (h : a * b = 0) (ha : a = 3) : b = 0 := by sorry

end Benchmark
