"""Which modules of the standard library calc imports, traced while the whole suite runs inside
Pyodide (tests/pyodide/run.mjs): the page's python_stdlib.zip packs only those and the ones
Pyodide starts with (scripts/compile_python.mjs reads scripts/stdlib_modules.txt). So the run
fails when calc imports a module that list lacks: a new import can never cost the page a fetch
of the rest of the standard library, or break it offline, without a test saying so.

Every import statement passes through ``builtins.__import__``, even of a module already loaded,
so the trace sees who imports what whatever ran first; what calc needs is everything reachable
from calc's modules (not from the command line's, which the page never runs) through those
imports. A module's imports are seen only from the moment the trace starts, which is after
Pyodide has started: those it started with are packed anyway.
"""

from __future__ import annotations

import builtins
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

# calc's modules the page never imports.
NOT_IN_THE_PAGE = ("calc.cli", "calc.__main__")

_imports: defaultdict[str, set[str]] = defaultdict(set)
# Modules first loaded while calc's code was running: those imported from C (the decimal
# module's C code imports numbers) never pass through __import__.
_under_calc: set[str] = set()


def _calc_running() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if isinstance(name, str) and name.startswith("calc.") and name not in NOT_IN_THE_PAGE:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


class _FirstLoads:
    """First on sys.meta_path: sees every module about to be loaded for the first time, and
    leaves the finding to the others."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if _calc_running():
            _under_calc.add(name)
        # And who asked: the first frame outside the import machinery and this trace (a module's
        # body that imports from C, say).
        frame = sys._getframe(1)
        while frame is not None and (
            frame.f_code.co_filename.startswith("<frozen") or frame.f_globals is globals()
        ):
            frame = frame.f_back  # type: ignore[assignment]
        importer = frame.f_globals.get("__name__") if frame is not None else None
        if isinstance(importer, str):
            _imports[importer].add(name)


def start() -> None:
    """Record, from now on, every module each module imports."""
    sys.meta_path.insert(0, _FirstLoads)  # type: ignore[arg-type]
    original = builtins.__import__

    def traced(
        name: str,
        globals: dict[str, Any] | None = None,
        locals: Any = None,
        fromlist: Any = (),
        level: int = 0,
    ) -> Any:
        module = original(name, globals, locals, fromlist, level)
        importer = (globals or {}).get("__name__")
        if isinstance(importer, str):
            if level:
                package = (globals or {}).get("__package__") or importer
                base = package.rsplit(".", level - 1)[0] if level > 1 else package
                name = f"{base}.{name}" if name else base
            found = _imports[importer]
            parts = name.split(".")
            found.update(".".join(parts[: i + 1]) for i in range(len(parts)))
            for item in fromlist or ():
                if f"{name}.{item}" in sys.modules:
                    found.add(f"{name}.{item}")
        return module

    builtins.__import__ = traced


def stdlib_files() -> set[str]:
    """The files of the standard library's zip (``json/decoder.py``) that calc's modules import,
    directly or through others."""
    stdlib = next(p for p in sys.path if p.endswith(".zip") and "/lib/python" in p)
    seen: set[str] = set()
    todo = [n for n in list(sys.modules) if n.startswith("calc.") and n not in NOT_IN_THE_PAGE]
    todo += sorted(_under_calc)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_imports.get(name, ()))
    files = set()
    for name in seen:
        spec = getattr(sys.modules.get(name), "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if origin.startswith(f"{stdlib}/"):
            files.add(origin[len(stdlib) + 1 :])
    return files


HEADER = """\
# The standard library's modules calc imports, as the whole test suite in Pyodide found them
# (tests/pyodide/imports.py). The page's python_stdlib.zip packs these and what Pyodide starts
# with; the rest is fetched only if ever imported. `make test-pyodide` fails when calc imports a
# module not listed here; `make stdlib-list` rewrites it.
"""


def check(listed: Path, update: bool) -> int:
    """0 when every module calc imports is listed (with ``update``, after writing the list)."""
    found = stdlib_files()
    if update:
        listed.write_text(HEADER + "".join(f"{n}\n" for n in sorted(found)), encoding="utf-8")
        print(f"{listed.name}: {len(found)} modules of the standard library that calc imports")
        return 0
    lines = listed.read_text(encoding="utf-8").splitlines()
    known = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    missing = sorted(found - known)
    if missing:
        print(
            f"calc imports modules of the standard library the page does not pack: {missing}\n"
            f"Run `make stdlib-list` and commit {listed.name}."
        )
        return 1
    return 0
