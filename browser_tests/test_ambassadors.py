"""Ambassadors, national pages and statistics in a real browser, in English and Danish, with axe-core and the
320 px reflow check on every new page (issue 12).

A visitor follows a poster's link, finds the local ambassador on the map and in the list, and writes to them;
an NSO officer prints a poster and reads the dashboard; the ambassador, a newcomer and the officer meet every
other new page.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, assert_reflows, open_page
from browser_tests.test_projects import logged_in, switch_language
from comenius.ambassadors import services as ambassadors
from comenius.ambassadors.models import PosterVisit
from comenius.ambassadors.tests.helpers import appoint
from comenius.core.models import Country
from comenius.countries import aggregates
from comenius.countries import services as countries
from comenius.devdata.testing import CAST_PASSWORD, Cast


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)


@pytest.fixture
def appointed(cast: Cast) -> Cast:
    appoint(cast.jonas, cast.mette, ["dk-nordjylland"], languages=["da", "en"])
    appoint(cast.jonas, cast.otto, ["dk-hovedstaden"])
    denmark = Country.objects.get(pk="DK")
    countries.update_page(cast.jonas, denmark, countries.PageData("<p>Hej</p>", "Bredgade 1", "nso@example.dk", "", ""))
    countries.save_news(cast.jonas, denmark, countries.NewsData("Velkommen", "<p>Nyt skoleår</p>", publish=True))
    aggregates.refresh()
    return cast


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_visitor_follows_a_poster_finds_the_ambassador_and_writes(
    browser: Browser, site: str, appointed: Cast, language: str
):
    page = open_page(browser, site)
    page.goto("/ambassadors/")
    switch_language(page, language)
    check(page)
    page.goto("/ambassadors/dk/?c=spring-poster")  # the QR code's address
    check(page)
    assert PosterVisit.objects.get().campaign == "spring-poster"
    # On the map: Nordjylland, reached with the keyboard as well as the mouse.
    region = page.locator("a.region-map__region[href*='dk-nordjylland']")
    region.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**region=dk-nordjylland**")
    results = page.locator("#results")
    expect(results).to_contain_text("Mette Sørensen")
    expect(results).not_to_contain_text("Otto Berg")
    check(page)
    # The list of regions says the same as the map.
    page.locator(".region-list a[href*='dk-hovedstaden']").click()
    expect(page.locator("#results")).to_contain_text("Otto Berg")
    page.locator(".region-list a[href*='dk-nordjylland']").click()
    # By postcode, too.
    page.fill("#id_postcode", "9800")
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("#results")).to_contain_text("Mette Sørensen")
    page.locator(f"a[href='/ambassadors/people/{appointed.mette.appointments.get().pk}/contact/']").click()
    check(page)
    assert str(appointed.mette.email) not in page.content()
    page.fill("#id_name", "Karen Visitor")
    page.fill("#id_email", "karen@skole.example")
    page.fill("#id_message", "Kan du hjælpe vores børnehave i gang?")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[role=status]")).to_be_visible()
    check(page)
    assert str(appointed.mette.email) not in page.content()
    sent = [m for m in mail.outbox if m.to == [appointed.mette.email]]
    assert sent and sent[-1].reply_to == ["karen@skole.example"]
    page.context.close()


@pytest.mark.parametrize("language", ["en", "da"])
def test_an_nso_officer_prints_a_poster_and_reads_the_dashboard(
    browser: Browser, site: str, appointed: Cast, language: str
):
    page = logged_in(browser, site, str(appointed.jonas.email), language)
    page.goto("/nso/ambassadors/")
    check(page)
    page.select_option("#id_region", "dk-nordjylland")
    page.select_option("#id_size", "a5")
    page.fill("#id_campaign", "autumn-2026")
    with page.expect_download() as download:
        page.locator("form[action='/nso/ambassadors/poster/'] button[type=submit]").click()
    path = download.value.path()
    assert path is not None and path.read_bytes()[:4] == b"%PDF"
    page.goto(f"/nso/ambassadors/{appointed.mette.appointments.get().pk}/")
    check(page)
    page.goto("/nso/dashboard/")
    expect(page.locator("svg.chart__svg").first).to_be_visible()
    check(page)
    page.locator("main details summary").first.click()  # a chart's table
    expect(page.locator("main details table").first).to_be_visible()
    for address in ("/countries/dk/edit/", "/countries/dk/newsroom/", "/countries/dk/newsroom/new/"):
        page.goto(address)
        check(page)
    page.context.close()


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_other_new_page_is_accessible(browser: Browser, site: str, appointed: Cast, language: str):
    ambassadors.ask_for_help(appointed.nina, True, True, "Hvordan kommer jeg i gang?")
    visitor = open_page(browser, site)
    visitor.goto("/stats/")
    switch_language(visitor, language)
    for address in ("/stats/", "/stats/?country=DK", "/countries/", "/countries/dk/", "/ambassadors/es/"):
        visitor.goto(address)
        check(visitor)
    visitor.goto("/countries/dk/")
    visitor.locator("#news-title + ul a").first.click()
    check(visitor)
    visitor.context.close()
    mette = logged_in(browser, site, str(appointed.mette.email), language)
    for address in ("/ambassadors/mine/", "/ambassadors/newcomers/"):
        mette.goto(address)
        check(mette)
    expect(mette.locator("main")).to_contain_text("Hvordan kommer jeg i gang?")
    mette.context.close()
    nina = open_page(browser, site)  # a member still waiting: her home is the status page
    nina.goto("/accounts/login/")
    nina.fill("input[name=login]", str(appointed.nina.email))
    nina.fill("input[name=password]", CAST_PASSWORD)
    nina.locator("main form button[type=submit]").first.click()
    nina.wait_for_url(re.compile(r"/status/"))
    switch_language(nina, language)
    nina.goto("/ambassadors/help/")
    check(nina)
    nina.context.close()
