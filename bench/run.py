"""`make bench`: the calculator page against two bare Pyodide pages, in headless Chromium, on localhost.

The two yardsticks each start Pyodide in a module worker and run `1 + 1`, nothing else:
``baseline`` with the stock files of the pinned npm package (bench/baseline/), ``site_baseline``
with the site's own files, its trimmed and precompiled standard library (bench/site_baseline/).
The first shows what the build's work on Pyodide gains; the second, what the calculator itself
costs on top of Python (its page, calc, the rules, the memory snapshot, the first tally).

All three pages are served from one build of the site by a server that behaves like GitHub Pages
(gzip, max-age=600) and measured side by side, in turn, cold (a new browser context) and warm
(a reload in the same context). Then the worker's recompute (and preview, if calc.bridge has it)
time for 10, 100 and 1,000 activities, and CPython's tally of 1,000. Writes bench/results.json,
which the Performance page shows, and prints each target met or missed (a benchmark, not a test:
it never fails on a figure).

    python -m bench.run [--runs 7] [--out bench/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
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
    # The site-files baseline sits at the site's root and loads ../assets/pyodide/, the very files
    # the calculator's worker loads.
    shutil.copytree(ROOT / "bench" / "site_baseline", out / "bench-site-baseline")
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


KINDS = ("baseline", "site_baseline", "calculator")
PATHS = {
    "calculator": "calculator/",
    "baseline": "bench-baseline/",
    "site_baseline": "bench-site-baseline/",
}
BASELINE = (
    "() => document.getElementById('state')?.textContent === 'ready'",
    """() => ({
        ready_ms: performance.getEntriesByName("baseline-ready")[0].startTime,
        longest_task_ms: Math.max(0, ...window.__longTasks.map(([, d]) => d)),
    })""",
)
# Main-thread tasks that began once the form was bound (page and theme start-up come before):
# those Python's loading, its answers and the snapshot's storing can cause.
LONGEST_AFTER_BOUND = """() => Math.max(0, ...window.__longTasks
    .filter(([start]) => start >= performance.getEntriesByName("cec-bound")[0].startTime)
    .map(([, d]) => d))"""
SNAPSHOT_KEPT = "async () => (await (await caches.open('calc-python-snapshots')).keys()).length > 0"
MEASURE = {
    "calculator": (
        "() => document.querySelector('[data-results]')?.dataset.state === 'ready'",
        """() => {
            const worker = performance.getEntriesByName("cec-worker-ready")[0]?.detail ?? {};
            return {
                usable_ms: window.__formPainted,
                bound_ms: performance.getEntriesByName("cec-bound")[0].startTime,
                first_result_ms: performance.getEntriesByName("cec-first-result")[0].startTime,
                longest_task_ms: Math.max(0, ...window.__longTasks.map(([, d]) => d)),
                // The worker's own marks (ms since it began) and when it began, in page time.
                worker_began_ms: worker.origin ? worker.origin - performance.timeOrigin : null,
                worker: worker,
            };
        }""",
    ),
    "baseline": BASELINE,
    "site_baseline": BASELINE,
}


def wait_until(page: Page, check: str, timeout_s: float = 120) -> bool:
    """Polls an async check (page.wait_for_function takes a returned promise for a true value);
    False if it never held (then the measurement goes on, and says so)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(check):
        if time.monotonic() > deadline:
            print(f"warning: still false after {timeout_s} s: {check}", flush=True)
            return False
        page.wait_for_timeout(200)
    return True


def measure(page: Page, kind: str) -> dict[str, Any]:
    """Times from the navigation's start, read from the page's own performance marks."""
    done, read = MEASURE[kind]
    page.wait_for_function(done, timeout=120_000)
    found: dict[str, Any] = page.evaluate(read)
    return found


def one_visit(browser: Any, url: str, kind: str) -> dict[str, dict[str, Any]]:
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
    if kind == "calculator":
        # The memory snapshot is made after the first answer, by a second worker: a reader
        # coming back finds it once it is stored (a few seconds).
        wait_until(page, SNAPSHOT_KEPT)
    page.wait_for_timeout(1500)  # let caches settle, as a reader would before coming back
    if kind == "calculator":
        # Read again after the pause: tasks the snapshot's making and storing caused count too.
        cold["longest_task_after_bound_ms"] = page.evaluate(LONGEST_AFTER_BOUND)
    transfer.bytes = 0
    page.reload()
    warm = {**measure(page, kind), "bytes": transfer.bytes}
    if kind == "calculator":
        page.wait_for_timeout(1500)
        warm["longest_task_after_bound_ms"] = page.evaluate(LONGEST_AFTER_BOUND)
    context.close()
    return {"cold": cold, "warm": warm}


# As the page does: each activity as its own JSON text, one of them changed before each call (a
# professional editing an entry), or, for a preview, a new activity being typed (index "": add).
LATENCY = """async ([log, repeat, op]) => {
    const python = await import(new URL("../assets/calculator/python.mjs", location.href).href);
    const records = log.activities.map((a) => JSON.stringify(a));
    // As the page asks: naming the result it holds, so that only what changed comes back.
    let base = null;
    const send = () => [JSON.stringify(base ? { profile: log.profile, base } : { profile: log.profile }), ...records].join("\u001e");
    const typed = (i) => JSON.stringify({ ...log.activities[0], title: "New course", amount: String(1 + (i % 7)) });
    const once = (i) => op === "compute"
        ? python.call("compute", send(), "2026-06-01")
        : python.call("preview", send(), typed(i), "", "2026-06-01");
    for (let i = 0; i < 5; i++) await once(i);
    const times = [];
    for (let i = 0; i < repeat; i++) {
        const k = (i * 37) % records.length;
        if (op === "compute") records[k] = JSON.stringify({ ...log.activities[k], amount: String(1 + (i % 7)) });
        const start = performance.now();
        const answer = await once(i);
        times.push(performance.now() - start);
        if (!answer.ok) throw new Error(JSON.stringify(answer));
        if (op === "compute") base = answer.result.token;
    }
    return times;
}"""


def has_preview() -> bool:
    """Whether this calc's bridge offers `preview` (the page's live preview of an entry)."""
    from calc import bridge

    return callable(getattr(bridge, "preview", None))


def recompute(
    browser: Any, url: str, sizes: tuple[int, ...], repeat: int, ops: tuple[str, ...]
) -> dict[str, dict[str, dict[str, float]]]:
    """Per operation and log size: time from the page's request to the worker's answer."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "calculator/")
    page.wait_for_selector("[data-calculator][data-bound=true]")
    # Steady state: Python ready, and the service worker done keeping its files (a one-off
    # download in the background after the first start, which would otherwise share the CPU).
    wait_until(
        page,
        """async () => (await import(new URL("../assets/calculator/python.mjs", location.href).href)).current().state === "ready" """,
    )
    wait_until(
        page,
        """async () => {
            const wasm = new URL("../assets/pyodide/pyodide.asm.wasm", location.href).href;
            for (const key of await caches.keys()) if (await (await caches.open(key)).match(wasm)) return true;
            return false;
        }""",
    )
    # ...and the worker done storing its memory snapshot (about 30 MB written once).
    wait_until(page, SNAPSHOT_KEPT)
    page.wait_for_timeout(1000)
    results: dict[str, dict[str, dict[str, float]]] = {op: {} for op in ops}
    for size in sizes:
        for op in ops:
            times: list[float] = page.evaluate(LATENCY, [sample_log(size), repeat, op])
            results[op][str(size)] = summary(times)
    context.close()
    return results


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": round(statistics.median(ordered), digits),
        "p50": round(statistics.median(ordered), digits),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], digits),
        "min": round(ordered[0], digits),
        "max": round(ordered[-1], digits),
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


def collect(values: list[dict[str, dict[str, Any]]], phase: str, key: str) -> dict[str, float]:
    return summary([v[phase][key] for v in values])


def phases(visits: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    """Where a cold first result's time goes, from the worker's marks: each step's own time."""
    steps: dict[str, list[float]] = {}
    for visit in visits:
        cold = visit["cold"]
        worker = cold.get("worker") or {}
        began = cold.get("worker_began_ms")
        if began is None or "pyodide" not in worker:
            continue  # an older worker without its marks
        last = worker.get("snapshot", worker["rules"])
        found = {
            "page_until_worker": began,
            "pyodide": worker["pyodide"],
            "calc": worker["calc"] - worker["pyodide"],
            "rules": worker["rules"] - worker["calc"],
            "first_answer_shown": cold["first_result_ms"] - began - last,
        }
        if "snapshot" in worker:  # a worker that makes its snapshot before the first answer
            found["snapshot"] = worker["snapshot"] - worker["rules"]
        for name, value in found.items():
            steps.setdefault(name, []).append(value)
    return {name: summary(values) for name, values in steps.items()}


def target(value: float, limit: float) -> dict[str, float | bool]:
    return {"value": value, "limit": limit, "met": value <= limit}


def targets(results: dict[str, Any]) -> dict[str, dict[str, float | bool]]:
    """The issue's targets, each with the measured value (medians unless said otherwise)."""
    calc, ratios = results["calculator"], results["ratios"]
    found = {
        "cold_usable_ms": target(calc["cold_usable_ms"]["median"], 500),
        "cold_first_result_over_site_baseline": target(
            ratios["cold_first_result_over_site_baseline_ready"]["median"], 1.2
        ),
        "cold_first_result_over_baseline": target(
            ratios["cold_first_result_over_baseline_ready"]["median"], 0.7
        ),
        "warm_over_cold_first_result": target(ratios["warm_over_cold_first_result"], 0.6),
        # The longest of every run, not a median: one janky frame is one too many.
        "longest_main_thread_task_after_bound_ms_max": target(
            calc["longest_main_thread_task_after_bound_ms"]["max"], 50
        ),
        "recompute_1000_p95_ms": target(results["recompute_in_worker_ms"]["1000"]["p95"], 16),
    }
    if "preview_in_worker_ms" in results:
        found["preview_1000_p95_ms"] = target(results["preview_in_worker_ms"]["1000"]["p95"], 16)
    return found


def paired(
    runs: dict[str, list[dict[str, dict[str, Any]]]], kind: str, phase: str = "cold"
) -> dict[str, float]:
    """The calculator's first result over a baseline's ready, run by run (measured in turn, so
    that a busy moment of the machine weighs on both)."""
    return summary(
        [
            c[phase]["first_result_ms"] / b[phase]["ready_ms"]
            for c, b in zip(runs["calculator"], runs[kind], strict=True)
        ],
        digits=2,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=40, help="calls per operation and log size")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    args = parser.parse_args()
    port = local_site.free_port()
    url = f"http://127.0.0.1:{port}/"
    ops = ("compute", "preview") if has_preview() else ("compute",)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, url)
        server = static_server.start(site, port, like_pages=True)
        runs: dict[str, list[dict[str, dict[str, Any]]]] = {kind: [] for kind in KINDS}
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=local_site.chromium(), args=local_site.CHROMIUM_ARGS
            )
            for i in range(args.runs):
                # Each kind goes first, second and third in turn.
                order = KINDS[i % len(KINDS) :] + KINDS[: i % len(KINDS)]
                for kind in order:
                    runs[kind].append(one_visit(browser, url, kind))
                    print(f"run {i + 1} {kind}: {json.dumps(runs[kind][-1])}", flush=True)
            latency = recompute(browser, url, (10, 100, 1000), args.repeat, ops)
            version = browser.version
            browser.close()
        server.shutdown()
    calc_cold = collect(runs["calculator"], "cold", "first_result_ms")
    calc_warm = collect(runs["calculator"], "warm", "first_result_ms")
    results: dict[str, Any] = {
        "date": date.today().isoformat(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(version),
        "runs": args.runs,
        "baseline": {
            "cold_ready_ms": collect(runs["baseline"], "cold", "ready_ms"),
            "warm_ready_ms": collect(runs["baseline"], "warm", "ready_ms"),
            "cold_bytes": collect(runs["baseline"], "cold", "bytes"),
        },
        "site_baseline": {
            "cold_ready_ms": collect(runs["site_baseline"], "cold", "ready_ms"),
            "warm_ready_ms": collect(runs["site_baseline"], "warm", "ready_ms"),
            "cold_bytes": collect(runs["site_baseline"], "cold", "bytes"),
        },
        "calculator": {
            "cold_usable_ms": collect(runs["calculator"], "cold", "usable_ms"),
            "cold_bound_ms": collect(runs["calculator"], "cold", "bound_ms"),
            "cold_first_result_ms": calc_cold,
            "warm_first_result_ms": calc_warm,
            "warm_usable_ms": collect(runs["calculator"], "warm", "usable_ms"),
            "cold_bytes": collect(runs["calculator"], "cold", "bytes"),
            "warm_bytes": collect(runs["calculator"], "warm", "bytes"),
            "cold_phases_ms": phases(runs["calculator"]),
            "longest_main_thread_task_ms": summary(
                [
                    max(v["cold"]["longest_task_ms"], v["warm"]["longest_task_ms"])
                    for v in runs["calculator"]
                ]
            ),
            "longest_main_thread_task_after_bound_ms": summary(
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
            "cold_first_result_over_baseline_ready": paired(runs, "baseline"),
            "cold_first_result_over_site_baseline_ready": paired(runs, "site_baseline"),
            "warm_over_cold_first_result": round(calc_warm["median"] / calc_cold["median"], 2),
        },
        "recompute_in_worker_ms": latency["compute"],
        **({"preview_in_worker_ms": latency["preview"]} if "preview" in latency else {}),
        "cpython_tally_1000_ms": tally_cpython.measure(1000, 50),
    }
    results["targets"] = targets(results)
    results["raw"] = runs
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "raw"}, indent=2))
    for name, found in results["targets"].items():
        verdict = "met" if found["met"] else "MISSED"
        print(f"{verdict:>6}  {name}: {found['value']} (target <= {found['limit']})")


if __name__ == "__main__":
    main()
