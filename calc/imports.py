"""What a log file's rows need before they join the log: values the rules do not know (a
provider "Local Hospital", a unit "Stunden") asked about once each, the answers applied to
every row that uses them, and the rows already in the log found, so that adding a file to the
log never counts a course twice.

The page remembers the answers (``choices``) and sends them with every import: a trainer's
"Stunden" is asked once, not once a file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from calc.engine import copy_key
from calc.fields import LABELS, NAMED_FIELDS, InputProblem, loads, named_choices, named_id
from calc.model import Activity, Rules
from calc.text import name_key

# {"provider": {name_key(value): id}, "unit": {...}, "category": {...}}
Choices = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Unknown:
    """One value of a column that names nothing the rules know, and the rows that use it."""

    column: str  # provider, unit or category
    value: str  # as the file first spells it
    rows: tuple[int, ...]

    @property
    def key(self) -> str:
        return name_key(self.value)


def read_choices(text: str, rules: Rules) -> Choices | list[InputProblem]:
    """The page's remembered answers: for each named field, a value's key and the id chosen.
    An answer naming an id the rules no longer have is dropped, to be asked again."""
    try:
        # calc.fields.loads: nesting too deep is refused before parsing (in Pyodide, a
        # RecursionError would be a fatal overflow of the WebAssembly stack instead).
        data = loads(text) if text else {}
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        return [InputProblem(0, "", "the answers about unknown values are not readable")]
    choices: Choices = {}
    for column in NAMED_FIELDS:
        ids = dict(named_choices(rules, column))
        given = data.get(column, {})
        choices[column] = {
            name_key(str(value)): chosen
            for value, chosen in given.items()
            if isinstance(chosen, str) and chosen in ids
        }
    return choices


def _first_named(rules: Rules) -> str | None:
    """The provider that stands for every organization the rules do not list."""
    return next((p.id for p in rules.providers.values() if p.named), None)


def apply_choices(
    rows: Sequence[tuple[int, Any]], rules: Rules, choices: Mapping[str, Mapping[str, str]]
) -> tuple[list[tuple[int, Any]], list[Unknown]]:
    """The rows with each unknown value replaced by the id chosen for it, and the unknown values
    still without a choice (each once, with its rows). A provider answered as "Another
    organization" keeps the file's value as the organization's name, unless the row names one."""
    found: dict[tuple[str, str], tuple[str, list[int]]] = {}
    answered: list[tuple[int, Any]] = []
    for row, raw in rows:
        if not isinstance(raw, Mapping):
            answered.append((row, raw))
            continue
        fixed = dict(raw)
        for column in NAMED_FIELDS:
            value = fixed.get(column)
            text = value.strip() if isinstance(value, str) else ""
            if not text or named_id(rules, column, text) is not None:
                continue
            chosen = choices.get(column, {}).get(name_key(text))
            if chosen is None:
                found.setdefault((column, name_key(text)), (text, []))[1].append(row)
                continue
            fixed[column] = chosen
            if column == "provider" and rules.providers[chosen].named:
                organization = fixed.get("organization")
                if not (isinstance(organization, str) and organization.strip()):
                    fixed["organization"] = text
        answered.append((row, fixed))
    unknown = [Unknown(column, text, tuple(at)) for (column, _), (text, at) in found.items()]
    return answered, unknown


def unknown_answer(unknown: Sequence[Unknown], rules: Rules, headers: Mapping[str, str]) -> Any:
    """The fix-up step's question for the page: each unknown value once, in the user's words
    (the file's header, the value as written) and the form's labels."""
    named = _first_named(rules)
    asked = []
    for u in unknown:
        suggestion = named if u.column == "provider" and named else ""
        asked.append(
            {
                "column": u.column,
                "label": LABELS[u.column],
                "header": headers.get(u.column, LABELS[u.column]),
                "value": u.value,
                "key": u.key,
                "rows": list(u.rows),
                "options": [{"id": i, "label": name} for i, name in named_choices(rules, u.column)],
                "suggestion": suggestion,
            }
        )
    values = "a value" if len(unknown) == 1 else f"{len(unknown)} values"
    return {
        "values": asked,
        "message": f"Your file has {values} the calculator does not know: choose what"
        f" {'it means' if len(unknown) == 1 else 'each means'}. Your choices are remembered"
        " for your next file.",
    }


def already_logged(
    rules: Rules, logged: Sequence[Activity], incoming: Sequence[Activity]
) -> list[int]:
    """The positions of the incoming activities already in the log: each a copy (the same date,
    organization, amount, unit and title) of a logged one not matched before. One marked
    separate is always new. A file holding a course twice, the log once, adds it once."""
    left = Counter(copy_key(rules, a) for a in logged if not a.separate)
    found = []
    for i, a in enumerate(incoming):
        key = copy_key(rules, a)
        if not a.separate and left[key] > 0:
            left[key] -= 1
            found.append(i)
    return found
