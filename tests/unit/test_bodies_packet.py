"""Another body's audit packet (calc.bodies.packet): the activities that count there, numbered,
with their certificate files named after the lines; what waits for a petition said once; every
text the professional typed escaped; the CSV with every activity. Also through the page's door
(calc.bridge.body_packet)."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calc import bridge
from calc.bodies import packet as made
from calc.bodies.model import UnitCap
from calc.bodies.tally import Held, tally_body
from calc.packet import KEPT_NOT_ATTACHED, NO_FILE, Person, StoredFile
from tests.conftest import load_bodies
from tests.unit.test_bodies_tally import (
    AS_OF,
    CERT,
    CERTIFIED,
    HELD,
    PETITION,
    RULES,
    act,
    always,
    body,
)

D = Decimal
PDF = StoredFile("cert.pdf", "application/pdf", 10)
PNG = StoredFile("photo", "image/png", 10)
TB = body(body().routes[0], PETITION)
WHO = Person("Dana <b>& Co</b>", "")
DAY = date(2026, 6, 1)


def tallied(*activities: Any, b: Any = TB) -> Any:
    return tally_body(b, RULES, [HELD], activities, AS_OF)


def test_only_what_counts_is_listed_numbered_with_its_files() -> None:
    log = [
        act("2026-01-01", title="Own course", amount="0.5"),
        act("2026-02-01", provider="acsm", amount="5", title="Petition course"),
        act("2026-03-01", title="Café: a second one", amount="0.3"),
        act("2024-01-01", title="Too early", amount="0.4"),
    ]
    t = tallied(*log)
    files = [[PDF], [PDF], [PDF, PNG], [PDF]]
    found = made.lines(t.first, log, files)
    assert [(line.number, line.index, line.activity.title) for line in found] == [
        ("01", 0, "Own course"),
        ("02", 2, "Café: a second one"),
    ]
    assert [f.name for line in found for f in line.files] == [
        "01-2026-01-01-own-course.pdf",
        "02-2026-03-01-cafe-a-second-one.pdf",
        "02-2026-03-01-cafe-a-second-one-2.png",
    ]
    assert [(f.activity, f.file) for line in found for f in line.files] == [(0, 0), (2, 0), (2, 1)]
    assert made.waiting(t.first) == 1


def test_numbers_grow_wide_enough_for_a_hundred_lines() -> None:
    log = [act("2026-01-01", title=f"Course {n}", amount="0.01") for n in range(100)]
    found = made.lines(tallied(*log).first, log, [[] for _ in log])
    assert (found[0].number, found[-1].number) == ("001", "100")


def test_a_capped_activity_is_listed_with_what_it_counts() -> None:
    capped = replace(TB, routes=(replace(TB.routes[0], max_per_event=PETITION.petition_fee_usd),))
    # The route's limit per event is 25 TB credits here (the petition fee's value reused): a
    # 30-credit course counts 25.
    log = [act("2026-01-01", title="Huge", amount="30")]
    t = tallied(*log, b=capped)
    (line,) = made.lines(t.first, log, [[]])
    assert (line.count.status, line.count.amount) == ("capped", D(25))


def test_the_summary_says_the_body_its_lines_and_what_waits() -> None:
    log = [
        act("2026-01-01", title="<script>Own</script>", amount="0.5", organization=""),
        act("2026-02-01", provider="acsm", amount="5", title="Petition one"),
        act("2026-02-02", provider="acsm", amount="5", title="Petition two"),
    ]
    t = tallied(*log)
    text = made.summary_html(t, RULES, made.lines(t.first, log, [[PDF], [], []]), WHO, DAY)
    assert "<title>TB continuing education: audit packet</title>" in text
    assert "<script>" not in text and "&lt;script&gt;Own&lt;/script&gt;" in text
    assert "Dana &lt;b&gt;&amp; Co&lt;/b&gt;" in text
    assert "<dt>Cycle</dt><dd>March 31, 2025 to March 31, 2027</dd>" in text
    assert "<dt>Required</dt><dd>2 TB credits</dd>" in text
    assert "<dt>Counted here</dt><dd>0.5 TB credits</dd>" in text
    assert "<dt>Prepared on</dt><dd>June 1, 2026</dd>" in text
    assert "Not yet met: 0.5 of 2 TB credits: 1.5 to go" in text
    assert 'Total TB credits counted</th><td class="cecs">0.5</td>' in text
    assert "01-2026-01-01-script-own-script.pdf" in text
    assert "2 more activities count only once TB approves a petition" in text
    assert "it is not a form of TB's." in text
    assert "independent of TB. TB&#x27;s own pages decide." in text


def test_one_activity_waiting_and_none_counted_are_said_so() -> None:
    log = [act("2026-02-01", provider="acsm", amount="5", title="Petition one")]
    t = tallied(*log)
    text = made.summary_html(t, RULES, made.lines(t.first, log, [[]]), Person("", ""), DAY)
    assert "No activity counts for TB yet." in text and "<table" not in text
    assert "1 more activity counts only once TB approves a petition" in text
    assert "<dt>Name</dt><dd>not given</dd>" in text


def test_a_line_without_a_file_says_whether_the_certificate_is_kept() -> None:
    log = [act(title="Kept", certificate=True), act(title="Not kept")]
    t = tallied(*log)
    text = made.summary_html(t, RULES, made.lines(t.first, log, [[], []]), WHO, DAY)
    assert f"<td>{KEPT_NOT_ATTACHED}</td>" in text and f"<td>{NO_FILE}</td>" in text


def test_the_csv_lists_every_activity_with_its_number_where_it_counts() -> None:
    log = [
        act("2026-01-01", title="Own", amount="0.5"),
        act("2026-02-01", provider="acsm", amount="5", title="Petition, with a comma"),
    ]
    text = made.lines_csv(tallied(*log), RULES, log)
    assert text.startswith("\ufeffnumber,date,title,given_by,amount,unit,status,reason\r\n")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [
        (r["number"], r["date"], r["title"], r["amount"], r["unit"], r["status"]) for r in rows
    ] == [
        ("01", "2026-01-01", "Own", "0.5", "TB credits", "counted"),
        ("", "2026-02-01", "Petition, with a comma", "0", "TB credits", "needs_petition"),
    ]
    assert rows[0]["given_by"] == "American Council on Exercise (ACE)"
    assert rows[1]["reason"].startswith("By petition: would count 0.5 TB credits")


def test_file_names_of_the_zip() -> None:
    assert made.zip_name("ace", DAY) == "ace-audit-packet-2026-06-01.zip"
    assert made.csv_name("nsca", DAY) == "nsca-log-2026-06-01.csv"


# --- through the page's door -------------------------------------------------------------------

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31", "cpr_expires": "2027-06-01"}


@pytest.fixture
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True
    assert json.loads(bridge.load_bodies(json.dumps(load_bodies(), default=str)))["ok"] is True


def ask(profile: dict[str, Any], activities: list[Any], files: Any, which: str) -> Any:
    request = json.dumps({"profile": profile, "activities": activities})
    return json.loads(bridge.body_packet(request, json.dumps(files), which, "2026-12-07"))


@pytest.mark.usefixtures("loaded")
def test_the_page_gets_the_packet_of_a_body_held() -> None:
    profile = {
        **PROFILE,
        "name": "Dana",
        "others": [{"certification": "ace-pt", "certified": "2025-03-31"}],
    }
    activities = [
        {"date": "2026-03-01", "title": "Core", "provider": "ace", "amount": "0.5"},
        {"date": "2026-04-01", "title": "Strength", "provider": "acsm", "amount": "5"},
    ]
    answer = ask(profile, activities, [[{"name": "c.pdf", "type": "application/pdf"}], []], "ace")
    assert answer["ok"] is True
    assert (answer["zip_name"], answer["summary_name"], answer["csv_name"]) == (
        "ace-audit-packet-2026-12-07.zip",
        "00-summary.html",
        "ace-log-2026-12-07.csv",
    )
    assert answer["files"] == [{"activity": 0, "file": 0, "name": "01-2026-03-01-core.pdf"}]
    assert "<dd>Dana</dd>" in answer["html"]
    assert (
        "ACE Certified Personal Trainer: 0.5 of 2 ACE CECs, renew by March 31, 2027"
        in answer["html"]
    )
    assert answer["csv"].count("\r\n") == 3


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(
    ("others", "activities", "files", "which", "said"),
    [
        ([], [], [], "ace", "no certification of 'ace' is held to make its packet for"),
        ([{"certification": "nasm-cpt"}], [], [], "ace", "no certification of 'ace' is held"),
        ([{"certification": "ace-px"}], [], [], "ace", "no certification of 'ace' is held"),
        ("ace-pt", [], [], "ace", "no certification of 'ace' is held"),
        (
            [{"certification": "ace-pt", "certified": "2025-03-31"}],
            [{"date": "x"}],
            [[]],
            "ace",
            None,
        ),
        ([{"certification": "ace-pt", "certified": "2025-03-31"}], [], "junk", "ace", "files"),
        (
            [{"certification": "ace-pt", "certified": "9999-12-31"}],
            [],
            [],
            "ace",
            "check the years",
        ),
    ],
)
def test_a_packet_that_cannot_be_made_says_why(
    others: Any, activities: list[Any], files: Any, which: str, said: str | None
) -> None:
    answer = ask({**PROFILE, "others": others}, activities, files, which)
    assert answer["ok"] is False
    if said is None:
        assert {p["row"] for p in answer["problems"]} == {1}
    else:
        assert said in answer["error"], answer


def test_an_activity_capped_to_nothing_is_not_listed_as_counted() -> None:
    capped = replace(TB, unit_caps=(UnitCap("Own", ("cec",), always(D("0.5"))),))
    log = [
        act("2026-01-01", title="First", amount="0.5", unit="cec"),
        act("2026-01-02", title="Over the cap", amount="0.3", unit="cec"),
    ]
    t = tallied(*log, b=capped)
    assert [c.status for c in t.first.counts] == ["counted", "capped"]
    assert [line.activity.title for line in made.lines(t.first, log, [[], []])] == ["First"]
    rows = list(csv.DictReader(io.StringIO(made.lines_csv(t, RULES, log).removeprefix("\ufeff"))))
    assert [(r["number"], r["status"]) for r in rows] == [("01", "counted"), ("", "capped")]


# The whole summary page, word for word: what an auditor reads. After a deliberate change of its
# wording or layout, write it again with CEC_UPDATE_GOLDEN=1 and read the difference.
GOLDEN = Path(__file__).resolve().parent / "golden" / "body_packet.html"


def golden_packet() -> str:
    """Two certifications of one body held, a card that must be current (met) and credits to
    go (not yet met), lines with no file, one file and two, an untitled one, two petitions."""
    second = replace(CERT, id="tb-gfi", name="TB Group Fitness Instructor")
    two = replace(
        TB,
        cpr=replace(TB.cpr, required=always(True)),
        certifications={"tb-pt": CERT, "tb-gfi": second},
    )
    card = date(2027, 6, 1)
    held = [replace(HELD, cpr_expires=card), Held("tb-gfi", certified=CERTIFIED, cpr_expires=card)]
    log = [
        act("2026-01-01", title="Own course", amount="0.5", certificate=True),
        act("2026-02-01", provider="acsm", amount="5", title="Petition course"),
        act("2026-03-01", title="", amount="0.3", organization="Local chapter"),
        act("2026-04-01", provider="acsm", amount="2", title="Second petition"),
    ]
    t = tally_body(two, RULES, held, log, AS_OF)
    files = [[], [PDF], [PDF, PNG], []]
    return made.summary_html(t, RULES, made.lines(t.first, log, files), WHO, DAY)


def test_the_summary_page_reads_as_it_was_checked_word_for_word() -> None:
    text = golden_packet()
    if os.environ.get("CEC_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
