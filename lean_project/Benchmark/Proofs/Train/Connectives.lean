namespace Benchmark.Proofs

/-- easy: the trivially true proposition -/
theorem conn_true_intro : True := by
  trivial

/-- easy: build a conjunction from its parts -/
theorem conn_and_intro (p q : Prop) (hp : p) (hq : q) : p ∧ q := by
  exact ⟨hp, hq⟩

/-- easy: project the left side of a conjunction -/
theorem conn_and_left (p q : Prop) (h : p ∧ q) : p := by
  exact h.1

/-- easy: project the right side of a conjunction by destructuring -/
theorem conn_and_right_of (p q : Prop) (h : p ∧ q) : q := by
  obtain ⟨_, hq⟩ := h
  exact hq

/-- easy: introduce a disjunction on the left -/
theorem conn_or_inl (p q : Prop) (hp : p) : p ∨ q := by
  left
  exact hp

/-- easy: introduce a disjunction on the right -/
theorem conn_or_inr_right (p q : Prop) (hq : q) : p ∨ q := by
  exact Or.inr hq

/-- easy: every proposition implies itself -/
theorem conn_imp_self (p : Prop) : p → p := by
  intro hp
  exact hp

/-- easy: modus ponens -/
theorem conn_modus_ponens (p q : Prop) (hpq : p → q) (hp : p) : q := by
  exact hpq hp

/-- easy: anything follows from a false hypothesis -/
theorem conn_false_elim (p : Prop) (h : False) : p := by
  contradiction

/-- easy: falsity is refutable -/
theorem conn_not_false : ¬False := by
  intro h
  exact h

/-- easy: a proposition and its negation give anything -/
theorem conn_contra (p q : Prop) (hp : p) (hnp : ¬p) : q := by
  exact absurd hp hnp

/-- easy: every proposition is equivalent to itself -/
theorem conn_iff_refl (p : Prop) : p ↔ p := by
  constructor
  · intro h
    exact h
  · intro h
    exact h

/-- easy: a conjunction commutes -/
theorem conn_and_swap (p q : Prop) : p ∧ q → q ∧ p := by
  intro h
  exact ⟨h.2, h.1⟩

/-- medium: a disjunction commutes -/
theorem conn_or_swap (p q : Prop) : p ∨ q → q ∨ p := by
  intro h
  cases h with
  | inl hp =>
    right
    exact hp
  | inr hq =>
    left
    exact hq

/-- easy: chain two implications -/
theorem conn_imp_trans (p q r : Prop) (hpq : p → q) (hqr : q → r) : p → r := by
  intro hp
  exact hqr (hpq hp)

/-- easy: a true proposition is implied by anything -/
theorem conn_const_imp (p q : Prop) : p → q → p := by
  intro hp _
  exact hp

/-- medium: conjunction is associative -/
theorem conn_and_assoc (p q r : Prop) : (p ∧ q) ∧ r ↔ p ∧ (q ∧ r) := by
  constructor
  · intro h
    obtain ⟨⟨hp, hq⟩, hr⟩ := h
    exact ⟨hp, hq, hr⟩
  · intro h
    obtain ⟨hp, hq, hr⟩ := h
    exact ⟨⟨hp, hq⟩, hr⟩

/-- medium: distribute a conjunction over a disjunction (one direction) -/
theorem conn_and_or_distrib (p q r : Prop) : p ∧ (q ∨ r) → (p ∧ q) ∨ (p ∧ r) := by
  intro h
  obtain ⟨hp, hqr⟩ := h
  cases hqr with
  | inl hq => exact Or.inl ⟨hp, hq⟩
  | inr hr => exact Or.inr ⟨hp, hr⟩

/-- hard: a disjunction distributes over a conjunction -/
theorem conn_or_and_distrib_iff (p q r : Prop) : p ∨ (q ∧ r) ↔ (p ∨ q) ∧ (p ∨ r) := by
  constructor
  · intro h
    cases h with
    | inl hp => exact ⟨Or.inl hp, Or.inl hp⟩
    | inr hqr => exact ⟨Or.inr hqr.1, Or.inr hqr.2⟩
  · intro h
    obtain ⟨hpq, hpr⟩ := h
    cases hpq with
    | inl hp => exact Or.inl hp
    | inr hq =>
      cases hpr with
      | inl hp => exact Or.inl hp
      | inr hr => exact Or.inr ⟨hq, hr⟩

/-- medium: modus tollens -/
theorem conn_modus_tollens (p q : Prop) (hpq : p → q) (hnq : ¬q) : ¬p := by
  intro hp
  exact hnq (hpq hp)

/-- medium: an implication gives its contrapositive -/
theorem conn_contrapositive (p q : Prop) : (p → q) → ¬q → ¬p := by
  intro hpq hnq hp
  exact hnq (hpq hp)

/-- medium: a proposition implies its double negation -/
theorem conn_not_not_intro (p : Prop) : p → ¬¬p := by
  intro hp hnp
  exact hnp hp

/-- hard: double negation elimination by cases on the proposition -/
theorem conn_not_not_elim (p : Prop) : ¬¬p → p := by
  intro h
  by_cases hp : p
  · exact hp
  · exfalso
    exact h hp

/-- medium: a refuted disjunction refutes its left side -/
theorem conn_not_or_left (p q : Prop) (h : ¬(p ∨ q)) : ¬p := by
  intro hp
  exact h (Or.inl hp)

/-- medium: one refuted side refutes the conjunction -/
theorem conn_not_and_of_not_or (p q : Prop) : ¬p ∨ ¬q → ¬(p ∧ q) := by
  intro h hpq
  cases h with
  | inl hnp => exact hnp hpq.1
  | inr hnq => exact hnq hpq.2

/-- hard: De Morgan for a negated conjunction, classically -/
theorem conn_not_and_classical (p q : Prop) : ¬(p ∧ q) → ¬p ∨ ¬q := by
  intro h
  by_cases hp : p
  · right
    intro hq
    exact h ⟨hp, hq⟩
  · left
    exact hp

/-- medium: curry a conjunctive hypothesis -/
theorem conn_curry (p q r : Prop) : (p ∧ q → r) → p → q → r := by
  intro h hp hq
  exact h ⟨hp, hq⟩

/-- medium: uncurry a two-premise implication -/
theorem conn_uncurry (p q r : Prop) : (p → q → r) → p ∧ q → r := by
  intro h hpq
  exact h hpq.1 hpq.2

/-- medium: split an implication into a conjunction -/
theorem conn_imp_and (p q r : Prop) : (p → q ∧ r) → (p → q) ∧ (p → r) := by
  intro h
  constructor
  · intro hp
    exact (h hp).1
  · intro hp
    exact (h hp).2

/-- medium: an implication from a disjunction splits -/
theorem conn_or_imp (p q r : Prop) : (p ∨ q → r) → (p → r) ∧ (q → r) := by
  intro h
  constructor
  · intro hp
    exact h (Or.inl hp)
  · intro hq
    exact h (Or.inr hq)

/-- hard: an implication from a disjunction is a pair of implications -/
theorem conn_or_imp_iff (p q r : Prop) : (p ∨ q → r) ↔ (p → r) ∧ (q → r) := by
  constructor
  · intro h
    refine ⟨?_, ?_⟩
    · intro hp
      exact h (Or.inl hp)
    · intro hq
      exact h (Or.inr hq)
  · intro h hpq
    cases hpq with
    | inl hp => exact h.1 hp
    | inr hq => exact h.2 hq

/-- medium: proof by cases on a disjunction -/
theorem conn_or_elim (p q r : Prop) (h : p ∨ q) (hpr : p → r) (hqr : q → r) : r := by
  cases h with
  | inl hp => exact hpr hp
  | inr hq => exact hqr hq

/-- easy: an equivalence is symmetric -/
theorem conn_iff_symm (p q : Prop) (h : p ↔ q) : q ↔ p := by
  exact ⟨h.mpr, h.mp⟩

/-- medium: chain two equivalences -/
theorem conn_iff_trans (p q r : Prop) (h1 : p ↔ q) (h2 : q ↔ r) : p ↔ r := by
  constructor
  · intro hp
    exact h2.mp (h1.mp hp)
  · intro hr
    exact h1.mpr (h2.mpr hr)

/-- hard: Peirce's law, classically -/
theorem conn_peirce (p q : Prop) : ((p → q) → p) → p := by
  intro h
  by_cases hp : p
  · exact hp
  · apply h
    intro hp'
    exact absurd hp' hp

/-- medium: conjunction is idempotent -/
theorem conn_and_self (p : Prop) : p ∧ p ↔ p := by
  constructor
  · intro h
    exact h.1
  · intro hp
    exact ⟨hp, hp⟩

/-- easy: conjunction with truth -/
theorem conn_and_true (p : Prop) : p ∧ True ↔ p := by
  constructor
  · intro h
    exact h.1
  · intro hp
    exact ⟨hp, trivial⟩

/-- medium: disjunction with falsity -/
theorem conn_or_false (p : Prop) : p ∨ False ↔ p := by
  constructor
  · intro h
    cases h with
    | inl hp => exact hp
    | inr hf => exact False.elim hf
  · intro hp
    exact Or.inl hp

/-- medium: equivalent propositions have equivalent negations -/
theorem conn_not_iff_not (p q : Prop) (h : p ↔ q) : ¬p ↔ ¬q := by
  constructor
  · intro hnp hq
    exact hnp (h.mpr hq)
  · intro hnq hp
    exact hnq (h.mp hp)

/-- medium: a self-refuting proposition is false -/
theorem conn_imp_not_self (p : Prop) : (p → ¬p) → ¬p := by
  intro h hp
  exact h hp hp

/-- hard: three implications in a cycle make all three equivalent -/
theorem conn_imp_cycle (p q r : Prop) (h1 : p → q) (h2 : q → r) (h3 : r → p) :
    (p ↔ q) ∧ (q ↔ r) := by
  constructor
  · constructor
    · exact h1
    · intro hq
      exact h3 (h2 hq)
  · constructor
    · exact h2
    · intro hr
      exact h1 (h3 hr)

/-- medium: strengthen the left side of a conjunction -/
theorem conn_and_imp_left (p q r : Prop) (h : p → q) : p ∧ r → q ∧ r := by
  intro hpr
  exact ⟨h hpr.1, hpr.2⟩

/-- hard: a refuted implication, classically -/
theorem conn_not_imp_classical (p q : Prop) : ¬(p → q) → p ∧ ¬q := by
  intro h
  by_cases hp : p
  · constructor
    · exact hp
    · intro hq
      have himp : p → q := by
        intro _
        exact hq
      exact h himp
  · exfalso
    have himp : p → q := by
      intro hp'
      exact absurd hp' hp
    exact h himp

/-- easy: an implication from truth -/
theorem conn_true_imp (p : Prop) (h : True → p) : p := by
  exact h trivial

/-- medium: no proposition holds together with its negation -/
theorem conn_not_and_self (p : Prop) : ¬(p ∧ ¬p) := by
  intro h
  exact h.2 h.1

/-- medium: a conjunction gives a disjunction -/
theorem conn_or_of_and (p q : Prop) (h : p ∧ q) : p ∨ q := by
  left
  exact h.1

/-- hard: conjunction distributes over a disjunction on the right -/
theorem conn_or_and_right_iff (p q r : Prop) : (p ∨ q) ∧ r ↔ (p ∧ r) ∨ (q ∧ r) := by
  constructor
  · intro h
    obtain ⟨hpq, hr⟩ := h
    cases hpq with
    | inl hp => exact Or.inl ⟨hp, hr⟩
    | inr hq => exact Or.inr ⟨hq, hr⟩
  · intro h
    cases h with
    | inl hpr => exact ⟨Or.inl hpr.1, hpr.2⟩
    | inr hqr => exact ⟨Or.inr hqr.1, hqr.2⟩

/-- medium: a triple negation reduces to a single one -/
theorem conn_not_not_not (p : Prop) : ¬¬¬p → ¬p := by
  intro h hp
  have hnn : ¬¬p := by
    intro hnp
    exact hnp hp
  exact h hnn

/-- medium: absorption of a disjunction into a conjunction -/
theorem conn_and_or_absorb (p q : Prop) : p ∧ (p ∨ q) ↔ p := by
  constructor
  · intro h
    exact h.1
  · intro hp
    exact ⟨hp, Or.inl hp⟩

/-- hard: an equivalence means both hold or neither does -/
theorem conn_iff_both_or_neither (p q : Prop) : (p ↔ q) → (p ∧ q) ∨ (¬p ∧ ¬q) := by
  intro h
  by_cases hp : p
  · left
    exact ⟨hp, h.mp hp⟩
  · right
    constructor
    · exact hp
    · intro hq
      exact hp (h.mpr hq)

/-- medium: map both sides of a conjunction -/
theorem conn_and_imp_and (p q r s : Prop) (hpr : p → r) (hqs : q → s) : p ∧ q → r ∧ s := by
  intro h
  obtain ⟨hp, hq⟩ := h
  exact ⟨hpr hp, hqs hq⟩

/-- hard: the destructive dilemma -/
theorem conn_destructive_dilemma (p q r s : Prop) (h1 : p → r) (h2 : q → s) (h3 : ¬r ∨ ¬s) :
    ¬p ∨ ¬q := by
  cases h3 with
  | inl hnr =>
    left
    intro hp
    exact hnr (h1 hp)
  | inr hns =>
    right
    intro hq
    exact hns (h2 hq)

/-- medium: swap the premises of a curried implication -/
theorem conn_imp_imp_swap (p q r : Prop) : (p → q → r) → q → p → r := by
  intro h hq hp
  exact h hp hq

/-- easy: falsity implies anything -/
theorem conn_false_imp (p : Prop) : False → p := by
  intro h
  contradiction

/-- medium: follow a chain of three implications backwards -/
theorem conn_imp_chain_apply (p q r s : Prop) (h1 : p → q) (h2 : q → r) (h3 : r → s) (hp : p) :
    s := by
  apply h3
  apply h2
  apply h1
  exact hp

end Benchmark.Proofs
