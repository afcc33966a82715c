"""The admin site of central support: MFA (test_nso_scope.py), and searches of a sane length."""

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
