"""Partner finding in a real browser: search with filters, a contact request accepted by the other side,
and a message that appears live on the other member's screen — with axe-core on every page."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, open_page
from comenius.devdata.testing import CAST_PASSWORD, Cast


def logged_in(browser: Browser, site: str, email: str) -> Page:
    page = open_page(browser, site)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def test_search_contact_and_live_message(browser: Browser, site: str, cast: Cast):
    otto = logged_in(browser, site, cast.otto.email or "")
    lucia = logged_in(browser, site, cast.lucia.email or "")
    assert_accessible(otto)  # home with suggestions

    # Search with filters: results update in place and the URL follows the filters.
    otto.get_by_role("link", name="Find partners").click()
    assert_accessible(otto)
    otto.select_option("#id_subject", "science")
    otto.select_option("#id_language", "es")
    expect(otto).to_have_url(re.compile(r"subject=science.*language=es|language=es.*subject=science"))
    expect(otto.locator("#people-results .card")).to_have_count(1)
    expect(otto.locator("#people-results")).to_contain_text("Lucía García")
    expect(otto.locator("#people-results")).to_contain_text("works in Spanish")
    assert_accessible(otto)
    otto.go_back()
    expect(otto.locator("#id_language")).to_have_value("")

    # Contact request, accepted by Lucía on her contacts page.
    otto.goto(f"/people/{cast.lucia.pk}/")
    assert_accessible(otto)
    otto.fill("#id_message", "Hej Lucía, shall our classes write to each other?")
    otto.get_by_role("button", name="Add as contact").click()
    expect(otto.locator(".alert--success").first).to_be_visible()
    assert_accessible(otto)
    lucia.goto("/contacts/")
    expect(lucia.locator("main")).to_contain_text("shall our classes write to each other?")
    assert_accessible(lucia)
    lucia.get_by_role("button", name="Accept").click()
    expect(lucia.locator("main")).to_contain_text("Otto Berg")
    assert_accessible(lucia)

    # A message, seen live on Lucía's open conversation without reloading.
    otto.goto(f"/people/{cast.lucia.pk}/write/")
    assert_accessible(otto)
    otto.fill("#id_body", "Here is our class photo plan.")
    otto.get_by_role("button", name="Send").click()
    otto.wait_for_url(re.compile(r"/messages/\d+/$"))
    conversation_url = otto.url
    assert_accessible(otto)
    lucia.goto(conversation_url)
    expect(lucia.locator("#message-list")).to_contain_text("Here is our class photo plan.")
    assert_accessible(lucia)
    otto.fill("#id_body", "And a second message, live.")
    otto.get_by_role("button", name="Send").click()
    expect(lucia.locator("#message-list")).to_contain_text("And a second message, live.", timeout=10_000)
    lucia.fill("#id_body", "¡Perfecto!")
    lucia.get_by_role("button", name="Send").click()
    expect(otto.locator("#message-list")).to_contain_text("¡Perfecto!", timeout=10_000)
    otto.goto("/messages/")
    assert_accessible(otto)


def test_post_and_find_a_project_idea(browser: Browser, site: str, cast: Cast):
    otto = logged_in(browser, site, cast.otto.email or "")
    otto.goto("/ideas/")
    assert_accessible(otto)
    otto.get_by_role("link", name="Post an idea").first.click()
    assert_accessible(otto)
    otto.fill("#id_title", "Castles of the north")
    otto.fill("#id_description", "Our pupils explore a castle and compare it with yours.")
    otto.locator("input[name=subjects][value=history]").check()
    otto.select_option("#id_age_min", "10")
    otto.select_option("#id_age_max", "13")
    otto.select_option("#id_languages", ["en", "de"])
    otto.fill("#id_starts_on", "2027-01-10")
    otto.fill("#id_ends_on", "2027-04-30")
    otto.get_by_role("button", name="Post the idea").click()
    otto.wait_for_url(re.compile(r"/ideas/\d+/$"))
    assert_accessible(otto)
    otto.goto("/ideas/?q=castles")
    expect(otto.locator("main")).to_contain_text("Castles of the north")
    otto.goto("/ideas/mine/")
    assert_accessible(otto)
