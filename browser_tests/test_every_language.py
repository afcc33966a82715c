"""Every shipped language in the browser (issue 19): the pages people meet first — the front page, log-in and
sign-up, the member home, people search, a project page, a space home and the pupil's pages — pass axe-core,
reflow to 320 px (German, Finnish and Greek words are long), and say their language and direction. English and
Danish go through the whole tour in test_pages_accessible.py; right-to-left languages are mirrored: the header
starts on the right."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import Page

from browser_tests.conftest import assert_accessible, assert_reflows
from browser_tests.test_pages_accessible import log_in, pupil_log_in
from comenius.devdata.testing import Cast

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code not in ("en", "da")]
RIGHT_TO_LEFT = [code for code in OTHER_LANGUAGES if code.split("-")[0] in settings.LANGUAGES_BIDI]


def check(page: Page, path: str, language: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{language} {path}: {response and response.status}"
    direction = "rtl" if language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, direction), f"{language} {path}"
    assert_accessible(page)
    assert_reflows(page)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_first_pages_in_every_language(page: Page, cast: Cast, language: str):
    for person in (cast.mette, cast.pia):
        person.language = language
        person.save(update_fields=["language"])
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/pupil/login/"):
        check(page, path, language)
    log_in(page, cast.mette.email or "")
    space = cast.project.space
    for path in ("/home/", "/people/", f"/projects/{cast.project.pk}/", f"/spaces/{space.pk}/"):
        check(page, path, language)
    page.context.clear_cookies()
    pupil_log_in(page, cast.pia.username)
    for path in ("/pupil/", f"/spaces/{space.pk}/"):
        check(page, path, language)


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_right_to_left_pages_are_mirrored(page: Page, cast: Cast, language: str, tmp_path):
    """The logo at the right edge and the navigation running leftwards from it; a back arrow points right."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    page.goto("/")
    page.screenshot(path=str(tmp_path / f"front-{language}.png"))
    width = page.viewport_size["width"] if page.viewport_size else 1280
    brand = page.locator("header .brand, header a[href='/']").first.bounding_box()
    assert brand is not None and brand["x"] + brand["width"] > width * 0.75, f"the logo is not on the right: {brand}"
    cast.mette.language = language
    cast.mette.save(update_fields=["language"])
    log_in(page, cast.mette.email or "")
    page.goto(f"/projects/{cast.project.pk}/")
    arrow = page.locator("main .arrow").first
    assert arrow.evaluate("(node) => getComputedStyle(node).transform") != "none", "the back arrow is not turned"
