"""Personal access tokens: shown once, hashed at rest, expiry, unused-expiry, revoke, scopes, who may have one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from comenius.api import services
from comenius.api.models import AccessToken
from comenius.api.scopes import Scope
from comenius.api.tests.helpers import api_get, token_for
from comenius.core.errors import DomainError
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db


def test_a_token_is_shown_once_and_stored_only_as_a_digest(cast):
    page = client_for(cast.mette)
    response = page.post(reverse("api:tokens"), {"name": "Timetable", "scopes": [Scope.PROFILE_READ], "days": 90})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = AccessToken.objects.get(user=cast.mette)
    secret = response.context["created"]["secret"]
    assert secret.startswith("cmn_") and secret in response.content.decode()
    assert token.digest == services.digest_of(secret) and secret not in token.digest
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, prefix, digest, scopes FROM api_accesstoken")
        assert all(secret not in str(value) for row in cursor.fetchall() for value in row)
    again = page.get(reverse("api:tokens")).content.decode()
    assert secret not in again and "Timetable" in again and token.prefix in again
    assert api_get("/me", secret).json()["name"] == cast.mette.get_full_name()


def test_expired_unused_and_revoked_tokens_stop_working(cast):
    secret = token_for(cast.mette, Scope.PROFILE_READ)
    token = AccessToken.objects.get(user=cast.mette)
    assert api_get("/me", secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_get("/me", secret).status_code == 401

    AccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + timedelta(days=30), last_used_at=timezone.now() - timedelta(days=181)
    )
    assert api_get("/me", secret).status_code == 401
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(days=10))
    assert api_get("/me", secret).status_code == 200

    response = client_for(cast.mette).post(reverse("api:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert api_get("/me", secret).status_code == 401
    # Someone else's token cannot be revoked (or seen) by another member.
    other = token_for(cast.lucia, Scope.PROFILE_READ)
    lucias = AccessToken.objects.get(user=cast.lucia)
    assert client_for(cast.mette).post(reverse("api:revoke", args=[lucias.pk])).status_code == 404
    assert api_get("/me", other).status_code == 200


def test_a_token_does_only_what_its_scopes_allow(cast):
    secret = token_for(cast.mette, Scope.PROFILE_READ)
    denied = api_get("/me/contacts", secret)
    assert denied.status_code == 403
    assert denied.json()["code"] == "insufficient_scope"
    assert api_get("/me", secret).status_code == 200


def test_pupils_and_waiting_members_have_no_tokens(cast):
    for person in (cast.pia, cast.nina):
        assert client_for(person).get(reverse("api:tokens")).status_code == 404
        with pytest.raises(DomainError):
            services.create_token(person, "x", [Scope.PROFILE_READ], 30)


def test_officers_need_a_second_factor_for_their_countrys_data(cast):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=cast.jonas).delete()
    with pytest.raises(DomainError, match="two-factor"):
        services.create_token(cast.jonas, "queue", [Scope.NSO_READ], 30)
    with pytest.raises(DomainError):
        services.create_token(cast.mette, "queue", [Scope.NSO_READ], 30)  # not an officer's right


def test_expiry_is_bounded_and_suspension_revokes_every_token(cast, settings):
    with pytest.raises(DomainError):
        services.create_token(cast.mette, "x", [Scope.PROFILE_READ], settings.API_TOKEN_MAX_DAYS + 1)
    response = client_for(cast.mette).post(
        reverse("api:tokens"), {"name": "x", "scopes": [Scope.PROFILE_READ], "days": 400}
    )
    assert response.status_code == 200 and not AccessToken.objects.filter(user=cast.mette).exists()
    secret = token_for(cast.mette, Scope.PROFILE_READ)
    from comenius.accounts import services as accounts

    accounts.suspend_member(cast.mette, timezone.now() + timedelta(days=3))
    assert AccessToken.objects.get(user=cast.mette).revoked_at is not None
    assert api_get("/me", secret).status_code == 401


def test_the_profile_page_links_to_the_tokens(cast):
    page = client_for(cast.mette).get(reverse("accounts:profile")).content.decode()
    assert reverse("api:tokens") in page
    assert reverse("api:tokens") not in client_for(cast.pia).get("/").content.decode()
