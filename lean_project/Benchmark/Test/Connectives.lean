namespace Benchmark

/-- hard: disjunction is associative -/
theorem conn_or_assoc (p q r : Prop) : (p ∨ q) ∨ r ↔ p ∨ (q ∨ r) := by sorry

/-- hard: conjunction distributes over disjunction -/
theorem conn_and_or_distrib_iff (p q r : Prop) : p ∧ (q ∨ r) ↔ (p ∧ q) ∨ (p ∧ r) := by sorry

/-- hard: an implication as a disjunction, classically -/
theorem conn_imp_to_not_or (p q : Prop) : (p → q) → ¬p ∨ q := by sorry

/-- hard: implication is equivalent to a disjunction, classically -/
theorem conn_imp_iff_not_or (p q : Prop) : (p → q) ↔ ¬p ∨ q := by sorry

/-- medium: proof by cases on a three-way disjunction -/
theorem conn_three_cases (p q r s : Prop) (h : p ∨ q ∨ r) (hp : p → s) (hq : q → s) (hr : r → s) :
    s := by sorry

/-- easy: an equivalence gives both implications -/
theorem conn_iff_to_imps (p q : Prop) (h : p ↔ q) : (p → q) ∧ (q → p) := by sorry

/-- hard: exclusive or as an equivalence with a negation -/
theorem conn_xor_iff_not (p q : Prop) (h1 : p ∨ q) (h2 : ¬(p ∧ q)) : p ↔ ¬q := by sorry

/-- medium: absorption of a conjunction into a disjunction -/
theorem conn_or_and_absorb (p q : Prop) : p ∨ (p ∧ q) ↔ p := by sorry

/-- easy: a proved conclusion ignores its premise -/
theorem conn_imp_of_conclusion (p q : Prop) (hq : q) : p → q := by sorry

/-- medium: map both sides of a disjunction -/
theorem conn_or_imp_or (p q r s : Prop) (hpr : p → r) (hqs : q → s) : p ∨ q → r ∨ s := by sorry

/-- hard: an equivalence with a negation can be flipped, classically -/
theorem conn_iff_not_flip (p q : Prop) : (p ↔ ¬q) → (q ↔ ¬p) := by sorry

/-- hard: a disjunction as an implication from a negation, classically -/
theorem conn_or_iff_not_imp (p q : Prop) : p ∨ q ↔ (¬p → q) := by sorry

/-- hard: replace a conjunct by an equivalent one under a guard -/
theorem conn_and_congr_guarded (p q r : Prop) (h : r → (p ↔ q)) : r ∧ p ↔ r ∧ q := by sorry

/-- easy: two true propositions are equivalent -/
theorem conn_iff_of_both (p q : Prop) (hp : p) (hq : q) : p ↔ q := by sorry

/-- medium: conjunction commutes as an equivalence -/
theorem conn_and_comm_iff (p q : Prop) : p ∧ q ↔ q ∧ p := by sorry

end Benchmark
