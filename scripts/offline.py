"""Write the service worker (sw.js) for a built site: which files to keep for offline use, and
a cache name that changes with every build whose content changes.

    python -m scripts.offline SITE_DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "sw.template.js"
# Cached on first use instead, by the calculator page: too large to fetch for every visitor.
ON_DEMAND = ("assets/pyodide/",)
# Of those, not even then: the standard library's modules the calculator never imports (1.1 MB),
# fetched only if something ever imports one (scripts/stdlib_more.py), and cached by then.
NEVER_AHEAD = ("assets/pyodide/python_stdlib_more.zip",)
SKIP = ("sw.js", "sitemap.xml.gz")
# Source maps are fetched only by developer tools; no visitor needs them offline (1.3 MB).
SKIP_SUFFIXES = (".map",)
# The theme's search loads these word splitters and stemmers only for languages other than
# English; which languages the index uses is in the built search index itself.
LUNR = "assets/javascripts/lunr/"

# In `mkdocs serve` a worker must not cache anything: this one removes itself and its caches.
RETIRE = """// Development build: no offline cache. Removes any worker and cache a built site left.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.map((key) => caches.delete(key))))
      .then(() => self.registration.unregister()),
  );
});
"""


def search_languages(site: Path) -> list[str]:
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    languages: list[str] = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    return languages


def site_files(site: Path) -> list[str]:
    """Every file of the site a visitor may need, as the browser asks for it: pages by their
    directory URL."""
    skip_lunr = search_languages(site) == ["en"]
    urls = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in SKIP or rel.startswith(ON_DEMAND) or rel.endswith(SKIP_SUFFIXES):
            continue
        if skip_lunr and rel.startswith(LUNR):
            continue
        urls.append(rel.removesuffix("index.html") or "./" if rel.endswith("index.html") else rel)
    return urls


def version(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != "sw.js"):
        digest.update(path.relative_to(site).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def write(site: Path, *, serving: bool = False) -> str:
    if serving:
        (site / "sw.js").write_text(RETIRE, encoding="utf-8")
        return "retire"
    build = version(site)
    text = TEMPLATE.read_text(encoding="utf-8")
    runtime = sorted(
        p.relative_to(site).as_posix()
        for d in ON_DEMAND
        for p in (site / d).rglob("*")
        if p.is_file() and p.relative_to(site).as_posix() not in NEVER_AHEAD
    )
    text = (
        text.replace("__VERSION__", build)
        .replace("__FILES__", json.dumps(site_files(site)))
        .replace("__RUNTIME__", json.dumps(runtime))
    )
    (site / "sw.js").write_text(text, encoding="utf-8")
    return build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site")
    print(write(Path(parser.parse_args().site)))


if __name__ == "__main__":
    main()
