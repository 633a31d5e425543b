namespace Benchmark.Proofs

/-- hard: the drinker principle, classically -/
theorem pred_drinker (P : Nat → Prop) : ∃ x, (P x → ∀ y, P y) := by
  by_cases hall : ∀ y, P y
  · refine ⟨0, ?_⟩
    intro _
    exact hall
  · by_cases he : ∃ x, ¬P x
    · obtain ⟨x, hx⟩ := he
      refine ⟨x, ?_⟩
      intro hpx
      exact absurd hpx hx
    · exfalso
      have hall' : ∀ y, P y := by
        intro y
        by_cases hy : P y
        · exact hy
        · exfalso
          exact he ⟨y, hy⟩
      exact hall hall'

/-- medium: a conclusion from both a predicate and its negation -/
theorem pred_forall_by_cases (P Q : Nat → Prop) (h1 : ∀ n, P n → Q n) (h2 : ∀ n, ¬P n → Q n) :
    ∀ n, Q n := by
  intro n
  by_cases hp : P n
  · exact h1 n hp
  · exact h2 n hp

/-- medium: every number is even or odd -/
theorem pred_mod_two_cases : ∀ n : Nat, n % 2 = 0 ∨ n % 2 = 1 := by
  intro n
  omega

/-- medium: a predicate with at most one witness -/
theorem pred_unique_value (P : Nat → Prop) (huniq : ∀ a b, P a → P b → a = b) (h1 : P 2) (n : Nat)
    (h2 : P n) : n = 2 := by
  exact huniq n 2 h2 h1

/-- medium: no number is below zero -/
theorem pred_no_exists_lt_zero : ¬∃ n : Nat, n < 0 := by
  intro h
  obtain ⟨n, hn⟩ := h
  omega

/-- medium: a successor rule gives a larger witness -/
theorem pred_exists_succ_above (P : Nat → Prop) (h : ∀ n, P n → P (n + 1)) (a : Nat) (ha : P a) :
    ∃ b, b > a ∧ P b := by
  exact ⟨a + 1, Nat.lt_succ_self a, h a ha⟩

/-- hard: pointwise equivalent predicates have equivalent existentials -/
theorem pred_exists_congr (P Q : Nat → Prop) (h : ∀ n, P n ↔ Q n) :
    (∃ n, P n) ↔ (∃ n, Q n) := by
  constructor
  · intro hp
    obtain ⟨n, hn⟩ := hp
    exact ⟨n, (h n).mp hn⟩
  · intro hq
    obtain ⟨n, hn⟩ := hq
    exact ⟨n, (h n).mpr hn⟩

/-- hard: split an existential over a conjunction with a disjunction -/
theorem pred_exists_and_or_split (P Q R : Nat → Prop) :
    (∃ n, P n ∧ (Q n ∨ R n)) → (∃ n, P n ∧ Q n) ∨ (∃ n, P n ∧ R n) := by
  intro h
  rcases h with ⟨n, hp, hq | hr⟩
  · left
    exact ⟨n, hp, hq⟩
  · right
    exact ⟨n, hp, hr⟩

/-- medium: two distinct instances of a universal -/
theorem pred_exists_two_distinct (P : Nat → Prop) (h : ∀ n, P n) :
    ∃ a b : Nat, a ≠ b ∧ P a ∧ P b := by
  refine ⟨0, 1, ?_, h 0, h 1⟩
  decide

/-- medium: two steps of a rule that adds two -/
theorem pred_step_by_two (P : Nat → Prop) (h : ∀ n, P n → P (n + 2)) (h0 : P 0) :
    ∃ n : Nat, n ≥ 4 ∧ P n := by
  have h2 : P 2 := h 0 h0
  have h4 : P 4 := h 2 h2
  exact ⟨4, Nat.le_refl 4, h4⟩

/-- easy: a reflexive relation on the diagonal -/
theorem pred_rel_diag (Rel : Nat → Nat → Prop) (h : ∀ x, Rel x x) : Rel 9 9 := by
  exact h 9

/-- easy: a number doubled -/
theorem pred_exists_add_self : ∃ n : Nat, n + n = 10 := by
  exact ⟨5, rfl⟩

/-- hard: no joint witness means the predicates exclude each other -/
theorem pred_not_exists_and_iff (P Q : Nat → Prop) :
    (¬∃ n, P n ∧ Q n) ↔ ∀ n, P n → ¬Q n := by
  constructor
  · intro h n hp hq
    exact h ⟨n, hp, hq⟩
  · intro h he
    obtain ⟨n, hp, hq⟩ := he
    exact h n hp hq

/-- hard: two steps along an increasing serial relation -/
theorem pred_rel_increasing_two_steps (Rel : Nat → Nat → Prop) (h : ∀ x, ∃ y, Rel x y ∧ y > x)
    (a : Nat) : ∃ y z, Rel a y ∧ Rel y z ∧ z > a + 1 := by
  obtain ⟨y, hy, hya⟩ := h a
  obtain ⟨z, hz, hzy⟩ := h y
  refine ⟨y, z, hy, hz, ?_⟩
  omega

end Benchmark.Proofs
