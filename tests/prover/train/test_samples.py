import pytest

from prover.train.samples import CriticSample, TacticSample, from_search, read_jsonl, write_jsonl
from search import samples as search_samples


def test_jsonl_round_trip_keeps_kinds_and_unicode(tmp_path):
    samples = [
        TacticSample("h✝ : ∀ x, ∃ y, x ≤ y\n⊢ True", "exact ⟨_, le_refl _⟩", name="foo"),
        CriticSample("⊢ False", 0.0),
        TacticSample("⊢ True", "trivial"),
        CriticSample("⊢ True", 0.75),
    ]
    path = tmp_path / "s.jsonl"
    assert write_jsonl(path, samples[:2]) == 2
    assert write_jsonl(path, samples[2:], append=True) == 2
    assert "∀" in path.read_text(encoding="utf-8")
    assert read_jsonl(path) == samples


def test_bad_lines_and_targets_are_rejected(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"kind": "tactic", "goal": "g", "tactic": "t"}\n\n{"kind": "proof", "goal": "g"}\n')
    with pytest.raises(ValueError, match=r"bad.jsonl:3"):
        read_jsonl(path)
    with pytest.raises(ValueError):
        CriticSample("g", 1.5)


def test_from_search_converts_both_kinds_and_names_tactics():
    converted = from_search(
        [search_samples.TacticSample("⊢ True", "trivial"), search_samples.CriticSample("⊢ False", 0.0)],
        name="t",
    )
    assert converted == [TacticSample("⊢ True", "trivial", name="t"), CriticSample("⊢ False", 0.0)]
