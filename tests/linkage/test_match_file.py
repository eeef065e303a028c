"""`match_file` and the file functions under it: the pairs of a small CSV, and bad files."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from spojka.linkage.matching.batch import match_records
from spojka.linkage.matching.files import FileFormatError, read_records, write_pairs

CSV = """record_id,agency,given_name,family_name,birth_date,sex,nationality,document_number,phone,municipality
1,centre,Олександр,Шевченко,1985-03-07,ч,Україна,FA123456,777123456,Brno
2,ngo,Oleksandr,Shevchenko,7.3.1985,M,Ukrajina,FA 123456,+420 777 123 456,Brno
3,city,Sasha,Sevcenko,3.7.1985,,UA,,,
4,city,Iryna,Melnyk,1970-02-03,F,UA,,,Praha
5,city,Oleksandr,Ševčenko,31.2.1985,,,,,
"""


def test_match_file_writes_pairs_of_one_person(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(CSV, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("match_file", str(source), str(target), stdout=out, stderr=err)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "record_id_a,record_id_b,score,reasons"
    pairs = {tuple(line.split(",")[:2]) for line in lines[1:]}
    assert {("1", "2"), ("1", "3"), ("2", "3")} <= pairs
    assert not any("4" in pair for pair in pairs)
    assert "Line 6" in err.getvalue()
    assert "Records read: 5." in out.getvalue()


def test_match_file_review_adds_decision_column(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(CSV, encoding="utf-8")
    call_command("match_file", str(source), str(target), "--review", stdout=io.StringIO(), stderr=io.StringIO())
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith(",decision")
    assert {line.rsplit(",", 1)[1] for line in lines[1:]} <= {"match", "review"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"given_name,family_name\nIvan,Melnyk\n", "record_id"),
        ("record_id,given_name\n1,Ivan\n".encode("utf-16"), "UTF-8"),
        (b"", "empty"),
    ],
)
def test_match_file_bad_file_gives_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("match_file", str(source), str(tmp_path / "out.csv"), stdout=io.StringIO())


def test_match_file_missing_input_gives_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no file"):
        call_command("match_file", str(tmp_path / "nope.csv"), str(tmp_path / "out.csv"))


def test_read_records_reports_row_errors_and_keeps_the_rest() -> None:
    text = "record_id;given_name;birth_date\n1;Ivan;1.1.1980\n;Olena;\n1;Petro;\n2;Taras;soon\n"
    records, errors = read_records(io.BytesIO(text.encode("utf-8")))
    assert [r.record_id for r in records] == ["1", "2"]
    assert records[1].birth_date is None
    assert [(e.line, e.code) for e in errors] == [
        (3, "missing_record_id"),
        (4, "duplicate_record_id"),
        (5, "birth_date_unparsable"),
    ]


def test_read_records_with_only_record_id_column() -> None:
    records, errors = read_records(io.BytesIO(b"record_id\na\nb\n"))
    assert [r.record_id for r in records] == ["a", "b"]
    assert not errors
    assert match_records(records) == []


def test_read_records_rejects_missing_record_id_column() -> None:
    with pytest.raises(FileFormatError) as caught:
        read_records(io.BytesIO(b"id,name\n1,x\n"))
    assert caught.value.code == "missing_record_id_column"


def test_write_pairs_without_review_writes_only_matches() -> None:
    records, _ = read_records(io.BytesIO(CSV.encode("utf-8")))
    pairs = match_records(records)
    stream = io.StringIO()
    written = write_pairs(stream, pairs)
    assert written == sum(p.decision == "match" for p in pairs)
