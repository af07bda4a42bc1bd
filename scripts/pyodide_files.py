"""The Pyodide runtime the site serves itself, from the npm package pinned in package-lock.json.

Only the core is needed: ``calc`` uses the standard library alone, so no package is ever loaded
and nothing is fetched from a CDN.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "pyodide"
CORE = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


class PyodideMissing(RuntimeError):
    pass


def version(package: Path = PACKAGE) -> str:
    try:
        return str(json.loads((package / "package.json").read_text())["version"])
    except OSError as exc:
        raise PyodideMissing(
            f"Pyodide is not installed in {package}: run `npm ci` (make serve and make build do it)"
        ) from exc


def core_files(package: Path = PACKAGE) -> dict[str, Path]:
    version(package)
    files = {name: package / name for name in CORE}
    missing = [name for name, path in files.items() if not path.is_file()]
    if missing:
        raise PyodideMissing(f"{package} lacks {', '.join(missing)}: run `npm ci`")
    return files
