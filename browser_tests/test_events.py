"""Events and certificates in a real browser, in English and Danish, with axe-core and the 320 px reflow check on
every new page (issue 13).

A member finds an event in the calendar, registers, downloads its calendar file (parsed back), sees her events
and calendar address; the event takes place; the national team's officer marks her attendance; she downloads her
certificate as a PDF; a visitor verifies it by its address and by typing its code. The organiser's pages (the
form, the events they organise, cancelling, revoking a certificate) and the month view get the same checks.
"""

from __future__ import annotations

import io
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from browser_tests.conftest import assert_accessible, assert_reflows, open_page
from browser_tests.test_projects import logged_in, switch_language
from comenius.certificates.models import Certificate
from comenius.devdata.testing import Cast
from comenius.events.models import Registration
from comenius.events.tests.helpers import danish_event, soon, start_now


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_member_registers_attends_and_a_visitor_verifies_her_certificate(
    browser: Browser, site: str, cast: Cast, language: str
):
    event = danish_event(cast, title="eTwinning for beginners", starts_at=soon(days=5))
    base = f"/events/{event.pk}/"

    # Mette finds the event in the calendar (list and month views) and registers.
    mette = logged_in(browser, site, cast.mette.email or "", language)
    mette.goto("/events/")
    check(mette)
    mette.goto("/events/?view=month&month=" + event.starts_at.strftime("%Y-%m"))
    expect(mette.locator(f"table.event-month a[href='{base}']")).to_be_visible()
    check(mette)
    mette.goto("/events/")
    mette.locator(f"main a[href='{base}']").first.click()
    expect(mette.locator("h1")).to_have_text("eTwinning for beginners")
    check(mette)
    mette.locator(f"form[action='{base}register/'] button").click()
    expect(mette.locator("#registration-heading ~ .alert--success")).to_be_visible()
    expect(mette.locator("main a[href='https://meet.jit.si/comenius-beginners']")).to_be_visible()
    check(mette)
    assert Registration.objects.get(event=event, user=cast.mette).state == "confirmed"

    # The calendar file: a valid iCalendar with the event at its time.
    with mette.expect_download() as download:
        mette.locator(f"a[href='{base}event.ics']").click()
    parsed = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    [entry] = parsed.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "eTwinning for beginners"
    assert entry.decoded("DTSTART") == event.starts_at

    # Her events and her secret calendar address.
    mette.goto("/events/mine/")
    expect(mette.locator("#feed-url")).to_have_value(__import__("re").compile(r"/events/feed/.+\.ics$"))
    check(mette)

    # The event takes place; Jonas (the Danish national team) marks her attendance.
    start_now(event)
    jonas = logged_in(browser, site, cast.jonas.email or "", language)
    jonas.goto(f"{base}manage/")
    expect(jonas.locator("main table")).to_contain_text("Mette Sørensen")
    check(jonas)
    registration = Registration.objects.get(event=event, user=cast.mette)
    jonas.locator(f"form[action='{base}manage/{registration.pk}/attended/'] button").click()
    expect(jonas.locator("main table .badge--success")).to_be_visible()
    check(jonas)
    certificate = Certificate.objects.get(member=cast.mette)

    # Mette downloads her certificate.
    mette.goto("/certificates/")
    expect(mette.locator("main .card__title")).to_contain_text("eTwinning for beginners")
    check(mette)
    with mette.expect_download() as download:
        mette.locator(f"a[href='/certificates/{certificate.pk}/pdf/']").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Mette Sørensen" in text and certificate.code in text
    assert certificate.verification_url() in text.replace("\n", "")
    # She shows it on her profile.
    mette.locator(f"form[action='/certificates/{certificate.pk}/profile/'] button").click()
    expect(mette.locator(".alert--success")).to_be_visible()
    check(mette)

    # A visitor verifies it: by the address in the QR code, and by typing the code.
    visitor = open_page(browser, site)
    visitor.goto("/verify/")
    switch_language(visitor, language)
    check(visitor)
    visitor.fill("#id_code", certificate.code.replace("-", " ").lower())
    visitor.locator("main form button[type=submit]").click()
    expect(visitor.locator("main .alert--success")).to_be_visible()
    expect(visitor.locator("main dl")).to_contain_text("Mette Sørensen")
    check(visitor)
    visitor.goto("/verify/AAAAA-BBBBB-CCCCC-DDDDD/")
    check(visitor)
    for opened in (mette, jonas, visitor):
        opened.context.close()


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_organisers_pages(browser: Browser, site: str, cast: Cast, language: str):
    event = danish_event(cast, title="Kontaktseminar", mode="application", capacity=1,
                         starts_at=soon(days=20), application_deadline=soon(days=10))  # fmt: skip
    base = f"/events/{event.pk}/"
    otto = logged_in(browser, site, cast.otto.email or "", language)
    otto.goto(base)
    otto.fill("#id_motivation", "I am new and want a partner in Spain.")
    otto.locator(f"form[action='{base}register/'] button").click()
    expect(otto.locator("#registration-heading ~ .alert--info")).to_be_visible()
    check(otto)

    jonas = logged_in(browser, site, cast.jonas.email or "", language)
    jonas.goto("/events/new/")
    check(jonas)
    jonas.locator("main form button[type=submit]").click()  # empty: the errors, in words
    expect(jonas.locator(".field__error").first).to_be_visible()
    check(jonas)
    jonas.goto("/events/organised/")
    check(jonas)
    jonas.goto(f"{base}manage/")
    expect(jonas.locator("main")).to_contain_text("I am new and want a partner in Spain.")
    check(jonas)
    registration = Registration.objects.get(event=event, user=cast.otto)
    jonas.locator(f"form[action='{base}manage/{registration.pk}/select/'] button").click()
    expect(jonas.locator("main table")).to_contain_text("Otto Berg")
    jonas.goto(f"{base}edit/")
    check(jonas)
    jonas.goto(f"{base}cancel-event/")
    check(jonas)
    start_now(event)
    from comenius.events import services

    services.mark_attendance(cast.jonas, Registration.objects.get(pk=registration.pk), True)
    certificate = Certificate.objects.get(member=cast.otto)
    jonas.goto(f"/certificates/{certificate.pk}/revoke/")
    check(jonas)
    jonas.fill("#id_reason", "Attendance recorded by mistake.")
    jonas.locator("main form button[type=submit]").click()
    expect(jonas.locator("main .alert--error")).to_be_visible()  # the verification page now says revoked
    check(jonas)
    otto.goto("/events/mine/")
    check(otto)
    for opened in (otto, jonas):
        opened.context.close()
