"""How long CPython takes to tally a log of 1,000 activities (median of repeated runs).

python -m bench.tally_cpython [--activities 1000] [--repeat 50]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from calc.bundle import rules_from_bundle
from calc.engine import tally
from calc.model import Activity, Profile, Rules
from calc.rulefiles import load_dir

ROOT = Path(__file__).resolve().parent.parent


def sample_log(rules: Rules, count: int, seed: int = 7) -> list[Activity]:
    """A made-up but realistic log: every provider, unit and category, dates over four years."""
    rnd = random.Random(seed)
    providers, categories = sorted(rules.providers), sorted(rules.categories)
    start = date(2023, 1, 1)
    return [
        Activity(
            completed=start + timedelta(days=rnd.randrange(4 * 365)),
            title=f"Course {i}",
            provider=rnd.choice(providers),
            amount=Decimal(rnd.randrange(1, 300)) / 10,
            unit=None,
            category=rnd.choice(categories) if rnd.random() < 0.3 else None,
            in_scope=rnd.random() > 0.05,
            certificate=rnd.random() > 0.2,
        )
        for i in range(count)
    ]


def measure(count: int, repeat: int) -> dict[str, float]:
    rules = rules_from_bundle(load_dir(str(ROOT / "rules")))
    log = sample_log(rules, count)
    profile = Profile(("cpt", "ep"), date(2025, 12, 31), None, date(2026, 1, 15), date(2025, 6, 1))
    tally(rules, profile, log)  # warm up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        tally(rules, profile, log)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "activities": count,
        "runs": repeat,
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(measure(args.activities, args.repeat)))


if __name__ == "__main__":
    main()
