"""Notifications in a real browser. Lucía (Spain) asks Otto (Denmark) to become her contact from his profile; Otto,
with his home page open on the real ASGI application (daphne, the bell's WebSocket), sees the bell count go up
and the request announced without reloading, follows it and lands on his contacts, where the request waits.
axe-core checks the notification centre and the preferences in English and in Danish, at 1280 and 320 px.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, assert_reflows, open_page
from comenius.devdata.testing import CAST_PASSWORD, Cast


def logged_in(browser: Browser, site: str, email: str) -> Page:
    page = open_page(browser, site)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def test_a_contact_request_arrives_live_in_the_bell_and_is_followed(browser: Browser, asgi_site: str, asgi_cast: Cast):
    cast, site = asgi_cast, asgi_site
    otto = logged_in(browser, site, str(cast.otto.email))
    bell = otto.locator("[data-notification-bell]")
    count = bell.locator("[data-bell-count]")
    before = int(count.inner_text() or 0) if count.is_visible() else 0
    # The bell's socket is open once the page has its first frame (the unread count).
    expect(bell).to_have_attribute("data-unread", str(before))

    lucia = logged_in(browser, site, str(cast.lucia.email))
    lucia.goto(f"/people/{cast.otto.pk}/")
    lucia.fill("textarea[name=message], input[name=message]", "Hola Otto! Shall we write about rivers?")
    lucia.locator(f"form[action='/people/{cast.otto.pk}/contact/'] button[type=submit]").click()
    lucia.wait_for_load_state()

    expect(count).to_have_text(str(before + 1))  # live, without reloading
    announced = bell.locator("[data-bell-live] a")
    expect(announced).to_contain_text("Lucía García")
    announced.click()
    otto.wait_for_url(re.compile(r"/contacts/$"))
    expect(otto.locator("main")).to_contain_text("Hola Otto! Shall we write about rivers?")
    assert_accessible(otto)
    lucia.context.close()
    otto.context.close()


def test_the_centre_and_the_preferences_are_accessible_in_english_and_danish(
    page: Page, cast: Cast, browser: Browser, site: str
):
    # The cast's validations and project steps left items for both (validated, co-founder accepted, approved).
    for person, expected_heading in (
        (cast.otto, "Notifications"),
        (cast.mette, "Notifikationer"),
    ):  # Mette reads Danish
        member = logged_in(browser, site, str(person.email))
        member.goto("/notifications/")
        expect(member.locator("h1")).to_have_text(expected_heading)
        expect(member.locator("main .notification").first).to_be_visible()
        assert_accessible(member)
        assert_reflows(member)
        member.goto("/notifications/preferences/")
        assert_accessible(member)
        assert_reflows(member)
        member.locator("main form button[type=submit]").click()  # saving the defaults works and says so
        expect(member.locator(".messages")).to_be_visible()
        assert_accessible(member)
        member.context.close()
