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
}


def record(**fields: str) -> dict[str, str]:
    """An activity as the log keeps it: the given fields, every other one at its default, in the
    record's order. A field the record does not have is a typo in the test: KeyError."""
    unknown = sorted(set(fields) - set(BLANK_RECORD))
    if unknown:
        raise KeyError(f"not a field of the activity record: {', '.join(unknown)}")
    return {**BLANK_RECORD, **fields}
