"""Reminders a day and an hour before, through the periodic task: each sent once, even when the task runs twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from comenius.core import tasks as core_tasks
from comenius.devdata.testing import Cast
from comenius.events import services, tasks
from comenius.events.models import Registration
from comenius.events.tests.helpers import danish_event

pytestmark = pytest.mark.django_db


def test_the_day_and_hour_reminders_go_once(cast: Cast, django_capture_on_commit_callbacks):
    event = danish_event(cast)
    services.register(cast.mette, event)
    services.register(cast.otto, event)
    mail.outbox.clear()
    start = event.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=start - timedelta(days=2)) == 0  # too early
        assert services.send_reminders(now=start - timedelta(hours=20)) == 2
        assert services.send_reminders(now=start - timedelta(hours=19)) == 0  # the task runs again: nothing new
    assert len(mail.outbox) == 2
    assert all("eTwinning for beginners" in m.subject for m in mail.outbox)
    danish = next(m for m in mail.outbox if m.to == ["mette@vestbyskolen.dk.example"])
    assert "I morgen" in danish.subject  # Mette reads Danish
    assert "https://meet.jit.si/comenius-beginners" in danish.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=start - timedelta(minutes=45)) == 2
        assert services.send_reminders(now=start - timedelta(minutes=40)) == 0
        assert services.send_reminders(now=start + timedelta(minutes=5)) == 0  # started: no more
    assert len(mail.outbox) == 2


def test_the_periodic_task_is_registered_and_runs(cast: Cast, django_capture_on_commit_callbacks):
    assert "events.send_reminders" in core_tasks.PERIODIC
    assert "events.expire_offers" in core_tasks.PERIODIC
    soon = timezone.now() + timedelta(hours=5)
    event = danish_event(cast, starts_at=soon)
    services.register(cast.mette, event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminders.enqueue()
        tasks.send_reminders.enqueue()  # a second worker, a retry: still one e-mail
    assert len(mail.outbox) == 1
    assert Registration.objects.get(event=event, user=cast.mette).reminded_day_at is not None


def test_someone_registering_in_the_last_hour_gets_the_hour_reminder_only(
    cast: Cast, django_capture_on_commit_callbacks
):
    event = danish_event(cast, starts_at=timezone.now() + timedelta(minutes=50))
    services.register(cast.mette, event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    [message] = mail.outbox
    assert "Om en time" in message.subject  # Mette reads Danish


def test_a_new_time_restarts_the_reminders(cast: Cast):
    from comenius.events.tests.helpers import event_data

    event = danish_event(cast)
    services.register(cast.mette, event)
    services.send_reminders(now=event.starts_at - timedelta(hours=20))
    later = event.starts_at + timedelta(days=3)
    services.update_event(cast.jonas, event, event_data(starts_at=later))
    registration = Registration.objects.get(event=event, user=cast.mette)
    assert registration.reminded_day_at is None
    event.refresh_from_db()
    assert event.sequence == 1
