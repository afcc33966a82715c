"""A bulk validation does not send its e-mails in the request: each validated member's mail is its own task
(`notifications.mail.deliver`, enqueued by the notification service), rendered in that member's language when
the task runs."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_enqueued

from comenius.devdata.testing import Cast, register
from comenius.notifications.models import Notification

pytestmark = pytest.mark.django_db


def three_pending(cast: Cast) -> list[int]:
    members = [
        register("a@vestbyskolen.dk.example", "Anne", "Lind", cast.vestbyskolen, language="da"),
        register("b@vestbyskolen.dk.example", "Bent", "Lind", cast.vestbyskolen, language="en"),
        cast.nina,
    ]
    return [member.validation_requests.get().pk for member in members]


def test_bulk_validation_enqueues_one_mail_task_per_member_and_sends_nothing_itself(client, cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, never run
    ids = three_pending(cast)
    mail.outbox.clear()
    client.force_login(cast.jonas)
    client.post(reverse("accounts:queue_bulk"), {"selected": [str(pk) for pk in ids]})
    assert mail.outbox == []  # the request sent nothing
    queued = task_backends["default"].results  # type: ignore[attr-defined]
    assert [result.task.name for result in queued] == ["deliver"] * 3
    items = Notification.objects.filter(pk__in=[result.args[0] for result in queued])
    assert {item.recipient.email for item in items} == {
        "a@vestbyskolen.dk.example", "b@vestbyskolen.dk.example", cast.nina.email,
    }  # fmt: skip


def test_each_validation_mail_runs_as_a_task_in_the_members_language(client, cast):
    ids = three_pending(cast)
    mail.outbox.clear()
    results = []

    def note(sender, task_result, **kwargs):
        results.append(task_result)

    task_enqueued.connect(note)
    try:
        client.force_login(cast.jonas)
        client.post(reverse("accounts:queue_bulk"), {"selected": [str(pk) for pk in ids]})
    finally:
        task_enqueued.disconnect(note)
    mails = [result for result in results if result.task.name == "deliver"]
    assert len(mails) == 3 and all(result.status == TaskResultStatus.SUCCESSFUL for result in mails)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["b@vestbyskolen.dk.example"] == "[Comenius] You are a validated member"
    assert subjects["a@vestbyskolen.dk.example"] != subjects["b@vestbyskolen.dk.example"]  # Anne reads Danish
    assert subjects[cast.nina.email] == subjects["a@vestbyskolen.dk.example"]
