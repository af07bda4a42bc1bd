"""Parse YAML into plain data while remembering where every key and value stands in the file.

PyYAML's safe composer gives nodes with positions; we build the data ourselves from them so that
duplicate keys are caught (PyYAML silently keeps the last one) and numbers are read exactly as
written (``0.1`` becomes ``Decimal("0.1")``, never a float).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from calc.rulefiles.problems import Problem

Path = tuple[str | int, ...]
Mark = tuple[int, int]  # 1-based line and column

_MAX_DEPTH = 64
# libyaml's parser when PyYAML has it (ten times faster); same nodes, same positions.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


@dataclass
class Located:
    """Data parsed from one file, with the position of each value and each mapping key."""

    file: str
    data: Any = None
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def mark(self, path: Path, *, key: bool = False) -> Mark:
        """Where ``path`` stands, or its nearest enclosing value when the path does not exist."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        line, column = self.mark(path, key=key)
        return Problem(self.file, line, column, message)


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode, doc: Located, problems: list[Problem]) -> Any:
    text = node.value
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return text.lower() in ("yes", "true", "on", "y")
    if node.tag in (_INT, _FLOAT):
        try:
            number = Decimal(text)
        except InvalidOperation:  # YAML also reads 0x10, 1_000 or 1:30 as numbers
            number = None
        if number is None or not number.is_finite():
            line, column = _mark(node)
            message = f"{text!r} is not a number written in plain digits (such as 12 or 0.5)"
            problems.append(Problem(doc.file, line, column, message))
            return text
        return number
    return text


def _build(node: yaml.Node, path: Path, doc: Located, problems: list[Problem], depth: int) -> Any:
    doc.values[path] = _mark(node)
    if depth > _MAX_DEPTH:
        line, column = _mark(node)
        problems.append(Problem(doc.file, line, column, "nesting is too deep (recursive alias?)"))
        return None
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, doc, problems)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, i), doc, problems, depth + 1) for i, item in enumerate(node.value)
        ]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line, column = _mark(key_node)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.file, line, column, "a key must be plain text"))
            continue
        key = key_node.value
        if key == "<<":
            problems.append(Problem(doc.file, line, column, "merge keys ('<<') are not allowed"))
            continue
        if key in result:
            first_line = doc.keys[(*path, key)][0]
            problems.append(
                Problem(
                    doc.file, line, column, f"duplicate key {key!r} (first at line {first_line})"
                )
            )
            continue
        doc.keys[(*path, key)] = (line, column)
        result[key] = _build(value_node, (*path, key), doc, problems, depth + 1)
    return result


def parse(text: str, file: str) -> tuple[Located, list[Problem]]:
    """Parse one YAML document; problems come back with file, line and column, never raised."""
    doc = Located(file)
    problems: list[Problem] = []
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if any(
            clue in what
            for clue in ("expected <block end>", "did not find expected key", "mapping values")
        ):
            what = f"the indentation or a ':' here does not fit the lines around it ({what})"
        return doc, [Problem(file, line, column, f"YAML syntax: {what}")]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        return doc, [
            Problem(file, line, column, f"YAML: the character U+{code:04X} is not allowed")
        ]
    if root is None:
        return doc, [Problem(file, 1, 1, "the file is empty")]
    doc.data = _build(root, (), doc, problems, 0)
    return doc, problems


def read(path: str, display: str) -> tuple[Located, list[Problem]]:
    """Read and parse a file; an unreadable or non-UTF-8 file is a problem, not an exception."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return Located(display), [Problem(display, 1, 1, f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Located(display), [Problem(display, line, column, "the file is not valid UTF-8")]
    return parse(text, display)
