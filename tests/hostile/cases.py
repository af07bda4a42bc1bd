"""Hostile log files: what a spreadsheet, a wrong export or a malicious file can hand the
import. Each case is (name, text) as the page passes it to Python: the browser decodes a file as
UTF-8, turning bytes that are not UTF-8 into U+FFFD."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

HEADER = "date,title,provider,amount,unit,category,in_scope,certificate"
GOOD = "2025-03-01,Course,acsm,1.5,,,yes,no"
GOOD_JSON = {
    "format": "cec-guide-log",
    "version": 1,
    "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
    "activities": [
        {"date": "2025-03-01", "title": "Course", "provider": "ace", "amount": "1.5"},
        {
            "date": "2025-04-01",
            "title": "Other",
            "provider": "nasm",
            "amount": "0.4",
            "certificate": "yes",
        },
    ],
}
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "\"'><svg/onload=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "</textarea><b>x</b>",
    "\u202eevil\u202c",
    "\x00",
    "\ufeff",
]
FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "\t=1",
    "\r=1",
    "'=already quoted",
]
DATES = [
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "9999-12-31",
    "2025/01/01",
    "01/02/2025",
    "2025-1-1",
    "20250101",
    "yesterday",
    "",
    " ",
    "1989-12-31",
    "2035-01-01",
    "2024-02-29",
    "2023-02-29",
]
AMOUNTS = [
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "-1",
    "-0",
    "1e3",
    "1E-2",
    "0x10",
    "1,5",
    "\uff11\uff12",
    " 1 ",
    "1.2345",
    "999999",
    "1" * 400,
    "",
    "٣",
    "1_000",
    "+1",
    ".5",
    "5.",
]
FIELDS = ["provider", "unit", "category", "in_scope", "certificate"]
UNKNOWN = ["zzz", "ACE ", "ace\u200b", "Other ", "null", "0", "<b>ace</b>", "AcE"]


def csv_row(**fields: str) -> str:
    values = {
        "date": "2025-03-01",
        "title": "Course",
        "provider": "acsm",
        "amount": "1",
        "unit": "",
        "category": "",
        "in_scope": "yes",
        "certificate": "no",
        **fields,
    }
    cells = []
    for key in HEADER.split(","):
        value = values[key]
        cells.append(
            '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') else value
        )
    return ",".join(cells)


def as_page_reads(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def cases() -> Iterator[tuple[str, str]]:
    # Encodings.
    text = f"{HEADER}\r\n{csv_row(title='Café déjà vu')}\r\n"
    yield "utf-8 with BOM", "\ufeff" + text
    for name in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "mac-roman"):
        yield f"file in {name}", as_page_reads(text.encode(name))
    yield "utf-8 BOM then utf-16 bytes", as_page_reads(codecs.BOM_UTF8 + text.encode("utf-16-le"))
    yield "binary noise", as_page_reads(bytes(range(256)) * 40)
    yield "a zip file", as_page_reads(b"PK\x03\x04" + bytes(300))
    # Size.
    row = csv_row(title="x" * 80) + "\n"
    yield "10 MB of rows", HEADER + "\n" + row * (10_000_000 // len(row))
    yield "100,000 rows", HEADER + "\n" + (GOOD + "\n") * 100_000
    yield (
        "100,000 activities in JSON",
        json.dumps({**GOOD_JSON, "activities": GOOD_JSON["activities"] * 50_000}),
    )
    yield "one 2 MB title", HEADER + "\n" + csv_row(title="y" * 2_000_000) + "\n"
    yield (
        "one 2 MB cell in an unknown column",
        "date,provider,amount,notes\n2025-01-01,acsm,1," + "z" * 2_000_000,
    )
    # Spreadsheet formulas and markup, in every text field.
    for formula in FORMULAS:
        yield f"formula title {formula!r}", f"{HEADER}\n{csv_row(title=formula)}\n"
    for payload in PAYLOADS:
        for field in ("title", "provider", "amount", "date"):
            yield f"payload {payload!r} in {field}", f"{HEADER}\n{csv_row(**{field: payload})}\n"
    # Dates, amounts, ids.
    for day in DATES:
        yield f"date {day!r}", f"{HEADER}\n{csv_row(date=day)}\n"
    for amount in AMOUNTS:
        yield f"amount {amount!r}", f"{HEADER}\n{csv_row(amount=amount)}\n"
        yield (
            f"JSON amount {amount!r}",
            json.dumps(
                {"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": amount}]}
            ),
        )
    for value in (1.5, -1, 1e308, 0, True, None, [], {}, "1.5"):
        yield (
            f"JSON amount of type {type(value).__name__} {value!r}",
            json.dumps(
                {"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": value}]}
            ),
        )
    yield (
        "JSON NaN literal",
        '{"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": NaN}]}',
    )
    yield (
        "JSON Infinity literal",
        '{"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": -Infinity}]}',
    )
    for field in FIELDS:
        for value in UNKNOWN:
            yield f"{field} {value!r}", f"{HEADER}\n{csv_row(**{field: value})}\n"
    # Columns and rows.
    yield "missing required columns", "date,title\n2025-01-01,x\n"
    yield "only a header", HEADER + "\n"
    yield "empty file", ""
    yield "blank lines only", "\n\n\r\n"
    yield "extra column", HEADER + ",notes\n" + GOOD + ",hello\n"
    yield "duplicate column", HEADER + ",amount\n" + GOOD + ",2\n"
    yield "header in another case", HEADER.upper() + "\n" + GOOD + "\n"
    yield "header with spaces", ", ".join(HEADER.split(",")) + "\n" + GOOD + "\n"
    yield "more cells than columns", HEADER + "\n" + GOOD + ",surplus\n"
    yield "fewer cells than columns", HEADER + "\n2025-03-01,Course,acsm\n"
    yield "tab separated", HEADER.replace(",", "\t") + "\n" + GOOD.replace(",", "\t") + "\n"
    yield "semicolon separated", HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";") + "\n"
    yield "unbalanced quote", HEADER + '\n2025-03-01,"Course,acsm,1,,,yes,no\n'
    yield "quoted newline in title", HEADER + '\n2025-03-01,"two\nlines",acsm,1,,,yes,no\n'
    yield "old Mac line endings", (HEADER + "\r" + GOOD + "\r")
    yield "NUL in the middle", HEADER + "\n" + GOOD + "\x00\n"
    yield "a thousand columns", ",".join(f"c{i}" for i in range(1000)) + "\n"
    # JSON shapes.
    full = json.dumps(GOOD_JSON)
    for cut in range(1, len(full), max(1, len(full) // 40)):
        yield f"JSON cut at {cut}", full[:cut]
    for name, value in [
        ("a JSON array", []),
        ("a JSON string", "log"),
        ("a JSON number", 3),
        ("JSON null", None),
        ("activities as an object", {"activities": {"0": {}}}),
        ("activities of numbers", {"activities": [1, 2]}),
        ("activities of nulls", {"activities": [None]}),
        (
            "activity with nested fields",
            {"activities": [{"date": ["2025-01-01"], "provider": {"id": "acsm"}, "amount": "1"}]},
        ),
        ("profile as a list", {"profile": [], "activities": []}),
        (
            "profile with bad certifications",
            {"profile": {"certifications": "zzz", "cycle_end": "2026-12-31"}, "activities": []},
        ),
        (
            "profile with numeric certifications",
            {"profile": {"certifications": [1, None], "cycle_end": "2026-12-31"}, "activities": []},
        ),
        (
            "profile with a bad cycle end",
            {"profile": {"certifications": ["cpt"], "cycle_end": "soon"}, "activities": []},
        ),
        (
            "profile with start after end",
            {
                "profile": {
                    "certifications": ["cpt"],
                    "cycle_end": "2026-12-31",
                    "cycle_start": "2027-01-01",
                },
                "activities": [],
            },
        ),
        ("unknown top-level keys", {**GOOD_JSON, "extra": {"deep": [1, 2, 3]}}),
    ]:
        yield name, json.dumps(value)
    yield "JSON nested 10,000 deep", '{"activities": ' + "[" * 10_000 + "]" * 10_000 + "}"
    yield (
        "JSON with duplicate keys",
        '{"activities": [], "activities": [{"date": "2025-01-01", "provider": "acsm", "amount": "1"}]}',
    )
    yield "JSON with a BOM", "\ufeff" + full
    yield "JSON with comments", "// log\n" + full
    yield "JSON lines", "\n".join(json.dumps(a) for a in GOOD_JSON["activities"])
