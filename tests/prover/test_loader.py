"""The theorem loader: .lean layouts, JSONL forms, and errors that name file and line."""

import json
from pathlib import Path

import pytest

from prover.benchmarks import BUNDLED
from prover.theorems import (
    TheoremParseError,
    load_benchmark,
    load_reference_proofs,
    load_theorems,
    scan_lean_file,
)

LEAN = """\
namespace Demo

/-- easy: swap -/
theorem demo_swap (p q : Prop)
    (h : p ∧ q) : q ∧ p := by
  constructor
  · exact h.2
  · exact h.1

theorem demo_one_line (n : Nat) : n + 0 = n := by omega

/-- hard: a statement with `:=` on its own line -/
theorem demo_own_line (a b : Nat) (h : a ≤ b) :
    a ≤ b + 1
    := by
  omega

theorem demo_sorry (p : Prop) (hp : p) : p := by
  sorry

end Demo
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_lean_file_statements_proofs_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "Test/Logic.lean", LEAN)
    by_name = {t.name: t for t in load_theorems(path)}
    assert list(by_name) == ["demo_swap", "demo_one_line", "demo_own_line", "demo_sorry"]
    swap = by_name["demo_swap"]
    assert swap.statement == "theorem demo_swap (p q : Prop) (h : p ∧ q) : q ∧ p"
    assert swap.proof == "constructor\n· exact h.2\n· exact h.1"
    assert (swap.line, swap.split, swap.topic, swap.difficulty) == (4, "test", "Logic", "easy")
    assert by_name["demo_one_line"].proof == "omega"
    assert by_name["demo_own_line"].statement == "theorem demo_own_line (a b : Nat) (h : a ≤ b) : a ≤ b + 1"
    assert by_name["demo_own_line"].proof == "omega"
    assert by_name["demo_own_line"].difficulty == "hard"
    assert by_name["demo_sorry"].proof is None


def test_one_line_block_keeps_its_continuation_aligned(tmp_path: Path) -> None:
    first = "theorem t (p : Prop) (hp : p) : p ∧ p := by constructor"
    path = write(tmp_path, "A.lean", first + "\n" + " " * first.index("constructor") + "all_goals exact hp\n")
    assert load_theorems(path)[0].proof == "constructor\nall_goals exact hp"


def test_errors_name_file_and_line_and_keep_the_good_ones(tmp_path: Path) -> None:
    text = "theorem good (p : Prop) (hp : p) : p := by\n  exact hp\n\ntheorem bad (p : Prop) : (p\n\ntheorem nobody (p : Prop) : p\n"
    path = write(tmp_path, "Bad.lean", text)
    theorems, errors = scan_lean_file(path)
    assert [t.name for t in theorems] == ["good"]
    assert [(e.line, e.file) for e in errors] == [(4, str(path)), (6, str(path))]
    assert str(errors[0]).startswith(f"{path}:4: theorem bad: unbalanced")
    assert "no ':='" in str(errors[1])
    with pytest.raises(TheoremParseError, match=r"Bad.lean:4:"):
        load_theorems(path)


def test_duplicate_names_are_an_error(tmp_path: Path) -> None:
    write(tmp_path, "d/A.lean", "theorem same (p : Prop) (hp : p) : p := by\n  exact hp\n")
    write(tmp_path, "d/B.lean", "theorem same (p : Prop) (hp : p) : p := by\n  exact hp\n")
    with pytest.raises(TheoremParseError, match="duplicate theorem name same"):
        load_theorems(tmp_path / "d")


def test_jsonl_plain_and_minif2f_forms(tmp_path: Path) -> None:
    rows = [
        {"name": "a", "statement": "theorem a (p : Prop) (hp : p) : p", "split": "test"},
        {
            "name": "b",
            "split": "valid",
            "header": "import Mathlib",
            "formal_statement": "theorem b (x : Nat) (h : x = 2) : x + 1 = 3 := by sorry",
            "informal_prefix": "ignored",
        },
    ]
    path = write(tmp_path, "b.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    a, b = load_theorems(path)
    assert (a.name, a.split, a.statement) == ("a", "test", "theorem a (p : Prop) (hp : p) : p")
    assert (b.statement, b.header, b.split) == (
        "theorem b (x : Nat) (h : x = 2) : x + 1 = 3",
        "import Mathlib",
        "valid",
    )


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", '{"name": "a", "statement": "theorem a : True"}\n{"statement": "x"}\n')
    with pytest.raises(TheoremParseError, match=r"c.jsonl:2: record has no 'name'"):
        load_theorems(path)
    with pytest.raises(TheoremParseError, match="no such file"):
        load_theorems(tmp_path / "missing.lean")


def test_bundled_benchmark_is_large_split_and_matched_by_reference_proofs() -> None:
    theorems = load_benchmark(BUNDLED, "all")
    proofs = load_reference_proofs(BUNDLED)
    assert len(theorems) >= 300
    assert {t.name for t in theorems} == set(proofs)
    for t in theorems:
        assert proofs[t.name].statement == t.statement, t.name
        assert t.proof is None and proofs[t.name].proof
    splits = [t.split for t in theorems]
    assert 0.6 < splits.count("train") / len(splits) < 0.8
    assert 0.15 < splits.count("test") / len(splits) < 0.25
    assert {t.topic for t in theorems if t.split == "test"} == {t.topic for t in theorems}
    with pytest.raises(ValueError, match="unknown split"):
        load_benchmark(BUNDLED, "dev")


def test_lake_root_imports_every_benchmark_module() -> None:
    modules = {
        ".".join(p.relative_to(BUNDLED).with_suffix("").parts)
        for p in (BUNDLED / "Benchmark").rglob("*.lean")
    }
    imports = {line.split()[1] for line in (BUNDLED / "Benchmark.lean").read_text().splitlines() if line}
    assert imports == modules
    assert (BUNDLED / "lean-toolchain").read_text().startswith("leanprover/lean4:v4.")
    assert 'name = "Benchmark"' in (BUNDLED / "lakefile.toml").read_text()
