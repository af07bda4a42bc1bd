"""Backups from anywhere: each bad one is refused with a sentence naming the file, each bad member
is left out with a sentence naming it, and nothing outside the folder given is ever written."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from calc import archive
from calc.archive import ArchiveProblem, read_backup

LOG = {
    "format": "cec-guide-log",
    "version": 1,
    "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31", "name": "Ana Lima"},
    "activities": [{"id": "a1", "date": "2025-03-01", "provider": "acsm", "amount": "2"}],
}
PDF = b"%PDF-1.4 a certificate\n"


def backup(
    tmp: Path,
    members: dict[str, bytes],
    listed: list[dict[str, str]] | None = None,
    *,
    log: object = LOG,
) -> Path:
    path = tmp / "backup.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("log.json", json.dumps(log))
        if listed is not None:
            z.writestr("files.json", json.dumps(listed))
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data)
    return path


def cert(path: str, name: str = "cpr.pdf", kind: str = "application/pdf") -> dict[str, str]:
    return {"activity": "a1", "name": name, "type": kind, "path": path, "added": "2025-03-02"}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_a_good_backup_restores_the_log_and_every_file_byte_for_byte(
    tmp_path: Path, out: Path
) -> None:
    photo = bytes(range(256)) * 100
    path = backup(
        tmp_path,
        {"certificates/1-cpr.pdf": PDF, "certificates/2-photo.jpg": photo},
        [cert("certificates/1-cpr.pdf"), cert("certificates/2-photo.jpg", "photo.jpg", "")],
    )
    got = read_backup(str(path), "backup.zip", str(out))
    assert json.loads(got.log) == LOG and got.notes == ()
    assert [(f["name"], f["type"], f["size"]) for f in got.files] == [
        ("cpr.pdf", "application/pdf", len(PDF)),
        ("photo.jpg", "image/jpeg", len(photo)),
    ]
    assert [Path(f["path"]).read_bytes() for f in got.files] == [PDF, photo]


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ({}, "backup.zip has no log.json: it is not a CEC Guide backup"),
        ({"log.json": b"{not json"}, "backup.zip: its log cannot be read"),
        ({"log.json": b'{"format": "something else"}'}, "its log.json is not a CEC Guide log"),
    ],
)
def test_what_is_not_a_backup_is_refused_whole(
    tmp_path: Path, out: Path, members: dict[str, bytes], expected: str
) -> None:
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    with pytest.raises(ArchiveProblem, match=expected):
        read_backup(str(path), "backup.zip", str(out))
    assert list(out.iterdir()) == []


def test_a_file_that_is_not_a_zip_is_refused_by_name(tmp_path: Path, out: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_bytes(b"just some text, not a zip")
    with pytest.raises(ArchiveProblem, match=r"notes\.zip is not a zip file CEC Guide can read"):
        read_backup(str(path), "notes.zip", str(out))


def test_a_listed_file_missing_from_the_backup_is_named_and_the_rest_restored(
    tmp_path: Path, out: Path
) -> None:
    path = backup(
        tmp_path,
        {"certificates/1-cpr.pdf": PDF},
        [cert("certificates/1-cpr.pdf"), cert("certificates/2-gone.pdf", "gone.pdf")],
    )
    got = read_backup(str(path), "backup.zip", str(out))
    assert [f["name"] for f in got.files] == ["cpr.pdf"]
    assert got.notes == (
        "gone.pdf was not restored: the backup lists it (certificates/2-gone.pdf) but does not "
        "hold it.",
    )


def test_an_extra_file_is_left_out_and_named(tmp_path: Path, out: Path) -> None:
    path = backup(tmp_path, {"certificates/1-cpr.pdf": PDF, "extra.exe": b"MZ"}, [])
    got = read_backup(str(path), "backup.zip", str(out))
    assert got.files == ()
    assert got.notes == (
        "certificates/1-cpr.pdf was left out: the backup's list of files does not name it.",
        "extra.exe was left out: the backup's list of files does not name it.",
    )


@pytest.mark.parametrize("name", ["../x", "certificates/../../etc/passwd", "/abs.pdf", "C:/x.pdf"])
def test_a_path_traversal_name_is_never_written_anywhere(
    tmp_path: Path, out: Path, name: str
) -> None:
    path = backup(tmp_path, {name: PDF}, [cert(name, "evil.pdf")])
    before = sorted(p for p in tmp_path.rglob("*"))
    got = read_backup(str(path), "backup.zip", str(out))
    assert got.files == ()
    assert f"{name!r} was left out: its name points outside the backup." in got.notes
    assert f"evil.pdf was not restored: its place in the backup ({name!r}) is unsafe." in got.notes
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written, inside or out


def test_a_zip_bomb_is_stopped_at_the_certificate_limit(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_CERTIFICATE_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("log.json", json.dumps(LOG))
        z.writestr("files.json", json.dumps([cert("certificates/1-bomb.pdf", "bomb.pdf")]))
        z.writestr("certificates/1-bomb.pdf", b"\0" * (50 * 1024 * 1024))  # 50 MB in ~50 KB
    assert path.stat().st_size < 200_000
    got = read_backup(str(path), "bomb.zip", str(out))
    assert got.files == ()
    assert got.notes == (
        "bomb.pdf was not restored: it unpacks larger than 1 MB, the limit for a certificate.",
    )
    assert list(out.iterdir()) == []  # the part read so far is not left behind


def test_a_header_that_lies_about_the_size_is_read_no_further_than_the_limit(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_CERTIFICATE_BYTES", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("log.json", json.dumps(LOG))
        z.writestr("files.json", json.dumps([cert("certificates/1-x.pdf", "x.pdf")]))
        z.writestr("certificates/1-x.pdf", b"%PDF" + b"x" * 5000)
    data = bytearray(buffer.getvalue())
    # The central directory claims the certificate unpacks to 10 bytes: the read stops there and
    # finds the checksum wrong. The answer is a sentence, never an exception or a large file.
    at = data.index(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(b"certificates/1-x.pdf")] != b"certificates/1-x.pdf":
        at = data.index(b"PK\x01\x02", at + 4)
    data[at + 24 : at + 28] = (10).to_bytes(4, "little")
    path = tmp_path / "liar.zip"
    path.write_bytes(bytes(data))
    got = read_backup(str(path), "liar.zip", str(out))
    assert got.files == ()
    assert got.notes == (
        "x.pdf was not restored: it is damaged in the backup "
        "(Bad CRC-32 for file 'certificates/1-x.pdf').",
    )
    assert list(out.iterdir()) == []


def test_empty_and_unknown_kinds_are_not_restored(tmp_path: Path, out: Path) -> None:
    path = backup(
        tmp_path,
        {"certificates/1-empty.pdf": b"", "certificates/2-script.js": b"alert(1)"},
        [
            cert("certificates/1-empty.pdf", "empty.pdf"),
            cert("certificates/2-script.js", "script.js", "text/javascript"),
        ],
    )
    got = read_backup(str(path), "backup.zip", str(out))
    assert got.files == ()
    assert got.notes == (
        "empty.pdf was not restored: it is empty.",
        "script.js was not restored: it is not a PDF or a photo.",
    )
    assert list(out.iterdir()) == []


def test_a_backup_made_by_write_zip_reads_back(tmp_path: Path, out: Path) -> None:
    source = tmp_path / "in-0"
    source.write_bytes(PDF)
    members = archive.entries(
        [
            {"name": "log.json", "text": json.dumps(LOG)},
            {"name": "files.json", "text": json.dumps([cert("certificates/1-cpr.pdf")])},
            {"name": "certificates/1-cpr.pdf", "input": 0},
        ],
        [str(source)],
    )
    zipped = tmp_path / "made.zip"
    archive.write_zip(str(zipped), members)
    got = read_backup(str(zipped), "made.zip", str(out))
    assert json.loads(got.log) == LOG and Path(got.files[0]["path"]).read_bytes() == PDF
    with zipfile.ZipFile(zipped) as z:
        kinds = {i.filename: i.compress_type for i in z.infolist()}
    assert kinds["certificates/1-cpr.pdf"] == zipfile.ZIP_STORED
    assert kinds["log.json"] == zipfile.ZIP_DEFLATED


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ([{"name": "../x", "text": ""}], "'../x' is not a name a zip member can have"),
        ([{"name": "a", "text": ""}, {"name": "a", "text": ""}], "a is in the zip twice"),
        ([{"name": "a", "input": 3}], "a has neither text nor a file"),
        ({"name": "a"}, "the zip's contents must be a list"),
    ],
)
def test_a_zip_is_never_made_with_a_bad_member(raw: object, expected: str) -> None:
    with pytest.raises(ArchiveProblem, match=expected.replace("(", r"\(")):
        archive.entries(raw, [])


def test_the_folder_given_is_the_only_place_written(tmp_path: Path, out: Path) -> None:
    path = backup(tmp_path, {"certificates/1-cpr.pdf": PDF}, [cert("certificates/1-cpr.pdf")])
    got = read_backup(str(path), "backup.zip", str(out))
    assert all(os.path.dirname(f["path"]) == str(out) for f in got.files)


def test_the_bridge_zips_and_reads_back_through_the_calls_folder(
    tmp_path: Path, bundle: dict[str, object]
) -> None:
    from calc import bridge

    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]
    source = tmp_path / "in-0"
    source.write_bytes(PDF)
    io_text = json.dumps({"dir": str(tmp_path), "inputs": [str(source)]})
    entries = [
        {"name": "log.json", "text": json.dumps(LOG)},
        {"name": "files.json", "text": json.dumps([cert("certificates/1-cpr.pdf")])},
        {"name": "certificates/1-cpr.pdf", "input": 0},
    ]
    made = json.loads(bridge.make_zip(json.dumps(entries), io_text))
    assert made == {"ok": True, "outputs": [f"{tmp_path}/out.zip"]}
    back = tmp_path / "back"
    back.mkdir()
    io_back = json.dumps({"dir": str(back), "inputs": made["outputs"]})
    read = json.loads(bridge.read_backup("backup.zip", io_back))
    assert read["ok"] and json.loads(read["log"]) == LOG and read["notes"] == []
    assert read["files"] == [
        {
            "activity": "a1",
            "name": "cpr.pdf",
            "type": "application/pdf",
            "size": len(PDF),
            "added": "2025-03-02",
            "output": 0,
        }
    ]
    assert Path(read["outputs"][0]).read_bytes() == PDF
    bad = json.loads(bridge.make_zip(json.dumps([{"name": "../x", "text": ""}]), io_text))
    assert bad == {"ok": False, "error": "'../x' is not a name a zip member can have"}
    refused = json.loads(
        bridge.read_backup("notes.txt", json.dumps({"dir": str(back), "inputs": [str(source)]}))
    )
    assert refused["ok"] is False and refused["error"].startswith("notes.txt is not a zip file")
