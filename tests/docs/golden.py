"""Golden copies of the generated pages, reviewed as diffs when rules or templates change.

python -m tests.docs.golden --update     # after a deliberate change; review `git diff`
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from calc.rulefiles.load import load_all
from scripts.gen_pages import measurements, render

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
# Pages are rendered as on a fixed day, so that the copies do not change with the calendar.
DAY = date(2026, 11, 28)
# ... and from fixed figures (a copy of one `make bench` and `make lighthouse`), so that measuring
# again changes the site's Performance page, not its golden copy.
BENCH = measurements(Path(__file__).resolve().parent / "fixtures")


def pages() -> dict[str, str]:
    acsm, bodies = load_all(str(ROOT / "rules"))
    return render(acsm, DAY, BENCH, bodies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden copies")
    args = parser.parse_args()
    if args.update:
        rendered = pages()  # first: rules that do not load leave the copies as they were
        GOLDEN.mkdir(exist_ok=True)
        for old in GOLDEN.rglob("*.md"):
            old.unlink()
        for name, text in rendered.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
            print(GOLDEN / name)


if __name__ == "__main__":
    main()
