"""One-to-one messages: who may write, cold-message limits, unread counts, live updates, batched e-mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comenius.core.errors import DomainError
from comenius.network import services
from comenius.network.access import conversations_for, unread_count
from comenius.network.models import Conversation, Message
from comenius.network.tests.helpers import member

pytestmark = pytest.mark.django_db


def test_contacts_write_freely_and_unread_counts_follow(cast):
    before = unread_count(cast.lucia)
    for text in ("one", "two", "three", "four"):
        services.send_message(cast.mette, cast.lucia, text)
    assert unread_count(cast.lucia) == before  # one conversation, however many messages
    conversation = Conversation.objects.get()
    services.mark_read(cast.lucia, conversation)
    assert unread_count(cast.lucia) == 0
    services.send_message(cast.mette, cast.lucia, "five")
    assert unread_count(cast.lucia) == 1
    assert unread_count(cast.mette) == 0


def test_cold_messages_wait_for_an_answer(cast, settings):
    settings.COLD_MESSAGES_PER_CONVERSATION = 2
    services.send_message(cast.otto, cast.lucia, "Hello")
    services.send_message(cast.otto, cast.lucia, "Are you there?")
    with pytest.raises(DomainError, match="wait for an answer"):
        services.send_message(cast.otto, cast.lucia, "Hello???")
    services.send_message(cast.lucia, cast.otto, "Yes!")
    services.send_message(cast.otto, cast.lucia, "Great")


def test_new_cold_conversations_are_limited_per_day(cast, settings):
    settings.COLD_CONVERSATIONS_PER_DAY = 2
    people = [member("FR", officer=cast.carla) for _ in range(3)]
    services.send_message(cast.otto, people[0], "Hi")
    services.send_message(cast.otto, people[1], "Hi")
    with pytest.raises(DomainError, match="many new people"):
        services.send_message(cast.otto, people[2], "Hi")
    # Answered conversations no longer count as cold.
    services.send_message(people[0], cast.otto, "Hello Otto")
    services.send_message(cast.otto, people[2], "Hi")


def test_nobody_writes_to_pending_members_pupils_or_themselves(cast):
    for recipient in (cast.nina, cast.pia, cast.otto):
        with pytest.raises(DomainError):
            services.send_message(cast.otto, recipient, "Hi")
    with pytest.raises(DomainError):
        services.send_message(cast.nina, cast.otto, "Hi")
    assert not Message.objects.filter(sender__in=[cast.otto, cast.nina]).exists()


def test_outsiders_cannot_read_a_conversation(client, cast):
    conversation = Conversation.objects.get()
    client.force_login(cast.otto)
    assert client.get(reverse("network:conversation", args=[conversation.pk])).status_code == 404
    assert client.get(reverse("network:conversation_updates", args=[conversation.pk])).status_code == 404
    response = client.post(reverse("network:conversation", args=[conversation.pk]), {"body": "sneaky"})
    assert response.status_code == 404
    assert not Message.objects.filter(body="sneaky").exists()


def test_conversation_page_and_live_updates(client, cast):
    conversation = Conversation.objects.get()
    client.force_login(cast.lucia)
    page = client.get(reverse("network:conversation", args=[conversation.pk]))
    last_id = page.context["last_id"]
    services.send_message(cast.mette, cast.lucia, "A brand <b>new</b> message")
    update = client.get(reverse("network:conversation_updates", args=[conversation.pk]), {"after": last_id})
    html = update.content.decode()
    assert "A brand &lt;b&gt;new&lt;/b&gt; message" in html  # escaped, never interpreted
    assert "Shall we start" not in html  # only what came after
    assert unread_count(cast.lucia) == 0


def test_send_through_the_page(client, cast):
    client.force_login(cast.otto)
    response = client.post(reverse("network:write_to", args=[cast.lucia.pk]), {"body": "Hej Lucía"})
    conversation = Conversation.objects.get(first__in=[cast.otto, cast.lucia], second__in=[cast.otto, cast.lucia])
    assert response.url == reverse("network:conversation", args=[conversation.pk])
    assert next(c.pk for c in conversations_for(cast.lucia)) == conversation.pk
    empty = client.post(reverse("network:conversation", args=[conversation.pk]), {"body": "   "})
    assert empty.status_code == 400


def test_recent_messages_wait_for_the_next_batch(cast):
    # The cast is built once a session: on a slow run its own messages are more than ten minutes old by now.
    Message.objects.update(created_at=timezone.now())
    services.send_message(cast.otto, cast.mette, "Just now")
    assert services.send_message_notifications(older_than_minutes=10) == 0
    Message.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    Conversation.objects.update(first_read_at=None, second_read_at=None)
    assert _run_notifications() >= 1


def test_email_notifications_are_batched_in_the_recipients_language(cast):
    services.send_message(cast.lucia, cast.mette, "Uno")
    services.send_message(cast.lucia, cast.mette, "Dos")
    services.send_message(cast.otto, cast.mette, "Tre")
    mail.outbox.clear()
    # Mette once for three messages from two people; Lucía not at all: by writing she has read Mette's.
    assert _run_notifications() == 1
    to_mette = [m for m in mail.outbox if cast.mette.email in m.to]
    assert len(to_mette) == 1
    assert "3" in to_mette[0].subject and "Lucía García" in to_mette[0].body  # Danish, but names stay
    assert _run_notifications() == 0  # nothing twice


def test_read_messages_are_not_mailed(cast):
    services.send_message(cast.lucia, cast.mette, "Seen already")
    services.mark_read(cast.mette, Conversation.objects.get())
    services.mark_read(cast.lucia, Conversation.objects.get())
    assert _run_notifications() == 0


def _run_notifications() -> int:
    from django.test.testcases import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.send_message_notifications(older_than_minutes=0)
