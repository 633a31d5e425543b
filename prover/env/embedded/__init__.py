"""A pure-Python proof kernel for a fragment of Lean 4 core (Nat arithmetic and propositional logic).

Goals print as Lean 4's `ppGoal` does; tactics follow Lean 4 core semantics. Every decision the kernel
cannot make with certainty (whether `rw`'s closing `rfl` succeeds, whether `exists`'s `trivial` closes
the goal, what `simp only`'s simprocs do to a relation) is rejected with an
`embedded: ... is not supported` error, so that accepted proofs compile in real Lean.

Modules: `terms` (locally nameless AST), `syntax` (tokenizer, Pratt parser), `elab` (surface syntax to
terms, statements), `pretty` (delaborator/parenthesizer), `goals` (immutable goals, ppGoal layout),
`defeq` (three-valued definitional equality), `lemmas` (core lemma table with sources), `proofs`
(proof-term elaboration), `tactics`/`structural`/`rewrite`/`simp` (tactics), `decide` (closed
evaluation, translation to `arith`), `script` (Lean layout, `·`, `case`, `next`, `<;>`, `;`,
`try`, `all_goals`, `have ... := by`), `env` (the `Environment` backend).

Tactics: intro intros rintro exact refine apply assumption constructor left right exfalso
contradiction trivial rfl decide omega cases rcases obtain induction exists show have rw rewrite
`simp only` by_cases rename_i try all_goals, and the structured `cases/induction ... with | ...`.
"""

from prover.env.embedded.env import EmbeddedEnv, parse_statement

__all__ = ["EmbeddedEnv", "parse_statement"]
