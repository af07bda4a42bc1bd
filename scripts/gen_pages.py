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


class TemplateProblem(Exception):
    """A template could not be rendered: the message says where."""


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


def _where(exc: jinja2.TemplateError, template: Path) -> str:
    """``scripts/templates/NAME:LINE`` of a template error (Jinja puts the template's own line
    in the traceback for errors raised while rendering)."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"{template.relative_to(ROOT)}:{line or 1}"


def render(bundle: dict[str, Any]) -> dict[str, str]:
    """Every generated page: docs path -> Markdown."""
    env = environment()
    pages = {}
    for template in sorted(TEMPLATES.glob("*.md.j2")):
        page = template.name.removesuffix(".j2")
        try:
            pages[page] = env.get_template(template.name).render(
                rules=bundle, sources=bundle["sources"]
            )
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"{_where(exc, template)}: {exc}") from exc
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
