"""Render the docs pages that come from the rules: one Jinja2 template per page, fed the bundle.

Undefined variables are errors, so a renamed rule breaks the build instead of leaving a blank.

    python -m scripts.gen_pages --out DIR     # write the pages to DIR to read or diff them
"""

from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from calc.rulefiles import load_dir

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"


def num(value: Any) -> str:
    """A bundle number (an exact decimal string) as people write it."""
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text == "-0" else text


def current(rule: dict[str, Any]) -> dict[str, Any]:
    """The latest entry of a dated rule."""
    entry: dict[str, Any] = rule["entries"][-1]
    return entry


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["num"] = num
    env.globals["current"] = current
    return env


def render(bundle: dict[str, Any]) -> dict[str, str]:
    """Every generated page: docs path -> Markdown."""
    env = environment()
    pages = {}
    for template in sorted(TEMPLATES.glob("*.md.j2")):
        page = template.name.removesuffix(".j2")
        pages[page] = env.get_template(template.name).render(
            rules=bundle, sources=bundle["sources"]
        )
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(ROOT / "rules"))
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    out = Path(args.out)
    for page, text in render(load_dir(args.rules)).items():
        (out / page).parent.mkdir(parents=True, exist_ok=True)
        (out / page).write_text(text, encoding="utf-8")
        print(out / page)


if __name__ == "__main__":
    main()
