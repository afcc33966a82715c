"""Words and details (issue 11): "0 minutes" reads "just now"; subject and language lists are alphabetical in
the reader's language; age selects start the same way on every form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from comenius.core.vocabulary import reading_order
from comenius.devdata.testing import Cast
from comenius.network.forms import IdeaSearchForm, PartnerProfileForm, PeopleSearchForm
from comenius.projects.forms import ProjectForm

pytestmark = pytest.mark.django_db


def labels(form, name: str) -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value != ""]


@pytest.mark.parametrize("language", ["en", "da"])
def test_subject_and_language_lists_are_alphabetical_in_the_readers_language(language: str):
    with translation.override(language):
        for form, name in [
            (PeopleSearchForm(), "subject"),
            (PeopleSearchForm(), "language"),
            (PartnerProfileForm(), "subjects"),
            (PartnerProfileForm(), "language_1"),
            (IdeaSearchForm(), "subject"),
            (ProjectForm(), "subjects"),
        ]:
            shown = labels(form, name)
            assert shown == sorted(shown, key=reading_order), f"{type(form).__name__}.{name} in {language}"


def test_danish_letters_come_after_z():
    with translation.override("da"):
        assert sorted(["Øko", "Zebra", "Ånd", "Æble", "Alfa"], key=reading_order) == [
            "Alfa",
            "Zebra",
            "Æble",
            "Øko",
            "Ånd",
        ]


def test_age_selects_start_the_same_way_on_every_form():
    for form in (PartnerProfileForm(), ProjectForm()):
        for name in ("age_min", "age_max"):
            choices = form.fields[name].choices  # type: ignore[attr-defined]
            assert next(iter(choices)) == ("", "—"), f"{type(form).__name__}.{name}"


def test_a_request_of_a_moment_ago_reads_just_now(cast: Cast):
    client = Client()
    client.force_login(cast.nina)
    html = client.get(reverse("accounts:status")).content.decode()
    assert "0 minutes" not in html


def test_a_reported_page_reads_as_text_not_html():
    from comenius.spaces.reportable import rich_text_as_text

    html = "<h2>Vestbyskolen</h2><p>We are <strong>4.b</strong> &amp; friends.</p><ul><li>Rivers</li><li>Lakes</li>"
    assert rich_text_as_text(html) == "Vestbyskolen\nWe are 4.b & friends.\nRivers\nLakes"


def test_the_confirmation_page_says_how_to_get_a_new_link_and_whom_to_ask(client):
    html = client.get(reverse("account_email_verification_sent")).content.decode()
    assert "spam" in html and reverse("account_login") in html and "national team" in html
    assert "Verify Your Email Address" not in html  # the library's own words
