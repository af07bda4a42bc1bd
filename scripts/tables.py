"""Tables leave the build already wrapped the way Material's JavaScript would wrap them.

Material wraps every `table:not([class])` in two scrolling divs once the page has loaded, by taking
each table out of the document and putting it back: every table is styled and laid out twice, in
one long task. On the certifications page (18 tables) that was most of Lighthouse's mobile
blocking time. Here the wrapping happens at build time and the table gets a class, so the theme's
script leaves it alone; site.css carries the theme's table rules for that class (a test keeps them
equal to the installed theme's).
"""

from __future__ import annotations

import re

CLASS = "cec-table"
OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
CLOSE = "</div></div>"
_TAG = re.compile(r"<table\b([^>]*)>|</table>", re.IGNORECASE)


def prewrap(html: str) -> str:
    out: list[str] = []
    wrapped: list[bool] = []  # per open table: did we wrap it (tables may nest)
    last = 0
    for match in _TAG.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        if match.group(0).startswith("</"):
            out.append(match.group(0) + (CLOSE if wrapped and wrapped.pop() else ""))
            continue
        attributes = match.group(1)
        mine = re.search(r"\bclass\s*=", attributes) is None
        wrapped.append(mine)
        out.append(f'{OPEN}<table class="{CLASS}"{attributes}>' if mine else match.group(0))
    out.append(html[last:])
    return "".join(out)
