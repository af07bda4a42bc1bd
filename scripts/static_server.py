"""A quiet static file server for tests and benchmarks, with the content types Pyodide needs.

``.wasm`` must be ``application/wasm`` (otherwise streaming compilation fails silently) and
``.mjs`` a JavaScript type (module workers refuse anything else).

    python -m scripts.static_server site 8000
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar


class Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".ics": "text/calendar",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


def start(root: Path, port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Serve ``root`` in a background thread; port 0 picks a free port (see server_address)."""
    handler = functools.partial(Handler, directory=str(root))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("port", type=int, nargs="?", default=8000)
    args = parser.parse_args()
    server = start(Path(args.root), args.port)
    print(f"serving {args.root} at http://127.0.0.1:{server.server_address[1]}/")
    threading.Event().wait()


if __name__ == "__main__":
    main()
