"""Each user page stays short enough to read: with every <details> closed, its full height is at
most 2,500 px on a desktop (1280 x 800) and 4,000 px on a phone (390 x 844), in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.pages import user_pages

# name: (width, height, longest page in CSS pixels)
VIEWPORTS = {"desktop": (1280, 800, 2_500), "phone": (390, 844, 4_000)}

CLOSE_ALL_AND_MEASURE = """async () => {
  for (const details of document.querySelectorAll("details")) details.open = false;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);
}"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", user_pages())
def test_page_fits_the_length_budget(page: Page, site_url: str, path: str, viewport: str) -> None:
    width, height, budget = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url.rstrip("/") + path)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    measured = int(page.evaluate(CLOSE_ALL_AND_MEASURE))
    print(f"{path} at {width}x{height}: {measured} px (budget {budget} px)")
    assert measured <= budget, (
        f"{path} at {width}x{height} ({viewport}), every <details> closed: {measured} px tall, "
        f"over the {budget} px budget by {measured - budget} px"
    )
