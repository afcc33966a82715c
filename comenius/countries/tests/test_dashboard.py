"""The NSO dashboard: its own country's queues and charts, each with its table."""

from __future__ import annotations

import pytest

from comenius.countries import aggregates
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_queues_and_charts(cast):
    aggregates.refresh()
    page = client_for(cast.jonas).get("/nso/dashboard/")
    assert page.status_code == 200
    assert page.context["waiting"].count == 1  # Nina
    assert page.text.count('<svg class="chart__svg"') >= 2
    assert page.text.count("<table") >= 4  # every chart has its table
    assert "Danmark" in page.text or "Denmark" in page.text


def test_only_officers_see_a_dashboard(cast):
    assert client_for(cast.mette).get("/nso/dashboard/").status_code == 404
    assert client_for(None).get("/nso/dashboard/").status_code == 302
    page = client_for(cast.carla).get("/nso/dashboard/?country=ES")
    assert page.status_code == 200 and page.context["country"].code == "ES"
    page = client_for(cast.ana).get("/nso/dashboard/?country=DK")
    assert page.context["country"].code == "ES"  # an NSO sees its own country whatever it asks
