"""The rest of the standard library, fetched the first time it is needed (packed as
``_stdlib_more`` in the page's python_stdlib.zip by scripts/compile_python.mjs, which fills in
NAMES: every module of python_stdlib_more.zip).

The page's zip holds only the modules Pyodide starts with and those calc imports (traced by the
whole test suite in Pyodide, which fails when calc imports one that is not packed). Anything
else, say a module some future code imports without a test reaching it, is still found: this
finder, last on ``sys.meta_path``, fetches the second zip once (synchronously: the page's Python
runs in a worker, where that is allowed, and an import cannot wait) and finds the module there.
Names not in that zip are left alone, so a failed optional import costs nothing.
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

NAMES: tuple[str, ...] = ()
ZIP = "/lib/python_stdlib_more.zip"


class MoreFinder:
    def __init__(self, fetch: Callable[[], Any]) -> None:
        self.fetch: Callable[[], Any] | None = fetch
        self.names = frozenset(NAMES)

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in self.names:
            return None
        if self.fetch is not None:
            data = self.fetch()  # in the page, a JavaScript Uint8Array
            to_bytes = getattr(data, "to_bytes", None)
            with open(ZIP, "wb") as out:
                out.write(to_bytes() if to_bytes else data)
            self.fetch = None  # (no importlib.invalidate_caches(): a path new to the finders)
        # Its folder in the second zip: a package of the first zip (encodings, say) may have
        # modules in both.
        parent, _, _ = name.rpartition(".")
        folder = f"{ZIP}/{parent.replace('.', '/')}" if parent else ZIP
        return importlib.machinery.PathFinder.find_spec(name, [folder])


def install(fetch: Callable[[], Any]) -> None:
    """Fetch the second zip with ``fetch`` when a module only it holds is first imported."""
    sys.meta_path.append(MoreFinder(fetch))
