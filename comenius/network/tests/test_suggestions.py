"""Suggested partners on the member's home page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.network import services
from comenius.network.access import own_profile, suggestions_for
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def suggested(viewer) -> list[str]:
    return [profile.user.get_full_name() for profile, _why in suggestions_for(viewer, own_profile(viewer))]


def test_suggestions_fit_and_come_from_other_countries(cast):
    fit = member(
        "FR", officer=cast.carla, first_name="Élodie", subjects=["mathematics"], languages={"en": 3}, ages=(9, 10)
    )
    unfit = member("FR", officer=cast.carla, first_name="Paul", subjects=["drama"], languages={"fr": 4}, ages=(16, 18))
    same_country = member("DK", officer=cast.jonas, first_name="Søren", subjects=["mathematics"], languages={"en": 3})
    names = suggested(cast.mette)
    assert fit.get_full_name() in names
    assert unfit.get_full_name() not in names
    assert same_country.get_full_name() not in names
    assert cast.lucia.get_full_name() not in names  # already a contact


def test_newcomers_are_suggested_with_a_reason(cast, client):
    newcomer = member(
        "PL", officer=cast.carla, first_name="Zofia", subjects=["science"], languages={"en": 2}, ages=(10, 11)
    )
    reasons = {p.user.get_full_name(): why for p, why in suggestions_for(cast.otto, own_profile(cast.otto))}
    assert newcomer.get_full_name() not in reasons  # Otto teaches history to older pupils
    profiles = {p.user.get_full_name(): why for p, why in suggestions_for(cast.mette, own_profile(cast.mette))}
    assert newcomer.get_full_name() in profiles
    assert any("Science" in reason for reason in profiles[newcomer.get_full_name()])
    client.force_login(cast.mette)
    assert newcomer.get_full_name() in client.get(reverse("site:home")).content.decode()


def test_blocked_people_are_not_suggested(cast):
    other = member("FR", officer=cast.carla, first_name="Élodie", subjects=["mathematics"], languages={"en": 3})
    services.block(other, cast.mette)
    assert other.get_full_name() not in suggested(cast.mette)
