namespace Benchmark.Proofs

/-- hard: an existential distributes over a disjunction -/
theorem pred_exists_or_iff (P Q : Nat → Prop) :
    (∃ n, P n ∨ Q n) ↔ (∃ n, P n) ∨ (∃ n, Q n) := by
  constructor
  · intro h
    obtain ⟨n, hp | hq⟩ := h
    · exact Or.inl ⟨n, hp⟩
    · exact Or.inr ⟨n, hq⟩
  · intro h
    cases h with
    | inl hp =>
      obtain ⟨n, hn⟩ := hp
      exact ⟨n, Or.inl hn⟩
    | inr hq =>
      obtain ⟨n, hn⟩ := hq
      exact ⟨n, Or.inr hn⟩

/-- medium: a constant premise commutes with a universal -/
theorem pred_forall_imp_const_iff (p : Prop) (P : Nat → Prop) :
    (∀ n, p → P n) ↔ (p → ∀ n, P n) := by
  constructor
  · intro h hp n
    exact h n hp
  · intro h n hp
    exact h hp n

/-- medium: a function value above a bound -/
theorem pred_fun_exists_ge (f : Nat → Nat) (h : ∀ n, f n ≥ n) : ∃ m : Nat, f m ≥ 10 := by
  exact ⟨10, h 10⟩

/-- medium: a universal gives universal double negations -/
theorem pred_forall_not_not (P : Nat → Prop) (h : ∀ n, P n) : ∀ n, ¬¬P n := by
  intro n hn
  exact hn (h n)

/-- medium: a reflexive relation relates some pair both ways -/
theorem pred_exists_pair_rel (Rel : Nat → Nat → Prop) (hr : ∀ x, Rel x x) :
    ∃ x y, Rel x y ∧ Rel y x := by
  exact ⟨0, 0, hr 0, hr 0⟩

/-- medium: any two numbers are ordered one way or the other -/
theorem pred_forall_lt_or_ge : ∀ a b : Nat, a < b ∨ b ≤ a := by
  intro a b
  by_cases h : a < b
  · exact Or.inl h
  · right
    omega

/-- easy: a rule guarded by an equation -/
theorem pred_guarded_instance (P : Nat → Prop) (h : ∀ n, n = 2 → P n) : P 2 := by
  exact h 2 rfl

end Benchmark.Proofs
