namespace Benchmark

/-- easy: the trivially true proposition -/
theorem conn_true_intro : True := by sorry

/-- easy: build a conjunction from its parts -/
theorem conn_and_intro (p q : Prop) (hp : p) (hq : q) : p ∧ q := by sorry

/-- easy: project the left side of a conjunction -/
theorem conn_and_left (p q : Prop) (h : p ∧ q) : p := by sorry

/-- easy: project the right side of a conjunction by destructuring -/
theorem conn_and_right_of (p q : Prop) (h : p ∧ q) : q := by sorry

/-- easy: introduce a disjunction on the left -/
theorem conn_or_inl (p q : Prop) (hp : p) : p ∨ q := by sorry

/-- easy: introduce a disjunction on the right -/
theorem conn_or_inr_right (p q : Prop) (hq : q) : p ∨ q := by sorry

/-- easy: every proposition implies itself -/
theorem conn_imp_self (p : Prop) : p → p := by sorry

/-- easy: modus ponens -/
theorem conn_modus_ponens (p q : Prop) (hpq : p → q) (hp : p) : q := by sorry

/-- easy: anything follows from a false hypothesis -/
theorem conn_false_elim (p : Prop) (h : False) : p := by sorry

/-- easy: falsity is refutable -/
theorem conn_not_false : ¬False := by sorry

/-- easy: a proposition and its negation give anything -/
theorem conn_contra (p q : Prop) (hp : p) (hnp : ¬p) : q := by sorry

/-- easy: every proposition is equivalent to itself -/
theorem conn_iff_refl (p : Prop) : p ↔ p := by sorry

/-- easy: a conjunction commutes -/
theorem conn_and_swap (p q : Prop) : p ∧ q → q ∧ p := by sorry

/-- medium: a disjunction commutes -/
theorem conn_or_swap (p q : Prop) : p ∨ q → q ∨ p := by sorry

/-- easy: chain two implications -/
theorem conn_imp_trans (p q r : Prop) (hpq : p → q) (hqr : q → r) : p → r := by sorry

/-- easy: a true proposition is implied by anything -/
theorem conn_const_imp (p q : Prop) : p → q → p := by sorry

/-- medium: conjunction is associative -/
theorem conn_and_assoc (p q r : Prop) : (p ∧ q) ∧ r ↔ p ∧ (q ∧ r) := by sorry

/-- medium: distribute a conjunction over a disjunction (one direction) -/
theorem conn_and_or_distrib (p q r : Prop) : p ∧ (q ∨ r) → (p ∧ q) ∨ (p ∧ r) := by sorry

/-- hard: a disjunction distributes over a conjunction -/
theorem conn_or_and_distrib_iff (p q r : Prop) : p ∨ (q ∧ r) ↔ (p ∨ q) ∧ (p ∨ r) := by sorry

/-- medium: modus tollens -/
theorem conn_modus_tollens (p q : Prop) (hpq : p → q) (hnq : ¬q) : ¬p := by sorry

/-- medium: an implication gives its contrapositive -/
theorem conn_contrapositive (p q : Prop) : (p → q) → ¬q → ¬p := by sorry

/-- medium: a proposition implies its double negation -/
theorem conn_not_not_intro (p : Prop) : p → ¬¬p := by sorry

/-- hard: double negation elimination by cases on the proposition -/
theorem conn_not_not_elim (p : Prop) : ¬¬p → p := by sorry

/-- medium: a refuted disjunction refutes its left side -/
theorem conn_not_or_left (p q : Prop) (h : ¬(p ∨ q)) : ¬p := by sorry

/-- medium: one refuted side refutes the conjunction -/
theorem conn_not_and_of_not_or (p q : Prop) : ¬p ∨ ¬q → ¬(p ∧ q) := by sorry

/-- hard: De Morgan for a negated conjunction, classically -/
theorem conn_not_and_classical (p q : Prop) : ¬(p ∧ q) → ¬p ∨ ¬q := by sorry

/-- medium: curry a conjunctive hypothesis -/
theorem conn_curry (p q r : Prop) : (p ∧ q → r) → p → q → r := by sorry

/-- medium: uncurry a two-premise implication -/
theorem conn_uncurry (p q r : Prop) : (p → q → r) → p ∧ q → r := by sorry

/-- medium: split an implication into a conjunction -/
theorem conn_imp_and (p q r : Prop) : (p → q ∧ r) → (p → q) ∧ (p → r) := by sorry

/-- medium: an implication from a disjunction splits -/
theorem conn_or_imp (p q r : Prop) : (p ∨ q → r) → (p → r) ∧ (q → r) := by sorry

/-- hard: an implication from a disjunction is a pair of implications -/
theorem conn_or_imp_iff (p q r : Prop) : (p ∨ q → r) ↔ (p → r) ∧ (q → r) := by sorry

/-- medium: proof by cases on a disjunction -/
theorem conn_or_elim (p q r : Prop) (h : p ∨ q) (hpr : p → r) (hqr : q → r) : r := by sorry

/-- easy: an equivalence is symmetric -/
theorem conn_iff_symm (p q : Prop) (h : p ↔ q) : q ↔ p := by sorry

/-- medium: chain two equivalences -/
theorem conn_iff_trans (p q r : Prop) (h1 : p ↔ q) (h2 : q ↔ r) : p ↔ r := by sorry

/-- hard: Peirce's law, classically -/
theorem conn_peirce (p q : Prop) : ((p → q) → p) → p := by sorry

/-- medium: conjunction is idempotent -/
theorem conn_and_self (p : Prop) : p ∧ p ↔ p := by sorry

/-- easy: conjunction with truth -/
theorem conn_and_true (p : Prop) : p ∧ True ↔ p := by sorry

/-- medium: disjunction with falsity -/
theorem conn_or_false (p : Prop) : p ∨ False ↔ p := by sorry

/-- medium: equivalent propositions have equivalent negations -/
theorem conn_not_iff_not (p q : Prop) (h : p ↔ q) : ¬p ↔ ¬q := by sorry

/-- medium: a self-refuting proposition is false -/
theorem conn_imp_not_self (p : Prop) : (p → ¬p) → ¬p := by sorry

/-- hard: three implications in a cycle make all three equivalent -/
theorem conn_imp_cycle (p q r : Prop) (h1 : p → q) (h2 : q → r) (h3 : r → p) :
    (p ↔ q) ∧ (q ↔ r) := by sorry

/-- medium: strengthen the left side of a conjunction -/
theorem conn_and_imp_left (p q r : Prop) (h : p → q) : p ∧ r → q ∧ r := by sorry

/-- hard: a refuted implication, classically -/
theorem conn_not_imp_classical (p q : Prop) : ¬(p → q) → p ∧ ¬q := by sorry

/-- easy: an implication from truth -/
theorem conn_true_imp (p : Prop) (h : True → p) : p := by sorry

/-- medium: no proposition holds together with its negation -/
theorem conn_not_and_self (p : Prop) : ¬(p ∧ ¬p) := by sorry

/-- medium: a conjunction gives a disjunction -/
theorem conn_or_of_and (p q : Prop) (h : p ∧ q) : p ∨ q := by sorry

/-- hard: conjunction distributes over a disjunction on the right -/
theorem conn_or_and_right_iff (p q r : Prop) : (p ∨ q) ∧ r ↔ (p ∧ r) ∨ (q ∧ r) := by sorry

/-- medium: a triple negation reduces to a single one -/
theorem conn_not_not_not (p : Prop) : ¬¬¬p → ¬p := by sorry

/-- medium: absorption of a disjunction into a conjunction -/
theorem conn_and_or_absorb (p q : Prop) : p ∧ (p ∨ q) ↔ p := by sorry

/-- hard: an equivalence means both hold or neither does -/
theorem conn_iff_both_or_neither (p q : Prop) : (p ↔ q) → (p ∧ q) ∨ (¬p ∧ ¬q) := by sorry

/-- medium: map both sides of a conjunction -/
theorem conn_and_imp_and (p q r s : Prop) (hpr : p → r) (hqs : q → s) : p ∧ q → r ∧ s := by sorry

/-- hard: the destructive dilemma -/
theorem conn_destructive_dilemma (p q r s : Prop) (h1 : p → r) (h2 : q → s) (h3 : ¬r ∨ ¬s) :
    ¬p ∨ ¬q := by sorry

/-- medium: swap the premises of a curried implication -/
theorem conn_imp_imp_swap (p q r : Prop) : (p → q → r) → q → p → r := by sorry

/-- easy: falsity implies anything -/
theorem conn_false_imp (p : Prop) : False → p := by sorry

/-- medium: follow a chain of three implications backwards -/
theorem conn_imp_chain_apply (p q r s : Prop) (h1 : p → q) (h2 : q → r) (h3 : r → s) (hp : p) :
    s := by sorry

end Benchmark
