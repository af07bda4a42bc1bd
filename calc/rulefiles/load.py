"""Load a rules folder: parse every YAML file, check it, and build the one JSON bundle.

Checks come in two layers, both reported together with file, line and column:
structure (types, required and unknown keys) from the JSON Schemas, and meaning (real calendar
dates, ascending dates, references to ids that exist, values as sure as their sources) from the
schemas' ``x-`` annotations: ``x-dated`` marks a mapping of date -> entry, ``x-date`` a date,
``x-ref`` a reference to the ids of an ``x-collection``, and ``x-unconfirmed`` the kinds of
source (sources.yaml's ``kind``) whose word alone confirms nothing: an entry citing one must say
``status: unconfirmed``. So a new rule needs a schema entry, not new checking code.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from calc.bundle import BUNDLE_FORMAT
from calc.rulefiles.located import Located, Path, read
from calc.rulefiles.problems import Problem, RulesError
from calc.rulefiles.schemas import Schemas, did_you_mean, load_schemas
from calc.text import looks_like_date, parse_date

SOURCES = "sources"
# How a reference to each collection is named in messages.
_ONE = {
    "sources": "source",
    "units": "unit",
    "providers": "provider",
    "categories": "category",
    "certifications": "certification",
}


@dataclass
class RuleFile:
    stem: str
    doc: Located
    schema: dict[str, Any]


def display_path(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _nodes(
    schemas: Schemas, schema: dict[str, Any], data: Any, path: Path
) -> Iterator[tuple[Path, dict[str, Any], Any]]:
    """Every (path, schema, value) in ``data`` that its schema describes, parents first."""
    schema = schemas.resolve(schema)
    yield path, schema, data
    if isinstance(data, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in data.items():
            sub = props.get(key, extra)
            if isinstance(sub, dict):
                yield from _nodes(schemas, sub, value, (*path, key))
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(data):
            yield from _nodes(schemas, schema["items"], value, (*path, i))


def _collections(files: list[RuleFile], schemas: Schemas) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in files:
        for _, schema, data in _nodes(schemas, f.schema, f.doc.data, ()):
            name = schema.get("x-collection")
            if name and isinstance(data, dict):
                found.setdefault(name, set()).update(data)
    return found


def _unsure_sources(files: list[RuleFile], schemas: Schemas) -> dict[str, str]:
    """Each source whose kind the schema lists in ``x-unconfirmed`` (a third party, a copy of
    ACSM's site), with that kind."""
    found: dict[str, str] = {}
    for f in files:
        for path, schema, data in _nodes(schemas, f.schema, f.doc.data, ()):
            kinds = schema.get("x-unconfirmed")
            if isinstance(kinds, list) and data in kinds and len(path) >= 2:
                found[str(path[-2])] = str(data)
    return found


def _check_meaning(
    f: RuleFile, schemas: Schemas, ids: dict[str, set[str]], unsure: dict[str, str]
) -> Iterator[Problem]:
    for path, schema, data in _nodes(schemas, f.schema, f.doc.data, ()):
        props = schema.get("properties", {})
        if isinstance(data, dict) and "source" in props and "status" in props:
            # A value is never surer than its source: a third party's or a copy's word is not
            # ACSM's, whatever the entry says.
            cited = data.get("source")
            # (A source that is not a name is the schema's to report, not this check's.)
            if isinstance(cited, str) and cited in unsure and data.get("status") != "unconfirmed":
                yield f.doc.problem(
                    (*path, "source"),
                    f"source {cited!r} is of kind {unsure[cited]!r} in sources.yaml: a value "
                    "resting on it must say status: unconfirmed, with its assumption",
                )
        if schema.get("x-dated") and isinstance(data, dict):
            previous: date | None = None
            for key in data:
                day = parse_date(key)
                if day is None:
                    if looks_like_date(key):
                        yield f.doc.problem((*path, key), f"{key!r} is not a real date", key=True)
                    continue
                if previous is not None and day <= previous:
                    yield f.doc.problem(
                        (*path, key),
                        f"dates must ascend: {key} comes after {previous.isoformat()}",
                        key=True,
                    )
                previous = day
        if schema.get("x-date") and looks_like_date(data) and parse_date(data) is None:
            yield f.doc.problem(path, f"{data!r} is not a real date")
        ref = schema.get("x-ref")
        if ref and isinstance(data, str) and data not in ids.get(ref, set()):
            known = sorted(ids.get(ref, set()))
            where = f"{ref}.yaml" if ref == SOURCES else ref
            near = did_you_mean(data, known)
            # Near misses alone, with how many there are; else every id, to pick from.
            listed = (
                f"did you mean {near}? {len(known)} in {where}"
                if near
                else f"known in {where}: {', '.join(known) or 'none'}"
            )
            yield f.doc.problem(path, f"unknown {_ONE.get(ref, ref)} id {data!r} ({listed})")


def _anchor(rule_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", rule_id.lower()).strip("-")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _bundle_part(
    schemas: Schemas, schema: dict[str, Any], data: Any, path: Path, f: RuleFile
) -> Any:
    schema = schemas.resolve(schema)
    if schema.get("x-dated") and isinstance(data, dict):
        rule_id = ".".join(str(p) for p in path)
        return {
            "rule": rule_id,
            "page": f.schema.get("x-docs-page", ""),
            "anchor": _anchor(rule_id),
            "entries": [
                {
                    "from": day,
                    "value": _plain(entry["value"]),
                    "source": entry["source"],
                    "status": entry.get("status", "confirmed"),
                    "basis": entry.get("basis", "effective"),
                    "note": entry.get("note"),
                    "assumption": entry.get("assumption"),
                    "quote": entry.get("quote"),
                }
                for day, entry in data.items()
            ],
        }
    if isinstance(data, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        out = {}
        for key, value in data.items():
            sub = props.get(key, extra)
            out[key] = (
                _bundle_part(schemas, sub, value, (*path, key), f)
                if isinstance(sub, dict)
                else _plain(value)
            )
        return out
    if isinstance(data, list) and isinstance(schema.get("items"), dict):
        return [
            _bundle_part(schemas, schema["items"], v, (*path, i), f) for i, v in enumerate(data)
        ]
    return _plain(data)


# Where each body's files live under the rules folder: ACSM's (the calculator's own rules) in
# acsm/, every other body's in a folder named for it, all described by the schemas in schema/.
ACSM = "acsm"
# The files of another body's folder; every other schema describes one of ACSM's files.
BODY = "body"
BODY_FILES = (BODY, SOURCES)


def _read_folder(
    folder: str, schemas: Schemas, stems: list[str], seeded: dict[str, set[str]]
) -> tuple[list[RuleFile], list[Problem]]:
    """Check one body's folder: every file of ``stems`` present and valid, no other YAML file,
    references resolved among its own ids and the ``seeded`` ones (another folder's)."""
    problems: list[Problem] = []
    files: list[RuleFile] = []
    for stem in sorted(stems, key=lambda stem: (stem != SOURCES, stem)):
        path = os.path.join(folder, f"{stem}.yaml")
        doc, found = read(path, display_path(path))
        problems += found
        if doc.data is not None:
            # A spot that already has a parse problem (say, a non-finite number) needs no second,
            # vaguer message from the schema.
            spots = {(p.line, p.column) for p in found}
            problems += [p for p in schemas.validate(stem, doc) if (p.line, p.column) not in spots]
            files.append(RuleFile(stem, doc, schemas.by_file[stem]))
    known = ", ".join(f"{stem}.yaml" for stem in sorted(stems))
    for name in sorted(os.listdir(folder)):
        if name.endswith((".yaml", ".yml")) and name.rsplit(".", 1)[0] not in stems:
            problems.append(
                Problem(
                    display_path(os.path.join(folder, name)),
                    1,
                    1,
                    f"no schema describes this file here; this folder's rule files are: {known}",
                )
            )
    ids = {**seeded, **_collections(files, schemas)}
    unsure = _unsure_sources(files, schemas)
    for f in files:
        problems += _check_meaning(f, schemas, ids, unsure)
    return files, problems


def _bundle(files: list[RuleFile], schemas: Schemas, prefix: Path = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in files:
        out.update(_bundle_part(schemas, f.schema, f.doc.data, prefix, f))
    return out


def _shared_source_ids(folders: dict[str, list[RuleFile]]) -> list[Problem]:
    """A source id used by two folders: each must be unique across rules/, so that a page
    setting the bodies side by side cites each source once, as its own folder defines it."""
    first: dict[str, str] = {}
    problems = []
    for name, files in folders.items():
        for f in files:
            listed = f.doc.data.get(SOURCES) if f.stem == SOURCES else None
            for sid in listed if isinstance(listed, dict) else ():
                if sid in first:
                    problems.append(
                        f.doc.problem(
                            (SOURCES, sid),
                            f"source id {sid!r} is already {first[sid]}'s: give this one "
                            "another id (each source id is unique across rules/)",
                            key=True,
                        )
                    )
                else:
                    first[sid] = name
    return problems


def _said_id(data: Any) -> str | None:
    """The id a body's file gives itself, if it gives one (the schema reports the rest)."""
    head = data.get("body") if isinstance(data, dict) else None
    said = head.get("id") if isinstance(head, dict) else None
    return said if isinstance(said, str) else None


def load_all(rules_dir: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Check every rule file under ``rules_dir`` (ACSM's in acsm/, each other body's in its own
    folder) and return ACSM's bundle and each other body's rules by id; raise ``RulesError``
    listing every problem found (never a partial bundle)."""
    try:
        schemas = load_schemas(rules_dir)
    except (OSError, ValueError) as exc:
        where = display_path(os.path.join(rules_dir, "schema"))
        raise RulesError([Problem(where, 1, 1, f"cannot read the JSON Schemas: {exc}")]) from exc
    acsm_stems = [stem for stem in schemas.by_file if stem != BODY]
    acsm_dir = os.path.join(rules_dir, ACSM)
    if not os.path.isdir(acsm_dir):
        where = display_path(acsm_dir)
        raise RulesError([Problem(where, 1, 1, "ACSM's rule files belong in this folder")])
    acsm_files, problems = _read_folder(acsm_dir, schemas, acsm_stems, {})
    # Other bodies name ACSM's providers and units (the organization an activity is from, the
    # unit its credit is in), so those are the ids their references may use.
    acsm_ids = _collections(acsm_files, schemas)
    seeded = {
        "providers": acsm_ids.get("providers", set()) | {"*"},
        "units": acsm_ids.get("units", set()),
    }
    bodies: dict[str, list[RuleFile]] = {}
    for name in sorted(os.listdir(rules_dir)):
        path = os.path.join(rules_dir, name)
        if name in (ACSM, "schema"):
            continue
        if not os.path.isdir(path):
            if name.endswith((".yaml", ".yml")):
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        f"rule files belong in a body's folder: ACSM's in {ACSM}/, another "
                        "body's in a folder named for it",
                    )
                )
            continue
        if not any(os.path.exists(os.path.join(path, f"{stem}.yaml")) for stem in BODY_FILES):
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    "a folder here holds one body's rules: body.yaml and sources.yaml (ACSM's "
                    f"are in {ACSM}/); add them or remove the folder",
                )
            )
            continue
        files, found = _read_folder(path, schemas, list(BODY_FILES), seeded)
        problems += found
        body = next((f for f in files if f.stem == BODY), None)
        said = _said_id(body.doc.data) if body is not None else None
        if body is not None and said is not None and said != name:
            problems.append(
                body.doc.problem(("body", "id"), f"id {said!r} must be the folder's name, {name!r}")
            )
        bodies[name] = files
    problems += _shared_source_ids({ACSM: acsm_files, **bodies})
    if problems:
        raise RulesError(problems)
    bundle: dict[str, Any] = {"bundle_format": BUNDLE_FORMAT, **_bundle(acsm_files, schemas)}
    others = {}
    for name, files in bodies.items():
        part = _bundle(files, schemas, (name,))
        _place(part, f"{schemas.by_file[BODY].get('x-docs-page', '')}/{name}")
        others[name] = part
    return bundle, others


def _place(node: Any, page: str) -> None:
    """Point every rule of another body at its own page (bodies/ace, not one page for all)."""
    if isinstance(node, dict):
        if "rule" in node and "entries" in node:
            node["page"] = page
        for value in node.values():
            _place(value, page)
    elif isinstance(node, list):
        for value in node:
            _place(value, page)


def load_dir(rules_dir: str) -> dict[str, Any]:
    """ACSM's bundle, the calculator's rules, once every rule file under ``rules_dir`` is checked
    (a mistake in another body's file stops a build as one in ACSM's does)."""
    return load_all(rules_dir)[0]


def bundle_json(bundle: dict[str, Any]) -> str:
    """The bundle's one canonical text: the same rules always give the same bytes."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")) + "\n"
