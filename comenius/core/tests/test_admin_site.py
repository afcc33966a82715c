"""The admin site of central support: MFA (test_nso_scope.py), searches of a sane length, JSON fields that
refuse what is not JSON."""

from __future__ import annotations

import pytest
from django.test import Client

from comenius.core.admin_site import MAX_SEARCH_LENGTH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/admin/core/auditevent/", "/admin/institutions/institution/", "/admin/accounts/user/"]
)
def test_a_huge_search_is_cut_with_a_message_not_a_server_error(cast, path):
    """Found by the door fuzzer (issue 21): 50,000 "ø" in the admin search made SQLite refuse the LIKE
    pattern ("LIKE or GLOB pattern too complex"), a server error."""
    client = Client(raise_request_exception=False)
    client.force_login(cast.carla)
    response = client.get(path, {"q": "ø" * 50_000})
    assert response.status_code == 200
    assert f"at most {MAX_SEARCH_LENGTH} characters" in response.content.decode()
    assert client.get(path, {"q": "Vestby"}).status_code == 200


@pytest.mark.parametrize("languages", ["9" * 5000, "[" * 5000 + "]" * 5000, "not json"])
def test_json_fields_refuse_what_json_cannot_hold_with_the_form(cast, languages):
    """Found by the door fuzzer (issue 21): 100,000 digits in a country's languages made Django's JSON form
    field raise ValueError (int() refuses more than 4,300 digits), a server error."""
    from comenius.core.models import Country

    client = Client(raise_request_exception=False)
    client.force_login(cast.carla)
    before = Country.objects.count()
    data = {"code": "ZZ", "name": "Zedland", "languages": languages, "is_active": "on"}
    response = client.post("/admin/core/country/add/", data)
    assert response.status_code == 200
    assert "Enter a valid JSON." in response.content.decode()
    assert Country.objects.count() == before
