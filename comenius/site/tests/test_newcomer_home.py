"""A new member's first minutes (issue 11): with an empty partner profile the home invites them to complete it
(and says what it changes), and suggests partners from what is known: the same type of institution in other
countries, first those who work in the language of the interface."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.core.models import Country
from comenius.devdata.testing import Cast, make_institution, register, validated
from comenius.network import access
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def newcomer(cast: Cast, language: str = "da"):
    school = make_institution(Country.objects.get(code="DK"), "Nordby Skole", "primary", "Nordby")
    return validated(register("nora@nordby.dk.example", "Nora", "Nyborg", school, language=language), cast.jonas)


def test_the_home_invites_a_newcomer_to_complete_the_profile(cast: Cast):
    nora = newcomer(cast, language="en")
    client = Client()
    client.force_login(nora)
    html = client.get(reverse("site:home")).content.decode()
    assert 'id="profile-invite-title"' in html
    assert "find you" in html  # what completing it changes
    assert reverse("network:edit_profile") in html


def test_suggestions_for_an_empty_profile_come_from_what_is_known(cast: Cast):
    nora = newcomer(cast, language="de")
    primary_german = member("AT", officer=cast.carla, first_name="Anna", languages={"de": 4}, ages=(8, 10))
    primary_french = member("FR", officer=cast.carla, first_name="Luc", languages={"fr": 4})
    upper = member("DE", officer=cast.carla, first_name="Uwe", languages={"de": 4}, institution_type="upper_secondary")
    own = access.own_profile(nora)
    assert access.profile_is_empty(own)
    suggested = access.suggestions_for(nora, own)
    people = [profile.user for profile, _reasons in suggested]
    assert upper not in people  # another type of institution
    assert people[:1] == [primary_german]  # the interface's language first
    assert primary_french in people
    reasons = {profile.user: why for profile, why in suggested}
    assert any("Primary school" in why for why in reasons[primary_german])
    assert any("German" in why for why in reasons[primary_german])
    assert all(profile.country_id != "DK" for profile, _why in suggested)
