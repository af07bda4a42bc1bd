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
from decimal import Decimal
from typing import Any

from calc.bundle import BundleError, rules_from_bundle
from calc.engine import Tally, TallyError, fmt, tally
from calc.logbook import InputProblem, parse_activity, parse_profile
from calc.model import Rules
from calc.report import dumps, tally_json

DEFAULT_RULES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "rules")
EXIT_BAD_INPUT = 2


class CliError(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


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


def _read_log(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle, parse_float=Decimal)
    except OSError as exc:
        raise CliError([f"{path}:1:1: cannot read the log: {exc.strerror}"]) from exc
    except UnicodeDecodeError as exc:
        raise CliError([f"{path}:1:1: the log is not UTF-8 text"]) from exc
    except json.JSONDecodeError as exc:
        raise CliError([f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        raise CliError([f"{path}:1:1: the log must be an object with an 'activities' list"])
    return data


def _profile_input(args: argparse.Namespace, log: dict[str, Any]) -> dict[str, Any]:
    saved = log.get("profile")
    profile: dict[str, Any] = dict(saved) if isinstance(saved, dict) else {}
    if args.certification:
        profile["certifications"] = [c for arg in args.certification for c in arg.split(",") if c]
    for key in ("cycle_end", "as_of"):
        if getattr(args, key):
            profile[key] = getattr(args, key)
    return profile


def _text_report(t: Tally) -> str:
    lines = [
        f"Certifications: {', '.join(t.profile.certifications)}",
        f"Cycle: {t.profile.cycle_start.isoformat()} to {t.profile.cycle_end.isoformat()}",
        "",
        f"{'Date':<10}  {'CECs':>6}  Activity",
    ]
    for d in t.decisions:
        lines.append(
            f"{d.activity.completed.isoformat():<10}  {fmt(d.cecs):>6}  {d.activity.title}"
        )
        lines.append(f"{'':<10}  {'':>6}  {d.explanation}")
    lines += [
        "",
        f"Earned:    {fmt(t.earned)} CECs",
        f"Required:  {fmt(t.required)} CECs",
        f"Remaining: {fmt(t.remaining)} CECs",
        f"Status:    {t.status}",
    ]
    return "\n".join(lines)


def _tally(args: argparse.Namespace) -> int:
    rules = _rules(args.rules)
    log = _read_log(args.log)
    problems: list[InputProblem] = []
    profile, found = parse_profile(_profile_input(args, log), rules, date.today())
    problems += found
    activities = []
    for row, raw in enumerate(log["activities"], start=1):
        if not isinstance(raw, dict):
            problems.append(InputProblem(row, "", "an activity must be an object"))
            continue
        activity, found = parse_activity(raw, row)
        problems += found
        if activity is not None:
            activities.append(activity)
    if problems or profile is None:
        raise CliError([p.where(args.log) for p in problems])
    try:
        result = tally(rules, profile, activities)
    except TallyError as exc:
        raise CliError([f"{args.log}: {exc}"]) from exc
    if args.format == "json":
        print(dumps(tally_json(result), indent=2))
    else:
        print(_text_report(result))
    return 0


def _rules_check(args: argparse.Namespace) -> int:
    bundle = _load_bundle(args.dir)
    rules = rules_from_bundle(bundle)
    print(
        f"{args.dir}: valid: {len(rules.certifications)} certifications, "
        f"{len(rules.sources)} sources; last verified {rules.last_verified.isoformat()}"
    )
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
    t.add_argument("log", metavar="LOG", help="the activity log (JSON exported by the page)")
    t.add_argument(
        "--certification",
        action="append",
        metavar="ID",
        help="a certification held (repeat, or comma-separate: cpt,ep)",
    )
    t.add_argument("--cycle-end", metavar="YYYY-MM-DD")
    t.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to judge on (default today)")
    t.add_argument("--format", choices=("text", "json"), default="text")
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
    c.add_argument("dir", nargs="?", default="rules", metavar="DIR")
    c.set_defaults(run=_rules_check)
    b = rsub.add_parser("bundle", help="write the JSON rules bundle")
    b.add_argument("dir", nargs="?", default="rules", metavar="DIR")
    b.add_argument("-o", "--output", default="-", metavar="FILE")
    b.set_defaults(run=_rules_bundle)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except CliError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
