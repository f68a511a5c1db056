"""The topology test drives Chromium with the browser tests' fixtures."""

from tests.e2e.conftest import browser, playwright_api  # noqa: F401
