"""Newcomers ask for help; the ambassadors of their region see only what they share and offer help."""

from __future__ import annotations

import pytest
from django.core import mail

from comenius.ambassadors import services
from comenius.ambassadors.tests.helpers import appoint
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_a_waiting_newcomer_asks_and_the_local_ambassador_offers_help(cast):
    appoint(cast.jonas, cast.mette, ["dk-nordjylland"])
    response = client_for(cast.nina).post(
        "/ambassadors/help/", {"share_name": "", "share_school": "on", "note": "How do I start?"}
    )
    assert response.status_code == 302
    page = client_for(cast.mette).get("/ambassadors/newcomers/")
    assert "How do I start?" in page.text and "Vestbyskolen" in page.text
    assert "Nina" not in page.text  # she did not share her name
    request = cast.nina.help_request
    client_for(cast.mette).post(f"/ambassadors/newcomers/{request.pk}/offer/")
    to_nina = [m for m in mail.outbox if m.to == [cast.nina.email]]
    assert len(to_nina) == 1 and cast.mette.email in to_nina[0].body


def test_ambassadors_of_other_regions_do_not_see_them(cast):
    appoint(cast.jonas, cast.otto, ["dk-hovedstaden"])
    services.ask_for_help(cast.nina, True, True, "")
    page = client_for(cast.otto).get("/ambassadors/newcomers/")
    assert "Nina" not in page.text
    assert client_for(cast.lucia).get("/ambassadors/newcomers/").status_code == 404  # not an ambassador
