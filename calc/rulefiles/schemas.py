"""The JSON Schemas under ``rules/schema/``: loaded once, used for editors and for the loader alike.

Structure is checked by the real ``jsonschema`` validator against the same files editors use, so
the two cannot disagree; this module only turns its errors into messages a maintainer can act on,
each at the line and column of the offending key or value.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jsonschema
from referencing import Registry, Resource

from calc.rulefiles.located import Located
from calc.rulefiles.problems import Problem

SCHEMA_DIR = "schema"
COMMON = "common.schema.json"


@dataclass(frozen=True)
class Schemas:
    by_file: dict[str, dict[str, Any]]  # rule-file stem -> its schema
    registry: Registry[Any]

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow ``$ref`` to a schema that says something itself. Keywords written beside a
        ``$ref`` (such as ``x-ref``) win over the target's, and ``properties`` beside one narrow
        the target's (an entry whose value is one of a list) without hiding the others. Local
        refs (``#/...``) are only used inside common.schema.json, so that is where they resolve."""
        merged: dict[str, Any] = {}
        while "$ref" in schema:
            merged = _over(merged, {k: v for k, v in schema.items() if k != "$ref"})
            doc, _, pointer = schema["$ref"].partition("#")
            target: Any = self.registry.contents(doc or COMMON)
            for part in pointer.strip("/").split("/") if pointer else ():
                target = target[part]
            schema = target
        return _over(merged, schema) if merged else schema

    def validate(self, stem: str, doc: Located) -> list[Problem]:
        validator = jsonschema.Draft202012Validator(self.by_file[stem], registry=self.registry)
        problems: list[Problem] = []
        for error in validator.iter_errors(doc.data):
            problems.extend(_explain(error, doc, self))
        return problems


def _over(near: dict[str, Any], far: dict[str, Any]) -> dict[str, Any]:
    """``far`` with ``near``'s keywords written over it, properties merged one by one."""
    both = {**far, **near}
    if "properties" in near and "properties" in far:
        both["properties"] = {**far["properties"], **near["properties"]}
    return both


def load_schemas(rules_dir: str) -> Schemas:
    folder = os.path.join(rules_dir, SCHEMA_DIR)
    by_file: dict[str, dict[str, Any]] = {}
    resources: list[tuple[str, Resource[Any]]] = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".schema.json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            schema = json.load(handle)
        resources.append((name, Resource.from_contents(schema)))
        if name != COMMON:
            by_file[name.removesuffix(".schema.json")] = schema
    return Schemas(by_file, Registry().with_resources(resources))


_KIND = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    bool: "true/false",
    type(None): "null",
}
_WANT = {
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _kind(value: Any) -> str:
    return _KIND.get(type(value), "a number")


def _show(value: Any) -> str:
    """A value as the maintainer wrote it in YAML (75, true, null, 'text'), not as Python prints
    it; a long text shortened, with how long it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else f"{value[:50]}... ({len(value)} characters)"
        return f"'{shown}'"
    if isinstance(value, (list, dict)):
        return f"a {'list' if isinstance(value, list) else 'mapping'} of {len(value)}"
    return str(value)


def did_you_mean(wrong: Any, choices: Iterable[Any]) -> str:
    """The near misses among the choices, closest first ("'acsm-faq26' or 'acsm-faq12'"), or
    "" when none is near."""
    close = difflib.get_close_matches(str(wrong), [str(c) for c in choices], n=3, cutoff=0.6)
    named = [repr(c) for c in close]
    return " or ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _extra_keys(error: jsonschema.ValidationError) -> Iterator[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    instance: dict[str, Any] = error.instance  # type: ignore[assignment]
    for key in instance:
        if key not in known and not any(p.search(key) for p in patterns):
            yield key


def _explain(error: jsonschema.ValidationError, doc: Located, schemas: Schemas) -> list[Problem]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    # jsonschema types these as "Any | Unset"; on a reported error they are always set.
    instance: Any = error.instance
    expected: Any = error.validator_value
    if kind == "additionalProperties":
        allowed = _allowed_keys(schema)
        return [
            doc.problem(
                (*path, key),
                f"unknown key {key!r}"
                + (f" (did you mean {near}?)" if (near := did_you_mean(key, allowed)) else "")
                + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
                + _misplaced_hint(key, schemas),
                key=True,
            )
            for key in _extra_keys(error)
        ]
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        inside = f" in {path[-1]!r}" if path else ""
        return [
            doc.problem(path, f"missing required key {name!r}{inside}", key=True)
            for name in missing
        ]
    if kind == "type":
        wanted: list[str] = expected if isinstance(expected, list) else [expected]
        want = " or ".join(_WANT.get(w, w) for w in wanted)
        # true, false and null say what they are; other values with their kind ("text 'x'").
        bare = isinstance(instance, bool) or instance is None
        got = _show(instance) if bare else f"{_kind(instance)} {_show(instance)}"
        return [doc.problem(path, f"expected {want}, found {got}")]
    if "propertyNames" in error.absolute_schema_path:
        # The error sits on the mapping, and its instance is the offending key.
        why = schema.get("patternErrorMessage", "is not allowed here")
        return [doc.problem((*path, instance), f"key {_show(instance)} {why}", key=True)]
    if kind == "pattern":
        why = schema.get("patternErrorMessage", f"must match {expected}")
        return [doc.problem(path, f"{_show(instance)} {why}")]
    if kind == "enum":
        options = ", ".join(_show(o).strip("'") for o in expected)
        near = did_you_mean(instance, expected)
        hint = f"; did you mean {near}?" if near else ""
        return [doc.problem(path, f"{_show(instance)} is not one of: {options}{hint}")]
    if kind == "not" and isinstance(expected, dict) and isinstance(instance, dict):
        # "then: {not: {required: [KEY]}}": a key that must not be written in this case.
        why = schema.get("notErrorMessage", "is not allowed here")
        return [
            doc.problem((*path, key), f"key {key!r} {why}", key=True)
            for key in expected.get("required", [])
            if key in instance
        ]
    if kind == "anyOf" and "anyOfErrorMessage" in schema:
        # "a quote, or derived_from": jsonschema's own words ("is not valid under any of the
        # given schemas") would not say what to write.
        inside = f"entry {path[-1]!r} " if path else ""
        return [doc.problem(path, f"{inside}{schema['anyOfErrorMessage']}", key=True)]
    if kind == "minimum":
        return [doc.problem(path, f"{_show(instance)} must not be negative")]
    if kind == "minProperties":
        return [doc.problem(path, "must not be empty")]
    if kind == "minLength":
        return [doc.problem(path, "must not be empty text")]
    return [doc.problem(path, error.message)]


def _keys_defined(
    schema: Any, schemas: Schemas, where: str, seen: set[int]
) -> Iterator[tuple[str, str]]:
    """Every (key, place) the schemas define, to tell a maintainer where a stray key belongs."""
    if not isinstance(schema, dict) or id(schema) in seen:
        return
    seen.add(id(schema))
    schema = schemas.resolve(schema)
    for key, sub in schema.get("properties", {}).items():
        yield key, where or "the top level"
        yield from _keys_defined(sub, schemas, f"{where}.{key}".lstrip("."), seen)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _keys_defined(extra, schemas, f"{where}.<id>", seen)


def _misplaced_hint(key: str, schemas: Schemas) -> str:
    places = sorted(
        {
            f"{place} in {stem}.yaml"
            for stem, schema in schemas.by_file.items()
            for name, place in _keys_defined(schema, schemas, "", set())
            if name == key
        }
    )
    return f" (it belongs under {' or '.join(places)})" if places else ""
