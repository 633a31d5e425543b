namespace Benchmark.Proofs

/-- medium: disjunction is idempotent -/
theorem conn_or_self (p : Prop) : p ∨ p ↔ p := by
  constructor
  · intro h
    cases h with
    | inl hp => exact hp
    | inr hp => exact hp
  · intro hp
    exact Or.inl hp

/-- easy: use an equivalence forwards -/
theorem conn_iff_mp_apply (p q : Prop) (h : p ↔ q) (hp : p) : q := by
  exact h.mp hp

/-- medium: strengthen the left side of a disjunction -/
theorem conn_or_imp_left (p q r : Prop) (h : p → q) : p ∨ r → q ∨ r := by
  intro hpr
  cases hpr with
  | inl hp =>
    left
    exact h hp
  | inr hr =>
    right
    exact hr

/-- hard: currying is an equivalence -/
theorem conn_curry_iff (p q r : Prop) : (p ∧ q → r) ↔ (p → q → r) := by
  constructor
  · intro h hp hq
    exact h ⟨hp, hq⟩
  · intro h hpq
    obtain ⟨hp, hq⟩ := hpq
    exact h hp hq

/-- medium: a conclusion that follows from a proposition and from its negation -/
theorem conn_by_cases_both (p q : Prop) (h1 : p → q) (h2 : ¬p → q) : q := by
  by_cases hp : p
  · exact h1 hp
  · exact h2 hp

/-- easy: anything implies truth -/
theorem conn_imp_true (p : Prop) : p → True := by
  intro _
  trivial

/-- hard: De Morgan for a negated disjunction -/
theorem conn_de_morgan_or (p q : Prop) : ¬(p ∨ q) ↔ ¬p ∧ ¬q := by
  constructor
  · intro h
    constructor
    · intro hp
      exact h (Or.inl hp)
    · intro hq
      exact h (Or.inr hq)
  · intro h hpq
    cases hpq with
    | inl hp => exact h.1 hp
    | inr hq => exact h.2 hq

end Benchmark.Proofs
