"""Sign up, confirm the e-mail, wait, get validated by the NSO (with MFA) — in a real browser, in English
and in Danish, with axe-core checking every page on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from browser_tests.conftest import assert_accessible, open_account_menu
from comenius.accounts.models import User
from comenius.core.tests.upload_files import pdf
from comenius.devdata.testing import CAST_PASSWORD, Cast, totp_now

PASSWORD = "a-Long-and-unusual-passphrase-42"

WORDS = {
    "en": {
        "join": "Join as a teacher",
        "create": "Create my account",
        "confirm": "Confirm",
        "waiting": "Your membership",
        "upload": "Upload",
        "logout": "Log out",
        "login": "Log in",
        "validate": "Validate",
        "welcome": "Welcome, Karen",
        "code_button": "Log in",
    },
    "da": {
        "join": "Bliv medlem som lærer",
        "create": "Opret min konto",
        "confirm": "Bekræft",
        "waiting": "Dit medlemskab",
        "upload": "Upload",
        "logout": "Log ud",
        "login": "Log ind",
        "validate": "Godkend",
        "welcome": "Velkommen, Karen",
        "code_button": "Log ind",
    },
}


def choose_language(page: Page, language: str) -> None:
    page.goto("/")
    open_account_menu(page)
    page.select_option("#language-select", language)
    page.locator(".lang-switch button").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def log_out(page: Page, words: dict[str, str]) -> None:
    open_account_menu(page)
    page.locator(".account-menu button", has_text=words["logout"]).click()
    if page.locator("main form button[type=submit]").count():  # allauth's confirmation page
        assert_accessible(page)
        page.locator("main form button[type=submit]").click()


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize("language", ["en", "da"])
def test_sign_up_to_validation(page: Page, cast: Cast, language: str, tmp_path):
    words = WORDS[language]
    choose_language(page, language)
    assert_accessible(page)

    # Sign up, finding the school through the live institution search.
    page.get_by_role("link", name=words["join"]).first.click()
    expect(page.locator("h1")).to_have_text(words["join"])
    assert_accessible(page)
    page.fill("#id_first_name", "Karen")
    page.fill("#id_last_name", "Nielsen")
    page.fill("#id_email", "karen@vestbyskolen.dk.example")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.select_option("#id_country", "DK")
    page.fill("#id_institution_query", "Vestby")
    choice = page.locator("#institution-results input[type=radio]")
    expect(choice).to_have_count(1)
    assert_accessible(page)
    choice.check()
    page.select_option("#id_role", "teacher")
    page.get_by_role("button", name=words["create"]).click()

    # "Check your e-mail" page, then the link from the real e-mail.
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    assert_accessible(page)
    (message,) = [m for m in mail.outbox if "karen@vestbyskolen.dk.example" in m.to]
    link = re.search(r"https?://\S+", str(message.body)).group(0)  # type: ignore[union-attr]
    page.goto(link)
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()

    # Pending: the status page says what it waits for; an evidence upload helps the NSO.
    page.goto("/account/status/")
    expect(page.locator("h1")).to_have_text(words["waiting"])
    assert_accessible(page)
    evidence = tmp_path / "ansaettelse.pdf"
    evidence.write_bytes(pdf("Ansættelsesbevis"))  # a well-formed PDF: a damaged one is refused
    page.set_input_files("#id_evidence", str(evidence))
    page.locator("form[action$='/evidence/'] button[type=submit]").click()
    expect(page.locator(".alert--success").first).to_be_visible()
    assert_accessible(page)
    log_out(page, words)

    # The Danish NSO officer logs in with password and authenticator code, and validates.
    User.objects.filter(email="jonas@nso.dk.example").update(language=language)
    log_in(page, "jonas@nso.dk.example", CAST_PASSWORD)
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.fill("input[name=code]", totp_now())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/nso/validations/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Karen Nielsen").click()
    assert_accessible(page)
    page.locator("button[name=decision][value=validate]").click()
    page.wait_for_url(re.compile(r"/nso/validations/$"))
    expect(page.locator(".alert--success").first).to_be_visible()
    assert_accessible(page)
    log_out(page, words)

    # The member now has access.
    assert User.objects.get(email="karen@vestbyskolen.dk.example").status == "validated"
    log_in(page, "karen@vestbyskolen.dk.example", PASSWORD)
    page.wait_for_url(re.compile(r"/home/$"))
    expect(page.locator("h1")).to_have_text(words["welcome"])
    assert_accessible(page)
    page.goto("/account/status/")
    assert_accessible(page)
    page.goto("/account/profile/")
    assert_accessible(page)
