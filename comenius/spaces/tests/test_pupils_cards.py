"""Login cards: a real PDF, eight cards to an A4 page; printing gives the chosen pupils new passwords."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from comenius.devdata.testing import CAST_PASSWORD, Cast, client_for
from comenius.spaces import cards
from comenius.spaces.models import SpacePupil
from comenius.spaces.services.pupils import Credentials, add_pupils, reset_passwords
from comenius.spaces.tests.pupils_setup import can_log_in, other_space, place_of

pytestmark = pytest.mark.django_db


def pages(pdf: bytes) -> int:
    """Page objects in the PDF (ReportLab compresses the page contents, never the objects' dictionaries)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def cards_url(cast: Cast) -> str:
    return reverse("spaces:pupils_cards", kwargs={"space_id": cast.project.space.pk})


def add_class(cast: Cast, count: int) -> list[tuple[int, str, str]]:
    """(place id, username, password) of `count` new pupils in the cast's space."""
    created = add_pupils(cast.mette, cast.project.space, [f"Pupil {n}" for n in range(count)], consent_confirmed=True)
    return [(place_of(user).pk, user.username or "", password) for user, password in created]


@pytest.mark.parametrize(("count", "expected_pages"), [(1, 1), (8, 1), (9, 2), (17, 3)])
def test_the_cards_are_a_pdf_with_eight_cards_a_page(cast: Cast, count: int, expected_pages: int):
    pupils = add_class(cast, count)
    response = client_for(cast.mette).post(cards_url(cast), {"pupil": [pk for pk, _u, _p in pupils]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="login-cards.pdf"'
    assert "no-store" in response["Cache-Control"]
    pdf = response.content
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert pages(pdf) == expected_pages


def test_printing_gives_new_passwords(cast: Cast):
    [(pk, username, password), (_other_pk, other_username, other_password)] = add_class(cast, 2)
    response = client_for(cast.lucia).post(cards_url(cast), {"pupil": [pk]})
    assert response.status_code == 200
    assert not can_log_in(username, password)
    assert can_log_in(other_username, other_password)  # not chosen: unchanged


def test_all_pupils_at_once(cast: Cast):
    pupils = add_class(cast, 3)
    response = client_for(cast.mette).post(cards_url(cast), {"all": "1"})
    assert response.status_code == 200 and pages(response.content) == 1
    assert not can_log_in("pia.vestby", CAST_PASSWORD)
    assert not any(can_log_in(username, password) for _pk, username, password in pupils)


def test_nothing_chosen_prints_nothing(cast: Cast):
    client = client_for(cast.lucia)
    response = client.post(cards_url(cast), {})
    assert response.status_code == 302 and response["Location"].endswith("/members/#pupils")
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Choose at least one pupil."]
    assert can_log_in("pia.vestby", CAST_PASSWORD)


def test_another_spaces_pupils_cannot_be_printed_here(cast: Cast):
    other = other_space(cast)
    ole = place_of(other.ole)
    response = client_for(cast.mette).post(cards_url(cast), {"pupil": [ole.pk]})
    assert response.status_code == 302
    assert can_log_in(other.ole.username or "", other.ole_password)


def test_at_most_sixty_cards_at_a_time(cast: Cast):
    response = client_for(cast.mette).post(cards_url(cast), {"pupil": [str(n) for n in range(1, 62)]})
    assert response.status_code == 302
    assert can_log_in("pia.vestby", CAST_PASSWORD)


def test_cards_print_names_in_every_script(cast: Cast):
    names = ["Ελένη", "Жанна", "Łukasz", "Şule", "Ցոլակ", "ნინო", "Ioana-Maria Ștefania Georgescu-Popescu"]
    created = add_pupils(cast.mette, cast.project.space, names, consent_confirmed=True)
    logins = reset_passwords(cast.mette, cast.project.space, [place_of(user).pk for user, _password in created])
    pdf = cards.login_cards(logins)
    assert pdf.startswith(b"%PDF-") and pages(pdf) == 1


def test_without_a_unicode_font_letters_fall_back(cast: Cast, monkeypatch):
    """Vera (bundled with ReportLab) lacks Greek and some Latin letters: they lose their accent or become "?"."""
    monkeypatch.setattr(cards, "FONT_FOLDERS", [])
    monkeypatch.setattr(cards, "REGULAR", "CardSansFallback")
    monkeypatch.setattr(cards, "BOLD", "CardSansFallback-Bold")
    cards._register_fonts.cache_clear()
    try:
        cards._register_fonts()
        assert cards._printable("Ștefan Ελένη Søren", "CardSansFallback") == "Stefan ????? Søren"
        place = SpacePupil.objects.select_related("user", "space__project").get(user=cast.pia)
        assert cards.login_cards([Credentials(place, "mavo-tika-47")]).startswith(b"%PDF-")
    finally:
        cards._register_fonts.cache_clear()


def test_the_qr_code_leads_to_the_login_page_with_the_username(settings):
    settings.SITE_URL = "https://comenius.example/"
    assert cards.login_url() == "https://comenius.example/pupil/login/"
    assert cards.login_url("pia.vestby") == "https://comenius.example/pupil/login/?username=pia.vestby"


@pytest.mark.parametrize("chosen", ["²", "١٢", "9" * 5000, "9" * 20])
def test_cards_for_pupils_that_are_no_ids_print_nothing(cast: Cast, chosen: str):
    """Found by the door fuzzer (issue 21): `pupil=²` once gave a server error; now it chooses nobody."""
    [(_pk, username, password)] = add_class(cast, 1)
    client = client_for(cast.mette)
    client.raise_request_exception = False
    response = client.post(cards_url(cast), {"pupil": [chosen]})
    assert response.status_code == 302
    assert can_log_in(username, password)  # no card printed, so no new password
