namespace Benchmark.Proofs

/-- hard: disjunction is associative -/
theorem conn_or_assoc (p q r : Prop) : (p ∨ q) ∨ r ↔ p ∨ (q ∨ r) := by
  constructor
  · intro h
    cases h with
    | inl hpq =>
      cases hpq with
      | inl hp => exact Or.inl hp
      | inr hq => exact Or.inr (Or.inl hq)
    | inr hr => exact Or.inr (Or.inr hr)
  · intro h
    rcases h with hp | hq | hr
    · exact Or.inl (Or.inl hp)
    · exact Or.inl (Or.inr hq)
    · exact Or.inr hr

/-- hard: conjunction distributes over disjunction -/
theorem conn_and_or_distrib_iff (p q r : Prop) : p ∧ (q ∨ r) ↔ (p ∧ q) ∨ (p ∧ r) := by
  constructor
  · rintro ⟨hp, hq | hr⟩
    · left
      exact ⟨hp, hq⟩
    · right
      exact ⟨hp, hr⟩
  · intro h
    cases h with
    | inl hpq => exact ⟨hpq.1, Or.inl hpq.2⟩
    | inr hpr => exact ⟨hpr.1, Or.inr hpr.2⟩

/-- hard: an implication as a disjunction, classically -/
theorem conn_imp_to_not_or (p q : Prop) : (p → q) → ¬p ∨ q := by
  intro h
  by_cases hp : p
  · right
    exact h hp
  · left
    exact hp

/-- hard: implication is equivalent to a disjunction, classically -/
theorem conn_imp_iff_not_or (p q : Prop) : (p → q) ↔ ¬p ∨ q := by
  constructor
  · intro h
    by_cases hp : p
    · exact Or.inr (h hp)
    · exact Or.inl hp
  · intro h hp
    cases h with
    | inl hnp => exact absurd hp hnp
    | inr hq => exact hq

/-- medium: proof by cases on a three-way disjunction -/
theorem conn_three_cases (p q r s : Prop) (h : p ∨ q ∨ r) (hp : p → s) (hq : q → s) (hr : r → s) :
    s := by
  rcases h with h1 | h2 | h3
  · exact hp h1
  · exact hq h2
  · exact hr h3

/-- easy: an equivalence gives both implications -/
theorem conn_iff_to_imps (p q : Prop) (h : p ↔ q) : (p → q) ∧ (q → p) := by
  exact ⟨h.mp, h.mpr⟩

/-- hard: exclusive or as an equivalence with a negation -/
theorem conn_xor_iff_not (p q : Prop) (h1 : p ∨ q) (h2 : ¬(p ∧ q)) : p ↔ ¬q := by
  constructor
  · intro hp hq
    exact h2 ⟨hp, hq⟩
  · intro hnq
    cases h1 with
    | inl hp => exact hp
    | inr hq => exact absurd hq hnq

/-- medium: absorption of a conjunction into a disjunction -/
theorem conn_or_and_absorb (p q : Prop) : p ∨ (p ∧ q) ↔ p := by
  constructor
  · intro h
    cases h with
    | inl hp => exact hp
    | inr hpq => exact hpq.1
  · intro hp
    exact Or.inl hp

/-- easy: a proved conclusion ignores its premise -/
theorem conn_imp_of_conclusion (p q : Prop) (hq : q) : p → q := by
  intro _
  exact hq

/-- medium: map both sides of a disjunction -/
theorem conn_or_imp_or (p q r s : Prop) (hpr : p → r) (hqs : q → s) : p ∨ q → r ∨ s := by
  intro h
  cases h with
  | inl hp => exact Or.inl (hpr hp)
  | inr hq => exact Or.inr (hqs hq)

/-- hard: an equivalence with a negation can be flipped, classically -/
theorem conn_iff_not_flip (p q : Prop) : (p ↔ ¬q) → (q ↔ ¬p) := by
  intro h
  constructor
  · intro hq hp
    exact h.mp hp hq
  · intro hnp
    by_cases hq : q
    · exact hq
    · exfalso
      exact hnp (h.mpr hq)

/-- hard: a disjunction as an implication from a negation, classically -/
theorem conn_or_iff_not_imp (p q : Prop) : p ∨ q ↔ (¬p → q) := by
  constructor
  · intro h hnp
    cases h with
    | inl hp => exact absurd hp hnp
    | inr hq => exact hq
  · intro h
    by_cases hp : p
    · exact Or.inl hp
    · exact Or.inr (h hp)

/-- hard: replace a conjunct by an equivalent one under a guard -/
theorem conn_and_congr_guarded (p q r : Prop) (h : r → (p ↔ q)) : r ∧ p ↔ r ∧ q := by
  constructor
  · intro hrp
    obtain ⟨hr, hp⟩ := hrp
    exact ⟨hr, (h hr).mp hp⟩
  · intro hrq
    obtain ⟨hr, hq⟩ := hrq
    exact ⟨hr, (h hr).mpr hq⟩

/-- easy: two true propositions are equivalent -/
theorem conn_iff_of_both (p q : Prop) (hp : p) (hq : q) : p ↔ q := by
  constructor
  · intro _
    exact hq
  · intro _
    exact hp

/-- medium: conjunction commutes as an equivalence -/
theorem conn_and_comm_iff (p q : Prop) : p ∧ q ↔ q ∧ p := by
  constructor
  · intro h
    exact ⟨h.2, h.1⟩
  · intro h
    exact ⟨h.2, h.1⟩

end Benchmark.Proofs
