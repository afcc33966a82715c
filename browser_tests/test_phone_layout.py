"""Phone first (issue 11): at 390 px the signed-in header is one row under 120 px with the navigation behind a
Menu button (a <details>: it opens without JavaScript too), a project space's sections are one compact row, the
chat's composer is on the screen without scrolling, people search shows results before its filters, and no
page scrolls sideways at 390 or 320 px; at 1280 px the signed-in header is one row.

Screenshots at 390 px of the front page, the member home, the search, a project page, a space's home and its
chat are written to SCREENS_DIR when it is set (to look at them; the assertions do not need them)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from browser_tests.conftest import OVERFLOW_SCRIPT, assert_accessible, open_account_menu, open_page
from browser_tests.test_pages_accessible import log_in, outside_the_event_loop, space_with_everything
from comenius.devdata.testing import Cast

PHONE = {"width": 390, "height": 844}
SCREENS = os.environ.get("SCREENS_DIR", "")


def header_height(page: Page) -> float:
    return page.evaluate("() => document.querySelector('.site-header').getBoundingClientRect().height")


def assert_no_sideways_scroll(page: Page) -> None:
    size = page.viewport_size
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": 700})
        found = page.evaluate(OVERFLOW_SCRIPT)
        assert found["scroll"] <= found["width"], f"{page.url} scrolls sideways at {width} px: {found['wide']}"
    if size:
        page.set_viewport_size(size)


def shot(page: Page, name: str) -> None:
    if SCREENS:
        Path(SCREENS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENS) / f"{name}.png"))


def test_phone_pages(page: Page, cast: Cast, settings: Any):
    settings.JITSI_URL = "https://meet.example.org"
    pages = outside_the_event_loop(space_with_everything, cast)
    space, chat = pages.teacher[0], next(path for path in pages.teacher if "/chat/" in path and path.count("/") > 4)
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert header_height(page) < 120
    assert_no_sideways_scroll(page)
    shot(page, "front")
    log_in(page, cast.mette.email or "")
    page.set_viewport_size(PHONE)
    for path, name in [
        ("/home/", "home"),
        ("/people/", "search"),
        (f"/projects/{cast.project.pk}/", "project"),
        (space, "space-home"),
    ]:
        page.goto(path)
        height = header_height(page)
        assert height < 120, f"{path}: the header is {height:.0f} px tall at 390 px"
        assert not page.locator(".main-nav").is_visible(), f"{path}: the navigation is not behind the Menu button"
        assert_no_sideways_scroll(page)
        shot(page, name)
    # The space's sections: one row.
    row = page.evaluate("() => document.querySelector('.space-nav').getBoundingClientRect().height")
    assert row < 60, f"the space's sections take {row:.0f} px"
    # The menu opens and shows the navigation, and passes axe while open.
    page.locator(".nav-menu__toggle").click()
    assert page.locator(".main-nav a[href='/people/']").is_visible()
    assert_accessible(page)
    # Chat: the composer is on the screen without scrolling.
    page.goto(chat)
    box = page.locator("#chat-form").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    assert page.locator("#chat-form [name=body]").is_visible()
    assert_no_sideways_scroll(page)
    shot(page, "chat")
    # People search: the results come before the filters, which wait behind a disclosure.
    page.goto("/people/")
    first_result = page.locator("#people-results .card").first.bounding_box()
    assert first_result is not None and first_result["y"] < PHONE["height"], first_result
    assert not page.locator("select[name=subject]").is_visible()
    page.locator("form.filters summary").click()
    assert page.locator("select[name=subject]").is_visible()


HEADER_FITS = """() => {
  const inner = document.querySelector('.site-header__inner').getBoundingClientRect();
  const parts = [...document.querySelectorAll('.site-header .brand, .main-nav li, .bell, .header-tools > *')]
    .filter((el) => el.getClientRects().length);
  const boxes = parts.map((el) => [el.textContent.trim().slice(0, 20), el.getBoundingClientRect()]);
  const outside = boxes.filter(([, box]) => box.right > inner.right + 1).map(([text]) => text);
  const sorted = boxes.map(([text, box]) => [text, box.left, box.right]).sort((a, b) => a[1] - b[1]);
  const overlapping = sorted.filter((item, i) => i && item[1] < sorted[i - 1][2] - 1).map(([text]) => text);
  const root = document.documentElement;
  return {outside, overlapping, scroll: root.scrollWidth, width: root.clientWidth};
}"""


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("who", ["mette", "jonas", "carla", "pia"])
def test_wide_header_is_one_row(page: Page, cast: Cast, who: str, language: str):
    """At 1280 px every header item is in one row, none overlaps another or runs off the screen — in Danish too,
    where the members' navigation (with Events, issue 13) is longest; a long first name is shortened."""
    from browser_tests.test_pages_accessible import pupil_log_in

    person = getattr(cast, who)
    person.language = language
    if who == "mette":
        person.first_name = "Maximiliane-Charlotte"
    person.save(update_fields=["language", "first_name"])
    if who == "pia":
        pupil_log_in(page, cast.pia.username)
    else:
        log_in(page, person.email or "")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    page.goto("/privacy/")
    assert page.locator("html").get_attribute("lang") == language
    height = header_height(page)
    assert height < 80, f"{who}: the header is {height:.0f} px tall at 1280 px (more than one row)"
    assert page.locator(".main-nav").is_visible() and not page.locator(".nav-menu__toggle").is_visible()
    fits = page.evaluate(HEADER_FITS)
    assert not fits["outside"] and not fits["overlapping"], f"{who} ({language}): {fits}"
    assert fits["scroll"] <= fits["width"]
    if who == "mette":
        assert page.locator(".main-nav a[href='/events/']").is_visible()
        # Profile, security, language and log-out wait under her name; the drop-down opens without script too.
        assert not page.locator("#language-select").is_visible()
        open_account_menu(page)
        assert page.locator("#language-select").is_visible()
        assert page.locator(".account-more__list a[href='/account/profile/']").is_visible()
        assert_accessible(page)
        page.keyboard.press("Escape")
        assert not page.locator("#language-select").is_visible()
        # On a phone, Events and her account are in the Menu, and nothing scrolls sideways (390 and 320 px).
        page.set_viewport_size(PHONE)
        page.goto("/events/")
        open_account_menu(page)
        assert page.locator(".main-nav a[href='/events/']").is_visible()
        assert page.locator("#language-select").is_visible()
        assert_no_sideways_scroll(page)
        assert_accessible(page)


def test_menu_opens_without_javascript(browser: Browser, site: str, cast: Cast):
    page = open_page(browser, site)
    context = page.context
    try:
        plain = context.browser.new_context(base_url=site, viewport=PHONE, java_script_enabled=False)  # type: ignore[union-attr]
        bare = plain.new_page()
        bare.goto("/")
        assert not bare.locator(".main-nav").is_visible()
        bare.locator(".nav-menu__toggle").click()
        assert bare.locator(".main-nav a[href='/gallery/']").is_visible()
        plain.close()
    finally:
        context.close()


HEADER_OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const header = document.querySelector(".site-header");
  const wide = [...header.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && el.checkVisibility({visibilityProperty: true});
  });
  return {header: header.scrollWidth, width, wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120))};
}"""


@pytest.mark.parametrize("language", ["en", "da"])
def test_officer_pages_reflow_at_320(page: Page, cast: Cast, language: str):
    """The national team's header (six sections, the language switch, the account menu) fits 320 px, closed and
    open, and the NSO pages do not scroll sideways (issue 11)."""
    from browser_tests.test_projects import switch_language

    log_in(page, cast.jonas.email or "")
    switch_language(page, language)
    page.set_viewport_size({"width": 320, "height": 700})
    problems = []
    for path in ["/nso/validations/", "/nso/projects/", "/nso/country/DK/", "/nso/audit/", "/moderation/"]:
        page.goto(path)
        for state in ("closed", "open"):
            if state == "open":
                page.locator(".nav-menu__toggle").click()
                assert page.locator(".main-nav a[href='/nso/validations/']").is_visible()
            found = page.evaluate(HEADER_OVERFLOW_SCRIPT)
            if found["header"] > found["width"] or found["wide"]:
                problems.append(f"{path} ({state} menu): the header is wider than 320 px: {found}")
            page_found = page.evaluate(OVERFLOW_SCRIPT)
            if page_found["scroll"] > page_found["width"]:
                problems.append(f"{path} ({state} menu) scrolls sideways: {page_found['wide']}")
        assert_accessible(page)
    assert not problems, "\n".join(problems)
