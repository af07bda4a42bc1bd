"""calc.archive at its limits: which member names are refused and why, the zip the page is given
(fixed dates, text compressed, files stored as they are), and each refusal of a backup exactly at
its limit and one past it (members, the log's size and nesting, a certificate's size, all of the
certificates together), each certificate refused without stopping the next.

The hostile backups themselves (path traversal, a zip bomb, a header that lies) are in
tests/hostile/test_backups.py; here each rule is pinned one at a time, with its exact sentence.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from calc import archive
from calc.archive import (
    MAX_LOG_BYTES,
    MAX_MEMBERS,
    ArchiveProblem,
    Entry,
    entries,
    read_backup,
    safe_member,
    write_zip,
)
from calc.fields import MAX_JSON_DEPTH

MIB = 1024 * 1024
LOG: dict[str, Any] = {"format": "cec-guide-log", "version": 1, "activities": []}
PDF = b"%PDF-1.4 a certificate\n"
Member = tuple[str, bytes]


def make_zip(path: Path, members: list[Member], method: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path


def backup(tmp: Path, members: list[Member], listed: Any = None) -> Path:
    """A backup as the page makes it: log.json, files.json (when given), then the members."""
    head = [("log.json", json.dumps(LOG).encode())]
    if listed is not None:
        head.append(("files.json", json.dumps(listed).encode()))
    return make_zip(tmp / "backup.zip", head + members)


def nested(depth: int) -> str:
    """A log whose brackets nest ``depth`` deep, its own braces the first level."""
    inner = "[" * (depth - 1) + "]" * (depth - 1)
    return json.dumps(LOG)[:-1] + f', "x": {inner}}}'


def with_text(tmp: Path, member: str, text: str | bytes) -> Path:
    """A backup with a good log and an empty list of files, but ``member`` holding ``text``."""
    texts = {"log.json": json.dumps(LOG), "files.json": "[]", member: text}
    members = [(k, v.encode() if isinstance(v, str) else v) for k, v in texts.items()]
    return make_zip(tmp / "backup.zip", members, zipfile.ZIP_DEFLATED)


def cert(path: str, name: str = "cpr.pdf", kind: str = "application/pdf") -> dict[str, Any]:
    return {"activity": "a1", "name": name, "type": kind, "path": path, "added": "2025-03-02"}


def break_checksum(path: Path, member: str) -> None:
    """Changes the CRC-32 the central directory gives ``member``: its bytes read back whole are
    then found damaged (zipfile checks the checksum once it reaches the member's end)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.index(b"PK\x01\x02")
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.index(b"PK\x01\x02", at + 4)
    data[at + 16 : at + 20] = bytes(b ^ 0xFF for b in data[at + 16 : at + 20])
    path.write_bytes(bytes(data))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def restore(path: Path, out: Path, name: str = "backup.zip") -> archive.Restored:
    return read_backup(str(path), name, str(out))


# Member names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "log.json",
        "certificates/1-cpr.pdf",
        "certificates/my cpr card.pdf",  # a space is not a control character
        "certificates/cpr..2025.pdf",  # dots inside a name are not ".."
        "certificates/.hidden.pdf",
        "certificates/a:b.pdf",  # a colon after the second character is no drive
        "a" * 255,  # the longest name a member can have
        "certificates/" + "x" * 242,  # 255 in all, folder included
    ],
)
def test_a_name_that_stays_inside_the_folder_is_safe(name: str) -> None:
    assert safe_member(name)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "no name at all"),
        ("a" * 256, "longer than a file system takes"),
        ("certificates/" + "x" * 242 + "y", "256 characters with its folder"),
        ("/etc/passwd", "absolute: unpacked at the root"),
        ("\\Windows\\system.ini", "absolute on Windows"),
        ("certificates\\1-cpr.pdf", "a backslash is a folder on Windows"),
        ("certificates/..\\..\\x.pdf", "a backslash hiding '..' from a '/' split"),
        ("C:", "a drive letter alone"),
        ("C:/x.pdf", "a drive letter and a path"),
        ("c:x.pdf", "drive-relative on Windows"),
        ("certificates/\x00.pdf", "NUL ends a C string early"),
        ("certificates/a\nb.pdf", "a newline"),
        ("\x1f.pdf", "the last control character"),
        ("../x.pdf", "climbs out of the folder"),
        ("certificates/../../x.pdf", "climbs out past its own folder"),
        ("certificates/..", "ends by climbing out"),
        ("./x.pdf", "a '.' part"),
        ("certificates/./x.pdf", "a '.' part inside"),
        ("certificates//x.pdf", "an empty part"),
        ("certificates/", "a folder, not a file"),
    ],
)
def test_a_name_that_could_land_outside_the_folder_is_unsafe(name: str, why: str) -> None:
    assert not safe_member(name), why


# The page's list of members for a zip to write -------------------------------------------------


def test_members_are_text_or_one_of_the_files_given() -> None:
    raw = [
        {"name": "log.json", "text": "{}"},
        {"name": "certificates/1-cpr.pdf", "input": 1},
        {"name": "certificates/2-photo.jpg", "input": 0, "text": "text wins"},
    ]
    assert entries(raw, ["/in/0", "/in/1"]) == [
        Entry("log.json", text="{}"),
        Entry("certificates/1-cpr.pdf", path="/in/1"),
        Entry("certificates/2-photo.jpg", text="text wins"),
    ]


@pytest.mark.parametrize("raw", [{}, "log.json", None, {"name": "log.json", "text": ""}])
def test_members_that_are_not_a_list_are_refused(raw: object) -> None:
    with pytest.raises(ArchiveProblem) as caught:
        entries(raw, [])
    assert str(caught.value) == "the zip's contents must be a list"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("log.json", "None is not a name a zip member can have"),
        (["log.json"], "None is not a name a zip member can have"),
        ({"text": "{}"}, "None is not a name a zip member can have"),
        ({"name": 5, "text": "{}"}, "5 is not a name a zip member can have"),
        (
            {"name": "../log.json", "text": "{}"},
            "'../log.json' is not a name a zip member can have",
        ),
        ({"name": "a\\b", "text": "{}"}, "'a\\\\b' is not a name a zip member can have"),
    ],
)
def test_a_member_without_a_safe_name_is_refused(item: object, message: str) -> None:
    with pytest.raises(ArchiveProblem) as caught:
        entries([item], [])
    assert str(caught.value) == message


def test_a_name_twice_is_refused() -> None:
    raw = [{"name": "log.json", "text": "{}"}, {"name": "log.json", "input": 0}]
    with pytest.raises(ArchiveProblem) as caught:
        entries(raw, ["/in/0"])
    assert str(caught.value) == "log.json is in the zip twice"


@pytest.mark.parametrize(
    "item",
    [
        {"name": "x.pdf"},
        {"name": "x.pdf", "text": None},
        {"name": "x.pdf", "input": 2},  # one past the last file given
        {"name": "x.pdf", "input": -1},
        {"name": "x.pdf", "input": True},  # a bool is an int to Python, not to the page
        {"name": "x.pdf", "input": "0"},
        {"name": "x.pdf", "input": 0.0},
    ],
)
def test_a_member_that_is_neither_text_nor_a_file_given_is_refused(item: dict[str, Any]) -> None:
    with pytest.raises(ArchiveProblem) as caught:
        entries([item], ["/in/0", "/in/1"])
    assert str(caught.value) == "x.pdf has neither text nor a file"


# Writing a zip --------------------------------------------------------------------------------


def test_text_is_compressed_files_are_stored_as_given_all_dated_1980(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(bytes(range(256)) * 5000)  # more than one chunk of copying
    text = '{"name": "Ana Lima — CPR"}'
    zipped = tmp_path / "out.zip"
    write_zip(
        str(zipped),
        [Entry("log.json", text=text), Entry("certificates/1-photo.jpg", path=str(photo))],
    )
    with zipfile.ZipFile(zipped) as z:
        assert [(i.filename, i.compress_type, i.date_time, i.file_size) for i in z.infolist()] == [
            ("log.json", zipfile.ZIP_DEFLATED, (1980, 1, 1, 0, 0, 0), len(text.encode())),
            ("certificates/1-photo.jpg", zipfile.ZIP_STORED, (1980, 1, 1, 0, 0, 0), 1_280_000),
        ]
        assert z.read("log.json") == text.encode("utf-8")
        assert z.read("certificates/1-photo.jpg") == photo.read_bytes()


def test_the_same_members_make_the_same_zip(tmp_path: Path) -> None:
    members = [Entry("log.json", text="{}"), Entry("README.txt", text="A backup.")]
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(str(first), members)
    write_zip(str(second), members)
    assert first.read_bytes() == second.read_bytes()


def test_a_backup_written_here_is_read_back_whole(tmp_path: Path, out: Path) -> None:
    pdf = tmp_path / "cpr.pdf"
    pdf.write_bytes(PDF)
    listed = [cert("certificates/1-cpr.pdf")]
    write_zip(
        str(tmp_path / "backup.zip"),
        entries(
            [
                {"name": "log.json", "text": json.dumps(LOG)},
                {"name": "certificates/1-cpr.pdf", "input": 0},
                {"name": "files.json", "text": json.dumps(listed)},
                {"name": "README.txt", "text": "How to restore this backup."},
            ],
            [str(pdf)],
        ),
    )
    got = restore(tmp_path / "backup.zip", out)
    assert (json.loads(got.log), got.notes) == (LOG, ())
    assert got.files == (
        {
            "activity": "a1",
            "name": "cpr.pdf",
            "type": "application/pdf",
            "size": len(PDF),
            "added": "2025-03-02",
            "output": 0,
            "path": str(out / "file-0"),
        },
    )
    assert (out / "file-0").read_bytes() == PDF


# Reading a backup: the zip as a whole ---------------------------------------------------------


def test_the_number_of_members_is_limited(tmp_path: Path, out: Path) -> None:
    # Folders are members too (and are skipped without a note): the count is of the zip's list.
    folders = [(f"certificates/{i}/", b"") for i in range(MAX_MEMBERS - 1)]
    at_limit = backup(tmp_path, folders)
    assert restore(at_limit, out).notes == ()

    over = backup(tmp_path, [*folders, ("README.txt", b"")])
    with pytest.raises(ArchiveProblem) as caught:
        restore(over, out, "Ana's backup.zip")
    assert str(caught.value) == "Ana's backup.zip holds 5001 files: a backup holds far fewer"


def test_the_readme_and_folders_the_page_writes_are_not_noted(tmp_path: Path, out: Path) -> None:
    path = backup(
        tmp_path,
        [
            ("README.txt", b"How to restore."),
            ("certificates/", b""),
            ("certificates/1-cpr.pdf", PDF),
        ],
        [cert("certificates/1-cpr.pdf")],
    )
    got = restore(path, out)
    assert got.notes == ()
    assert [f["name"] for f in got.files] == ["cpr.pdf"]


def test_only_the_readme_by_its_exact_name_is_passed_over(tmp_path: Path, out: Path) -> None:
    path = backup(tmp_path, [("readme.txt", b""), ("docs/README.txt", b"")], [])
    assert restore(path, out).notes == (
        "readme.txt was left out: the backup's list of files does not name it.",
        "docs/README.txt was left out: the backup's list of files does not name it.",
    )


def test_a_damaged_log_is_refused_with_zipfiles_reason(tmp_path: Path, out: Path) -> None:
    path = backup(tmp_path, [])
    break_checksum(path, "log.json")
    with pytest.raises(ArchiveProblem) as caught:
        restore(path, out)
    assert str(caught.value) == "backup.zip is damaged (Bad CRC-32 for file 'log.json')"


def test_a_log_exactly_at_the_size_limit_is_read_whole(tmp_path: Path, out: Path) -> None:
    # Over a megabyte: read in several chunks, joined back exactly as they were.
    empty = json.dumps({**LOG, "pad": ""})
    text = json.dumps({**LOG, "pad": "x" * (MAX_LOG_BYTES - len(empty))})
    assert len(text.encode()) == MAX_LOG_BYTES
    path = make_zip(tmp_path / "backup.zip", [("log.json", text.encode())], zipfile.ZIP_DEFLATED)
    got = restore(path, out)
    assert (got.log == text, got.files, got.notes) == (True, (), ())


def test_a_list_of_files_exactly_at_the_size_limit_is_read(tmp_path: Path, out: Path) -> None:
    listing = b"[" + b" " * (MAX_LOG_BYTES - 2) + b"]"
    path = make_zip(
        tmp_path / "backup.zip",
        [("log.json", json.dumps(LOG).encode()), ("files.json", listing)],
        zipfile.ZIP_DEFLATED,
    )
    got = restore(path, out)
    assert (got.files, got.notes) == ((), ())


@pytest.mark.parametrize("member", ["log.json", "files.json"])
def test_a_log_or_list_one_byte_over_the_limit_is_refused(
    tmp_path: Path, out: Path, member: str
) -> None:
    # Too large to be a log: a zip bomb's way in. The other one of the two is fine.
    big = b"[" + b" " * (MAX_LOG_BYTES - 1) + b"]"
    small = {"log.json": json.dumps(LOG).encode(), "files.json": b"[]"}
    members = [(name, big if name == member else data) for name, data in small.items()]
    path = make_zip(tmp_path / "backup.zip", members, zipfile.ZIP_DEFLATED)
    with pytest.raises(ArchiveProblem) as caught:
        restore(path, out)
    assert str(caught.value) == "backup.zip: its log unpacks far larger than a log can be"


@pytest.mark.parametrize(
    ("member", "data", "reason"),
    [
        (
            "log.json",
            b"\xff{}",
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
        (
            "log.json",
            b"{",
            "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        ("files.json", b"[", "Expecting value: line 1 column 2 (char 1)"),
    ],
)
def test_a_log_or_list_that_is_not_json_is_refused(
    tmp_path: Path, out: Path, member: str, data: bytes, reason: str
) -> None:
    with pytest.raises(ArchiveProblem) as caught:
        restore(with_text(tmp_path, member, data), out)
    assert str(caught.value) == f"backup.zip: its log cannot be read ({reason})"


def test_a_log_nested_to_the_depth_limit_is_read(tmp_path: Path, out: Path) -> None:
    got = restore(with_text(tmp_path, "log.json", nested(MAX_JSON_DEPTH)), out)
    assert (got.log, got.files, got.notes) == (nested(MAX_JSON_DEPTH), (), ())


@pytest.mark.parametrize(
    ("member", "text"),
    [
        ("log.json", nested(MAX_JSON_DEPTH + 1)),
        ("log.json", "[" * 100_000 + "]" * 100_000),  # 200 kB, zipped to less than 1 kB
        ("files.json", "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)),
        ("files.json", "[" * 100_000 + "]" * 100_000),
    ],
)
def test_json_nested_deeper_than_the_limit_is_refused_unread(
    tmp_path: Path, out: Path, member: str, text: str
) -> None:
    # json recurses once a level: deep brackets end in a RecursionError, and inside Pyodide in an
    # overflow of the WebAssembly stack that kills Python outright. The depth is checked first.
    with pytest.raises(ArchiveProblem) as caught:
        restore(with_text(tmp_path, member, text), out)
    assert str(caught.value) == (
        "backup.zip: its log cannot be read (nested more than 32 levels deep)"
    )


@pytest.mark.parametrize(
    ("member", "text"),
    [
        ("log.json", json.dumps(LOG)[:-1] + ', "n": ' + "1" * 5000 + "}"),
        ("files.json", "[" + "1" * 5000 + "]"),
    ],
)
def test_a_number_too_long_to_read_is_refused(
    tmp_path: Path, out: Path, member: str, text: str
) -> None:
    # Python turns no more than 4300 digits into an int (more would take quadratic time): json
    # raises int's own ValueError, which is not a JSONDecodeError.
    with pytest.raises(ValueError) as too_long:
        int("1" * 5000)
    with pytest.raises(ArchiveProblem) as caught:
        restore(with_text(tmp_path, member, text), out)
    assert str(caught.value) == f"backup.zip: its log cannot be read ({too_long.value})"


@pytest.mark.parametrize("log", [[LOG], {"format": "cec-guide-log-2"}, {"activities": []}])
def test_json_that_is_not_a_log_is_refused(tmp_path: Path, out: Path, log: object) -> None:
    path = make_zip(tmp_path / "backup.zip", [("log.json", json.dumps(log).encode())])
    with pytest.raises(ArchiveProblem) as caught:
        restore(path, out)
    assert str(caught.value) == "backup.zip: its log.json is not a CEC Guide log"


# Reading a backup: its list of files (files.json) ---------------------------------------------


@pytest.mark.parametrize(
    "listing",
    [
        {},
        {"path": "certificates/1-cpr.pdf"},
        5,
        None,
        "x",
        [1],
        [cert("certificates/1-cpr.pdf"), "x"],
    ],
)
def test_a_list_of_files_that_is_not_one_is_refused(
    tmp_path: Path, out: Path, listing: object
) -> None:
    with pytest.raises(ArchiveProblem) as caught:
        restore(with_text(tmp_path, "files.json", json.dumps(listing)), out)
    assert str(caught.value) == (
        "backup.zip: its list of files (files.json) is not a list of files"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("activity", ""),
        ("activity", 5),
        ("name", ""),
        ("name", None),
        ("path", ""),
        ("path", ["x"]),
    ],
)
def test_a_listed_file_without_activity_name_or_path_is_refused(
    tmp_path: Path, out: Path, field: str, value: object
) -> None:
    listed = [cert("certificates/1-cpr.pdf"), {**cert("certificates/2-x.pdf"), field: value}]
    path = backup(tmp_path, [("certificates/1-cpr.pdf", PDF)], listed)
    with pytest.raises(ArchiveProblem) as caught:
        restore(path, out)
    assert str(caught.value) == (
        "backup.zip: a file in its list (files.json) has no activity, name or path"
    )


def test_a_backup_without_a_list_restores_no_file(tmp_path: Path, out: Path) -> None:
    path = backup(tmp_path, [("certificates/1-cpr.pdf", PDF)])
    got = restore(path, out)
    assert got.files == ()
    assert got.notes == (
        "certificates/1-cpr.pdf was left out: the backup's list of files does not name it.",
    )


# Reading a backup: each certificate, one refused never stopping the next -----------------------


@pytest.mark.parametrize(
    ("first", "members", "note"),
    [
        (
            cert("certificates/../x.pdf", "evil.pdf"),
            [],
            "evil.pdf was not restored: its place in the backup ('certificates/../x.pdf') is unsafe.",
        ),
        (
            cert("elsewhere/x.pdf", "stray.pdf"),
            [("elsewhere/x.pdf", PDF)],
            "stray.pdf was not restored: its place in the backup ('elsewhere/x.pdf') is unsafe.",
        ),
        (
            cert("certificates/0-gone.pdf", "gone.pdf"),
            [],
            "gone.pdf was not restored: the backup lists it (certificates/0-gone.pdf) but does not hold it.",
        ),
    ],
)
def test_a_listed_file_left_out_does_not_stop_the_next(
    tmp_path: Path, out: Path, first: dict[str, Any], members: list[Member], note: str
) -> None:
    path = backup(
        tmp_path,
        [*members, ("certificates/1-cpr.pdf", PDF)],
        [first, cert("certificates/1-cpr.pdf")],
    )
    got = restore(path, out)
    assert [(f["name"], f["output"], f["path"]) for f in got.files] == [
        ("cpr.pdf", 0, str(out / "file-0"))
    ]
    assert got.notes == (note,)


def test_a_damaged_certificate_is_named_and_the_next_restored(tmp_path: Path, out: Path) -> None:
    path = backup(
        tmp_path,
        [("certificates/1-bad.pdf", PDF), ("certificates/2-cpr.pdf", PDF)],
        [cert("certificates/1-bad.pdf", "bad.pdf"), cert("certificates/2-cpr.pdf")],
    )
    break_checksum(path, "certificates/1-bad.pdf")
    got = restore(path, out)
    assert got.notes == (
        "bad.pdf was not restored: it is damaged in the backup (Bad CRC-32 for file 'certificates/1-bad.pdf').",
    )
    assert [(f["name"], f["path"]) for f in got.files] == [("cpr.pdf", str(out / "file-0"))]
    assert sorted(p.name for p in out.iterdir()) == ["file-0"]


def test_a_certificate_exactly_at_the_size_limit_is_restored_one_byte_more_is_not(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_CERTIFICATE_BYTES", 2 * MIB)  # 20 MB in the page
    over, exact = b"%PDF" + b"o" * (2 * MIB - 3), b"%PDF" + b"e" * (2 * MIB - 4)
    path = backup(
        tmp_path,
        [("certificates/1-over.pdf", over), ("certificates/2-exact.pdf", exact)],
        [
            cert("certificates/1-over.pdf", "over.pdf"),
            cert("certificates/2-exact.pdf", "exact.pdf"),
        ],
    )
    got = restore(path, out)
    assert got.notes == (
        "over.pdf was not restored: it unpacks larger than 2 MB, the limit for a certificate.",
    )
    assert [(f["name"], f["size"]) for f in got.files] == [("exact.pdf", 2 * MIB)]
    assert (out / "file-0").read_bytes() == exact
    assert sorted(p.name for p in out.iterdir()) == ["file-0"]


def test_a_certificate_is_read_no_further_than_just_past_the_limit(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A member of 4 MB whose checksum is wrong: the limit stops the reading after 3 MB, before
    # the end where the checksum would be found wrong. Reading it whole would say "damaged".
    monkeypatch.setattr(archive, "MAX_CERTIFICATE_BYTES", 2 * MIB)
    path = backup(
        tmp_path,
        [("certificates/1-big.pdf", b"\0" * (4 * MIB))],
        [cert("certificates/1-big.pdf", "big.pdf")],
    )
    break_checksum(path, "certificates/1-big.pdf")
    got = restore(path, out)
    assert got.notes == (
        "big.pdf was not restored: it unpacks larger than 2 MB, the limit for a certificate.",
    )
    assert list(out.iterdir()) == []


def test_all_certificates_together_are_limited(
    tmp_path: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each one under its own limit, together a zip bomb: 1 GB in the page, 1000 bytes here.
    monkeypatch.setattr(archive, "MAX_BACKUP_BYTES", 1000)
    listed = [cert("certificates/1-a.pdf", "a.pdf"), cert("certificates/2-b.pdf", "b.pdf")]

    at_limit = backup(
        tmp_path,
        [("certificates/1-a.pdf", b"a" * 600), ("certificates/2-b.pdf", b"b" * 400)],
        listed,
    )
    got = restore(at_limit, out)
    assert [(f["name"], f["size"]) for f in got.files] == [("a.pdf", 600), ("b.pdf", 400)]

    over = backup(
        tmp_path,
        [("certificates/1-a.pdf", b"a" * 600), ("certificates/2-b.pdf", b"b" * 401)],
        listed,
    )
    again = tmp_path / "again"
    again.mkdir()
    with pytest.raises(ArchiveProblem) as caught:
        restore(over, again, "Ana's backup.zip")
    assert str(caught.value) == "Ana's backup.zip unpacks larger than any CEC Guide backup can be"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("cpr.pdf", "", "application/pdf"),
        ("CPR.PDF", "", "application/pdf"),
        ("cpr.2025.pdf", "", "application/pdf"),  # the last extension counts
        ("photo.heic", "", "image/heic"),
        ("scan", "image/png", "image/png"),  # the backup's type, when one of a certificate's
        ("photo.jpg", "image/png", "image/png"),  # ... wins over the extension
        ("photo.jpg", "text/html", "image/jpeg"),  # another type: the extension decides
    ],
)
def test_a_certificates_kind_is_its_type_else_its_extension(
    tmp_path: Path, out: Path, name: str, kind: str, expected: str
) -> None:
    path = backup(tmp_path, [("certificates/1-x", PDF)], [cert("certificates/1-x", name, kind)])
    got = restore(path, out)
    assert (got.notes, [(f["name"], f["type"]) for f in got.files]) == ((), [(name, expected)])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("pdf", ""),  # no extension at all, though the name spells one
        ("notes.txt", ""),
        ("page.html", "text/html"),
        ("cpr.pdf.exe", ""),
    ],
)
def test_a_file_that_is_not_a_pdf_or_a_photo_is_not_restored(
    tmp_path: Path, out: Path, name: str, kind: str
) -> None:
    path = backup(tmp_path, [("certificates/1-x", PDF)], [cert("certificates/1-x", name, kind)])
    got = restore(path, out)
    assert got.files == ()
    assert got.notes == (f"{name} was not restored: it is not a PDF or a photo.",)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("added", "expected"), [(None, ""), ("", ""), ("2025-03-02", "2025-03-02")]
)
def test_a_certificates_day_added_is_kept_or_left_empty(
    tmp_path: Path, out: Path, added: str | None, expected: str
) -> None:
    item = {**cert("certificates/1-cpr.pdf"), "added": added}
    if added is None:
        del item["added"]
    path = backup(tmp_path, [("certificates/1-cpr.pdf", PDF)], [item])
    assert [f["added"] for f in restore(path, out).files] == [expected]
