namespace Benchmark

/-- hard: the drinker principle, classically -/
theorem pred_drinker (P : Nat → Prop) : ∃ x, (P x → ∀ y, P y) := by sorry

/-- medium: a conclusion from both a predicate and its negation -/
theorem pred_forall_by_cases (P Q : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, ¬P n → Q n) :
    ∀ n, Q n := by sorry

/-- medium: every number is even or odd -/
theorem pred_mod_two_cases : ∀ n : Nat, n % 2 = 0 ∨ n % 2 = 1 := by sorry

/-- medium: a predicate with at most one witness -/
theorem pred_unique_value (P : Nat → Prop) (huniq : ∀ a b, P a → P b → a = b) (h1 : P 2) (n : Nat)
    (h2 : P n) : n = 2 := by sorry

/-- medium: no number is below zero -/
theorem pred_no_exists_lt_zero : ¬∃ n : Nat, n < 0 := by sorry

/-- medium: a successor rule gives a larger witness -/
theorem pred_exists_succ_above (P : Nat → Prop) (h : ∀ n, P n → P (n + 1)) (a : Nat) (ha : P a) :
    ∃ b, b > a ∧ P b := by sorry

/-- hard: pointwise equivalent predicates have equivalent existentials -/
theorem pred_exists_congr (P Q : Nat → Prop) (h : ∀ n, P n ↔ Q n) :
    (∃ n, P n) ↔ (∃ n, Q n) := by sorry

/-- hard: split an existential over a conjunction with a disjunction -/
theorem pred_exists_and_or_split (P Q R : Nat → Prop) :
    (∃ n, P n ∧ (Q n ∨ R n)) → (∃ n, P n ∧ Q n) ∨ (∃ n, P n ∧ R n) := by sorry

/-- medium: two distinct instances of a universal -/
theorem pred_exists_two_distinct (P : Nat → Prop) (h : ∀ n, P n) :
    ∃ a b : Nat, a ≠ b ∧ P a ∧ P b := by sorry

/-- medium: two steps of a rule that adds two -/
theorem pred_step_by_two (P : Nat → Prop) (h : ∀ n, P n → P (n + 2)) (h0 : P 0) :
    ∃ n : Nat, n ≥ 4 ∧ P n := by sorry

/-- easy: a reflexive relation on the diagonal -/
theorem pred_rel_diag (Rel : Nat → Nat → Prop) (h : ∀ x, Rel x x) : Rel 9 9 := by sorry

/-- easy: a number doubled -/
theorem pred_exists_add_self : ∃ n : Nat, n + n = 10 := by sorry

/-- hard: no joint witness means the predicates exclude each other -/
theorem pred_not_exists_and_iff (P Q : Nat → Prop) :
    (¬∃ n, P n ∧ Q n) ↔ ∀ n, P n → ¬Q n := by sorry

/-- hard: two steps along an increasing serial relation -/
theorem pred_rel_increasing_two_steps (Rel : Nat → Nat → Prop) (h : ∀ x, ∃ y, Rel x y ∧ y > x)
    (a : Nat) : ∃ y z, Rel a y ∧ Rel y z ∧ z > a + 1 := by sorry

end Benchmark
