"""QR posters: the QR code carries the region's finder address with the campaign tag; visits are counted."""

from __future__ import annotations

import io
from unittest import mock

import pytest
import segno
from pypdf import PdfReader

from comenius.ambassadors import posters, regions
from comenius.ambassadors.models import PosterVisit
from comenius.core.models import Country
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_poster_qr_carries_the_region_url_and_campaign(cast, settings):
    settings.SITE_URL = "https://comenius.example"
    made: list[str] = []
    real = segno.make

    def spy(data, *args, **kwargs):
        made.append(data)
        return real(data, *args, **kwargs)

    with mock.patch("comenius.ambassadors.posters.segno.make", side_effect=spy):
        response = client_for(cast.jonas).get(
            "/nso/ambassadors/poster/", {"region": "dk-hovedstaden", "size": "a5", "campaign": "Autumn 2026"}
        )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    expected = "https://comenius.example/ambassadors/dk/?region=dk-hovedstaden&c=autumn-2026"
    assert made == [expected]
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert expected in page.extract_text().replace("\n", "")
    links = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]  # type: ignore[attr-defined]
    assert links == [expected]
    assert abs(float(page.mediabox.width) - 419.5) < 1  # A5


def test_poster_speaks_the_countrys_language(cast):
    pdf, _url = posters.render(Country.objects.get(pk="DK"), regions.get("dk-nordjylland"), "x", "a4")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Find din lokale ambassadør" in text
    assert "Region Nordjylland" in text


def test_posters_are_for_the_nso_only(cast):
    assert client_for(cast.mette).get("/nso/ambassadors/poster/", {"size": "a4"}).status_code == 404
    assert client_for(None).get("/nso/ambassadors/poster/", {"size": "a4"}).status_code == 302


def test_visits_from_posters_are_counted_once_without_cookies(cast):
    visitor = client_for(None)
    first = visitor.get("/ambassadors/dk/?region=dk-hovedstaden&c=autumn-2026")
    assert set(first.cookies) <= {"csrftoken"}  # the language switcher's form; nothing counts visits
    visitor.get("/ambassadors/dk/?region=dk-hovedstaden&c=autumn-2026")  # a reload
    client_for(None).get("/ambassadors/dk/?region=dk-hovedstaden&c=autumn-2026", HTTP_USER_AGENT="Other phone")
    visit = PosterVisit.objects.get()
    assert (visit.region, visit.campaign, visit.visits) == ("dk-hovedstaden", "autumn-2026", 2)
    page = client_for(cast.jonas).get("/nso/ambassadors/")
    assert "autumn-2026" in page.text
