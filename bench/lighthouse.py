"""`make lighthouse`: Lighthouse 12.2.3 (tools/lighthouse) on every page of the built site, mobile
and desktop, with Debian's Chromium, against a local server like GitHub Pages (gzip, max-age).

Writes bench/lighthouse.json and prints each page's scores, with the audits that cost points.

    python -m bench.lighthouse [--pages calculator/ faq/]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from bench.run import build
from scripts import static_server
from scripts.local_site import QUIET_ARGS, chromium, free_port

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One string, split on spaces by Lighthouse: so the quiet flags only (the host rules contain spaces).
FLAGS = " ".join(["--headless=new", *QUIET_ARGS])


def audit(url: str, desktop: bool, out: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={FLAGS}",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chromium() or ""}
    subprocess.run(command, check=True, env=env, capture_output=True, text=True)
    report = json.loads(out.read_text())
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    lost = sorted(
        f"{a['id']} ({a['score']})"
        for a in report["audits"].values()
        if a.get("score") is not None
        and a["score"] < 1
        and a.get("scoreDisplayMode") in ("binary", "numeric")
        and any(
            a["id"] in [r["id"] for r in report["categories"][c]["auditRefs"] if r["weight"] > 0]
            for c in CATEGORIES
        )
    )
    return {
        "scores": scores,
        "lost": lost,
        "metrics": {
            k: round(report["audits"][k]["numericValue"])
            for k in (
                "first-contentful-paint",
                "largest-contentful-paint",
                "total-blocking-time",
                "cumulative-layout-shift",
            )
            if k in report["audits"]
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", nargs="*", help="site paths (default: every page in the sitemap)"
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "lighthouse.json"))
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(
            "Lighthouse is not installed: run `make lighthouse` (it installs tools/lighthouse)"
        )
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, url)
        pages = args.pages or [
            re.sub(r"^https?://[^/]+/", "", u)
            for u in re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text())
        ]
        server = static_server.start(site, port, like_pages=True)
        for page in pages:
            results[page or "/"] = {}
            for form in ("mobile", "desktop"):
                found = audit(url + page, form == "desktop", Path(tmp) / "report.json")
                results[page or "/"][form] = found
                print(
                    f"{page or '/':<16} {form:<8} "
                    + " ".join(f"{c}={s}" for c, s in found["scores"].items())
                    + (f"  lost: {', '.join(found['lost'])}" if found["lost"] else ""),
                    flush=True,
                )
        server.shutdown()
    Path(args.out).write_text(
        json.dumps({"lighthouse": "12.2.3", "pages": results}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
