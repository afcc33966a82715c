"""allauth's other pages in the platform's voice (issue 11, STYLE.md), in English and Danish: password reset
(request, sent, from the link, done), password change, e-mail addresses, two-factor authentication (the log-in
step, the overview, the app, recovery codes), confirming it is you, and logging out. None says "Sign In"."""

from __future__ import annotations

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import CAST_PASSWORD, Cast, totp_now

pytestmark = pytest.mark.django_db

# The library's own words, in English and in its Danish catalog.
LIBRARY_WORDS = [
    "Sign In",
    "Sign Out",
    "sign out",
    "Password Reset",
    "Reset My Password",
    "Two-Factor Authentication",
    "Confirm Access",
    "Email Addresses",
    "Make Primary",
    "Bad Token",
    "Recovery Codes",
    "Security Keys",
    "Add Security Key",
    "Activate Authenticator App",
    "Alternative options",
    "Confirm Email Address",
    "expired or is invalid",
    "Log ind for at fortsætte",
    "Nulstil adgangskode",
    "Tofaktorautentificering",
]

OURS = {
    "en": {
        "reset": "Choose a new password",
        "sent": "If an account uses this address",
        "bad_key": "This link no longer works",
        "from_key": "Save the new password",
        "done": "Your new password is saved",
        "change": "Change your password",
        "email": "Your e-mail addresses",
        "mfa_step": "Log in: enter your code",
        "mfa": "Two-factor authentication",
        "totp": "Set up an authenticator app",
        "deactivate": "Turn off the authenticator app",
        "codes": "Make new recovery codes",
        "reauth": "Confirm it is you",
        "logout": "Log out of Comenius on this device?",
        "keys": "Passkeys and security keys",
        "add_key": "Add the key",
        "bad_confirm": "This link is too old or has been used already.",
    },
    "da": {
        "reset": "Vælg en ny adgangskode",
        "sent": "Hvis en konto bruger denne adresse",
        "bad_key": "Linket virker ikke længere",
        "from_key": "Gem den nye adgangskode",
        "done": "Din nye adgangskode er gemt",
        "change": "Skift din adgangskode",
        "email": "Dine e-mailadresser",
        "mfa_step": "Log ind: skriv din kode",
        "mfa": "Totrinsbekræftelse",
        "totp": "Opret en godkendelsesapp",
        "deactivate": "Slå godkendelsesappen fra",
        "codes": "Lav nye gendannelseskoder",
        "reauth": "Bekræft, at det er dig",
        "logout": "Vil du logge ud af Comenius på denne enhed?",
        "keys": "Adgangsnøgler og sikkerhedsnøgler",
        "add_key": "Tilføj nøglen",
        "bad_confirm": "Linket er for gammelt eller allerede brugt.",
    },
}


def page(client: Client, url: str, language: str) -> str:
    response = client.get(url, headers={"accept-language": language}, follow=True)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert f'<html lang="{language}" dir="ltr">' in html, url
    for words in LIBRARY_WORDS:
        assert words not in html, f"{url} ({language}) says {words!r}"
    return html


def as_language(client: Client, user, language: str) -> Client:
    """Logged in through the log-in form (and the code, for an officer), having just confirmed it is them."""
    user.language = language
    user.save(update_fields=["language"])
    response = client.post(reverse("account_login"), {"login": user.email, "password": CAST_PASSWORD})
    if response.status_code == 302 and response["Location"] == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302 and response["Location"] != reverse("account_login")
    # Turning the app on or off and new codes ask to confirm it is you (allauth): confirm it, with the password.
    assert client.post(reverse("account_reauthenticate"), {"password": CAST_PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("language", ["en", "da"])
def test_password_reset_pages_speak_our_words(cast: Cast, language: str):
    words = OURS[language]
    anonymous = Client()
    assert words["reset"] in page(anonymous, reverse("account_reset_password"), language)
    response = anonymous.post(
        reverse("account_reset_password"), {"email": cast.otto.email}, headers={"accept-language": language}
    )
    assert response.status_code == 302
    assert words["sent"] in page(anonymous, response["Location"], language)
    bad = reverse("account_reset_password_from_key", args=[user_pk_to_url_str(cast.otto), "wrong-key"])
    assert words["bad_key"] in page(anonymous, bad, language)
    key = default_token_generator.make_token(cast.otto)
    good = reverse("account_reset_password_from_key", args=[user_pk_to_url_str(cast.otto), key])
    assert words["from_key"] in page(anonymous, good, language)
    assert words["done"] in page(anonymous, reverse("account_reset_password_from_key_done"), language)
    assert words["bad_confirm"] in page(anonymous, reverse("account_confirm_email", args=["no-such-key"]), language)


@pytest.mark.parametrize("language", ["en", "da"])
def test_account_and_security_pages_speak_our_words(cast: Cast, language: str):
    words = OURS[language]
    otto = as_language(Client(), cast.otto, language)
    assert words["change"] in page(otto, reverse("account_change_password"), language)
    email = page(otto, reverse("account_email"), language)
    assert words["email"] in email
    # The addresses are one radio group with its legend (issue 11).
    assert "<fieldset" in email and "<legend>" in email
    assert words["logout"] in page(otto, reverse("account_logout"), language)
    assert words["reauth"] in page(otto, reverse("account_reauthenticate"), language)
    assert words["mfa"] in page(otto, reverse("mfa_index"), language)
    assert words["totp"] in page(otto, reverse("mfa_activate_totp"), language)

    jonas = as_language(Client(), cast.jonas, language)  # an officer: two-factor authentication is on
    assert words["mfa"] in page(jonas, reverse("mfa_index"), language)
    assert words["deactivate"] in page(jonas, reverse("mfa_deactivate_totp"), language)
    assert words["codes"] in page(jonas, reverse("mfa_generate_recovery_codes"), language)
    assert words["reauth"] in page(jonas, reverse("mfa_reauthenticate"), language)
    assert words["keys"] in page(jonas, reverse("mfa_list_webauthn"), language)
    assert words["add_key"] in page(jonas, reverse("mfa_add_webauthn"), language)


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_second_log_in_step_speaks_our_words(cast: Cast, language: str):
    cast.jonas.language = language
    cast.jonas.save(update_fields=["language"])
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": cast.jonas.email, "password": CAST_PASSWORD},
        headers={"accept-language": language},
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    html = page(client, reverse("mfa_authenticate"), language)
    assert OURS[language]["mfa_step"] in html
    assert html.count("btn--primary") == 1  # one primary action
