"""The Content Security Policy, as a <meta> tag in every page (static hosts often allow no
headers): scripts only from the site itself and the few inline scripts the theme needs, listed
by hash; WebAssembly allowed to compile (Pyodide), and no eval of any other kind.

With instant navigation a page's inline scripts run under the policy of the first page loaded,
so every page lists the hashes of the inline scripts of all pages.

    python -m scripts.security SITE_DIR     # add the policy to an already built site
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")
_MARK = '<meta http-equiv="Content-Security-Policy"'


def inline_script_hashes(html: str) -> set[str]:
    found = set()
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or any(kind in attrs for kind in _DATA_TYPES):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def policy(hashes: set[str]) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply(site: Path) -> str:
    """Write the policy into every page of a built site; returns the policy."""
    pages = sorted(site.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes = set().union(*(inline_script_hashes(t) for t in texts.values()))
    meta = f'{_MARK} content="{policy(hashes)}">'
    for page, text in texts.items():
        if _MARK in text:
            text = re.sub(re.escape(_MARK) + r"[^>]*>", meta, text, count=1)
        else:
            # Right after <meta charset>: before any script the policy must govern.
            text = re.sub(r"(<meta charset=[^>]*>)", r"\1\n    " + meta, text, count=1)
        page.write_text(text, encoding="utf-8")
    return policy(hashes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    print(apply(Path(parser.parse_args().site)))


if __name__ == "__main__":
    main()
