"""Browser tests: Playwright for Python driving Debian's Chromium against a real server.

They skip only where no Chromium (or Playwright) exists and CI is not set; in
CI a missing browser is a failure. Screenshots go to MEND_E2E_ARTIFACTS (CI
uploads that folder) or, by default, to a temporary folder printed in the
test's output.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.server import DIST, mend_server, neutral_site

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = bool(os.environ.get("CI"))


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (browser tests must run in CI)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    """Where Chromium is installed, if it is."""
    return (
        os.environ.get("MEND_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def playwright_api() -> Iterator[Any]:
    """The Playwright driver (sync API)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_api: Any) -> Iterator[Any]:
    """Headless Chromium from the system (playwright install is not used)."""
    path = chromium_path()
    if path is None:
        _unavailable("Chromium is not installed")
    instance = playwright_api.chromium.launch(
        executable_path=path, headless=True, args=CHROMIUM_ARGS
    )
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def quick_exit_url() -> Iterator[str]:
    """The neutral page quick exit opens, served from another origin than Mend."""
    with neutral_site() as url:
        yield url


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory, quick_exit_url: str) -> Iterator[str]:
    """A Mend server with the demo couple (Sam, Alex, Dr. Rivera) and the built web app."""
    if not (DIST / "index.html").is_file():
        _unavailable("the web app is not built (./dev test builds it)")
    settings = {"MEND_QUICK_EXIT_URL": quick_exit_url}
    with mend_server(tmp_path_factory.mktemp("e2e-server"), extra_env=settings) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots are saved."""
    folder = Path(os.environ.get("MEND_E2E_ARTIFACTS") or tmp_path_factory.mktemp("e2e-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nBrowser test screenshots: {folder}")
    return folder


NewPage = Callable[..., Any]


def _keep_policy_errors(page: Any, message: Any) -> None:
    """Remember Content-Security-Policy refusals: the app must not need anything the CSP forbids."""
    if message.type == "error" and "Content Security Policy" in message.text:
        page.errors.append(message.text)


@pytest.fixture
def new_page(browser: Any, base_url: str) -> Iterator[NewPage]:
    """Open a page in a fresh browser context (its own cookies: one person, one device)."""
    contexts: list[Any] = []

    def open_page(*, width: int = 1280, height: int = 900, bypass_csp: bool = False) -> Any:
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": height},
            bypass_csp=bypass_csp,
            timezone_id="Europe/London",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
        page.on("console", lambda message: _keep_policy_errors(page, message))
        return page

    yield open_page
    for context in contexts:
        context.close()
