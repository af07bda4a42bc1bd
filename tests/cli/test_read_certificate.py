"""``calc read-certificate`` on a trainer's folder of certificates (tests/cli/certificate_corpus.py):
how many fields it reads as a careful person would, that it never presents a wrong amount as
sure, that every value it reads comes with the certificate's own words, and what it says about
files it cannot read."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calc.cli import main
from tests.cli.certificate_corpus import CASES, FIELDS, Case, pdf_bytes

MIN_ACCURACY = 0.90
_READ: dict[str, Any] = {}


def _words(text: str) -> str:
    return " ".join(text.split())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    """Each case's record, by file name: the whole folder read by one command (once per run)."""
    if not _READ:
        files = []
        for case in CASES:
            path = tmp_path / case.name
            path.write_bytes(case.pdf())
            files.append(str(path))
        code, out, err = run(capsys, "read-certificate", *files, "--format", "json")
        assert (code, err) == (0, "")
        _READ.update({Path(r["file"]).name: r for r in json.loads(out)})
    return _READ


def _same(name: str, read: Any, expected: str | None) -> bool:
    if read is None or expected is None:
        return read is expected
    if name == "amount":
        return Decimal(str(read)) == Decimal(expected)
    return _words(str(read)) == _words(expected)


def test_corpus_is_varied() -> None:
    assert len(CASES) >= 32
    assert len({case.name for case in CASES}) == len(CASES)
    assert any(case.landscape for case in CASES)
    assert any(len(case.pages) > 1 for case in CASES)
    for case in CASES:
        assert set(case.expected) == set(FIELDS), case.name


def test_the_pdfs_hold_the_lines_written() -> None:
    """The writer's PDFs give back their lines, so that a miss below is the reader's."""
    from pypdf import PdfReader

    for case in CASES:
        reader = PdfReader(io.BytesIO(case.pdf()))
        assert len(reader.pages) == len(case.pages), case.name
        size = [float(v) for v in reader.pages[0].mediabox[2:]]
        assert size == ([792, 612] if case.landscape else [612, 792]), case.name
        for page, lines in zip(reader.pages, case.pages, strict=True):
            got = [_words(line) for line in page.extract_text().splitlines() if line.strip()]
            assert got == [_words(line) for line in lines if line], case.name


def test_field_accuracy(records: dict[str, dict[str, Any]]) -> None:
    wrong = []
    for case in CASES:
        record = records[case.name]
        assert record["has_text"] is True, case.name
        for name in FIELDS:
            if not _same(name, record[name], case.expected[name]):
                why = record["unsure"].get(name, "")
                wrong.append(
                    f"  {case.name}: {name}: expected {case.expected[name]!r}, "
                    f"read {record[name]!r}" + (f" ({why})" if why else "")
                )
    total = len(CASES) * len(FIELDS)
    right = total - len(wrong)
    share = right / total
    print(
        f"\ncertificate corpus: {len(CASES)} cases, {right} of {total} fields right ({share:.1%})"
    )
    print("\n".join(wrong))
    assert share >= MIN_ACCURACY, "\n".join(wrong)


def test_no_amount_is_sure_and_wrong(records: dict[str, dict[str, Any]]) -> None:
    wrong = []
    for case in CASES:
        record = records[case.name]
        if record["amount"] is None:
            continue
        expected = case.expected["amount"], case.expected["unit"]
        if not (
            _same("amount", record["amount"], expected[0])
            and _same("unit", record["unit"], expected[1])
        ):
            wrong.append(
                f"{case.name}: read {record['amount']} {record['unit']} "
                f"from {record['evidence']['amount']!r}, expected {expected[0]} {expected[1]}"
            )
    assert not wrong, "\n".join(wrong)


def test_every_value_comes_with_the_certificates_words(
    records: dict[str, dict[str, Any]],
) -> None:
    missing = []
    for case in CASES:
        record = records[case.name]
        text = _words(" ".join(case.lines))
        for name in FIELDS:
            if record[name] is None:
                continue
            words = _words(record["evidence"][name] or "")
            if not words or words not in text:
                missing.append(f"{case.name}: {name} {record[name]!r} from {words!r}")
    assert not missing, "\n".join(missing)


def test_a_photo_has_no_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "x.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    code, out, err = run(capsys, "read-certificate", str(photo), "--format", "json")
    assert (code, err) == (0, "")
    [record] = json.loads(out)
    assert record["file"] == str(photo)
    assert record["has_text"] is False
    assert all(record[name] is None for name in FIELDS)


def test_unreadable_files_are_named_and_the_rest_still_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good: Case = CASES[0]
    whole = tmp_path / good.name
    whole.write_bytes(good.pdf())
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf_bytes(good.pages)[:200])
    binary = tmp_path / "binary.pdf"
    binary.write_bytes(bytes(range(256)) * 4)
    other = tmp_path / CASES[1].name
    other.write_bytes(CASES[1].pdf())

    code, out, err = run(
        capsys, "read-certificate", str(cut), str(whole), str(binary), str(other),
        "--format", "json",
    )  # fmt: skip
    assert code == 2
    assert str(cut) in err
    assert str(binary) in err
    assert "Traceback" not in err
    records = {Path(r["file"]).name: r for r in json.loads(out)}
    assert set(records) == {good.name, CASES[1].name}
    assert records[good.name]["has_text"] is True
    assert records[good.name]["date"] == good.expected["date"]
    assert records[CASES[1].name]["has_text"] is True


def test_an_encrypted_pdf_is_named_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(CASES[0].pdf())).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    code, out, err = run(capsys, "read-certificate", str(locked), "--format", "json")
    assert code == 2 and json.loads(out) == []
    assert err == f"{locked}: the PDF is encrypted: save a copy without a password\n"
