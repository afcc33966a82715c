"""People search: filters that combine, relevance, what is hidden stays hidden, and bounded queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from comenius.core.search import is_postgres
from comenius.devdata.testing import count_queries
from comenius.network import services
from comenius.network.access import PeopleFilters, cards_for, search_people, with_card_data
from comenius.network.models import Profile
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def names(viewer, **filters) -> set[str]:
    return {p.user.get_full_name() for p in search_people(viewer, PeopleFilters(**filters))}


def test_filters_combine(cast):
    fr = member(
        "FR", officer=cast.carla, first_name="Amélie", subjects=["music"], languages={"fr": 4, "en": 2}, ages=(6, 8)
    )
    de = member("DE", officer=cast.carla, first_name="Jonas", subjects=["music"], languages={"de": 4}, ages=(14, 16))
    viewer = cast.otto
    assert {fr.get_full_name(), de.get_full_name()} <= names(viewer, subject="music")
    assert names(viewer, subject="music", country="FR") == {fr.get_full_name()}
    assert names(viewer, subject="music", age=15) == {de.get_full_name()}
    assert names(viewer, subject="music", language="en") == {fr.get_full_name()}
    assert names(viewer, subject="music", country="FR", age=15) == set()
    assert cast.lucia.get_full_name() in names(viewer, institution_type="upper_secondary")


def test_only_available_members_when_asked(cast):
    assert cast.otto.get_full_name() not in names(cast.mette, available=True)
    assert cast.otto.get_full_name() in names(cast.mette)


def test_viewer_never_finds_themself_pending_people_or_pupils(cast):
    found = names(cast.mette)
    assert cast.mette.get_full_name() not in found
    assert "Nina Holm" not in found and "Pia" not in found


def test_blocked_people_disappear_both_ways(cast):
    services.block(cast.lucia, cast.otto)
    assert cast.lucia.get_full_name() not in names(cast.otto)
    assert cast.otto.get_full_name() not in names(cast.lucia)


def test_hidden_fields_never_reach_a_card(cast, client):
    profile = Profile.objects.get(user=cast.lucia)
    profile.show_introduction = False
    profile.show_institution = False
    profile.save()
    services.refresh_search(profile)
    (card,) = cards_for(cast.otto, list(with_card_data(Profile.objects.filter(pk=profile.pk))))
    assert card.introduction is None and card.institution is None
    client.force_login(cast.otto)
    for url in (reverse("network:people"), reverse("network:person", args=[cast.lucia.pk])):
        page = client.get(url).content.decode()
        assert "Science teacher in Sevilla" not in page
        assert "Guadalquivir" not in page
    # Hidden words do not even match a search.
    assert cast.lucia.get_full_name() not in names(cast.otto, query="Sevilla")


def test_members_who_hide_from_search_are_not_found_but_contacts_see_them(cast, client):
    Profile.objects.filter(user=cast.lucia).update(searchable=False)
    services.refresh_search(Profile.objects.get(user=cast.lucia))
    assert cast.lucia.get_full_name() not in names(cast.otto)
    client.force_login(cast.otto)
    assert client.get(reverse("network:person", args=[cast.lucia.pk])).status_code == 404
    client.force_login(cast.mette)  # her contact
    assert client.get(reverse("network:person", args=[cast.lucia.pk])).status_code == 200


def test_free_text_finds_names_schools_and_words(cast):
    assert cast.lucia.get_full_name() in names(cast.otto, query="Guadalquivir")
    assert cast.lucia.get_full_name() in names(cast.otto, query="lucía")
    assert cast.mette.get_full_name() in names(cast.otto, query="Sørensen")
    if is_postgres():
        # Accent folding and trigram similarity on names, stemming in the member's language.
        assert cast.mette.get_full_name() in names(cast.otto, query="Sorensen")
        assert cast.lucia.get_full_name() in names(cast.otto, query="Garcia")
        assert cast.mette.get_full_name() in names(cast.otto, query="Sorensn")
    else:
        assert connection.vendor == "sqlite"


def test_results_page_shows_why_someone_matches(cast, client):
    client.force_login(cast.otto)
    response = client.get(reverse("network:people"), {"subject": "science", "language": "en"})
    page = response.content.decode()
    assert "Lucía García" in page and "Mette Sørensen" in page
    assert "teaches Science" in page and "works in English" in page
    # Filters live in the URL, so a search can be shared and the back button works.
    assert response.context["form"].data["subject"] == "science"


def test_search_page_queries_do_not_grow_with_results(cast, client):
    client.force_login(cast.otto)
    url = reverse("network:people")

    few = count_queries(client, url, {"language": "en"})
    for number in range(15):
        member(
            "IT",
            officer=cast.carla,
            first_name=f"Giulia{number}",
            subjects=["art", "music"],
            languages={"en": 3, "it": 4},
        )
    assert count_queries(client, url, {"language": "en"}) == few
    assert few <= 14
