"""Two merges of the same two accounts at the same moment, in opposite directions, on two real database
connections: `merge_accounts` locks both user rows in id order, so the second waits for the first, then finds its
account already ended and refuses — exactly one merge happens and no row is left on either side of a half merge.

PostgreSQL only (SQLite has one writer and no row locks): `DATABASE_URL=postgres://… pytest …`."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from comenius.accounts import merge
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.network.models import Message

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]


def test_two_racing_merges_of_the_same_accounts_make_exactly_one(cast):
    from comenius.network import services as network

    network.send_message(cast.otto, cast.lucia, "Hola from the old account")
    network.send_message(cast.mette, cast.lucia, "Hola from the new account")
    pairs = [(cast.mette, cast.otto), (cast.otto, cast.mette)]
    barrier = threading.Barrier(len(pairs))
    done: list[int] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def run(kept: User, merged: User) -> None:
        try:
            barrier.wait(timeout=10)
            done.append(merge.merge_accounts(cast.jonas, kept, merged, reason="race").pk)
        except DomainError as error:
            refused.append(str(error))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(done) == 1 and len(refused) == 1
    kept = User.objects.get(pk=done[0])
    ended = User.objects.get(pk=cast.otto.pk if kept.pk == cast.mette.pk else cast.mette.pk)
    assert kept.deleted_at is None and kept.is_active
    assert ended.deleted_at is not None
    assert Message.objects.filter(sender=ended).count() == 0
    assert Message.objects.filter(sender=kept, body__startswith="Hola").count() == 2
