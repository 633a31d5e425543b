"""The tactic memory: similarity ranking, renaming of local names, persistence."""

from prover.policy.memory import TacticMemory, adapt, features

ASSOC = ("a b c : Nat\n⊢ a * b * c = a * (b * c)", "rw [Nat.mul_assoc]")
SWAP = ("p q : Prop\nh : p ∧ q\n⊢ q ∧ p", "exact ⟨h.2, h.1⟩")
IMP = ("p q : Prop\n⊢ p ∨ q → q ∨ p", "intro h")


def test_local_names_do_not_change_the_features():
    assert features(ASSOC[0]) == features("x y z : Nat\n⊢ x * y * z = x * (y * z)")
    assert features(ASSOC[0]) != features("a b c : Nat\n⊢ a + b + c = a + (b + c)")


def test_query_ranks_by_similarity_and_renames_locals():
    memory = TacticMemory([ASSOC, SWAP, IMP])
    assert memory.query("x y z : Nat\n⊢ x * y * z = x * (y * z)", k=1) == [("rw [Nat.mul_assoc]", 1.0)]
    found = memory.query("r s : Prop\nhh : r ∧ s\n⊢ s ∧ r", k=2)
    assert [t for t, _ in found] == ["exact ⟨hh.2, hh.1⟩", "intro h"]
    assert found[0][1] == 1.0 and 0 < found[1][1] < 1
    assert memory.query("⊢ True", k=3) == []  # no shared bigram
    assert memory.query(ASSOC[0], k=0) == []


def test_adapt_leaves_qualified_names_and_mismatched_contexts_alone():
    assert (
        adapt(
            "exact Nat.succ_le_of_lt h",
            source="n : Nat\nh : n < 1\n⊢ n + 1 ≤ 1",
            target="m : Nat\nk : m < 1\n⊢ m + 1 ≤ 1",
        )
        == "exact Nat.succ_le_of_lt k"
    )
    assert adapt("exact h", source="h : True\n⊢ True", target="a b : Nat\n⊢ a = a") == "exact h"


def test_add_skips_duplicates_and_round_trips(tmp_path):
    memory = TacticMemory([ASSOC])
    memory.add([ASSOC, SWAP])
    assert len(memory) == 2
    memory.save(tmp_path / "m.jsonl")
    loaded = TacticMemory.load(tmp_path / "m.jsonl")
    assert loaded.entries == memory.entries
    assert loaded.query(SWAP[0], k=1) == [("exact ⟨h.2, h.1⟩", 1.0)]
