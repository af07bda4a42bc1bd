"""A quiet static file server for tests and benchmarks, with the content types Pyodide needs.

``.wasm`` must be ``application/wasm`` (otherwise streaming compilation fails silently) and
``.mjs`` a JavaScript type (module workers refuse anything else). With ``like_pages=True`` it
behaves like GitHub Pages for the benchmarks: gzip and ``Cache-Control: max-age=600``.

    python -m scripts.static_server site 8000 [--like-pages]
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import gzip
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".txt", ".csv")


class Handler(SimpleHTTPRequestHandler):
    # Not a ClassVar: the base class declares it a plain attribute (typeshed), which a ClassVar
    # may not override. Only ever read.
    extensions_map: dict[str, str] = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".zip": "application/zip",
        ".ics": "text/calendar",
    }
    like_pages = False
    _gzipped: ClassVar[dict[tuple[str, float], bytes]] = {}
    # Every path asked for, in order (the browser tests check what the page fetches).
    requested: ClassVar[list[str]] = []
    _lock = threading.Lock()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle(self) -> None:
        # The browser may close a connection early (a page left, a test ended).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()

    def end_headers(self) -> None:
        if self.like_pages:
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        self.requested.append(self.path)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        redirect = os.path.isdir(self.translate_path(self.path)) and not self.path.endswith("/")
        if redirect or not (
            self.like_pages and wants and path.endswith(COMPRESSIBLE) and os.path.isfile(path)
        ):
            super().do_GET()
            return
        stat = os.stat(path)
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return
        key = (path, stat.st_mtime)
        with self._lock:
            body = self._gzipped.get(key)
            if body is None:
                body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
                self._gzipped[key] = body
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        self.wfile.write(body)


def start(
    root: Path, port: int = 0, host: str = "127.0.0.1", *, like_pages: bool = False
) -> ThreadingHTTPServer:
    """Serve ``root`` in a background thread; port 0 picks a free port (see server_address)."""
    handler = functools.partial(
        type("PagesHandler" if like_pages else "Handler", (Handler,), {"like_pages": like_pages}),
        directory=str(root),
    )
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("port", type=int, nargs="?", default=8000)
    parser.add_argument("--like-pages", action="store_true", help="gzip and max-age=600")
    args = parser.parse_args()
    server = start(Path(args.root), args.port, like_pages=args.like_pages)
    print(f"serving {args.root} at http://127.0.0.1:{server.server_address[1]}/")
    threading.Event().wait()


if __name__ == "__main__":
    main()
