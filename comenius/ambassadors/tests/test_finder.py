"""The public finder: by country, region, postcode, municipality, level and language; the map."""

from __future__ import annotations

import pytest

from comenius.ambassadors import regions
from comenius.ambassadors.tests.helpers import appoint
from comenius.devdata.testing import client_for, count_queries
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def _code(region: regions.Region | None) -> str:
    return region.code if region else ""


def test_region_data_is_complete_for_denmark():
    danish = regions.regions_of("DK")
    assert len(danish) == 5
    assert sum(len(region.areas) for region in danish) == 98  # every Danish municipality once
    assert _code(regions.region_for_postcode("DK", "2100")) == "dk-hovedstaden"
    assert _code(regions.region_for_postcode("DK", "2670")) == "dk-sjaelland"  # Greve: the narrower range wins
    assert _code(regions.region_for_postcode("DK", "8000")) == "dk-midtjylland"
    assert _code(regions.region_for_postcode("DK", "5000")) == "dk-syddanmark"
    assert _code(regions.region_for_postcode("DK", "9800")) == "dk-nordjylland"
    assert _code(regions.region_for_postcode("DK", "DK-3700 Rønne")) == "dk-hovedstaden"
    assert regions.region_for_postcode("DK", "abc") is None
    assert _code(regions.region_for_area("DK", "aalborg")) == "dk-nordjylland"
    assert _code(regions.region_for_postcode("ES", "41001")) == "es-an"


@pytest.fixture
def ambassadors(cast):
    north = appoint(cast.jonas, cast.mette, ["dk-nordjylland"], levels=["primary"], languages=["da"])
    capital = appoint(
        cast.jonas, cast.otto, ["dk-hovedstaden", "dk-sjaelland"], levels=["ecec"], languages=["da", "en"]
    )
    return north, capital


def test_finder_by_region_postcode_and_municipality(cast, ambassadors):
    visitor = client_for(None)
    page = visitor.get("/ambassadors/dk/?region=dk-nordjylland")
    assert "Mette" in page.text and "Otto Berg" not in page.text
    page = visitor.get("/ambassadors/dk/?postcode=2100")
    assert "Otto Berg" in page.text and "Mette Sørensen" not in page.text
    page = visitor.get("/ambassadors/dk/?postcode=4000")  # Roskilde: Sjælland
    assert "Otto Berg" in page.text
    page = visitor.get("/ambassadors/dk/?municipality=Hjørring")
    assert "Mette Sørensen" in page.text and "Otto Berg" not in page.text
    page = visitor.get("/ambassadors/dk/?postcode=0000")
    assert "could not place" in page.text and "Mette Sørensen" not in page.text


def test_finder_by_level_and_language(cast, ambassadors):
    visitor = client_for(None)
    page = visitor.get("/ambassadors/dk/?level=ecec")
    assert "Otto Berg" in page.text and "Mette Sørensen" not in page.text
    page = visitor.get("/ambassadors/dk/?language=en")
    assert "Otto Berg" in page.text and "Mette Sørensen" not in page.text


def test_the_map_draws_the_regions_with_links_and_counts(cast, ambassadors):
    page = client_for(None).get("/ambassadors/dk/")
    assert page.status_code == 200
    assert page.text.count("<polygon") >= 5
    assert 'href="?region=dk-nordjylland#results"' in page.text
    assert "Region Nordjylland: 1 ambassador" in page.text
    assert cast.mette.email not in page.text and cast.otto.email not in page.text


def test_index_and_unknown_countries(cast, ambassadors):
    visitor = client_for(None)
    assert visitor.get("/ambassadors/").status_code == 200
    assert visitor.get("/ambassadors/xx/").status_code == 404
    assert visitor.get("/ambassadors/es/").status_code == 200  # no ambassadors: an empty state


def test_finder_queries_do_not_grow_with_ambassadors(cast, ambassadors):
    visitor = client_for(None)
    before = count_queries(visitor, "/ambassadors/dk/")
    for _number in range(4):
        appoint(cast.jonas, member("DK", officer=cast.jonas), ["dk-syddanmark"])
    assert count_queries(visitor, "/ambassadors/dk/") == before
