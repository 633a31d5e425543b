import pytest

from prover.train.replay import ReplayBuffer
from prover.train.samples import CriticSample, TacticSample


def items(count: int) -> list[CriticSample]:
    return [CriticSample(f"g{i}", i / count) for i in range(count)]


def test_fifo_keeps_the_newest():
    buffer = ReplayBuffer(capacity=3, eviction="fifo")
    buffer.add(items(5))
    assert [s.goal for s in buffer.items] == ["g2", "g3", "g4"]
    assert buffer.seen == 5


def test_reservoir_keeps_a_uniform_sample_of_everything_seen():
    buffer = ReplayBuffer(capacity=100, eviction="reservoir", seed=0)
    buffer.add(items(2000))
    assert len(buffer) == 100
    held = [int(s.goal[1:]) for s in buffer.items]
    # A uniform sample of 0..1999 has mean ~1000 (sd ~58); FIFO would hold 1900..1999.
    assert 700 < sum(held) / len(held) < 1300
    assert min(held) < 500


def test_reservoir_is_seeded():
    a, b = (ReplayBuffer(capacity=10, eviction="reservoir", seed=4) for _ in range(2))
    a.add(items(100))
    b.add(items(100))
    assert a.items == b.items
    assert a.sample(5) == b.sample(5)


def test_sample_draws_distinct_items_and_at_most_what_is_held():
    buffer = ReplayBuffer(capacity=10, seed=1)
    buffer.add(items(4))
    batch = buffer.sample(3)
    assert len(batch) == len(set(batch)) == 3
    assert sorted(s.goal for s in buffer.sample(10)) == ["g0", "g1", "g2", "g3"]


def test_save_load_restores_items_counters_and_future_draws(tmp_path):
    buffer = ReplayBuffer(capacity=5, eviction="reservoir", seed=2)
    buffer.add(items(20) + [TacticSample("⊢ ∀ x, x ≤ x", "intro x", name="n")])
    buffer.sample(2)
    buffer.save(tmp_path / "b.jsonl")
    loaded = ReplayBuffer.load(tmp_path / "b.jsonl")
    assert loaded.items == buffer.items
    assert (loaded.capacity, loaded.eviction, loaded.seen) == (5, "reservoir", 21)
    assert loaded.sample(3) == buffer.sample(3)
    more = items(50)
    loaded.add(more)
    buffer.add(more)
    assert loaded.items == buffer.items


def test_invalid_configuration():
    with pytest.raises(ValueError):
        ReplayBuffer(capacity=0)
    with pytest.raises(ValueError):
        ReplayBuffer(capacity=3, eviction="lifo")


def test_tactic_share_stratifies_batches_and_fills_up_from_the_other_kind():
    buffer = ReplayBuffer(capacity=100, seed=0)
    buffer.add([TacticSample(f"g{i}", "rfl") for i in range(3)])
    buffer.add([CriticSample(f"c{i}", 0.0) for i in range(20)])
    batch = buffer.sample(8, tactic_share=0.5)
    assert len(batch) == 8 and len(set(batch)) == 8
    assert sum(isinstance(s, TacticSample) for s in batch) == 3  # only 3 held: the rest are critic
    many = ReplayBuffer(capacity=100, seed=0)
    many.add([TacticSample(f"g{i}", "rfl") for i in range(20)] + [CriticSample("c", 1.0)])
    assert sum(isinstance(s, TacticSample) for s in many.sample(8, tactic_share=0.25)) == 7
    assert sum(isinstance(s, TacticSample) for s in buffer.sample(8, tactic_share=0.25)) == 2
    with pytest.raises(ValueError):
        buffer.sample(4, tactic_share=1.5)
