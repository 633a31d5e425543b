"""Rewrite lean_project/Benchmark.lean so that the library root imports every benchmark module."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "lean_project"


def main() -> None:
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "Benchmark").rglob("*.lean")
    )
    (ROOT / "Benchmark.lean").write_text("".join(f"import {m}\n" for m in modules), encoding="utf-8")


if __name__ == "__main__":
    main()
