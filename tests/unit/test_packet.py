"""The audit packet: the summary page an auditor reads, the names of the certificate files in the
zip, and the log as CSV.

The log below is a renewal as a trainer would enter it: four activities that count (one with its
certificate file, one whose certificate the trainer keeps on paper, one with two photos of its
certificate, one with none), one planned for the autumn and one from before the cycle began.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import bridge
from calc.engine import tally
from calc.model import Activity, Profile, Rules
from calc.packet import (
    Packet,
    StoredFile,
    extension,
    left_out,
    lines,
    person,
    read_files,
    slug,
)
from calc.text import long_dates

TODAY = "2026-06-01"
PROFILE = {
    "certifications": ["cpt"],
    "cycle_end": "2026-12-31",
    "cpr_expires": "2027-01-31",
    "name": "Dana Reyes",
    "acsm_number": "123456",
}
WORKSHOP = {
    "date": "2025-03-01",
    "title": "ACSM Strength Workshop",
    "provider": "acsm",
    "amount": "1.5",
    "certificate": "yes",
}
SUMMIT = {"date": "2026-09-15", "title": "Fall summit", "provider": "acsm", "amount": "3"}
KETTLEBELL = {
    "date": "2025-05-10",
    "title": "Kettlebell basics",
    "provider": "nsca",
    "amount": "0.5",
    "certificate": "yes",
}
OLD_COURSE = {
    "date": "2023-05-01",
    "title": "Old course",
    "provider": "nasm",
    "amount": "1",
    "certificate": "yes",
}
NUTRITION = {
    "date": "2025-06-20",
    "title": "Café Nutrition Talk",
    "provider": "other",
    "organization": "Mercy Hospital",
    "amount": "2",
    "unit": "hour",
    "certificate": "yes",
}
WEBINAR = {"date": "2025-08-02", "title": "Stretching webinar", "provider": "acsm", "amount": "1"}
LOG = [WORKSHOP, SUMMIT, KETTLEBELL, OLD_COURSE, NUTRITION, WEBINAR]


def pdf(name: str) -> dict[str, Any]:
    return {"name": name, "type": "application/pdf", "size": 12345}


FILES: list[list[dict[str, Any]]] = [
    [pdf("workshop certificate.pdf")],
    [pdf("summit ticket.pdf")],  # a plan: not in the zip
    [],  # the certificate is kept on paper
    [pdf("old.pdf")],  # counted nothing: not in the zip
    [
        {"name": "IMG_0042.JPG", "type": "image/jpeg", "size": 2000},
        {"name": "scan", "type": "image/png", "size": 3000},
    ],
    [],
]


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def request(*activities: dict[str, Any], profile: dict[str, Any] = PROFILE) -> str:
    """The log as the page sends it: the profile and each activity as its own JSON text."""
    return json.dumps({"profile": profile, "records": [json.dumps(a) for a in activities]})


def made(
    activities: list[dict[str, Any]] = LOG,
    files: list[list[dict[str, Any]]] = FILES,
    profile: dict[str, Any] = PROFILE,
) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(
        bridge.packet(request(*activities, profile=profile), json.dumps(files), TODAY)
    )
    return answer


# --- Reading the summary page as a browser would ---

VOID = {"meta", "br", "link", "img", "input", "hr", "base", "col", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The text a reader sees; a line break as a newline."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str, cls: str | None = None) -> list[Node]:
        found = []
        for c in self.children:
            if isinstance(c, Node):
                if c.tag == tag and (cls is None or c.attrs.get("class") == cls):
                    found.append(c)
                found += c.all(tag, cls)
        return found

    def one(self, tag: str, cls: str | None = None) -> Node:
        found = self.all(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls}>"
        return found[0]


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = [self.root]
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        node = Node(tag, dict(attrs))
        self.open[-1].children.append(node)
        if tag == "br":
            node.children.append("\n")
        elif tag not in VOID:
            self.open.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def page(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.open == [tree.root], "every element is closed"
    return tree


def facts(doc: Node) -> dict[str, str]:
    return {div.one("dt").text(): div.one("dd").text() for div in doc.one("dl", "facts").all("div")}


def table_lines(doc: Node) -> list[list[str]]:
    return [[td.text() for td in tr.all("td")] for tr in doc.one("tbody").all("tr")]


# --- The packet of a small renewal ---

ACSM = "ACSM itself (ACSMceOnline, ACSM events and webinars)"
NSCA = "National Strength and Conditioning Association (NSCA)"
UNLISTED = "Another organization (not listed)"


def long_day(iso: str) -> str:
    """A day as the summary writes it, the US way: December 31, 2026."""
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def test_the_zip_holds_the_summary_the_log_and_the_files_of_counted_activities() -> None:
    answer = made()
    assert answer["ok"] is True
    assert answer["zip_name"] == "acsm-audit-packet-2026-06-01.zip"
    assert answer["summary_name"] == "00-summary.html"
    assert answer["csv_name"] == "cec-log-2026-06-01.csv"
    # Activity and file are places in the page's lists (0-based): the plan's ticket (activity 1)
    # and the old course's certificate (activity 3) stay out.
    assert answer["files"] == [
        {"activity": 0, "file": 0, "name": "01-2025-03-01-acsm-strength-workshop.pdf"},
        {"activity": 4, "file": 0, "name": "03-2025-06-20-cafe-nutrition-talk.jpg"},
        {"activity": 4, "file": 1, "name": "03-2025-06-20-cafe-nutrition-talk-2.png"},
    ]


def test_the_summary_lists_each_counted_activity_on_a_numbered_line() -> None:
    doc = page(made()["html"]).root
    headers = [th.text() for th in doc.one("thead").all("th")]
    assert headers == [
        "No.",
        "Date completed",
        "Title",
        "Organization",
        "Amount",
        "ACSM CECs",
        "Certificate file",
    ]
    assert table_lines(doc) == [
        [
            "01",
            "March 1, 2025",
            "ACSM Strength Workshop",
            ACSM,
            "1.5 CECs (ACSM)",
            "1.5",
            "01-2025-03-01-acsm-strength-workshop.pdf",
        ],
        [
            "02",
            "May 10, 2025",
            "Kettlebell basics",
            NSCA,
            "0.5 CEUs (NSCA)",
            "5",
            "kept by you, not attached",
        ],
        [
            "03",
            "June 20, 2025",
            "Café Nutrition Talk",
            "Mercy Hospital",  # an organization the rules do not list, by its own name
            "2 hours",
            "2",
            "03-2025-06-20-cafe-nutrition-talk.jpg\n03-2025-06-20-cafe-nutrition-talk-2.png",
        ],
        ["04", "August 2, 2025", "Stretching webinar", ACSM, "1 CEC (ACSM)", "1", "not attached"],
    ]
    total = doc.one("tfoot").one("tr")
    assert [total.one("th").text(), *(td.text() for td in total.all("td"))] == [
        "Total ACSM CECs counted",
        "9.5",
        "",
    ]


def test_the_summary_names_who_gave_each_activity_as_an_auditor_reads_it() -> None:
    """An organization the rules do not list by its own name, also beside its own CECs; a
    listed one by its name, with its own part (a chapter) after it; markup kept as text."""
    log = [
        {"date": "2025-03-01", "title": "In-service", "provider": "other",
         "organization": "City Gym", "amount": "2", "unit": "cec"},
        {"date": "2025-03-02", "title": "Unnamed", "provider": "other", "amount": "2",
         "unit": "cec"},
        {"date": "2025-03-03", "title": "Chapter", "provider": "acsm_approved",
         "organization": "Southeast ACSM", "amount": "2"},
        {"date": "2025-03-04", "title": "Talk", "provider": "other",
         "organization": "<b>Gym</b> & Co", "amount": "2", "unit": "hour"},
    ]  # fmt: skip
    answer = made(log, [[], [], [], []])
    assert (
        "<b>Gym</b>" not in answer["html"] and "&lt;b&gt;Gym&lt;/b&gt; &amp; Co" in answer["html"]
    )
    assert [line[3:5] for line in table_lines(page(answer["html"]).root)] == [
        ["City Gym", "2 CECs (City Gym)"],
        [UNLISTED, "2 CECs (another organization)"],
        [
            "ACSM Approved Provider or ACSM regional chapter: Southeast ACSM",
            "2 CECs (ACSM-approved provider)",
        ],
        ["<b>Gym</b> & Co", "2 hours"],
    ]


def test_the_summary_says_which_activities_it_leaves_out_and_why() -> None:
    doc = page(made()["html"]).root
    assert doc.one("p", "left-out").text() == (
        "2 entered activities are not listed: 1 is a plan and 1 counted nothing "
        "(see the calculator for why)."
    )


def test_the_summary_opens_with_who_what_and_where_they_stand(bundle: dict[str, Any]) -> None:
    doc = page(made()["html"]).root
    assert doc.one("h1").text() == "ACSM continuing education: audit packet"
    assert facts(doc) == {
        "Name": "Dana Reyes",
        "ACSM certification number": "123456",
        "Certification": "ACSM Certified Personal Trainer (ACSM-CPT)",
        "Cycle": "January 1, 2024 to December 31, 2026",
        "Requirement": "ACSM-CPT requires 45 CECs per cycle.",
        "CECs": "9.5 CECs earned of 45 CECs required (35.5 CECs short)",
        "Status": "35.5 CECs to go by December 31, 2026: 9.5 of 45 CECs so far.",
        "CPR/AED card expires": "January 31, 2027",
        "Made on": "June 1, 2026",
        "Rules last verified": long_day(bundle["last_verified"]),
    }
    assert (
        doc.one("title").text()
        == "ACSM continuing education: audit packet (Dana Reyes, 2026-06-01)"
    )


def test_the_status_line_is_the_calculators_verdict() -> None:
    compute = json.loads(bridge.compute(request(*LOG), TODAY))
    # The same sentence, its days as people write them.
    headline = compute["result"]["verdict"]["headline"]
    assert headline == "35.5 CECs to go by 2026-12-31: 9.5 of 45 CECs so far."
    assert facts(page(made()["html"]).root)["Status"] == long_dates(headline)


def test_a_profile_without_name_or_number_says_so() -> None:
    profile = {"certifications": ["cpt", "ep"], "cycle_end": "2026-12-31"}
    shown = facts(page(made(profile=profile)["html"]).root)
    assert (shown["Name"], shown["ACSM certification number"]) == ("not given", "not given")
    assert shown["Certifications"] == (
        "ACSM Certified Personal Trainer (ACSM-CPT); ACSM Certified Exercise Physiologist (ACSM-EP)"
    )
    assert "CPR/AED card expires" not in shown


def test_a_complete_renewal_says_the_requirement_is_met() -> None:
    done = [{**WORKSHOP, "amount": "45"}]
    shown = facts(page(made(done, [[]])["html"]).root)
    assert shown["CECs"] == "45 CECs earned of 45 CECs required (requirement met)"


def test_the_attestation_and_signature_follow_the_table() -> None:
    doc = page(made()["html"]).root
    assert doc.one("p", "attestation").text() == (
        "I confirm that I completed the continuing education listed above, that the attached "
        "certificates are copies of the originals, and that this information is accurate."
    )
    assert [p.text() for p in doc.one("div", "signature").all("p")] == ["Signature", "Date"]
    assert "not a form of ACSM's" in doc.one("p", "not-acsm").text()


def test_the_rules_sources_come_last_listing_only_those_of_counted_lines(
    rules: Rules,
) -> None:
    doc = page(made()["html"]).root
    assert [h.text() for h in doc.all("h2")] == [
        "Continuing education counted",
        "Attestation",
        "Rules' sources",
    ]
    listed = [li.text() for li in doc.one("ul", "sources").all("li")]
    blog = rules.sources["acsm-blog-earning-2019"]
    assert f"{blog.title}: {blog.url}" in listed
    assert len(listed) == len(set(listed))  # each source once
    # The old NASM course counted nothing: the NASM source it cites is not one of the packet's.
    nasm = rules.sources["nasm-recertification"]
    assert not any(nasm.title in item for item in listed)
    links = [a.attrs["href"] for a in doc.one("ul", "sources").all("a")]
    assert blog.url in links
    footer = doc.one("footer").text()
    assert footer == "Made with CEC Guide, independent of ACSM. ACSM's own pages decide."


def test_a_source_whose_rule_is_unconfirmed_is_marked(rules: Rules) -> None:
    counted_nasm = {**OLD_COURSE, "date": "2025-05-01"}
    doc = page(made([counted_nasm], [[]])["html"]).root
    listed = [li.text() for li in doc.one("ul", "sources").all("li")]
    nasm = rules.sources["nasm-recertification"]
    assert f"{nasm.title} (unconfirmed): {nasm.url}" in listed


def test_the_summary_is_standalone_and_prints_black_on_white() -> None:
    html = made()["html"]
    tree = page(html)
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert {"charset": "utf-8"} in [m.attrs for m in tree.root.all("meta")]
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(tree.tags)
    assert not [
        name for name, _ in tree.attributes if name in ("src", "srcset") or name[:2] == "on"
    ]
    style = tree.root.one("style").text()
    assert "@media print" in style and "@page" in style
    assert "url(" not in style and "@import" not in style
    assert "color: #000" in style and "background: #fff" in style


def test_a_log_with_nothing_counted_says_so() -> None:
    doc = page(made([SUMMIT], [[pdf("ticket.pdf")]])["html"]).root
    assert doc.all("table") == []
    assert doc.one("p", "none").text() == "No activity counts yet."
    assert doc.one("p", "left-out").text() == "1 entered activity is not listed: it is a plan."
    assert doc.all("ul", "sources") == []
    assert made([SUMMIT], [[pdf("ticket.pdf")]])["files"] == []


@pytest.mark.parametrize(
    ("plans", "nothing", "sentence"),
    [
        (0, 0, ""),
        (1, 0, "1 entered activity is not listed: it is a plan."),
        (
            0,
            1,
            "1 entered activity is not listed: it counted nothing (see the calculator for why).",
        ),
        (3, 0, "3 entered activities are not listed: 3 are plans."),
        (
            0,
            2,
            "2 entered activities are not listed: 2 counted nothing (see the calculator for why).",
        ),
        (
            2,
            1,
            "3 entered activities are not listed: 2 are plans and 1 counted nothing "
            "(see the calculator for why).",
        ),
    ],
)
def test_the_left_out_sentence(plans: int, nothing: int, sentence: str) -> None:
    assert left_out(Packet((), plans, nothing)) == sentence


# --- Hostile text ---

SCRIPT = "<script>alert(1)</script>"


def test_hostile_text_appears_only_escaped() -> None:
    profile = {**PROFILE, "name": f'{SCRIPT} "Dana" & Co', "acsm_number": "'\"><b>1</b>"}
    hostile = {**WORKSHOP, "title": f"{SCRIPT} & \"quotes\" 'single'"}
    file = {"name": '"><img src=x onerror=alert(1)>.pdf', "type": "text/html", "size": 1}
    answer = made([hostile], [[file]], profile)
    html = answer["html"]
    assert "<script" not in html.lower() and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tree = page(html)
    assert not {"script", "img", "b"} & set(tree.tags)
    doc = tree.root
    # Read back as a browser shows it, each text is as typed.
    shown = facts(doc)
    assert shown["Name"] == f'{SCRIPT} "Dana" & Co'
    assert shown["ACSM certification number"] == "'\"><b>1</b>"
    assert table_lines(doc)[0][2] == f"{SCRIPT} & \"quotes\" 'single'"
    # The file's name in the zip is made of the title, not of the stored name.
    assert answer["files"] == [
        {"activity": 0, "file": 0, "name": "01-2025-03-01-script-alert-1-script-quotes-single.pdf"}
    ]
    assert table_lines(doc)[0][6] == "01-2025-03-01-script-alert-1-script-quotes-single.pdf"


def test_control_and_direction_characters_are_not_shown() -> None:
    # A right-to-left override could make a title read backwards on paper.
    profile = {**PROFILE, "name": "Dana\u202e Reyes\x07\n"}
    doc = page(made([WORKSHOP], [[]], profile)["html"]).root
    assert facts(doc)["Name"] == "Dana Reyes"


@pytest.mark.parametrize(
    ("raw", "name", "number"),
    [
        ({"name": "  Dana  ", "acsm_number": " 123 "}, "Dana", "123"),
        ({"name": 12, "acsm_number": ["1"]}, "", ""),
        ({"name": None}, "", ""),
        ({}, "", ""),
        ({"name": "x" * 500, "acsm_number": "9" * 100}, "x" * 200, "9" * 40),
    ],
)
def test_the_name_and_number_as_read_from_the_profile(
    raw: dict[str, Any], name: str, number: str
) -> None:
    who = person(raw)
    assert (who.name, who.acsm_number) == (name, number)


# --- The CSV and bad input ---


def test_the_csv_is_the_log_export() -> None:
    exported = json.loads(bridge.export_log(request(*LOG), "csv", TODAY))
    assert exported["ok"] is True
    assert made()["csv"] == exported["text"]
    # The plan's line: the 0 it counts now, and what it would count once done in its own column.
    plan = exported["text"].splitlines()[2]
    assert plan == (
        '2026-09-15,Fall summit,"ACSM itself (ACSMceOnline, ACSM events and webinars)",,3,,0,3,,'
        "yes,no,,,,,"
    )


FILE_ERRORS = [
    ("not json", "The list of certificate files is not valid JSON."),
    ("{}", "The certificate files must come as a list, one entry per activity."),
    ("[[]]", "The certificate files list has 1 entry, but the log has 6 activities: there must "
     "be one entry per activity."),
    ("[[], [], 3, [], [], []]", "The certificate files of activity 3 must be a list."),
    ('[[], [], ["cert.pdf"], [], [], []]',
     "Certificate file 1 of activity 3 must be an object with its name, type and size."),
    ('[[], [], [{"type": "application/pdf"}], [], [], []]',
     "Certificate file 1 of activity 3 must have a name of at most 1000 characters."),
    ('[[], [], [{"name": "a.pdf", "type": 5}], [], [], []]',
     "Certificate file 1 of activity 3 must have a type written as text, such as "
     "application/pdf."),
    ('[[], [], [{"name": "a.pdf"}, {"name": "b.pdf", "size": -1}], [], [], []]',
     "Certificate file 2 of activity 3 must have a size that is a whole number of bytes."),
    ('[[], [], [{"name": "a.pdf", "size": 1.5}], [], [], []]',
     "Certificate file 1 of activity 3 must have a size that is a whole number of bytes."),
    ('[[], [], [{"name": "a.pdf", "size": true}], [], [], []]',
     "Certificate file 1 of activity 3 must have a size that is a whole number of bytes."),
]  # fmt: skip


@pytest.mark.parametrize(("files_text", "message"), FILE_ERRORS, ids=[f[0] for f in FILE_ERRORS])
def test_a_bad_list_of_files_gets_a_sentence_saying_what_is_wrong(
    files_text: str, message: str
) -> None:
    answer = json.loads(bridge.packet(request(*LOG), files_text, TODAY))
    assert answer == {"ok": False, "error": message}


def test_a_file_with_only_a_name_is_enough() -> None:
    assert read_files('[[{"name": "cert.pdf"}]]', 1) == [[StoredFile("cert.pdf", "", 0)]]


@pytest.mark.parametrize(
    "request_text",
    ["", "[]", '{"profile": 1}', '{"profile": {}, "activities": 3}'],
)
def test_a_bad_request_gets_the_error_export_gives(request_text: str) -> None:
    expected = json.loads(bridge.export_log(request_text, "csv", TODAY))
    assert expected["ok"] is False and "error" in expected
    assert json.loads(bridge.packet(request_text, "[]", TODAY)) == expected


def test_an_activitys_problems_come_as_export_gives_them() -> None:
    bad = request(WORKSHOP, {"date": "2025-13-01", "provider": "ace", "amount": "1"})
    expected = json.loads(bridge.export_log(bad, "csv", TODAY))
    assert expected["problems"] == [
        {"row": 2, "column": "date", "message": "2025-13-01 is not a real date"}
    ]
    assert json.loads(bridge.packet(bad, "[[], []]", TODAY)) == expected


def test_a_profile_that_cannot_be_tallied_is_a_problem() -> None:
    answer = json.loads(
        bridge.packet(request(WORKSHOP, profile={"certifications": ["cpt"]}), "[[]]")
    )
    assert answer == {
        "ok": False,
        "problems": [{"row": 0, "column": "cycle_end", "message": "is required"}],
    }


def test_a_bad_day_or_missing_rules_are_answers_not_crashes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answer = json.loads(bridge.packet(request(WORKSHOP), "[[]]", "2026-02-30"))
    assert answer == {
        "ok": False,
        "error": "internal error: ValueError: today must be a date written YYYY-MM-DD, not "
        "'2026-02-30'",
    }
    monkeypatch.setattr(bridge, "_calculator", None)
    assert json.loads(bridge.packet(request(WORKSHOP), "[[]]", TODAY)) == {
        "ok": False,
        "error": "rules are not loaded",
    }


# --- File names ---


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ACSM Strength Workshop", "acsm-strength-workshop"),
        ("Café Crème: Level 2!", "cafe-creme-level-2"),
        ("  --Ünïcödé__Straße--  ", "unicode-strae"),
        ("", "untitled"),
        ("日本語のコース", "untitled"),
        ("../../etc/passwd", "etc-passwd"),
        ("a" * 39 + " bcd", "a" * 39),  # cut at 40, never ending on a hyphen
        ("word " * 20, "word-word-word-word-word-word-word-word"),
    ],
)
def test_a_title_as_part_of_a_file_name(title: str, expected: str) -> None:
    assert slug(title) == expected


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("cert.PDF", "", "pdf"),
        ("scan.jpeg", "image/jpeg", "jpeg"),
        ("photo", "image/jpeg", "jpg"),
        ("photo", "IMAGE/PNG", "png"),
        ("photo", "image/jpeg; charset=binary", "jpg"),  # a type with its parameters
        ("photo", "image/webp", "webp"),
        ("IMG_0042", "image/heic", "heic"),
        ("archive.tar.gz", "", "gz"),
        ("cert.p df", "application/pdf", "pdf"),
        ("cert.toolong", "application/pdf", "pdf"),
        ("certificate.", "image/png", "png"),
        ("reçu.pdé", "", "bin"),
        ("notes", "text/plain", "bin"),
        ("..", "", "bin"),
        ("", "", "bin"),
    ],
)
def test_a_files_extension(name: str, mime: str, expected: str) -> None:
    assert extension(StoredFile(name, mime)) == expected


def counted_log(rules: Rules, count: int) -> Packet:
    profile = Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1))
    # A webinar series: its parts have the same title and day, each a separate activity.
    activities = [
        Activity(date(2025, 3, 1), "Webinar", "acsm", Decimal(1), separate=True)
        for _ in range(count)
    ]
    t = tally(rules, profile, activities)
    return lines(t, [[StoredFile("c.pdf")] for _ in activities])


def test_numbers_have_two_digits_up_to_99_lines_and_three_past(rules: Rules) -> None:
    ninety_nine = counted_log(rules, 99)
    assert [line.number for line in ninety_nine.lines][:2] == ["01", "02"]
    assert ninety_nine.files[-1].name == "99-2025-03-01-webinar.pdf"
    hundred = counted_log(rules, 100)
    assert [f.name for f in hundred.files][::99] == [
        "001-2025-03-01-webinar.pdf",
        "100-2025-03-01-webinar.pdf",
    ]


SAFE_NAME = re.compile(
    r"[0-9]{2,}-[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]{1,5}"
)
MIMES = st.sampled_from(["", "application/pdf", "image/jpeg", "image/png", "text/html", "../x"])
HOSTILE = st.one_of(
    st.text(),
    st.sampled_from(["..", ".", "/", "\\", "../../a.pdf", "..\\..\\a.exe", ".htaccess", "a/.pdf"]),
    st.builds(lambda a, b: f"{a}.{b}", st.text(max_size=8), st.text(max_size=8)),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(HOSTILE, st.booleans(), st.lists(st.tuples(HOSTILE, MIMES), max_size=4)),
        min_size=1,
        max_size=6,
    )
)
def test_names_in_the_zip_are_unique_and_safe_whatever_was_typed(
    rules: Rules, entries: list[tuple[str, bool, list[tuple[str, str]]]]
) -> None:
    profile = Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1))
    # Counted (2025) or not (a plan, in 2026-09): only counted activities' files are named.
    activities = [
        Activity(
            date(2025, 3, 1) if counts else date(2026, 9, 1),
            title,
            "acsm",
            Decimal(1),
            separate=True,  # the same title twice is not a copy here
        )
        for title, counts, _ in entries
    ]
    files = [[StoredFile(name, mime) for name, mime in stored] for _, _, stored in entries]
    packet = lines(tally(rules, profile, activities), files)
    names = [f.name for f in packet.files]
    assert len(names) == len(set(names))
    for name in names:
        assert SAFE_NAME.fullmatch(name), name
        assert "/" not in name and "\\" not in name and ".." not in name
        assert not name.startswith(".") and name.isascii()
    expected = sum(len(stored) for _, counts, stored in entries if counts)
    assert len(names) == expected
    # Each file named once, from its own place in the page's lists.
    places = [(f.activity, f.file) for f in packet.files]
    assert places == [(i, j) for i, (_, c, s) in enumerate(entries) if c for j in range(len(s))]
