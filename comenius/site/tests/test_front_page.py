from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from comenius.core.models import Country
from comenius.devdata.testing import register

pytestmark = pytest.mark.django_db


def test_front_page_shows_live_figures(client, cast):
    response = client.get(reverse("site:front"))
    figures = response.context["figures"]
    # Mette, Lucía and Otto are validated; Nina is not. Both cast institutions are validated.
    assert figures == {"members": 3, "institutions": 2, "countries": Country.objects.participating().count()}
    register("new@vestbyskolen.dk.example", "New", "Person", cast.vestbyskolen)
    cache.clear()
    assert client.get(reverse("site:front")).context["figures"]["members"] == 3


def test_front_page_speaks_the_visitors_language(client, db):
    client.cookies["comenius_language"] = "da"
    assert "Find en partnerskole" in client.get(reverse("site:front")).content.decode()
    response = client.get(reverse("site:front"), headers={"accept-language": "da"})
    assert response.status_code == 200


def test_every_listed_country_is_loaded_with_its_consent_age(db):
    expected = {"DK": 13, "ES": 14, "FR": 15, "DE": 16, "TR": 16, "UA": 16, "NO": 16, "BE": 13, "GR": 15}
    ages = dict(Country.objects.filter(code__in=expected).values_list("code", "consent_age"))
    assert ages == expected
    eu = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "))
    others = set("IS LI NO AL BA ME MK RS TR AM AZ GE MD UA TN JO LB".split(" "))
    assert eu | others <= set(Country.objects.values_list("code", flat=True))
    assert all(Country.objects.get(code=code).nso_name for code in eu)
