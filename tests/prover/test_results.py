from pathlib import Path

from prover.results import ProofRecord, append_record, read_records, summary_table


def rec(name: str, proved: bool, split: str = "test", topic: str = "PropLogic") -> ProofRecord:
    return ProofRecord(
        name=name,
        proved=proved,
        proof="rfl" if proved else None,
        expansions=3,
        env_calls=5,
        seconds=0.1,
        error=None,
        split=split,
        topic=topic,
    )


def test_append_and_read_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    append_record(path, rec("a", True))
    append_record(path, rec("b", False))
    assert [r.name for r in read_records(path)] == ["a", "b"]
    assert read_records(path)[0] == rec("a", True)


def test_torn_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    append_record(path, rec("a", True))
    with path.open("a") as f:
        f.write('{"name": "b", "pro')
    assert [r.name for r in read_records(path)] == ["a"]


def test_summary_groups_by_split_and_topic_and_ends_with_proved_line() -> None:
    table = summary_table(
        [rec("a", True), rec("b", False), rec("c", True, topic="Arith"), rec("d", False, split="valid")]
    )
    lines = table.splitlines()
    assert lines[-1] == "proved 2/4"
    assert any(line.split()[:5] == ["test", "PropLogic", "1", "2", "50.0%"] for line in lines)
    assert any(line.split()[:5] == ["test", "Arith", "1", "1", "100.0%"] for line in lines)
    assert any(line.split()[:5] == ["valid", "PropLogic", "0", "1", "0.0%"] for line in lines)


def test_summary_of_nothing() -> None:
    assert summary_table([]).splitlines()[-1] == "proved 0/0"
