"""Hostile command lines: what a mistyped flag, a shared log or a wrong file can hand
``python -m calc``. Each case says what it must give: accepted (exit 0) with given words in the
report, or refused (exit 2) with given words in the message; in its words, {log} and {rules}
stand for the files' paths."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from calc.dated import add_years

TODAY = date.today()
LOG = "date,title,provider,amount\n2025-03-01,Course,acsm,2\n"
PROFILE = ("--certification", "cpt", "--cycle-end", "2026-12-31")
FLAGS = (*PROFILE, "--as-of", "2026-06-01")
DATE_FLAGS = ("--cycle-end", "--cycle-start", "--cpr-expires", "--as-of", "--renewed-on")
FAR_DAYS = ("0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01")
RANGE = "is not between 1900-01-01 and 2200-12-31; check the year"
TOO_DEEP = "nested more than 32 levels deep"
BIG = 25_000_000
# Characters that must reach a terminal only as U+FFFD, each with how a title holding it between
# "Course" and "end" is shown.
UNSAFE = {
    "\x1b[2J\x1b[H": "\ufffd[2J\ufffd[H",  # clear the screen
    "\x1b]0;pwned\x07": "\ufffd]0;pwned\ufffd",  # set the window's title
    "\x9b31m": "\ufffd31m",  # CSI in one C1 character
    "\x85": "\ufffd",  # NEL
    "\r": "\ufffd",
    "\n": "\ufffd",
    "\x0b": "\ufffd",
    "\x0c": "\ufffd",
    "\x08\x08\x08": "\ufffd\ufffd\ufffd",  # backspaces over "Course"
    "\x7f": "\ufffd",
    "\x00": "\ufffd",
    "\u2028": "\ufffd",
    "\u2029": "\ufffd",
    "\u202a\u202b\u202c\u202d\u202e": "\ufffd" * 5,
    "\u2066\u2067\u2068\u2069": "\ufffd" * 4,
}
CERTIFICATIONS = {
    "cpt": "ACSM-CPT",
    "ACSM-CPT": "ACSM-CPT",
    "acsm-cpt": "ACSM-CPT",
    "  aCsM-cPt  ": "ACSM-CPT",
    "ACSM Certified Personal Trainer": "ACSM-CPT",
    "acsm certified personal trainer": "ACSM-CPT",
    "CPT": "ACSM-CPT",
    "rcep": "RCEP",
    "ACSM/ACS CET": "ACSM/ACS CET",
    "acsm/nchpad cift": "ACSM/NCHPAD CIFT",
    "Exercise is Medicine Credential,cpt": "EIM Credential, ACSM-CPT",
    "ACSM-CPT,,ACSM-EP,": "ACSM-CPT, ACSM-EP",
    "ep,EP,Acsm-Ep": "ACSM-EP",
}
UNKNOWN_CERTIFICATIONS = [
    "ACSM",
    "CPT-ACSM",
    "personal trainer",
    "c p t",
    "cpt\x1b[2J",
    "\u202ecpt",
]


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]  # after ``python -m calc``; {log} and {rules} stand for the files
    code: int  # 0 accepted, 2 refused
    says: tuple[str, ...]  # each in stdout when accepted, in stderr when refused
    log: str | Callable[[], str] = LOG  # a callable for a big file, made when the case runs
    rules: str | Callable[[], str] | None = None
    never: tuple[str, ...] = ()  # in neither stream


def tally(*args: str) -> tuple[str, ...]:
    return ("tally", "{log}", *args)


def json_log(profile: dict[str, Any] | None, *activities: dict[str, Any]) -> str:
    data: dict[str, Any] = {"format": "cec-guide-log", "version": 1}
    if profile is not None:
        data["profile"] = profile
    data["activities"] = list(
        activities or [{"date": "2025-03-01", "provider": "acsm", "amount": "2"}]
    )
    return json.dumps(data)


def titled(title: str) -> str:
    return json_log(None, {"date": "2025-03-01", "title": title, "provider": "acsm", "amount": "2"})


def cases(bundle: dict[str, Any]) -> Iterator[Case]:
    # Flag dates far outside any cycle: refused by name, before anything is read.
    for flag in DATE_FLAGS:
        for day in FAR_DAYS:
            yield Case(f"{flag} {day}", tally(*PROFILE, flag, day), 2, (f"{flag}: {day} {RANGE}",))
    # Every date flag at once: each refused on its line.
    every = [arg for flag in DATE_FLAGS for arg in (flag, "9999-12-31")]
    yield Case(
        "every date flag 9999-12-31",
        tally("--certification", "cpt", *every),
        2,
        tuple(f"{flag}: 9999-12-31 {RANGE}" for flag in DATE_FLAGS),
    )
    # The same days in a JSON log's profile: refused at the profile's field.
    for field in ("cycle_end", "cycle_start", "cpr_expires", "as_of", "renewed_on"):
        for day in ("0001-01-01", "9999-12-31"):
            profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31", field: day}
            yield Case(
                f"log profile {field} {day}",
                tally(),
                2,
                (f"{{log}}:profile:{field}: {day} {RANGE}",),
                log=json_log(profile),
            )
    # ... and overridden by a flag: the flag's day is used, and the report says so.
    profile = {"certifications": ["cpt"], "cycle_end": "9999-12-31"}
    yield Case(
        "log profile cycle_end 9999-12-31 under --cycle-end",
        tally("--cycle-end", "2026-12-31", "--as-of", "2026-06-01"),
        0,
        (
            "The log's profile says cycle_end 9999-12-31; --cycle-end 2026-12-31 was used.",
            "From the log's profile (no flag gave them): certifications cpt.",
        ),
        log=json_log(profile),
    )
    # Rows dated at the ends of the calendar, in every spelling a file may use.
    for day, why in [
        ("0001-01-01", "is before 1990; check the year"),
        ("9999-12-31", "is more than 3 years ahead; check the year"),
        ("1899-12-31", "is before 1990; check the year"),
        ("2201-01-01", "is more than 3 years ahead; check the year"),
        ("12/31/9999", "is more than 3 years ahead; check the year"),
        ("31/12/9999", "is more than 3 years ahead; check the year"),
        ("1/1/0001", "is before 1990; check the year"),
        ("31 December 9999", "is more than 3 years ahead; check the year"),
        ("Jan 1, 0001", "is before 1990; check the year"),
        ("0000-01-01", "0000-01-01 is not a real date"),
        ("10000-01-01", "must be a date written YYYY-MM-DD"),
    ]:
        yield Case(
            f"CSV row dated {day}",
            tally(*FLAGS),
            2,
            (f"{{log}}:2:date: {why}",),
            log=f'date,provider,amount\n"{day}",acsm,1\n',
        )
    for day, why in [
        ("0001-01-01", "is before 1990; check the year"),
        ("9999-12-31", "is more than 3 years ahead; check the year"),
    ]:
        yield Case(
            f"JSON row dated {day}",
            tally(*FLAGS),
            2,
            (f"{{log}}:1:date: {why}",),
            log=json_log(None, {"date": day, "provider": "acsm", "amount": "1"}),
        )
    # Deep and big files.
    for depth in (33, 1_000, 100_000):
        yield Case(
            f"JSON log nested {depth} deep",
            tally(*FLAGS),
            2,
            (f"{{log}}:1: not a usable log: {TOO_DEEP}",),
            log='{"activities": ' + "[" * depth + "]" * depth + "}",
        )
        yield Case(
            f"rules bundle nested {depth} deep",
            tally(*FLAGS, "--rules", "{rules}"),
            2,
            (f"{{rules}}:1:1: cannot read the rules bundle: {TOO_DEEP}",),
            rules="[" * depth + "]" * depth,
        )
    yield Case(
        "rules bundle with a deep value inside",
        ("rules", "check", "{rules}"),
        2,
        (f"{{rules}}:1:1: cannot read the rules bundle: {TOO_DEEP}",),
        rules=json.dumps({**bundle, "extra": json.loads("[" * 40 + "]" * 40)}),
    )
    yield Case(
        "rules bundle with brackets in a string",
        tally(*FLAGS, "--rules", "{rules}"),
        0,
        ("Status:    short",),
        rules=json.dumps({**bundle, "extra": "[" * 10_000}),
    )
    yield Case(
        "the real rules bundle",
        ("rules", "check", "{rules}"),
        0,
        ("{rules}: valid: 9 certifications",),
        rules=json.dumps(bundle),
    )
    yield Case(
        "JSON log of 25 MB",
        tally(*FLAGS),
        2,
        ("{log}:1:1: cannot read the log: it is larger than 20 MB",),
        log=lambda: json_log(None) + " " * BIG,
    )
    yield Case(
        "CSV log of 25 MB",
        tally(*FLAGS),
        2,
        ("{log}:1:1: cannot read the log: it is larger than 20 MB",),
        log=lambda: LOG + "\n" * BIG,
    )
    yield Case(
        "rules bundle of 25 MB",
        tally(*FLAGS, "--rules", "{rules}"),
        2,
        ("{rules}:1:1: cannot read the rules bundle: it is larger than 20 MB",),
        rules=lambda: json.dumps(bundle) + " " * BIG,
    )
    yield Case(
        "JSON log of 19 MB, mostly spaces",
        tally(*FLAGS),
        0,
        ("Earned:    2 CECs",),
        log=lambda: json_log(None) + " " * 19_000_000,
    )
    # Titles meant to move the terminal or fake report lines.
    for unsafe, shown in UNSAFE.items():
        yield Case(
            f"title with {unsafe!r}",
            tally(*FLAGS),
            0,
            (f"\n   1  2025-03-01        2  Course{shown}end\n",),
            log=titled(f"Course{unsafe}end"),
        )
    yield Case(
        "title faking a complete status",
        tally(*FLAGS),
        0,
        ("Course\ufffd\ufffdStatus:    complete", "\nStatus:    short\n"),
        log=titled("Course\r\nStatus:    complete"),
        never=("\nStatus:    complete",),
    )
    yield Case(
        "CSV title with a quoted line break",
        tally(*FLAGS),
        0,
        ("   1  2025-03-01        2  two\ufffdlines",),
        log='date,title,provider,amount\n2025-03-01,"two\nlines",acsm,2\n',
    )
    yield Case(
        "bidi override reversing a number",
        tally(*FLAGS),
        0,
        ("Course \ufffd54\ufffd",),
        log=titled("Course \u202e54\u202c"),
        never=("\u202e",),
    )
    # Names are compared without punctuation or control characters: the header still names CEUs,
    # and is shown as the file has it, its control character made harmless.
    yield Case(
        "a unit header with a control character",
        tally(*FLAGS),
        0,
        (
            "The column “CEUs\ufffd” names the unit: every amount was read as CEUs\ufffd.",
            "Earned:    2 CECs",
        ),
        log="date,provider,CEUs\x07\n2025-03-01,acsm,2\n",
        never=("\x07",),
    )
    yield Case(
        "a unit with a control character naming no unit",
        tally(*FLAGS),
        2,
        ("{log}:2:unit: unknown unit 'CEUs\\x07x' (use one of: CEC, CEU, ",),
        log="date,provider,amount,unit\n2025-03-01,acsm,2,CEUs\x07x\n",
        never=("\x07",),
    )
    yield Case(
        "an unknown header with escape codes",
        tally(*FLAGS),
        2,
        ("{log}:1:\ufffd[31mnotes: unknown column",),
        log="date,provider,amount,\x1b[31mnotes\n2025-03-01,acsm,1,x\n",
        never=("\x1b",),
    )
    yield Case(
        "a title with escape codes, in JSON",
        tally(*FLAGS, "--format", "json"),
        0,
        ('"title": "Course\\u001b[2Jend"',),
        log=titled("Course\x1b[2Jend"),
        never=("\x1b",),
    )
    # How the file was read.
    yield Case(
        "dates read month first",
        tally(*FLAGS),
        0,
        (
            "\nNotes on reading the file:\n"
            "  Dates such as 05/06/2025 were read as month/day/year (May 6, 2025).\n",
        ),
        log="date,provider,amount\n05/06/2025,acsm,2\n",
    )
    yield Case(
        "dates read day first, in JSON",
        tally(*FLAGS, "--format", "json"),
        0,
        (
            '"notes": [\n    "Dates such as 05/06/2025 were read as day/month/year (5 June 2025), '
            'since 13/06/2025 in the same file can only be read that way."\n  ]',
        ),
        log="date,provider,amount\n05/06/2025,acsm,2\n13/06/2025,acsm,2\n",
    )
    # Certifications by any name.
    for name, shown in CERTIFICATIONS.items():
        yield Case(
            f"--certification {name!r}",
            tally("--certification", name, "--cycle-end", "2026-12-31"),
            0,
            (f"\nCertifications: {shown}\n",),
        )
    for name in UNKNOWN_CERTIFICATIONS:
        yield Case(
            f"unknown --certification {name!r}",
            tally("--certification", name, "--cycle-end", "2026-12-31"),
            2,
            (
                f"--certification: unknown certification {name.strip()!r}; use one of: ",
                "cpt (ACSM-CPT, ACSM Certified Personal Trainer), ",
            ),
        )
    yield Case(
        "--certification of commas only",
        tally("--certification", ",,", "--cycle-end", "2026-12-31"),
        2,
        ("--certification: choose at least one certification",),
    )
    # The day the report is as of.
    # Cases are named without today's date: mutmut finds a test again by its name, days later.
    for named, as_of, why in [
        ("1990-01-01", "1990-01-01", "is before your cycle began (2024-01-01)"),
        ("2023-12-31", "2023-12-31", "is before your cycle began (2024-01-01)"),
        (
            "two years from today",
            str(add_years(TODAY, 2)),
            f"is more than a year after today ({TODAY})",
        ),
    ]:
        for form in ("text", "json"):
            yield Case(
                f"--as-of {named} in {form}",
                tally(*PROFILE, "--as-of", as_of, "--format", form),
                0,
                (f"--as-of {as_of} {why}",),
            )
    for named, as_of in [
        ("2024-01-01", "2024-01-01"),
        ("today", str(TODAY)),
        ("a year from today", str(add_years(TODAY, 1))),
    ]:
        yield Case(
            f"--as-of {named}, said nothing of",
            tally(*PROFILE, "--as-of", as_of),
            0,
            (f"(as of {as_of})",),
            never=("before your cycle began", "after today"),
        )
    # A JSON log's profile and the flags.
    profile = {
        "certifications": ["cpt"],
        "cycle_end": "2026-12-31",
        "renewed_on": "2026-10-01",
        "as_of": "2026-11-20",
    }
    yield Case(
        "log profile and flags disagree",
        tally("--renewed-on", "2026-11-01", "--certification", "ep"),
        0,
        (
            "The log's profile says certifications cpt; --certification ep was used.",
            "The log's profile says renewed_on 2026-10-01; --renewed-on 2026-11-01 was used.",
            "From the log's profile (no flag gave them): cycle_end 2026-12-31, as_of 2026-11-20.",
        ),
        log=json_log(profile),
    )
    yield Case(
        "log profile and flags disagree, in JSON",
        tally("--as-of", "2026-11-25", "--format", "json"),
        0,
        (
            '"The log\'s profile says as_of 2026-11-20; --as-of 2026-11-25 was used."',
            "\"From the log's profile (no flag gave them): certifications cpt, cycle_end "
            '2026-12-31, renewed_on 2026-10-01."',
        ),
        log=json_log(profile),
    )
    yield Case(
        "log profile and flags agree",
        tally("--certification", "ACSM-CPT", "--cycle-end", "2026-12-31", "--as-of", "2026-11-20"),
        0,
        ("From the log's profile (no flag gave them): renewed_on 2026-10-01.",),
        log=json_log(profile),
        never=("The log's profile says",),
    )
    yield Case(
        "log profile alone",
        tally(),
        0,
        ("(as of 2026-11-20)",),
        log=json_log(profile),
        never=("log's profile",),
    )
    yield Case(
        "log profile value of junk under a flag",
        tally(*FLAGS),
        0,
        ("The log's profile says cycle_end " + "\ufffd[2J" + "z" * 36 + "…; --cycle-end",),
        log=json_log({"certifications": ["cpt"], "cycle_end": "\x1b[2J" + "z" * 100_000}),
        never=("z" * 37,),
    )
    yield Case(
        "log profile certifications as abbreviations under the same flag",
        tally(*FLAGS),
        0,
        ("Certifications: ACSM-CPT",),
        log=json_log({"certifications": "ACSM-CPT", "cycle_end": "2026-12-31"}),
        never=("The log's profile says",),
    )
    # Paths.
    yield Case(
        "rules bundle written nowhere",
        ("rules", "bundle", "{rules}", "-o", "/nonexistent/folder/rules.json"),
        2,
        ("/nonexistent/folder/rules.json: cannot write the bundle: No such file or directory",),
        rules=json.dumps(bundle),
    )
    yield Case(
        "a folder as the log",
        ("tally", "/", *FLAGS),
        2,
        ("/:1:1: cannot read the log: Is a directory",),
    )
