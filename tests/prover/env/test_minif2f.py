"""miniF2F loaders on small miniF2F-shaped files written here (not the real benchmark)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prover.minif2f import load_minif2f_dir, load_minif2f_jsonl, parse_minif2f_file, requires_mathlib
from prover.theorems import Theorem

HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\nopen BigOperators Real Nat Topology Rat"

ALGEBRA = f"""{HEADER}

/-- The value of $b$ when $2b + 3 = 7$ is $2$.-/
theorem mathd_algebra_10 (b : ℝ) (h₀ : 2 * b + 3 = 7) :
    b = 2 := by
  sorry
"""

NUMBER_THEORY = f"""{HEADER}

theorem mathd_numbertheory_3 : (∑ x in Finset.range 10, (x + 1) ^ 2) % 10 = 5 := by sorry
"""

LET_IN_STATEMENT = """import Mathlib

theorem amc12_let (f : ℕ → ℕ) (h : f = fun n => let m := n + 1; m) : f 1 = 2 := by
  sorry
"""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.lean").write_text(text, encoding="utf-8")


def test_parse_file(tmp_path: Path) -> None:
    _write(tmp_path, "mathd_algebra_10", ALGEBRA)
    theorem = parse_minif2f_file(tmp_path / "mathd_algebra_10.lean", split="test")
    assert theorem.name == "mathd_algebra_10"
    assert theorem.statement == "theorem mathd_algebra_10 (b : ℝ) (h₀ : 2 * b + 3 = 7) :\n    b = 2"
    assert theorem.header == HEADER
    assert theorem.line == 9 and theorem.split == "test"
    assert theorem.file.endswith("mathd_algebra_10.lean")


def test_load_dir_keeps_inner_assignments(tmp_path: Path) -> None:
    _write(tmp_path / "MiniF2F" / "Test", "mathd_algebra_10", ALGEBRA)
    _write(tmp_path / "MiniF2F" / "Test", "amc12_let", LET_IN_STATEMENT)
    _write(tmp_path / "MiniF2F" / "Valid", "mathd_numbertheory_3", NUMBER_THEORY)
    theorems = load_minif2f_dir(tmp_path)
    assert [(t.split, t.name) for t in theorems] == [
        ("test", "amc12_let"),
        ("test", "mathd_algebra_10"),
        ("valid", "mathd_numbertheory_3"),
    ]
    assert theorems[0].statement.endswith("let m := n + 1; m) : f 1 = 2")
    assert theorems[2].statement.endswith("% 10 = 5")
    assert [t.name for t in load_minif2f_dir(tmp_path / "MiniF2F", splits=["valid"])] == [
        "mathd_numbertheory_3"
    ]


def test_load_dir_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_minif2f_dir(tmp_path)
    _write(tmp_path / "Test", "broken", "import Mathlib\n\ntheorem broken : 1 = 1 := rfl\n")
    with pytest.raises(ValueError, match="does not end in"):
        load_minif2f_dir(tmp_path, splits=["test"])


def test_load_jsonl(tmp_path: Path) -> None:
    records = [
        {
            "name": "mathd_algebra_10",
            "split": "test",
            "informal_prefix": "/-- The value of $b$ is $2$.-/\n",
            "formal_statement": "theorem mathd_algebra_10 (b : ℝ) (h₀ : 2 * b + 3 = 7) :\n    b = 2 := by\n",
            "goal": "b : ℝ\nh₀ : 2 * b + 3 = 7\n⊢ b = 2",
            "header": HEADER + "\n\n",
        },
        {
            "name": "mathd_numbertheory_3",
            "split": "valid",
            "formal_statement": "theorem mathd_numbertheory_3 : 3 ∣ 6 := by sorry",
            "header": "import Mathlib\n",
        },
    ]
    path = tmp_path / "minif2f.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    test = load_minif2f_jsonl(path, splits=["test"])
    assert len(test) == 1
    assert test[0].statement == "theorem mathd_algebra_10 (b : ℝ) (h₀ : 2 * b + 3 = 7) :\n    b = 2"
    assert test[0].header == HEADER and test[0].line == 1
    both = load_minif2f_jsonl(path)
    assert [t.statement for t in both][1] == "theorem mathd_numbertheory_3 : 3 ∣ 6"


def test_requires_mathlib() -> None:
    assert requires_mathlib(Theorem("a", "theorem a : 1 = 1", header="import Mathlib\nopen Real"))
    assert requires_mathlib(Theorem("b", "theorem b (x : ℝ) : x = x"))
    assert requires_mathlib(Theorem("c", "theorem c (s : Finset ℕ) : s = s"))
    assert not requires_mathlib(Theorem("d", "theorem d (p q : Prop) : p ∧ q → q ∧ p"))
    assert not requires_mathlib(Theorem("e", "theorem e (n : Nat) : n + 0 = n", header="import Lean"))
