"""A profile file (``tally --profile PROFILE.yaml``): every certification the professional holds,
from any body, each with its own dates.

    as_of: 2026-12-07            # optional: the day to judge on
    cpr_expires: 2027-03-01      # optional: for every certification that gives none
    certifications:
      - certification: ACSM-CPT  # an id or a name the pages print
        cycle_end: 2026-12-31
      - certification: ace-pt
        certified: 2025-03-31    # or cycle_end (and cycle_start)
        cpr_expires: 2027-05-01

ACSM's certifications share one cycle; they become the ACSM profile (the fields of a log's own
profile and of the flags). Every problem names its place, as ``certifications[2].cycle_end``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from calc.bodies.model import Body
from calc.bodies.tally import Held
from calc.model import Rules
from calc.text import name_key, parse_date

_DAYS = ("cycle_end", "cycle_start", "certified", "cpr_expires", "renewed_on")
_TOP = ("as_of", "cpr_expires", "certifications")
# What ACSM's profile takes from an ACSM certification's entry.
_ACSM_DAYS = ("cycle_end", "cycle_start", "cpr_expires", "renewed_on")
ACSM = "acsm"


@dataclass
class Profile:
    acsm: dict[str, Any] = field(default_factory=dict)  # as a log's profile holds it
    held: dict[str, list[Held]] = field(default_factory=dict)  # by body id, in file order
    as_of: date | None = None
    problems: list[str] = field(default_factory=list)


def certification_names(rules: Rules, bodies: Mapping[str, Body]) -> dict[str, tuple[str, str]]:
    """Every name a certification may be given by (id, abbreviation, name, alias), as name_key
    writes it, to (body id, certification id)."""
    found: dict[str, tuple[str, str]] = {}
    for c in rules.certifications.values():
        for name in (c.id, c.abbreviation, c.name):
            found.setdefault(name_key(name), (ACSM, c.id))
    for body in bodies.values():
        for cert in body.certifications.values():
            for name in (cert.id, cert.name, *cert.aliases):
                found.setdefault(name_key(name), (body.id, cert.id))
    return found


def held_records(entries: Any) -> list[dict[str, str]]:
    """The other certifications a log's profile holds (``others``), as the log keeps them: each
    entry's known fields as text, nothing checked (a log file carries them as the page wrote
    them; :func:`read_profile` says what is wrong, where they are counted)."""
    if not isinstance(entries, list):
        return []
    keys = ("certification", *_DAYS)
    return [
        {k: str(e[k]) for k in keys if e.get(k) not in (None, "")}
        for e in entries
        if isinstance(e, dict)
    ]


def read_others(
    entries: Any, rules: Rules, bodies: Mapping[str, Body], cpr: date | None
) -> tuple[dict[str, list[Held]], list[str]]:
    """The other bodies' certifications a log's profile holds (``others``: the page's, a log
    file's), by body, and each problem at its place (``others[1].certified: ...``)."""
    if not entries:
        return {}, []
    if not isinstance(entries, list):
        return {}, ["others: must be a list of certifications"]
    found = read_profile({"certifications": entries}, rules, bodies, cpr)
    problems = [p.replace("certifications[", "others[", 1) for p in found.problems]
    if found.acsm:
        problems.append("others: list only other bodies' certifications here")
    return found.held, problems


def _day(value: Any, where: str, problems: list[str]) -> date | None:
    if value is None or value == "":
        return None
    day = parse_date(value)  # a date from YAML reads as its own text
    if day is None:
        problems.append(f"{where}: must be a date written YYYY-MM-DD")
    return day


def read_profile(
    data: Any, rules: Rules, bodies: Mapping[str, Body], cpr_flag: date | None = None
) -> Profile:
    """The profile in a file's data (what yaml.safe_load gives)."""
    found = Profile()
    problems = found.problems
    if not isinstance(data, dict):
        problems.append("must be a mapping with a list of certifications")
        return found
    problems += [
        f"{key}: unknown field (fields: {', '.join(_TOP)})" for key in data if key not in _TOP
    ]
    found.as_of = _day(data.get("as_of"), "as_of", problems)
    everyone_cpr = _day(data.get("cpr_expires"), "cpr_expires", problems) or cpr_flag
    entries = data.get("certifications")
    if not isinstance(entries, list) or not entries:
        problems.append("certifications: must list at least one certification")
        return found
    names = certification_names(rules, bodies)
    for n, entry in enumerate(entries, start=1):
        where = f"certifications[{n}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a mapping (certification: ace-pt, certified: ...)")
            continue
        extra = [k for k in entry if k != "certification" and k not in _DAYS]
        problems += [
            f"{where}.{k}: unknown field (fields: certification, {', '.join(_DAYS)})" for k in extra
        ]
        said = str(entry.get("certification") or "").strip()
        which = names.get(name_key(said))  # nothing is named "" (none said)
        if which is None:
            what = f"unknown certification {said!r}" if said else "is required"
            problems.append(
                f"{where}.certification: {what} (an id such as cpt, ace-pt or nsca-cscs, or a "
                "name such as ACSM-CPT)"
            )
            continue
        days = {k: _day(entry.get(k), f"{where}.{k}", problems) for k in _DAYS}
        body, cert = which
        if body == ACSM:
            _acsm(found, cert, days, where)
            continue
        found.held.setdefault(body, []).append(
            Held(
                cert,
                cycle_end=days["cycle_end"],
                cycle_start=days["cycle_start"],
                certified=days["certified"],
                cpr_expires=days["cpr_expires"] or everyone_cpr,
                renewed_on=days["renewed_on"],
            )
        )
    if found.acsm and "cpr_expires" not in found.acsm and everyone_cpr is not None:
        found.acsm["cpr_expires"] = everyone_cpr.isoformat()
    return found


def _acsm(found: Profile, cert: str, days: Mapping[str, date | None], where: str) -> None:
    """An ACSM certification: its id joins the ACSM profile, and so do its days, which every
    ACSM certification shares (one cycle)."""
    found.acsm.setdefault("certifications", []).append(cert)
    for key in _ACSM_DAYS:
        day = days[key]
        if day is None:
            continue
        before = found.acsm.setdefault(key, day.isoformat())
        if before != day.isoformat():
            found.problems.append(
                f"{where}.{key}: your ACSM certifications share one cycle, but another gives "
                f"{before}"
            )
    if days["certified"] is not None:
        found.problems.append(
            f"{where}.certified: for an ACSM certification give cycle_end, the day your cycle ends"
        )
