"""Account merge proven by the other account's e-mail (issue 12): a member who has no password of their old account
asks for a code at its address (through notifications' notify_address), types it, and the accounts merge. The
code works once, for a limited time and a few tries; codes are rate limited; an address without an account gets
the same answer and no mail."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from comenius.accounts import merge
from comenius.accounts.models import MergeCode, User
from comenius.core.errors import DomainError
from comenius.countries.tests.test_account_merge import _old_account, _rows_of
from comenius.devdata.testing import client_for

pytestmark = pytest.mark.django_db

URL = "/account/merge/"


def _ask(client: Any, email: str | None) -> Any:
    return client.post(URL, {"step": "send_code", "ask-email": email})


def _code_sent_to(address: str | None) -> str:
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    assert message.extra_headers.get("X-Comenius-Notification") == "accounts.merge_code"
    found = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", str(message.body))
    assert found, message.body
    return found.group(1)


def _send(cast: Any, email: str | None) -> None:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        merge.send_merge_code(cast.mette, str(email))


def _confirm(client: Any, email: str | None, code: str) -> Any:
    return client.post(URL, {"step": "code", "code-email": email, "code-code": code})


def test_a_member_merges_by_confirming_the_other_address(cast):
    old = _old_account(cast)
    client = client_for(cast.mette)
    mail.outbox.clear()
    response = _ask(client, old.email)
    assert response.status_code == 200
    assert 'name="code-code"' in response.content.decode()
    code = _code_sent_to(old.email)
    assert MergeCode.objects.get(kept=cast.mette, other=old).code_digest != code  # only a digest is stored
    response = _confirm(client, old.email, code.lower().replace("-", " "))  # typed as the member likes
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.deleted_at is not None and _rows_of(old) == []


def test_a_wrong_code_changes_nothing_and_a_code_stops_after_its_tries(cast):
    old = _old_account(cast)
    client = client_for(cast.mette)
    _ask(client, old.email)
    code = _code_sent_to(old.email)
    for _try in range(merge.MERGE_CODE_TRIES):
        response = _confirm(client, old.email, "AAAA-AAAA")
        assert response.status_code == 400
        assert "not the code we sent" in response.content.decode() or "ikke den kode" in response.content.decode()
    response = _confirm(client, old.email, code)  # the right code, too late: the tries are used up
    assert response.status_code == 400
    old.refresh_from_db()
    assert old.deleted_at is None and old.is_active


def test_an_expired_code_does_not_work(cast):
    old = _old_account(cast)
    _send(cast, old.email)
    code = _code_sent_to(old.email)
    MergeCode.objects.filter(other=old).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(DomainError, match="does not work any more"):
        merge.merge_accounts(cast.mette, cast.mette, old, code=code)
    old.refresh_from_db()
    assert old.deleted_at is None


def test_a_code_works_once_and_a_new_code_ends_the_old_one(cast):
    old = _old_account(cast)
    _send(cast, old.email)
    first = _code_sent_to(old.email)
    _send(cast, old.email)
    second = _code_sent_to(old.email)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.mette, cast.mette, old, code=first)  # ended by the second
    code = MergeCode.objects.get(other=old, used_at__isnull=True, expires_at__gt=timezone.now())
    code.used_at = timezone.now()
    code.save(update_fields=["used_at"])
    with pytest.raises(DomainError, match="does not work any more"):
        merge.merge_accounts(cast.mette, cast.mette, old, code=second)  # already used
    code.used_at = None
    code.save(update_fields=["used_at"])
    merge.merge_accounts(cast.mette, cast.mette, old, code=second)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.mette, cast.mette, old, code=second)  # spent, and the account has ended


def test_someone_else_cannot_use_a_code_sent_for_another_member(cast):
    old = _old_account(cast)
    _send(cast, old.email)
    code = _code_sent_to(old.email)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.otto, cast.otto, old, code=code)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.otto, cast.mette, old, code=code)


def test_codes_are_rate_limited_and_unknown_addresses_get_the_same_answer(cast):
    old = _old_account(cast)
    client = client_for(cast.mette)
    mail.outbox.clear()
    response = _ask(client, "nobody@nowhere.example")
    assert response.status_code == 200 and 'name="code-code"' in response.content.decode()
    assert mail.outbox == []
    assert not MergeCode.objects.exists()
    for _n in range(merge.MERGE_CODES_PER_HOUR):
        assert _ask(client, old.email).status_code == 200
    assert len([m for m in mail.outbox if old.email in m.to]) == merge.MERGE_CODES_PER_HOUR
    response = _ask(client, old.email)
    assert response.status_code == 400
    assert MergeCode.objects.filter(kept=cast.mette).count() == merge.MERGE_CODES_PER_HOUR
    assert User.objects.get(pk=old.pk).is_active
