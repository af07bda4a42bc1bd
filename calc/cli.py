"""The command line: ``python -m calc tally LOG ...``, ``python -m calc read-certificate FILE...``
and ``python -m calc rules check [DIR]``.

Exit codes: 0 done (whether the CECs are complete or short), 2 bad input or invalid rules; every
problem is printed as ``FILE:ROW:COLUMN: message`` on stderr, never a traceback.

``tally`` also says how it read its input, in both formats. How the file was read (a date such as
05/06/2025 read as month/day) comes under "Notes on reading the file:" in the text, as ``notes``
in the JSON. Warnings come under "Note:" in the text, at the end of ``warnings`` in the JSON: a
field that a JSON log's profile and a flag both give differently (the flag's value is used); the
fields taken from the log's profile when flags give others; an as-of day before the cycle began or
more than a year after today.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from calc.bodies.model import Body, bodies_from
from calc.bodies.profile import (
    ACSM,
    Profile,
    certification_names,
    read_others,
    read_profile,
)
from calc.bodies.report import acsm_json, body_json, body_lines, counts_for
from calc.bodies.tally import BodyTally, Held, tally_body
from calc.bundle import BundleError, rules_from_bundle
from calc.dated import add_years
from calc.engine import Tally, TallyError, tally
from calc.fields import (
    MAX_JSON_DEPTH,
    InputProblem,
    activity_record,
    check_new_record,
    check_record,
    json_too_deep,
    parse_activities,
    parse_log,
)
from calc.logfiles import LogFile, read_log
from calc.model import Activity, Rules
from calc.report import dumps, tally_json
from calc.text import fmt, name_key, parse_date, terminal_line

DEFAULT_RULES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
EXIT_BAD_INPUT = 2
# Far above any log or rules bundle (a full log of 10,000 activities is about 3 MB), low enough
# that a wrong file (a video, /dev/zero) is refused before it is read whole.
MAX_FILE_MB = 20
# Days any profile may hold: date arithmetic years away from the ends of Python's calendar
# (0001, 9999) overflows, and no real cycle is anywhere near them.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
SHOWN_LENGTH = 40  # of a value the log's profile gives, quoted in a note


class CliError(Exception):
    """Bad input: its lines (one a problem) are all the user sees, on stderr."""

    def __init__(self, lines: list[str]) -> None:
        # A problem may quote the input (a header, a path): it must not move the terminal.
        super().__init__("\n".join(terminal_line(line) for line in lines))
        self.lines = lines


def _read_file(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_MB * 2**20 + 1)
    except OSError as exc:
        raise CliError([f"{path}:1:1: cannot read the {what}: {exc.strerror or exc}"]) from exc
    if len(raw) > MAX_FILE_MB * 2**20:
        raise CliError([f"{path}:1:1: cannot read the {what}: it is larger than {MAX_FILE_MB} MB"])
    return raw


def _needs_rulefiles(exc: ImportError) -> CliError:
    return CliError(
        [
            f"reading YAML rules needs PyYAML and jsonschema ({exc.name} is missing): "
            "pip install 'cec-guide-calc[rules]', or pass --rules BUNDLE.json"
        ]
    )


def _load_bundle(path: str) -> dict[str, Any]:
    return _load(path)[0]


def _load(path: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """ACSM's bundle and, from a rules folder, the other bodies' rules (none from a bundle)."""
    if os.path.isfile(path):
        raw = _read_file(path, "rules bundle")
        try:
            text = raw.decode("utf-8")
            # Checked first: json recurses once a level, and would end in a RecursionError.
            if json_too_deep(text):
                raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
            data: dict[str, Any] = json.loads(text)
            return data, {}
        except (ValueError, RecursionError) as exc:
            raise CliError([f"{path}:1:1: cannot read the rules bundle: {exc}"]) from exc
    try:
        from calc.rulefiles import RulesError
        from calc.rulefiles.load import load_all
    except ImportError as exc:
        raise _needs_rulefiles(exc) from exc
    if not os.path.isdir(path):
        raise CliError([f"{path}: no such rules folder or bundle file"])
    try:
        return load_all(path)
    except RulesError as exc:
        raise CliError([str(p) for p in exc.problems]) from exc


def _rules(path: str) -> Rules:
    return _typed(path, _load_bundle(path))


def _typed(path: str, bundle: dict[str, Any]) -> Rules:
    try:
        return rules_from_bundle(bundle)
    except BundleError as exc:
        raise CliError([f"{path}: {exc}"]) from exc


def _read_log(path: str) -> LogFile:
    # Decoded as the page decodes a file: read_log then names the line of the first bad byte.
    log, problems = read_log(_read_file(path, "log").decode("utf-8", errors="replace"))
    if log is None:
        raise CliError([p.where(path) for p in problems])
    return log


_FLAGS = {
    "cycle_end": "--cycle-end",
    "cycle_start": "--cycle-start",
    "cpr_expires": "--cpr-expires",
    "as_of": "--as-of",
    "renewed_on": "--renewed-on",
    "certifications": "--certification",
}
_DATES = ("cycle_end", "cycle_start", "cpr_expires", "as_of", "renewed_on")


def _where(problem: InputProblem, file: str, flags: set[str]) -> str:
    if problem.row == 0 and problem.column in flags:
        return f"{_FLAGS[problem.column]}: {problem.message}"
    if problem.row == 0 and problem.column in _FLAGS:  # not given as a flag
        hint = f" (give {_FLAGS[problem.column]}, or a profile in a JSON log)"
        return problem.where(file) + (hint if problem.message == "is required" else "")
    return problem.where(file)


def _refuse_far_dates(profile: Mapping[str, Any], file: str, flags: set[str]) -> None:
    """Refuses a profile day outside FIRST_DAY..LAST_DAY, before any arithmetic on it."""
    far = [
        InputProblem(0, key, f"{day} is not between {FIRST_DAY} and {LAST_DAY}; check the year")
        for key in _DATES
        if (day := parse_date(profile.get(key))) and not FIRST_DAY <= day <= LAST_DAY
    ]
    if far:
        raise CliError([_where(p, file, flags) for p in far])


def _certification_names(rules: Rules) -> dict[str, str]:
    """Each certification's id, abbreviation (as the pages print it) and name, in lower case."""
    names: dict[str, str] = {}
    for c in rules.certifications.values():
        for name in (c.id, c.abbreviation, c.name):
            names.setdefault(name.strip().lower(), c.id)
    return names


def _certification_ids(
    given: Sequence[str], rules: Rules, bodies: Mapping[str, Body]
) -> tuple[list[str], list[tuple[str, str]]]:
    """ACSM's certifications named, and the other bodies' as (body, certification)."""
    names = _certification_names(rules)
    # Other bodies' names only: ACSM's are matched as they always were, case aside.
    others = {k: v for k, v in certification_names(rules, bodies).items() if v[0] != ACSM}
    wanted = [name.strip() for arg in given for name in arg.split(",") if name.strip()]
    unknown = [n for n in wanted if n.lower() not in names and name_key(n) not in others]
    if unknown:
        accepted = ", ".join(
            f"{c.id} ({c.abbreviation}, {c.name})" for c in rules.certifications.values()
        )
        other = ", ".join(
            f"{c.id} ({c.name})" for b in bodies.values() for c in b.certifications.values()
        )
        accepted += f"; or another body's: {other}" if other else ""
        which = "certification" if len(unknown) == 1 else "certifications"
        named = ", ".join(map(repr, unknown))
        raise CliError([f"--certification: unknown {which} {named}; use one of: {accepted}"])
    acsm = [names[n.lower()] for n in wanted if n.lower() in names]
    return acsm, [others[name_key(n)] for n in wanted if n.lower() not in names]


def _at(path: str, problem: str) -> str:
    """A profile's problem at its place (FILE:certifications[2].cycle_end: message), or one of
    the whole file (FILE: message)."""
    place, _, _ = problem.partition(": ")
    return f"{path}:{problem}" if place and " " not in place else f"{path}: {problem}"


def _read_profile(path: str, rules: Rules, bodies: Mapping[str, Body], cpr: date | None) -> Profile:
    import yaml  # the command line only, like the rules' loader

    try:
        data = yaml.safe_load(_read_file(path, "profile").decode("utf-8", errors="replace"))
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a day such as 2026-13-01
        raise CliError([f"{path}: cannot read the profile: {exc}"]) from exc
    found = read_profile(data, rules, bodies, cpr)
    if found.problems:
        raise CliError([_at(path, problem) for problem in found.problems])
    return found


def _shown(value: Any) -> str:
    """A value of the log's profile as a note quotes it, cut short: it may be anything."""
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = text.strip()
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def _profile_sources(log: Mapping[str, Any], flags: Mapping[str, Any], rules: Rules) -> list[str]:
    """Where a JSON log's profile and the flags both say something: which value was used."""
    if not flags:
        return []  # the log's profile alone: nothing to choose between
    names = _certification_names(rules)
    said, kept = [], []
    for key in ("certifications", *_DATES):
        theirs, flag = log.get(key), _FLAGS[key]
        if theirs is None or not _shown(theirs):
            continue
        if key not in flags:
            kept.append(f"{key} {_shown(theirs)}")
            continue
        if key == "certifications":
            listed = theirs.split(",") if isinstance(theirs, str) else theirs
            items = listed if isinstance(listed, list) else [listed]
            # A name not known is never the same as a flag's, which the flags' check mapped.
            ids = {names.get(str(c).strip().lower()) for c in items}
            same = ids == set(flags[key])
        else:
            same = str(theirs).strip() == flags[key].strip()
        if not same:
            said.append(
                f"The log's profile says {key} {_shown(theirs)}; {flag} {_shown(flags[key])} "
                "was used."
            )
    if kept:
        said.append(f"From the log's profile (no flag gave them): {', '.join(kept)}.")
    return said


def _as_of_warnings(t: Tally, source: str, today: date) -> list[str]:
    """An as-of day the report is unlikely to be wanted for, in the words of where it came from
    (``source``: a flag, the log's profile, or today)."""
    as_of, start = t.profile.as_of, t.cycle.start
    said = []
    if as_of < start:
        said.append(
            f"{source} is before your cycle began ({start}): the report is as of a day when "
            "the cycle had not started"
        )
    if as_of > add_years(today, 1):
        said.append(
            f"{source} is more than a year after today ({today}): the report is as of a day "
            "still to come"
        )
    return said


def _text_report(t: Tally, rules: Rules, notes: Sequence[str], said: Sequence[str]) -> str:
    p = t.profile
    names = ", ".join(rules.certifications[c].abbreviation for c in p.certifications)
    o = t.outlook
    lines = [
        o.verdict.headline,
        *(f"  {i}. {step}" for i, step in enumerate(o.verdict.steps, start=1)),
        *(["", "Notes on reading the file:", *(f"  {n}" for n in notes)] if notes else []),
        "",
        f"Certifications: {names}",
        f"Cycle: {t.cycle.start.isoformat()} to {t.cycle.end.isoformat()} (as of {p.as_of})",
        f"Requirement: {t.requirement.explanation}",
        "",
        f"{'Row':>4}  {'Date':<10}  {'CECs':>7}  Activity",
    ]
    for row, d in enumerate(t.decisions, start=1):
        title = d.activity.title or "(untitled)"
        if d.planned:
            title = f"[planned] {title}"
        lines.append(f"{row:>4}  {d.activity.completed.isoformat():<10}  {fmt(d.cecs):>7}  {title}")
        for line in (d.explanation, *d.warnings, *d.notes):
            lines.append(f"{'':>4}  {'':<10}  {'':>7}  {line}")
    marks = {"done": "[x]", "todo": "[ ]", "info": "[i]", "warning": "[!]"}
    lines += [
        "",
        f"Earned:    {fmt(t.earned)} CECs",
        f"Required:  {fmt(t.required)} CECs",
        f"Remaining: {fmt(t.remaining)} CECs",
        *(
            [
                f"Planned:   {fmt(t.planned)} CECs (with your planned courses: "
                f"{fmt(t.earned + t.planned)} of {fmt(t.required)})"
            ]
            if t.planned
            else []
        ),
        f"Status:    {t.status}",
        f"Pace:      {o.pace.state.replace('_', ' ')} ({o.pace.elapsed_percent}% of the cycle "
        f"elapsed; a steady pace would have {fmt(o.pace.expected)} CECs)",
        "",
        "Checklist:",
        *(
            line
            for c in o.checklist
            for line in (
                f"  {marks[c.state]} {c.text}",
                *(f"        {i}. {step}" for i, step in enumerate(c.steps, start=1)),
            )
        ),
        "",
        "Key dates:",
        f"  Renewal opens:     {o.dates.renewal_opens or 'not known'}",
        f"  Cycle ends:        {o.dates.cycle_end}",
        f"  Grace period ends: {o.dates.grace_period_end or 'not known'}",
        f"  Keep proof until:  {o.dates.keep_proof_until or 'not known'} (at least)",
    ]
    warnings = (*o.warnings, *t.requirement.notes, *said)
    if warnings:
        lines += ["", "Note:", *(f"  {w}" for w in warnings)]
    # Every line, not only the titles: a log's notes quote its headers, and a rules bundle
    # from elsewhere is text from outside too.
    return "\n".join(map(terminal_line, lines))


def _tally(args: argparse.Namespace) -> int:
    flags: dict[str, Any] = {k: getattr(args, k) for k in _DATES if getattr(args, k) is not None}
    _refuse_far_dates(flags, args.log, set(flags))
    bundle, raw_bodies = _load(args.rules)
    rules = _typed(args.rules, bundle)
    bodies = bodies_from(raw_bodies)
    cpr = parse_date(flags.get("cpr_expires"))
    found = _read_profile(args.profile, rules, bodies, cpr) if args.profile else Profile()
    held = found.held
    if args.certification:
        acsm_ids, others = _certification_ids(args.certification, rules, bodies)
        if acsm_ids or not others:  # none at all ("--certification ,,") is refused as before
            flags["certifications"] = acsm_ids
        # With no ACSM certification named, the cycle's flags are those of the other bodies'.
        own = (
            {} if acsm_ids else {k: parse_date(flags.get(k)) for k in ("cycle_end", "cycle_start")}
        )
        for body, cert in others:
            held.setdefault(body, []).append(Held(cert, cpr_expires=cpr, **own))
    log = _read_log(args.log)
    if not args.profile:
        _held_in_log(args.log, log.profile, rules, bodies, cpr, held)
    today = date.today()
    # A version 1 log (or the page's own older export) may lack what was asked for later.
    check = check_record if log.legacy else check_new_record
    # A profile file lists every certification held: ACSM's result only if it names one. Without
    # one, ACSM's as before, unless the flags name only other bodies' and the log none.
    if args.profile:
        with_acsm = bool(found.acsm) or "certifications" in flags
    else:
        with_acsm = "certifications" in flags or bool(log.profile.get("certifications")) or not held
    if not with_acsm:
        activities, problems = parse_activities(log.rows, rules, today, check)
        if problems:
            raise CliError([_where(p, args.log, set(flags)) for p in problems])
        as_of = (
            parse_date(flags.get("as_of"))
            or found.as_of
            or parse_date(log.profile.get("as_of"))
            or today
        )
        tallies = _body_tallies(args.log, rules, bodies, held, activities, as_of)
        return _show_bodies(args, log.notes, activities, tallies)
    from_file = {**found.acsm, **({"as_of": found.as_of.isoformat()} if found.as_of else {})}
    raw_profile = {**log.profile, **from_file, **flags}
    _refuse_far_dates(raw_profile, args.log, set(flags))
    profile, activities, problems = parse_log(raw_profile, log.rows, rules, today, check)
    if problems or profile is None:
        raise CliError([_where(p, args.log, set(flags)) for p in problems])
    try:
        result = tally(rules, profile, activities)
    except TallyError as exc:
        raise CliError([f"{args.log}: {exc}"]) from exc
    except (OverflowError, ValueError) as exc:
        # A day the checks above let through whose cycle reaches past the calendar's end.
        raise CliError(
            [f"{args.log}: cannot work out the cycle's dates ({exc}); check the years given"]
        ) from exc
    tallies = _body_tallies(args.log, rules, bodies, held, activities, profile.as_of)
    if "as_of" in flags:
        source = f"--as-of {profile.as_of}"
    elif found.as_of is not None:
        source = f"The profile's as_of {profile.as_of}"
    elif parse_date(log.profile.get("as_of")):
        source = f"The log's as_of {profile.as_of}"
    else:
        source = f"Today, {profile.as_of},"
    said = [
        *_profile_sources(log.profile, flags, rules),
        *_as_of_warnings(result, source, today),
    ]
    if args.format == "json":
        data = tally_json(result, rules)
        data["warnings"] += said
        data["notes"] = list(log.notes)
        data["bodies"] = [acsm_json(result), *(body_json(t) for t in tallies)]
        for row, activity in enumerate(data["activities"]):
            activity["counts_for"] = counts_for(result, tallies, row)
        _print_json(data)
    else:
        report = _text_report(result, rules, log.notes, said)
        titles = [a.title for a in activities]
        # Beside other bodies' results, ACSM's is named first: its lines speak of "CECs" only.
        names = ", ".join(rules.certifications[c].name for c in profile.certifications)
        heading = [f"{names}:"] if tallies else []
        print("\n".join([*heading, report, *map(terminal_line, _bodies_text(tallies, titles))]))
    return 0


def _held_in_log(
    log: str,
    profile: Mapping[str, Any],
    rules: Rules,
    bodies: Mapping[str, Body],
    cpr: date | None,
    held: dict[str, list[Held]],
) -> None:
    """The other certifications a log file's profile holds (``others``, as the page exports
    them), added to ``held``; each problem at its place, as ``profile.others[1].certified``."""
    card = cpr or parse_date(profile.get("cpr_expires"))
    found, problems = read_others(profile.get("others"), rules, bodies, card)
    if problems:
        raise CliError([f"{log}: profile.{p}" for p in problems])
    for body, certifications in found.items():
        held.setdefault(body, []).extend(certifications)


def _body_tallies(
    log: str,
    rules: Rules,
    bodies: Mapping[str, Body],
    held: Mapping[str, Sequence[Held]],
    activities: Sequence[Activity],
    as_of: date,
) -> list[BodyTally]:
    try:
        return [tally_body(bodies[b], rules, hs, activities, as_of) for b, hs in held.items()]
    except (OverflowError, ValueError) as exc:
        raise CliError(
            [f"{log}: cannot work out a cycle's dates ({exc}); check the years in the profile"]
        ) from exc


def _bodies_text(tallies: Sequence[BodyTally], titles: Sequence[str]) -> list[str]:
    return [line for t in tallies for line in body_lines(t, titles)]


def _print_json(data: Any) -> None:
    text = dumps(data, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except UnicodeEncodeError:  # a legacy encoding (Windows' pipes): \u escapes stay exact
        text = json.dumps(data, indent=2)
    print(text)


def _show_bodies(
    args: argparse.Namespace,
    notes: Sequence[str],
    activities: Sequence[Activity],
    tallies: Sequence[BodyTally],
) -> int:
    """The result when no ACSM certification is held: the other bodies' alone."""
    if args.format == "json":
        rows = [{"row": n, **activity_record(a)} for n, a in enumerate(activities, start=1)]
        for row, activity in enumerate(rows):
            activity["counts_for"] = counts_for(None, tallies, row)
        _print_json(
            {"bodies": [body_json(t) for t in tallies], "activities": rows, "notes": list(notes)}
        )
        return 0
    lines = _bodies_text(tallies, [a.title for a in activities])[1:]
    if notes:
        lines += ["", "Notes on reading the file:", *(f"  {n}" for n in notes)]
    print("\n".join(map(terminal_line, lines)))
    return 0


def _rules_check(args: argparse.Namespace) -> int:
    rules = _rules(args.dir)
    if os.path.isdir(args.dir):
        from calc.rulefiles.review import review  # build-time, like the loader _rules needed

        errors, warned = review(args.dir, date.today())
        if errors:
            raise CliError([str(p) for p in errors])
        for warning in warned:
            print(warning, file=sys.stderr)
    counts = ", ".join(
        f"{len(group)} {name}"
        for name, group in (
            ("certifications", rules.certifications),
            ("units", rules.units),
            ("providers", rules.providers),
            ("categories", rules.categories),
            ("sources", rules.sources),
        )
    )
    print(f"{args.dir}: valid: {counts}; last verified {rules.last_verified.isoformat()}")
    if os.path.isdir(args.dir):
        from calc.rulefiles.load import load_all

        others = sorted(load_all(args.dir)[1])
        if others:
            print(f"{args.dir}: also valid: the rules of {', '.join(others)}")
    return 0


def _rules_bundle(args: argparse.Namespace) -> int:
    data = _load_bundle(args.dir)
    try:
        from calc.rulefiles import bundle_json
    except ImportError as exc:  # a JSON bundle given, read without them
        raise _needs_rulefiles(exc) from exc
    text = bundle_json(data)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CliError([f"{args.output}: cannot write the bundle: {exc.strerror or exc}"]) from exc
    return 0


# Files a certificate comes as that hold no text to read (photos, scans): attached, not read.
_IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff")


def certificate_text(path: str) -> str:
    """A certificate file's text: a PDF's (pypdf, needed by this command only), a text file's;
    "" for a photo or a scan. Raises ``CliError`` naming the file when it cannot be read."""
    if path.lower().endswith(_IMAGES):
        return ""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise CliError([f"{path}: cannot read the file: {exc.strerror or exc}"]) from exc
    if not data.startswith(b"%PDF"):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise CliError([f"{path}: not a PDF, an image or a text file"]) from None
    try:
        from pypdf import PdfReader  # build-time and command line only, like PyYAML
    except ImportError as exc:
        raise CliError([f"{path}: reading PDFs needs pypdf (pip install pypdf)"]) from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CliError([f"{path}: the PDF is encrypted: save a copy without a password"])
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except CliError:
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise CliError([f"{path}: the PDF cannot be read ({type(exc).__name__}): {exc}"]) from exc


def _read_certificates(args: argparse.Namespace) -> int:
    from calc.certificates import draft_lines, draft_record, read_certificate

    rules = _rules(args.rules)
    records, problems = [], []
    for path in args.files:
        try:
            text = certificate_text(path)
        except CliError as exc:
            problems.extend(exc.lines)
            continue
        draft = read_certificate(text, rules)
        if args.format == "json":
            records.append(draft_record(path, draft))
        else:
            print("\n".join(draft_lines(path, draft)))
    if args.format == "json":
        print(json.dumps(records, indent=2, ensure_ascii=False))
    if problems:
        raise CliError(problems)
    return 0


def parser() -> argparse.ArgumentParser:
    # The docstring's last paragraph is about tally alone (no docstring at all under -OO).
    about, _, tally_says = (__doc__ or "").rpartition("\n\n")
    top = argparse.ArgumentParser(prog="python -m calc", description=about)
    sub = top.add_subparsers(dest="command", required=True)

    t = sub.add_parser("tally", help="tally an activity log against the rules", epilog=tally_says)
    t.add_argument(
        "log", metavar="LOG", help="the activity log: CSV, or the JSON the calculator page exports"
    )
    t.add_argument(
        "--certification",
        action="append",
        metavar="CERT",
        help="a certification held: its id (cpt), abbreviation (ACSM-CPT) or name, in any case "
        "(repeat, or comma-separate: cpt,ep); another body's too (ace-pt, nsca-cscs)",
    )
    t.add_argument(
        "--profile",
        metavar="PROFILE.yaml",
        help="every certification you hold, of any body (ACE, NASM, NSCA...), each with its own "
        "dates (see the README)",
    )
    t.add_argument("--cycle-end", metavar="YYYY-MM-DD", help="the day your cycle ends")
    t.add_argument(
        "--cycle-start",
        metavar="YYYY-MM-DD",
        help="when the cycle began, if not the usual day: the day you were certified (first "
        "cycle) or reinstated",
    )
    t.add_argument("--cpr-expires", metavar="YYYY-MM-DD", help="when your CPR/AED card expires")
    t.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to judge on (default today)")
    t.add_argument(
        "--renewed-on",
        metavar="YYYY-MM-DD",
        help="the day you submitted the renewal form and paid (until then, renewal is a to-do)",
    )
    t.add_argument(
        "--format",
        choices=("text", "json"),
        help="text to read (default), or json for a script",
    )
    t.add_argument(
        "--rules",
        default=DEFAULT_RULES,
        metavar="PATH",
        help="rules folder or JSON bundle (default: the rules/ folder beside calc)",
    )
    t.set_defaults(run=_tally)

    d = sub.add_parser(
        "read-certificate",
        help="read certificates (PDF) into draft activities, each value with the words it was "
        "read from",
    )
    d.add_argument("files", nargs="+", metavar="FILE", help="certificate PDFs (photos: not read)")
    d.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text to read (default), or json for a script",
    )
    d.add_argument("--rules", default=DEFAULT_RULES, metavar="PATH", help=argparse.SUPPRESS)
    d.set_defaults(run=_read_certificates)

    r = sub.add_parser("rules", help="check or bundle a rules folder")
    rsub = r.add_subparsers(dest="rules_command", required=True)
    c = rsub.add_parser("check", help="check every rule file; exit 0 when valid, 2 when not")
    c.add_argument(
        "dir", nargs="?", default="rules", metavar="DIR", help="the rules folder (default: rules)"
    )
    c.set_defaults(run=_rules_check)
    b = rsub.add_parser("bundle", help="write the JSON rules bundle")
    b.add_argument(
        "dir", nargs="?", default="rules", metavar="DIR", help="the rules folder (default: rules)"
    )
    b.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="where to write it (default: standard output)",
    )
    b.set_defaults(run=_rules_bundle)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal in a legacy encoding (Latin-1) shows ? for a character it lacks, where
        # printing it would end in a traceback. (stderr writes \u escapes for those already.)
        sys.stdout.reconfigure(errors="replace")
    args = parser().parse_args(argv)
    code = 0
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, where a reader gone is caught, not at exit
    except CliError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader stopped reading (| head): the rest is not wanted. Python's flush at exit
        # would fail again, with a message, unless stdout goes nowhere from now on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code
