"""Loader edge cases of real Lean files: comments, docstring placement, `by` placement, indentation."""

from pathlib import Path

import pytest

from prover.theorems import TheoremParseError, load_theorems, scan_lean_file


def load(tmp_path: Path, text: str, name: str = "Train/Logic.lean") -> dict:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return {t.name: t for t in load_theorems(path)}


def test_commented_out_theorems_are_not_read(tmp_path: Path) -> None:
    text = (
        "/- retired:\ntheorem ghost (p : Prop) : p := by sorry\n/- nested -/ still a comment\n-/\n"
        "-- theorem ghost_line (p : Prop) : p := by sorry\n"
        'theorem real (p : Prop) (hp : p) : p := by\n  /- a note -/\n  exact hp -- done, "quoted"\n'
    )
    theorems = load(tmp_path, text)
    assert list(theorems) == ["real"]
    assert (theorems["real"].line, theorems["real"].proof) == (6, "exact hp")


def test_docstring_on_the_declaration_line_and_before_attributes(tmp_path: Path) -> None:
    text = (
        "/-- easy: same line -/ theorem a (p : Prop) (hp : p) : p := by exact hp\n\n"
        "/-- hard: attributed -/\n@[simp]\ntheorem b (p : Prop) (hp : p) : p := by\n  exact hp\n\n"
        "/-- medium: inline attribute -/\n@[simp] private theorem c (p : Prop) (hp : p) : p := by\n  exact hp\n"
    )
    theorems = load(tmp_path, text)
    assert [(t.name, t.difficulty, t.line) for t in theorems.values()] == [
        ("a", "easy", 1),
        ("b", "hard", 5),
        ("c", "medium", 9),
    ]
    assert theorems["a"].proof == "exact hp"
    assert theorems["c"].statement == "theorem c (p : Prop) (hp : p) : p"


def test_by_on_the_line_after_the_assignment(tmp_path: Path) -> None:
    text = (
        "theorem one (p : Prop) (hp : p) : p :=\n  by exact hp\n\n"
        "theorem two (p : Prop) (hp : p) : p ∧ p :=\n  by\n    constructor\n    · exact hp\n    · exact hp\n\n"
        "theorem three (p : Prop) (hp : p) : p ∧ p :=\n  by constructor\n     all_goals exact hp\n"
    )
    theorems = load(tmp_path, text)
    assert theorems["one"].proof == "exact hp"
    assert theorems["two"].proof == "constructor\n· exact hp\n· exact hp"
    assert theorems["three"].proof == "constructor\nall_goals exact hp"


def test_term_sorry_is_a_statement_and_term_proofs_are_refused(tmp_path: Path) -> None:
    theorems = load(tmp_path, "theorem s (p : Prop) : p := sorry\n")
    assert theorems["s"].proof is None
    with pytest.raises(TheoremParseError, match=r"Term.lean:2: theorem t: the body is not a tactic proof"):
        load(tmp_path, "\ntheorem t (p : Prop) (hp : p) : p := hp\n", "Term.lean")


def test_indented_declarations_and_windows_line_ends(tmp_path: Path) -> None:
    text = "section\r\n  theorem m (p : Prop) (hp : p) : p ∧ p := by\r\n    constructor\r\n    all_goals exact hp\r\n"
    text += "  theorem n (p : Prop) (hp : p) : p := by\r\n    exact hp\r\nend\r\n"
    theorems = load(tmp_path, text)
    assert [(t.name, t.line, t.proof) for t in theorems.values()] == [
        ("m", 2, "constructor\nall_goals exact hp"),
        ("n", 5, "exact hp"),
    ]


def test_unterminated_comment_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "Open.lean"
    path.write_text(
        "theorem a (p : Prop) (hp : p) : p := by\n  exact hp\n\n/- never closed\ntheorem b : True := by trivial\n"
    )
    theorems, errors = scan_lean_file(path)
    assert theorems == []
    assert [str(e) for e in errors] == [f"{path}:4: unterminated comment or docstring"]
