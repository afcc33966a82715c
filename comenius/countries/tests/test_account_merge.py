"""One account per person (issue 12): a member merges their two accounts after proving both, or their NSO
merges them; every table is checked afterwards; nothing of an app without a merge hook is ever lost."""

from __future__ import annotations

from typing import Any

import pytest

from comenius.accounts import merge
from comenius.accounts.models import User, ValidationRequest
from comenius.ambassadors import services as ambassadors
from comenius.core import lifecycle
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import CAST_PASSWORD, client_for, make_institution, register
from comenius.institutions.models import Membership

pytestmark = pytest.mark.django_db


def _old_account(cast: Any) -> User:
    """Mette's second account from her old school address, still waiting, with a workplace elsewhere."""
    old_school = make_institution(cast.vestbyskolen.country, "Nordskolen", "primary", "Hjørring", "9800")
    old = register("mette.old@nordskolen.example", "Mette", "Sørensen", old_school)
    Membership.objects.create(user=old, institution=cast.vestbyskolen, role="teacher")  # at both schools
    ambassadors.ask_for_help(old, True, True, "old account")
    return old


def _rows_of(user: User) -> list[str]:
    """Every row of every model that points at the user (the deletion tests' check), except the audit log's
    record of who did what, which keeps its actor."""
    found = []
    for model in lifecycle.member_data_models():
        if model is AuditEvent:
            continue
        for field in model._meta.get_fields():
            related: Any = getattr(field, "related_model", None)
            is_user = field.is_relation and field.concrete and related is User
            if is_user and model._base_manager.filter(**{field.name: user}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_a_member_merges_after_proving_both_accounts_and_every_table_is_checked(cast):
    old = _old_account(cast)
    before = Membership.objects.filter(user__in=[cast.mette, old]).values("institution").distinct().count()
    response = client_for(cast.mette).post("/account/merge/", {"email": old.email, "password": CAST_PASSWORD})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.deleted_at is not None and not old.is_active and old.email is None
    assert _rows_of(old) == []
    assert Membership.objects.filter(user=cast.mette).count() == before  # both schools, once each
    assert ValidationRequest.objects.filter(user=cast.mette, status="open").count() == 0
    assert cast.mette.help_request.note == "old account"
    assert AuditEvent.objects.filter(action="member.accounts_merged", target_id=str(cast.mette.pk)).exists()
    cast.mette.refresh_from_db()
    assert cast.mette.is_validated_member


def test_a_merge_cannot_start_without_proving_both_accounts(cast):
    old = _old_account(cast)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.mette, cast.mette, old, password="wrong")
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.mette, cast.mette, old)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.otto, cast.mette, old, password=CAST_PASSWORD)  # someone else's accounts
    response = client_for(cast.mette).post("/account/merge/", {"email": old.email, "password": "wrong"})
    assert response.status_code == 400
    old.refresh_from_db()
    assert old.is_active and _rows_of(old) != []


def test_nso_merge_is_limited_to_its_country(cast):
    old = _old_account(cast)
    with pytest.raises(DomainError, match="only accounts of your country"):
        merge.merge_accounts(cast.ana, cast.mette, old, reason="same person")
    response = client_for(cast.ana).post(
        "/nso/accounts/merge/", {"kept": cast.mette.email, "merged": old.email, "reason": "x"}
    )
    assert response.status_code == 400
    response = client_for(cast.jonas).post(
        "/nso/accounts/merge/", {"kept": cast.mette.email, "merged": old.email, "reason": "checked"}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.deleted_at is not None and _rows_of(old) == []


def test_data_an_app_cannot_move_yet_stops_the_merge_instead_of_being_lost(cast, monkeypatch):
    """Every app merges now; a new app without a merge hook (here: network, as if it had none) stops a merge of an
    account with rows there: refused, nothing changes."""
    from comenius.network import services as network

    network.send_message(cast.otto, cast.mette, "Hej")
    monkeypatch.setattr(merge.lifecycle, "apps_without_merge", lambda: ["network"])
    with pytest.raises(DomainError, match="cannot be merged yet"):
        merge.merge_accounts(cast.jonas, cast.mette, cast.otto, reason="test")
    cast.otto.refresh_from_db()
    assert cast.otto.is_active and cast.otto.deleted_at is None
