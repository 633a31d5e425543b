"""`python -m prover.audit` against the FAKE Lean REPL (tests/prover/env/fakes/fake_repl.py).

The fake is at least as strict as the real REPL: a whole-proof command it has no recorded answer for
gets an `unsolved goals` error. Its transcript plays Lean's part here, so these tests check the audit's
plumbing (corpus, both backends, classification, table, exit codes), not Lean's verdicts; the `lean`
marked test at the end runs the audit against a real REPL.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from prover.audit import run

ROOT = Path(__file__).resolve().parents[4]
FAKE = ROOT / "tests" / "prover" / "env" / "fakes" / "fake_repl.py"
CONFIGS = str(ROOT / "configs")

SUITE = """
- id: ok
  class: demo
  theorem: "theorem t_ok (p : Prop) (hp : p) : p"
  proof: "exact hp"
  lean: accept
  reason: "hp proves p"
- id: bad
  class: demo
  theorem: "theorem t_bad (p q : Prop) (hp : p) : q"
  proof: "exact hp"
  lean: reject
  reason: "type mismatch"
- id: full-simp
  class: demo
  theorem: "theorem t_simp (n : Nat) : 0 + n = n"
  proof: "simp"
  lean: accept
  reason: "Nat.zero_add is a simp lemma; the kernel does not do full simp"
- id: lemma-kw
  class: demo
  theorem: "lemma t_lemma (p : Prop) (hp : p) : p"
  proof: "exact hp"
  lean: reject
  reason: "lemma is Mathlib syntax"
  audit: false
  audit_note: "the REPL backend rewrites lemma to theorem"
"""


def transcript(path: Path, proofs: dict[str, dict[str, dict]]) -> Path:
    path.write_text(json.dumps({"proofs": proofs}), encoding="utf-8")
    return path


def config(tmp_path: Path, fake_transcript: Path, *overrides: str):
    suite = tmp_path / "cases.yaml"
    suite.write_text(SUITE, encoding="utf-8")
    cmd = json.dumps([sys.executable, str(FAKE), str(fake_transcript)])
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(
            "audit",
            overrides=[
                f"suite={suite}",
                "corpus=[suite]",
                f"env.project_dir={tmp_path}",
                f"env.repl_cmd={cmd}",
                "env.memory_limit_mb=null",
                # the stand-in REPL runs from this venv, which a sandbox hides (tested in test_sandbox)
                "env.sandbox=none",
                *overrides,
            ],
        )


def audit(cfg) -> tuple[int, str]:
    out = io.StringIO()
    code = run(cfg, out=out)
    return code, out.getvalue()


def test_agreement_and_false_reject_exit_zero(tmp_path: Path) -> None:
    proofs = {"t_ok": {"exact hp": {"errors": []}}, "t_simp": {"simp": {"errors": []}}}
    code, text = audit(config(tmp_path, transcript(tmp_path / "t.json", proofs)))
    assert code == 0, text
    lines = text.splitlines()
    assert any(line.startswith("false reject") and "suite:full-simp" in line for line in lines), text
    assert not any("suite:ok" in line for line in lines), "agreeing rows are not listed by default"
    assert lines[-1].startswith("4 cases, 3 judged by Lean: 0 false accepts, 1 false rejects")
    assert "completeness 1/2 (50.0%)" in lines[-1]


def test_false_accept_exits_one(tmp_path: Path) -> None:
    # This "Lean" rejects `exact hp` for t_ok (no recorded answer: unsolved goals), the kernel accepts it.
    proofs = {"t_simp": {"simp": {"errors": []}}}
    code, text = audit(config(tmp_path, transcript(tmp_path / "t.json", proofs)))
    assert code == 1, text
    row = next(line for line in text.splitlines() if "suite:ok" in line)
    assert row.startswith("FALSE ACCEPT")
    assert row.split()[3:6] == ["accept", "reject", "accept"]
    assert "unsolved goals" in row
    assert "1 suite expectations contradicted by Lean" in text.splitlines()[-1]


def test_show_all_lists_agreements_and_unaudited(tmp_path: Path) -> None:
    proofs = {"t_ok": {"exact hp": {"errors": []}}}
    code, text = audit(config(tmp_path, transcript(tmp_path / "t.json", proofs), "show_all=true"))
    rows = {line.split()[1]: line for line in text.splitlines()[1:-1]}
    assert rows["suite:ok"].startswith("agree")
    assert rows["suite:bad"].startswith("agree")
    # not sent to Lean (audit: false): its Lean column is "-"
    assert rows["suite:lemma-kw"].split()[3] == "-"
    assert code == 0


def test_without_lean_exits_two(tmp_path: Path) -> None:
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(
            "audit",
            overrides=[
                "corpus=[suite]",
                f"env.project_dir={tmp_path}",
                'env.repl_cmd=["no-such-lake-binary","exe","repl"]',
            ],
        )
    code, text = audit(cfg)
    assert code == 2
    assert text.startswith("error: Lean is not available, nothing was audited: Lean 4 not found")


def test_bad_suite_exits_two_naming_the_case(tmp_path: Path) -> None:
    cfg = config(tmp_path, transcript(tmp_path / "t.json", {}))
    Path(cfg.suite).write_text('- id: x\n  class: c\n  theorem: "theorem t : True"\n', encoding="utf-8")
    code, text = audit(cfg)
    assert (code, text) == (2, f"error: {cfg.suite}: case 1 (x): missing proof, lean, reason\n")
    Path(cfg.suite).write_text("- id: x\n  theorem: theorem t : True\n", encoding="utf-8")
    code, text = audit(cfg)
    assert (code, text) == (2, f"error: {cfg.suite}:2: not valid YAML: mapping values are not allowed here\n")


def write_run(tmp_path: Path) -> Path:
    out_dir = tmp_path / "run"
    out_dir.mkdir()
    records = [
        {"name": "arith_two_add_three", "proved": True, "proof": "decide"},
        {"name": "arith_le_trans", "proved": True, "proof": "exact Nat.le_trans h1 h2"},
        {"name": "arith_le_refl", "proved": False, "proof": None},
    ]
    (out_dir / "results.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return out_dir


def test_run_proofs_are_sampled_and_checked(tmp_path: Path) -> None:
    out_dir = write_run(tmp_path)
    proofs = {
        "arith_two_add_three": {"decide": {"errors": []}},
        "arith_le_trans": {"exact Nat.le_trans h1 h2": {}},
    }
    fake = transcript(tmp_path / "t.json", proofs)
    code, text = audit(config(tmp_path, fake, "corpus=[run]", f"run={out_dir}", "show_all=true"))
    assert code == 0, text
    rows = text.splitlines()[1:-1]
    assert [r.split()[:4] for r in rows] == [
        ["agree", "run:arith_le_trans", "accept", "accept"],
        ["agree", "run:arith_two_add_three", "accept", "accept"],
    ]
    code, text = audit(config(tmp_path, fake, "corpus=[run]", f"run={out_dir}", "sample=1", "show_all=true"))
    assert len(text.splitlines()) == 3, "sample=1 checks one of the two found proofs"


def test_reference_proofs_part(tmp_path: Path) -> None:
    ref = tmp_path / "Proofs"
    ref.mkdir()
    (ref / "A.lean").write_text("theorem r1 (p : Prop) (hp : p) : p := by\n  exact hp\n", encoding="utf-8")
    fake = transcript(tmp_path / "t.json", {"r1": {"exact hp": {}}})
    code, text = audit(config(tmp_path, fake, "corpus=[reference]", f"reference={ref}", "show_all=true"))
    assert code == 0, text
    assert text.splitlines()[1].split()[:5] == ["agree", "reference:r1", "accept", "accept", "accept"]


def test_run_with_unknown_theorem_is_a_clear_error(tmp_path: Path) -> None:
    out_dir = tmp_path / "run"
    out_dir.mkdir()
    (out_dir / "results.jsonl").write_text(
        json.dumps({"name": "nope", "proved": True, "proof": "rfl"}) + "\n"
    )
    code, text = audit(
        config(tmp_path, transcript(tmp_path / "t.json", {}), "corpus=[run]", f"run={out_dir}")
    )
    assert code == 2
    assert "not in the configured benchmark (first: nope)" in text


@pytest.mark.lean
@pytest.mark.skipif(
    shutil.which("lake") is None or not os.environ.get("HTPS_REPL_PROJECT"),
    reason="needs lake on PATH and HTPS_REPL_PROJECT (a Lake project with the REPL)",
)
def test_audit_on_real_lean() -> None:
    """The whole default corpus through real Lean: no false accept (exit 0)."""
    result = subprocess.run(
        [sys.executable, "-m", "prover.audit", f"env.project_dir={os.environ['HTPS_REPL_PROJECT']}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_a_lean_crash_is_not_a_verdict(tmp_path: Path) -> None:
    """A REPL that dies on a case leaves it unjudged (reported), never counted as Lean rejecting it."""
    proofs = {"t_ok": {"exact hp": {"exit": 137}}, "t_simp": {"simp": {"errors": []}}}
    code, text = audit(config(tmp_path, transcript(tmp_path / "t.json", proofs)))
    assert code == 0, text
    row = next(line for line in text.splitlines() if "suite:ok" in line)
    assert row.startswith("lean error") and "EnvCrash" in row
    assert text.splitlines()[-1].endswith("1 not judged (Lean timed out or crashed)")
    assert "0 false accepts" in text.splitlines()[-1]
