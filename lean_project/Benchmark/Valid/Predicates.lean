namespace Benchmark

/-- hard: an existential distributes over a disjunction -/
theorem pred_exists_or_iff (P Q : Nat → Prop) :
    (∃ n, P n ∨ Q n) ↔ (∃ n, P n) ∨ (∃ n, Q n) := by sorry

/-- medium: a constant premise commutes with a universal -/
theorem pred_forall_imp_const_iff (p : Prop) (P : Nat → Prop) :
    (∀ n, p → P n) ↔ (p → ∀ n, P n) := by sorry

/-- medium: a function value above a bound -/
theorem pred_fun_exists_ge (f : Nat → Nat) (h : ∀ n, f n ≥ n) : ∃ m : Nat, f m ≥ 10 := by sorry

/-- medium: a universal gives universal double negations -/
theorem pred_forall_not_not (P : Nat → Prop) (h : ∀ n, P n) : ∀ n, ¬¬P n := by sorry

/-- medium: a reflexive relation relates some pair both ways -/
theorem pred_exists_pair_rel (Rel : Nat → Nat → Prop) (hr : ∀ x, Rel x x) :
    ∃ x y, Rel x y ∧ Rel y x := by sorry

/-- medium: any two numbers are ordered one way or the other -/
theorem pred_forall_lt_or_ge : ∀ a b : Nat, a < b ∨ b ≤ a := by sorry

/-- easy: a rule guarded by an equation -/
theorem pred_guarded_instance (P : Nat → Prop) (h : ∀ n, n = 2 → P n) : P 2 := by sorry

end Benchmark
