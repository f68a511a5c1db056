"""How fast the hurt partner's home becomes usable, with 90 days of demo data.

Not a test (speed targets are not asserted in the suite): run it by hand,
`.venv/bin/python bench/home_load.py`, and it prints each of five loads and
their median. "Usable" means the check-in control, the new-disclosures list
and the safety chart are all on screen, measured from navigation start in the
page's own clock (performance.now()), on loopback in headless Chromium.
It reuses the browser tests' server helper.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.e2e.server import mend_server  # noqa: E402
from tests.e2e.steps import log_in  # noqa: E402

LOADS = 5


def measure(base_url: str) -> list[float]:
    """Milliseconds from navigation start to a usable home page, for each load."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, "sam@demo.mend")
        times = []
        for _ in range(LOADS):
            page.goto("/", wait_until="commit")
            # The check-in control: the form, or (checked in today already) its button.
            add_another = page.get_by_role("button", name="Add another check-in")
            add_another.or_(page.get_by_role("button", name="Save my check-in")).wait_for()
            page.get_by_role("img", name="Felt safety by day").wait_for()
            # The new-disclosures list: what is left to read, or that nothing is.
            new = page.get_by_role("region", name="New from Alex")
            to_read = new.get_by_role("link", name="Read it all, or ask a question").first
            to_read.or_(new.get_by_text("Nothing new to read.")).wait_for()
            times.append(page.evaluate("performance.now()"))
        browser.close()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, mend_server(Path(folder)) as url:
        times = measure(url)
    for n, ms in enumerate(times, 1):
        print(f"load {n}: {ms:.0f} ms")
    print(f"median of {LOADS}: {statistics.median(times):.0f} ms (target: under 1000 ms)")


if __name__ == "__main__":
    main()
