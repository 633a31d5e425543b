namespace Benchmark

/-- medium: disjunction is idempotent -/
theorem conn_or_self (p : Prop) : p ∨ p ↔ p := by sorry

/-- easy: use an equivalence forwards -/
theorem conn_iff_mp_apply (p q : Prop) (h : p ↔ q) (hp : p) : q := by sorry

/-- medium: strengthen the left side of a disjunction -/
theorem conn_or_imp_left (p q r : Prop) (h : p → q) : p ∨ r → q ∨ r := by sorry

/-- hard: currying is an equivalence -/
theorem conn_curry_iff (p q r : Prop) : (p ∧ q → r) ↔ (p → q → r) := by sorry

/-- medium: a conclusion that follows from a proposition and from its negation -/
theorem conn_by_cases_both (p q : Prop) (h1 : p → q) (h2 : ¬p → q) : q := by sorry

/-- easy: anything implies truth -/
theorem conn_imp_true (p : Prop) : p → True := by sorry

/-- hard: De Morgan for a negated disjunction -/
theorem conn_de_morgan_or (p q : Prop) : ¬(p ∨ q) ↔ ¬p ∧ ¬q := by sorry

end Benchmark
