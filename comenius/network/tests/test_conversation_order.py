"""A conversation's `last_message_at` and its read markers only move forward (issue 17): two messages committed
out of order, or a read mark racing a message, never set them back. Concurrent writers on PostgreSQL (real
connections, `DATABASE_URL=postgres://… pytest …`); the out-of-order case on every database."""

from __future__ import annotations

import datetime
import threading
from unittest import mock

import pytest
from django.db import connections
from django.db.models import Max
from django.utils import timezone

from comenius.network import services
from comenius.network.models import Conversation, Message


@pytest.fixture
def no_cold_limits(settings):
    settings.COLD_MESSAGES_PER_CONVERSATION = 1000
    settings.COLD_CONVERSATIONS_PER_DAY = 1000


@pytest.mark.django_db
def test_a_message_stamped_earlier_but_stored_later_does_not_move_the_conversation_back(cast, no_cold_limits):
    later = services.send_message(cast.mette, cast.lucia, "Sent second, stored first")
    earlier = timezone.now() - datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=earlier):
        services.send_message(cast.lucia, cast.mette, "Sent first, stored second")
        services.mark_read(cast.mette, later.conversation)
    conversation = Conversation.objects.get(pk=later.conversation_id)
    assert conversation.last_message_at == later.created_at
    mettes = conversation.first_read_at if conversation.first_id == cast.mette.pk else conversation.second_read_at
    assert mettes == later.created_at  # her read marker stays where her own message put it


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # concurrent writers: run by make test-postgres
def test_concurrent_writers_leave_the_latest_message_and_read_marks(cast, no_cold_limits):
    writers = [(cast.mette, cast.lucia), (cast.lucia, cast.mette)] * 3
    before = Message.objects.count()
    barrier = threading.Barrier(len(writers))
    errors: list[BaseException] = []

    def write(sender, recipient) -> None:
        try:
            barrier.wait(timeout=10)
            for number in range(5):
                message = services.send_message(sender, recipient, f"Message {number} from {sender.pk}")
                services.mark_read(recipient, message.conversation)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=write, args=pair) for pair in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    conversation = services.conversation_between(cast.mette, cast.lucia)
    assert Message.objects.count() == before + 30
    latest = Message.objects.filter(conversation=conversation).aggregate(latest=Max("created_at"))["latest"]
    assert conversation.last_message_at == latest
    for reader_at, reader in (
        (conversation.first_read_at, conversation.first),
        (conversation.second_read_at, conversation.second),
    ):
        own_latest = Message.objects.filter(conversation=conversation, sender=reader).aggregate(m=Max("created_at"))[
            "m"
        ]
        assert reader_at is not None and reader_at >= own_latest
