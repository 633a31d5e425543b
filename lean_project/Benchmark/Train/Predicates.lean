namespace Benchmark

/-- easy: instantiate a universal statement -/
theorem pred_forall_apply (P : Nat → Prop) (h : ∀ n, P n) : P 5 := by sorry

/-- easy: give a witness for an existential -/
theorem pred_exists_intro (P : Nat → Prop) (h : P 3) : ∃ n, P n := by sorry

/-- easy: instantiate a universal implication -/
theorem pred_forall_imp_apply (P Q : Nat → Prop) (h : ∀ n, P n → Q n) (a : Nat) (ha : P a) :
    Q a := by sorry

/-- hard: a universal conjunction splits into two universals -/
theorem pred_forall_and_iff (P Q : Nat → Prop) :
    (∀ n, P n ∧ Q n) ↔ (∀ n, P n) ∧ (∀ n, Q n) := by sorry

/-- medium: an existential disjunction gives a disjunction of existentials -/
theorem pred_exists_or (P Q : Nat → Prop) : (∃ n, P n ∨ Q n) → (∃ n, P n) ∨ (∃ n, Q n) := by sorry

/-- medium: drop a conjunct under an existential -/
theorem pred_exists_and_left (P Q : Nat → Prop) : (∃ n, P n ∧ Q n) → ∃ n, P n := by sorry

/-- medium: a disjunction of universals gives a universal disjunction -/
theorem pred_forall_or_of_or (P Q : Nat → Prop) :
    (∀ n, P n) ∨ (∀ n, Q n) → ∀ n, P n ∨ Q n := by sorry

/-- medium: no witness means every instance fails -/
theorem pred_not_exists_forall_not (P : Nat → Prop) : (¬∃ n, P n) → ∀ n, ¬P n := by sorry

/-- hard: a negated existential is a universal negation -/
theorem pred_not_exists_iff (P : Nat → Prop) : (¬∃ n, P n) ↔ ∀ n, ¬P n := by sorry

/-- medium: a counterexample refutes a universal -/
theorem pred_exists_not_not_forall (P : Nat → Prop) : (∃ n, ¬P n) → ¬∀ n, P n := by sorry

/-- hard: a refuted universal has a counterexample, classically -/
theorem pred_not_forall_exists_not (P : Nat → Prop) : (¬∀ n, P n) → ∃ n, ¬P n := by sorry

/-- easy: instantiate a universal relation at two points -/
theorem pred_rel_apply (Rel : Nat → Nat → Prop) (h : ∀ x y, Rel x y) : Rel 2 7 := by sorry

/-- medium: use symmetry of a relation -/
theorem pred_rel_symm (Rel : Nat → Nat → Prop) (hs : ∀ x y, Rel x y → Rel y x) (a b : Nat)
    (h : Rel a b) : Rel b a := by sorry

/-- medium: chain a transitive relation three times -/
theorem pred_rel_trans_chain (Rel : Nat → Nat → Prop) (ht : ∀ x y z, Rel x y → Rel y z → Rel x z)
    (a b c d : Nat) (h1 : Rel a b) (h2 : Rel b c) (h3 : Rel c d) : Rel a d := by sorry

/-- medium: a symmetric transitive relation is reflexive where it relates -/
theorem pred_rel_refl_of_symm_trans (Rel : Nat → Nat → Prop) (hs : ∀ x y, Rel x y → Rel y x)
    (ht : ∀ x y z, Rel x y → Rel y z → Rel x z) (a b : Nat) (h : Rel a b) : Rel a a := by sorry

/-- medium: an exists-forall statement gives a forall-exists statement -/
theorem pred_exists_forall_swap (Rel : Nat → Nat → Prop) :
    (∃ x, ∀ y, Rel x y) → ∀ y, ∃ x, Rel x y := by sorry

/-- medium: two steps of a successor rule -/
theorem pred_succ_two_steps (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) : P 2 := by sorry

/-- medium: three steps of a successor rule, naming each stage -/
theorem pred_succ_three_steps (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) : P 3 := by sorry

/-- hard: induction for an arbitrary predicate -/
theorem pred_induction_all (P : Nat → Prop) (h0 : P 0) (hs : ∀ n, P n → P (n + 1)) :
    ∀ n, P n := by sorry

/-- medium: a witness above a bound -/
theorem pred_exists_gt_five (P : Nat → Prop) (h : ∀ n, P n) : ∃ n : Nat, n > 5 ∧ P n := by sorry

/-- easy: a numeric witness -/
theorem pred_exists_add_eq : ∃ n : Nat, n + 3 = 7 := by sorry

/-- easy: every number is at least zero -/
theorem pred_forall_zero_le : ∀ n : Nat, 0 ≤ n := by sorry

/-- medium: every number has a successor -/
theorem pred_forall_exists_succ : ∀ n : Nat, ∃ m : Nat, m = n + 1 := by sorry

/-- medium: a unique witness -/
theorem pred_unique_witness (P : Nat → Prop) (h : ∀ n, P n → n = 3) (h3 : P 3) :
    ∃ n, P n ∧ ∀ m, P m → m = n := by sorry

/-- medium: chain two universal implications -/
theorem pred_forall_imp_trans (P Q R : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, Q n → R n) :
    ∀ n, P n → R n := by sorry

/-- medium: push an existential through an implication -/
theorem pred_exists_imp (P Q : Nat → Prop) (h : ∀ n, P n → Q n) (he : ∃ n, P n) : ∃ n, Q n := by sorry

/-- hard: a universal disjunction with a constant side, classically -/
theorem pred_forall_or_const_iff (p : Prop) (P : Nat → Prop) :
    (∀ n, p ∨ P n) ↔ p ∨ ∀ n, P n := by sorry

/-- easy: a constant universal over Nat -/
theorem pred_forall_const (p : Prop) : (∀ _n : Nat, p) → p := by sorry

/-- medium: a constant existential over Nat -/
theorem pred_exists_const (p : Prop) : (∃ _n : Nat, p) → p := by sorry

/-- hard: a constant conjunct moves out of an existential -/
theorem pred_exists_and_const_iff (p : Prop) (P : Nat → Prop) :
    (∃ n, p ∧ P n) ↔ p ∧ ∃ n, P n := by sorry

/-- medium: a constant premise moves out of a universal -/
theorem pred_forall_imp_const (p : Prop) (P : Nat → Prop) : (∀ n, p → P n) → p → ∀ n, P n := by sorry

/-- easy: truth holds everywhere -/
theorem pred_forall_true : ∀ n : Nat, True := by sorry

/-- medium: an even number above three -/
theorem pred_exists_even_gt : ∃ n : Nat, n % 2 = 0 ∧ n > 3 := by sorry

/-- hard: a bounded universal checked at each point -/
theorem pred_bounded_three (P : Nat → Prop) (h : ∀ n, n < 3 → P n) : P 0 ∧ P 1 ∧ P 2 := by sorry

/-- medium: a positive successor satisfies a rule for positives -/
theorem pred_forall_pos_succ (P : Nat → Prop) (h : ∀ n, n > 0 → P n) (m : Nat) : P (m + 1) := by sorry

/-- medium: a monotone predicate holds above a point -/
theorem pred_mono_above (P : Nat → Prop) (hmono : ∀ a b : Nat, a ≤ b → P a → P b) (h : P 2)
    (n : Nat) (hn : n ≥ 2) : P n := by sorry

/-- medium: a small witness contradicts a rule for small numbers -/
theorem pred_exists_lt_absurd (P : Nat → Prop) (h : ∃ n, P n ∧ n < 5) (hP : ∀ n, n < 5 → ¬P n) :
    False := by sorry

/-- medium: one failing instance refutes a universal -/
theorem pred_not_forall_of_counter (P : Nat → Prop) (h : ¬P 7) : ¬∀ n, P n := by sorry

/-- medium: an intermediate point of a transitive relation -/
theorem pred_rel_exists_mid (Rel : Nat → Nat → Prop) (ht : ∀ x y z, Rel x y → Rel y z → Rel x z)
    (h : ∃ y, Rel 0 y ∧ Rel y 5) : Rel 0 5 := by sorry

/-- hard: two steps of a serial transitive relation -/
theorem pred_rel_serial_two_steps (Rel : Nat → Nat → Prop) (hser : ∀ x, ∃ y, Rel x y)
    (ht : ∀ x y z, Rel x y → Rel y z → Rel x z) (a : Nat) :
    ∃ w, ∃ y, Rel a y ∧ Rel y w ∧ Rel a w := by sorry

/-- medium: swap the order of two universal quantifiers -/
theorem pred_forall_swap (Rel : Nat → Nat → Prop) : (∀ x y, Rel x y) → ∀ y x, Rel x y := by sorry

/-- hard: distribute a universal conjunction over a disjunction -/
theorem pred_forall_and_or_distrib (P Q R : Nat → Prop) :
    (∀ n, P n ∧ (Q n ∨ R n)) → ∀ n, (P n ∧ Q n) ∨ (P n ∧ R n) := by sorry

/-- medium: a function equation at one point -/
theorem pred_fun_eq_at (f : Nat → Nat) (h : ∀ n, f n = n + 1) : f 3 = 4 := by sorry

/-- medium: a pointwise equivalence used backwards -/
theorem pred_forall_iff_apply (P Q : Nat → Prop) (h : ∀ n, P n ↔ Q n) (hq : Q 4) : P 4 := by sorry

/-- hard: chain two pointwise equivalences -/
theorem pred_forall_iff_trans (P Q R : Nat → Prop) (h1 : ∀ n, P n ↔ Q n) (h2 : ∀ n, Q n ↔ R n) :
    ∀ n, P n ↔ R n := by sorry

/-- easy: a universal has an instance -/
theorem pred_exists_of_forall (P : Nat → Prop) (h : ∀ n, P n) : ∃ n, P n := by sorry

/-- easy: no successor is zero -/
theorem pred_forall_succ_ne_zero : ∀ n : Nat, n + 1 ≠ 0 := by sorry

/-- medium: a bound for two numbers -/
theorem pred_exists_upper_bound (a b : Nat) : ∃ m : Nat, a ≤ m ∧ b ≤ m := by sorry

/-- hard: a witness above any bound feeds a successor rule -/
theorem pred_forall_exists_compose (P Q : Nat → Prop) (h1 : ∀ n, ∃ m, P m ∧ m > n)
    (h2 : ∀ m, P m → Q (m + 1)) : ∀ n, ∃ k, Q k ∧ k > n + 1 := by sorry

end Benchmark
