"""The renewal cycle drawn as a timeline (inline SVG), from the rules in force on the build day.

Years of the cycle, the final year when renewal opens, the cycle end, the grace period and
reinstatement after it. Every label comes from the rules; the drawing only places them. The page
gives the same facts as text beside it (the figure's caption, id ``cec-tl-caption``), which the
SVG names as its description rather than repeating it.

    python -m scripts.timeline > timeline.svg
"""

from __future__ import annotations

from html import escape
from typing import Any, Protocol

from scripts.pagetext import month_day, num


class _Page(Protocol):
    def entry(self, rule: dict[str, Any]) -> dict[str, Any]: ...


WIDTH, HEIGHT = 760, 150
LEFT, RIGHT = 10, 750
BAR_Y, BAR_H = 46, 34


def facts(renewal: dict[str, Any], page: _Page) -> dict[str, Any]:
    """The values the picture shows, in force on the page's day."""
    value = {
        key: page.entry(renewal[key])["value"]
        for key in (
            "cycle_years",
            "renewal_window_years",
            "cycle_end",
            "grace_period_end",
            "late_fee_usd",
            "reinstatement_fee_usd",
        )
    }
    return {
        "years": int(value["cycle_years"]),
        "window": int(value["renewal_window_years"]),
        "end": month_day(value["cycle_end"]),
        "grace": month_day(value["grace_period_end"]),
        "late_fee": f"${num(value['late_fee_usd'])}" if value["late_fee_usd"] else "a late fee",
        "reinstatement_fee": (
            f"${num(value['reinstatement_fee_usd'])}" if value["reinstatement_fee_usd"] else "a fee"
        ),
    }


def _rect(cls: str, x: float, width: float) -> str:
    return f'<rect class="{cls}" x="{x:.0f}" y="{BAR_Y}" width="{width:.0f}" height="{BAR_H}"/>'


def _text(x: float, y: float, words: str, anchor: str = "start") -> str:
    return f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}">{escape(words)}</text>'


def svg(renewal: dict[str, Any], page: _Page) -> str:
    f = facts(renewal, page)
    years, window = f["years"], f["window"]
    # The cycle takes 70% of the width, the grace period (half a year) and reinstatement the rest.
    cycle_w = (RIGHT - LEFT) * 0.7
    year_w = cycle_w / years
    grace_w = year_w / 2
    inside = BAR_Y + 22
    parts = []
    for i in range(years):
        x = LEFT + i * year_w
        cls = "cec-tl-final" if i >= years - window else "cec-tl-year"
        parts += [
            _rect(cls, x, year_w - 2),
            _text(x + year_w / 2, inside, f"Year {i + 1}", "middle"),
        ]
    end_x = LEFT + cycle_w
    lapsed_x = end_x + grace_w
    parts += [
        _text(LEFT + (years - window) * year_w + 4, BAR_Y - 10, "Renewal opens"),
        f'<line class="cec-tl-mark" x1="{end_x:.0f}" y1="{BAR_Y - 20}" x2="{end_x:.0f}" '
        f'y2="{BAR_Y + BAR_H + 20}"/>',
        _text(end_x - 4, BAR_Y + BAR_H + 34, f"{f['end']}: cycle ends", "end"),
        _rect("cec-tl-grace", end_x + 2, grace_w - 2),
        _text(end_x + grace_w / 2, inside, "Grace", "middle"),
        _text(end_x + 6, BAR_Y - 10, f"to {f['grace']} (+{f['late_fee']})"),
        _rect("cec-tl-lapsed", lapsed_x + 2, RIGHT - lapsed_x - 2),
        _text((lapsed_x + RIGHT) / 2, inside, "Reinstatement", "middle"),
    ]
    title = f"The {years}-year ACSM renewal cycle"
    return (
        f'<svg class="cec-timeline" role="img" aria-labelledby="cec-tl-title" '
        f'aria-describedby="cec-tl-caption" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="cec-tl-title">{escape(title)}</title>' + "".join(parts) + "</svg>"
    )


def main() -> None:
    from datetime import date
    from pathlib import Path

    from calc.rulefiles import load_dir
    from scripts.pagetext import Page

    bundle = load_dir(str(Path(__file__).resolve().parent.parent / "rules"))
    print(svg(bundle["renewal"], Page("renewing", date.today())))


if __name__ == "__main__":
    main()
