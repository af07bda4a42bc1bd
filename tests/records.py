"""The activity record the calculator hands the page, written out once: a literal, not built from
calc.fields, because it is the contract between Python and the page's JavaScript (every key, in
this order, with its default), so a change to it in the product must make the tests fail."""

from __future__ import annotations

BLANK_RECORD: dict[str, str] = {
    "date": "",
    "title": "",
    "provider": "",
    "organization": "",
    "amount": "",
    "unit": "",
    "category": "",
    "in_scope": "yes",
    "certificate": "no",
    "decimal_system": "",
    "reported": "",
    "separate": "",
    "service_from": "",
    "service_to": "",
    "participation_hours": "",
    "format": "",
    "topics": "",
    "approvals": "",
    "petitions": "",
}


def record(**fields: str) -> dict[str, str]:
    """An activity as the log keeps it: the given fields, every other one at its default, in the
    record's order. A field the record does not have is a typo in the test: KeyError."""
    unknown = sorted(set(fields) - set(BLANK_RECORD))
    if unknown:
        raise KeyError(f"not a field of the activity record: {', '.join(unknown)}")
    return {**BLANK_RECORD, **fields}


def exported(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Records as an exported log holds them: other bodies' fields are left out when no record
    gives one."""
    from calc.fields import OTHER_BODIES_COLUMNS

    unused = {c for c in OTHER_BODIES_COLUMNS if not any(r[c] for r in records)}
    return [{k: v for k, v in r.items() if k not in unused} for r in records]
