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


@pytest.mark.parametrize("language", ["en", "da"])
def test_pages_outside_the_header_pass_axe(page: Page, cast: Cast, language: str):
    """The head of institution's link page (with and without an answer), the 404 page, and editing an idea."""
    from django.core import signing

    from comenius.accounts import services
    from comenius.network.models import ProjectIdea

    request = cast.nina.validation_requests.get()
    request.head_email = "rektor@vestbyskolen.dk.example"
    request.save(update_fields=["head_email"])
    token = signing.dumps({"request": request.pk, "head": request.head_email}, salt=services.HEAD_LINK_SALT)
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    response = page.goto(f"/confirm/{token}/")
    assert response is not None and response.status == 200
    assert_accessible(page)
    page.locator("button[name=answer][value=confirm]").click()
    assert_accessible(page)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert_accessible(page)
    cast.lucia.language = language
    cast.lucia.save(update_fields=["language"])
    log_in(page, cast.lucia.email or "")
    visit_all(page, [f"/ideas/{ProjectIdea.objects.get(author=cast.lucia).pk}/edit/"])
