"""Every page a visitor, a member or an officer reaches from the header passes axe-core, in both languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from browser_tests.conftest import assert_accessible
from comenius.core.testing import CAST_PASSWORD, Cast, totp_now

VISITOR_PAGES = ["/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
MEMBER_PAGES = [
    "/home/",
    "/account/profile/",
    "/account/status/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/people/",
    "/people/?subject=history&available=on",
    "/profile/partner/",
    "/contacts/",
    "/messages/",
    "/ideas/",
    "/ideas/new/",
    "/ideas/mine/",
]
OFFICER_PAGES = [
    "/nso/validations/",
    "/nso/validations/?status=validated",
    "/nso/audit/",
    "/nso/country/DK/",
    "/accounts/2fa/recovery-codes/",
]


def visit_all(page: Page, paths: list[str], shots: str | None = None) -> None:
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        assert_accessible(page)
        if shots:
            page.screenshot(path=f"{shots}{re.sub(r'[^a-z0-9]+', '_', path)}.png", full_page=True)


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        assert_accessible(page)
        page.fill("input[name=code]", totp_now())
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "da"])
def test_pages_pass_axe(page: Page, cast: Cast, language: str):
    for user in (cast.otto, cast.jonas):
        user.language = language
        user.save(update_fields=["language"])
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    visit_all(page, VISITOR_PAGES)
    log_in(page, cast.otto.email or "")
    visit_all(page, MEMBER_PAGES)
    page.context.clear_cookies()
    log_in(page, cast.jonas.email or "")
    visit_all(page, OFFICER_PAGES)
