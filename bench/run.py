"""`make bench`: the calculator page against bare Pyodide, in headless Chromium, on localhost.

Both pages are served from one build of the site by a server that behaves like GitHub Pages
(gzip, max-age=600) and measured side by side, alternating, cold (a new browser context) and warm
(a reload in the same context). Then the worker's recompute time for 10, 100 and 1,000
activities, and CPython's tally of 1,000. Writes bench/results.json, which the Performance page
shows.

    python -m bench.run [--runs 5] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, sync_playwright

from bench import tally_cpython
from scripts import local_site, pyodide_files, static_server

ROOT = Path(__file__).resolve().parent.parent
LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: "longtask", buffered: true });
window.__formPainted = null;
// The page's markup stays standard HTML: the Element Timing attribute is added here, for the
// measurement only, as soon as the parser inserts the form's heading (before it is painted).
new MutationObserver((_, observer) => {
  const heading = document.getElementById("cec-profile-heading");
  if (!heading) return;
  heading.setAttribute("elementtiming", "cec-form");
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.identifier === "cec-form") window.__formPainted = entry.renderTime || entry.loadTime;
}).observe({ type: "element", buffered: true });
"""
PROVIDERS = ["acsm", "ace", "nasm", "nsca", "afaa", "neta", "other", "ncsf", "cooper", "ama"]


def sample_log(count: int) -> dict[str, Any]:
    activities = [
        {
            "date": f"{2024 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "title": f"Course {i}",
            "provider": PROVIDERS[i % len(PROVIDERS)],
            "amount": str(1 + i % 5),
            "unit": "",
            "category": "committee" if i % 17 == 0 else "",
            "in_scope": "yes",
            "certificate": "yes" if i % 4 else "no",
        }
        for i in range(count)
    ]
    return {
        "profile": {
            "certifications": ["cpt"],
            "cycle_end": "2026-12-31",
            "cycle_start": "",
            "cpr_expires": "",
        },
        "activities": activities,
    }


def build(out: Path, url: str) -> None:
    local_site.build(out, url)
    shutil.copytree(ROOT / "bench" / "baseline", out / "bench-baseline")
    # The baseline runs the stock Pyodide files, straight from the npm package.
    (out / "bench-baseline" / "pyodide").mkdir()
    for name, path in pyodide_files.core_files().items():
        shutil.copy(path, out / "bench-baseline" / "pyodide" / name)


class Transfer:
    """Bytes a context received (page and workers alike)."""

    def __init__(self, context: BrowserContext) -> None:
        self.bytes = 0
        context.on("requestfinished", self._add)

    def _add(self, request: Any) -> None:
        sizes = request.sizes()
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]


PATHS = {"calculator": "calculator/", "baseline": "bench-baseline/"}
MEASURE = {
    "calculator": (
        "() => document.querySelector('[data-results]')?.dataset.state === 'ready'",
        """() => ({
            usable_ms: window.__formPainted,
            bound_ms: performance.getEntriesByName("cec-bound")[0].startTime,
            first_result_ms: performance.getEntriesByName("cec-first-result")[0].startTime,
            longest_task_ms: Math.max(0, ...window.__longTasks.map(([, d]) => d)),
            // From the moment the calculator starts Python: the tasks Python's loading and
            // answers cause on the main thread (page and theme start-up come before).
            longest_task_after_bound_ms: Math.max(0, ...window.__longTasks
                .filter(([start]) => start >= performance.getEntriesByName("cec-bound")[0].startTime)
                .map(([, d]) => d)),
        })""",
    ),
    "baseline": (
        "() => document.getElementById('state')?.textContent === 'ready'",
        """() => ({
            ready_ms: performance.getEntriesByName("baseline-ready")[0].startTime,
            longest_task_ms: Math.max(0, ...window.__longTasks.map(([, d]) => d)),
        })""",
    ),
}


def measure(page: Page, kind: str) -> dict[str, float]:
    """Times from the navigation's start, read from the page's own performance marks."""
    done, read = MEASURE[kind]
    page.wait_for_function(done, timeout=120_000)
    found: dict[str, float] = page.evaluate(read)
    return found


def one_visit(browser: Any, url: str, kind: str) -> dict[str, dict[str, float]]:
    """A cold load in a new context, then a warm reload in the same one."""
    context = browser.new_context()
    context.add_init_script(LONG_TASKS)
    if kind == "calculator":
        # A returning professional's saved log of 30 activities (set once per context).
        saved = json.dumps({"format": "cec-guide-log", "version": 1, **sample_log(30)})
        context.add_init_script(
            f"localStorage.getItem('cec-guide:log') || localStorage.setItem('cec-guide:log', {json.dumps(saved)})"
        )
    transfer = Transfer(context)
    page = context.new_page()
    page.goto(url + PATHS[kind])
    cold = {**measure(page, kind), "bytes": transfer.bytes}
    page.wait_for_timeout(1500)  # let caches settle, as a reader would before coming back
    transfer.bytes = 0
    page.reload()
    warm = {**measure(page, kind), "bytes": transfer.bytes}
    context.close()
    return {"cold": cold, "warm": warm}


def recompute(
    browser: Any, url: str, sizes: tuple[int, ...], repeat: int
) -> dict[str, dict[str, float]]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "calculator/")
    page.wait_for_selector("[data-calculator][data-bound=true]")
    # Steady state: Python ready, and the service worker done keeping its files (a one-off
    # download in the background after the first start, which would otherwise share the CPU).
    page.wait_for_function(
        """async () => (await import(new URL("../assets/calculator/python.mjs", location.href).href)).current().state === "ready" """,
        timeout=120_000,
    )
    page.wait_for_function(
        "caches.keys().then(async (keys) => { for (const k of keys) { if (await (await caches.open(k)).match('assets/pyodide/pyodide.asm.wasm')) return true; } return false; })",
        timeout=120_000,
    )
    # ...and the worker done storing its memory snapshot (about 30 MB written once).
    page.wait_for_function(
        "caches.open('calc-python-snapshots').then((c) => c.keys()).then((k) => k.length > 0)",
        timeout=120_000,
    )
    page.wait_for_timeout(1000)
    results = {}
    for size in sizes:
        times: list[float] = page.evaluate(
            """async ([log, repeat]) => {
                // As the page does: each activity as its own JSON text, one of them changed
                // before each recompute (a professional editing an entry).
                const python = await import(new URL("../assets/calculator/python.mjs", location.href).href);
                const records = log.activities.map((a) => JSON.stringify(a));
                const send = () => [JSON.stringify({ profile: log.profile }), ...records].join("\u001e");
                for (let i = 0; i < 5; i++) await python.call("compute", send(), "2026-06-01");
                const times = [];
                for (let i = 0; i < repeat; i++) {
                    const k = (i * 37) % records.length;
                    records[k] = JSON.stringify({ ...log.activities[k], amount: String(1 + (i % 7)) });
                    const start = performance.now();
                    const answer = await python.call("compute", send(), "2026-06-01");
                    times.push(performance.now() - start);
                    if (!answer.ok) throw new Error(JSON.stringify(answer));
                }
                return times;
            }""",
            [sample_log(size), repeat],
        )
        results[str(size)] = summary(times)
    context.close()
    return results


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), 1),
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
        "min": round(ordered[0], 1),
        "max": round(ordered[-1], 1),
        "runs": len(ordered),
    }


def machine(browser_version: str) -> dict[str, str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1048576:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {
        "description": f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}",
        "browser": f"Chromium {browser_version} (headless)",
        "pyodide": pyodide_files.version(),
        "python": platform.python_version(),
        "server": "localhost, gzip, Cache-Control max-age=600 (like GitHub Pages)",
    }


def collect(values: list[dict[str, dict[str, float]]], phase: str, key: str) -> dict[str, float]:
    return summary([v[phase][key] for v in values])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=25, help="recompute calls per log size")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    port = local_site.free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, url)
        server = static_server.start(site, port, like_pages=True)
        runs: dict[str, list[dict[str, dict[str, float]]]] = {"baseline": [], "calculator": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=local_site.chromium(), args=local_site.CHROMIUM_ARGS
            )
            for i in range(args.runs):
                order = ("baseline", "calculator") if i % 2 == 0 else ("calculator", "baseline")
                for kind in order:
                    runs[kind].append(one_visit(browser, url, kind))
                    print(f"run {i + 1} {kind}: {json.dumps(runs[kind][-1])}", flush=True)
            latency = recompute(browser, url, (10, 100, 1000), args.repeat)
            version = browser.version
            browser.close()
        server.shutdown()
    base_cold = collect(runs["baseline"], "cold", "ready_ms")
    base_warm = collect(runs["baseline"], "warm", "ready_ms")
    calc_cold = collect(runs["calculator"], "cold", "first_result_ms")
    calc_warm = collect(runs["calculator"], "warm", "first_result_ms")
    ratios = [
        c["cold"]["first_result_ms"] / b["cold"]["ready_ms"]
        for c, b in zip(runs["calculator"], runs["baseline"], strict=True)
    ]
    results = {
        "date": date.today().isoformat(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(version),
        "runs": args.runs,
        "baseline": {
            "cold_ready_ms": base_cold,
            "warm_ready_ms": base_warm,
            "cold_bytes": collect(runs["baseline"], "cold", "bytes"),
        },
        "calculator": {
            "cold_usable_ms": collect(runs["calculator"], "cold", "usable_ms"),
            "cold_bound_ms": collect(runs["calculator"], "cold", "bound_ms"),
            "cold_first_result_ms": calc_cold,
            "warm_first_result_ms": calc_warm,
            "warm_usable_ms": collect(runs["calculator"], "warm", "usable_ms"),
            "cold_bytes": collect(runs["calculator"], "cold", "bytes"),
            "warm_bytes": collect(runs["calculator"], "warm", "bytes"),
            "longest_main_thread_task_ms": summary(
                [
                    max(v["cold"]["longest_task_ms"], v["warm"]["longest_task_ms"])
                    for v in runs["calculator"]
                ]
            ),
            "longest_main_thread_task_after_start_ms": summary(
                [
                    max(
                        v["cold"]["longest_task_after_bound_ms"],
                        v["warm"]["longest_task_after_bound_ms"],
                    )
                    for v in runs["calculator"]
                ]
            ),
        },
        "ratios": {
            "cold_first_result_over_baseline_ready": summary(ratios),
            "warm_over_cold_first_result": round(calc_warm["median"] / calc_cold["median"], 2),
        },
        "recompute_in_worker_ms": latency,
        "cpython_tally_1000_ms": tally_cpython.measure(1000, 50),
        "raw": runs,
    }
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "raw"}, indent=2))


if __name__ == "__main__":
    main()
