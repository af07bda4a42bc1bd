"""The command line: ``python -m calc tally LOG ...`` and ``python -m calc rules check [DIR]``.

Exit codes: 0 done (whether the CECs are complete or short), 2 bad input or invalid rules; every
problem is printed as ``FILE:ROW:COLUMN: message`` on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from calc.bundle import BundleError, rules_from_bundle
from calc.engine import Tally, TallyError, tally
from calc.fields import InputProblem, parse_log
from calc.logfiles import LogFile, read_log
from calc.model import Rules
from calc.report import dumps, tally_json
from calc.text import fmt

DEFAULT_RULES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input: its lines (one a problem) are all the user sees, on stderr."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))


def _load_bundle(path: str) -> dict[str, Any]:
    if os.path.isfile(path):
        try:
            with open(path, encoding="utf-8") as handle:
                data: dict[str, Any] = json.load(handle)
                return data
        except (OSError, ValueError) as exc:
            raise CliError([f"{path}:1:1: cannot read the rules bundle: {exc}"]) from exc
    try:
        from calc.rulefiles import RulesError, load_dir
    except ImportError as exc:
        raise CliError(
            [
                f"reading YAML rules needs PyYAML and jsonschema ({exc.name} is missing): "
                "pip install 'cec-guide-calc[rules]', or pass --rules BUNDLE.json"
            ]
        ) from exc
    if not os.path.isdir(path):
        raise CliError([f"{path}: no such rules folder or bundle file"])
    try:
        return load_dir(path)
    except RulesError as exc:
        raise CliError([str(p) for p in exc.problems]) from exc


def _rules(path: str) -> Rules:
    try:
        return rules_from_bundle(_load_bundle(path))
    except BundleError as exc:
        raise CliError([f"{path}: {exc}"]) from exc


def _read_log(path: str) -> LogFile:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise CliError([f"{path}:1:1: cannot read the log: {exc.strerror}"]) from exc
    # Decoded as the page decodes a file: read_log then names the line of the first bad byte.
    log, problems = read_log(raw.decode("utf-8", errors="replace"))
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


def _profile_input(args: argparse.Namespace, log: LogFile) -> tuple[dict[str, Any], set[str]]:
    """The log's profile with the flags laid over it, and which fields the flags gave."""
    profile = dict(log.profile)
    given = set()
    if args.certification:
        profile["certifications"] = [c for arg in args.certification for c in arg.split(",") if c]
        given.add("certifications")
    for key in ("cycle_end", "cycle_start", "cpr_expires", "as_of", "renewed_on"):
        if getattr(args, key) is not None:
            profile[key] = getattr(args, key)
            given.add(key)
    return profile, given


def _where(problem: InputProblem, file: str, flags: set[str]) -> str:
    if problem.row == 0 and problem.column in flags:
        return f"{_FLAGS[problem.column]}: {problem.message}"
    if problem.row == 0 and problem.column in _FLAGS:  # not given as a flag
        hint = f" (give {_FLAGS[problem.column]}, or a profile in a JSON log)"
        return problem.where(file) + (hint if problem.message == "is required" else "")
    return problem.where(file)


def _text_report(t: Tally, rules: Rules) -> str:
    p = t.profile
    names = ", ".join(rules.certifications[c].abbreviation for c in p.certifications)
    o = t.outlook
    lines = [
        o.verdict.headline,
        *(f"  {i}. {step}" for i, step in enumerate(o.verdict.steps, start=1)),
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
        for said in (d.explanation, *d.warnings, *d.notes):
            lines.append(f"{'':>4}  {'':<10}  {'':>7}  {said}")
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
    if o.warnings or t.requirement.notes:
        lines += ["", "Note:", *(f"  {w}" for w in (*o.warnings, *t.requirement.notes))]
    return "\n".join(lines)


def _tally(args: argparse.Namespace) -> int:
    rules = _rules(args.rules)
    log = _read_log(args.log)
    raw_profile, flags = _profile_input(args, log)
    profile, activities, problems = parse_log(raw_profile, log.rows, rules, date.today())
    if problems or profile is None:
        raise CliError([_where(p, args.log, flags) for p in problems])
    try:
        result = tally(rules, profile, activities)
    except TallyError as exc:
        raise CliError([f"{args.log}: {exc}"]) from exc
    if args.format == "json":
        print(dumps(tally_json(result, rules), indent=2))
    else:
        print(_text_report(result, rules))
    return 0


def _rules_check(args: argparse.Namespace) -> int:
    rules = _rules(args.dir)
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
    return 0


def _rules_bundle(args: argparse.Namespace) -> int:
    from calc.rulefiles import bundle_json

    text = bundle_json(_load_bundle(args.dir))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m calc", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    t = sub.add_parser("tally", help="tally an activity log against the rules")
    t.add_argument(
        "log", metavar="LOG", help="the activity log: CSV, or the JSON the calculator page exports"
    )
    t.add_argument(
        "--certification",
        action="append",
        metavar="ID",
        help="a certification held (repeat, or comma-separate: cpt,ep)",
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
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except CliError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
