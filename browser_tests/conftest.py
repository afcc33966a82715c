"""The browser suite: real Chromium (Debian's) driven by Playwright against a live server, with axe-core.

It fails, never skips, when the browser cannot start: CI must see a broken browser set-up.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from comenius.core.countries import load_countries
from comenius.core.models import Country
from comenius.core.testing import Cast, build_cast

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings, transactional_db) -> str:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SITE_URL = live_server.url
    from django.core.cache import cache

    cache.clear()  # the TOTP "code already used" marks of an earlier test
    load_countries(Country)  # the transactional database starts empty
    return live_server.url


@pytest.fixture
def cast(site) -> Cast:
    return build_cast()


# What the pages of a test did that they must never do: reach another host, or break the CSP.
PROBLEMS: list[str] = []


def open_page(browser: Browser, site: str) -> Page:
    """A fresh browser context on the platform, watched for third-party requests and CSP violations."""
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    origin = site.rstrip("/")

    def on_request(request: Any) -> None:
        url = request.url
        if not (url.startswith(origin + "/") or url == origin or url.startswith("data:") or url.startswith("blob:")):
            PROBLEMS.append(f"request to another host: {url}")

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            PROBLEMS.append(f"CSP: {message.text}")

    context.on("request", on_request)
    context.on("console", on_console)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(autouse=True)
def _no_third_party_requests_or_csp_errors() -> Iterator[None]:
    PROBLEMS.clear()
    yield
    assert not PROBLEMS, "\n".join(PROBLEMS)


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    page = open_page(browser, site)
    yield page
    page.context.close()


AXE = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
  return {scroll: document.documentElement.scrollWidth, width,
          wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120))};
}"""


def assert_reflows(page: Page) -> None:
    """WCAG 1.4.10 (reflow): 320 CSS pixels wide, the page needs no horizontal scrolling."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        found = page.evaluate(OVERFLOW_SCRIPT)
    finally:
        if size:
            page.set_viewport_size(size)
    assert found["scroll"] <= found["width"], f"{page.url} scrolls sideways at 320 px: {found['wide']}"
