"""The real thing: tasks enqueued on the database backend (django-tasks-db) and run by `manage.py run_worker`,
which also enqueues the periodic tasks that are due. Committed transactions, so the worker sees what was queued
as it would in production; on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from comenius.core import tasks
from comenius.core.emails import send_templated_mail
from comenius.core.models import PeriodicTaskRun
from comenius.core.tests.test_tasks import CALLS, FAILED, always_fails

pytestmark = pytest.mark.django_db(transaction=True)

FAILING = "comenius.core.tests.test_tasks.always_fails"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    CALLS.clear()
    FAILED.clear()


def run_worker() -> str:
    out = StringIO()
    call_command("run_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=out)
    return out.getvalue()


def test_an_e_mail_is_queued_in_the_database_and_sent_by_the_worker():
    user = get_user_model().objects.create_user("birgit@example.org", first_name="Birgit", language="da")
    send_templated_mail(
        "birgit@example.org", "da", "core/email/download_ready",
        {"member": user, "title": "Kopi", "url": "https://x.example/y", "hours": 3},
    )  # fmt: skip
    queued = DBTaskResult.objects.get(task_path="comenius.core.emails.deliver_templated_mail")
    assert queued.status == TaskResultStatus.READY and mail.outbox == []  # nothing sent by the request

    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    [message] = mail.outbox
    assert message.to == ["birgit@example.org"] and "Kære Birgit" in message.body


def test_the_worker_runs_the_periodic_tasks_once_per_interval():
    run_worker()
    runs = {run.name for run in PeriodicTaskRun.objects.all()}
    assert runs == set(tasks.PERIODIC)  # every registered periodic task was due on a fresh install
    periodic = DBTaskResult.objects.exclude(task_path__startswith="comenius.core.emails")
    assert periodic.count() == len(tasks.PERIODIC)
    assert set(periodic.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}  # all of them work

    run_worker()  # a restart, or a second worker, in the same interval
    assert DBTaskResult.objects.exclude(task_path__startswith="comenius.core.emails").count() == len(tasks.PERIODIC)

    PeriodicTaskRun.objects.filter(name="moderation.lift_suspensions").update(
        next_run_at=timezone.now() - timedelta(seconds=1)
    )
    run_worker()
    assert DBTaskResult.objects.filter(task_path="comenius.moderation.tasks.lift_suspensions").count() == 2


def test_a_failing_task_is_retried_later_then_marked_failed():
    always_fails.enqueue("export")
    run_worker()
    attempts = list(DBTaskResult.objects.filter(task_path=FAILING).order_by("enqueued_at"))
    assert [attempt.status for attempt in attempts] == [TaskResultStatus.FAILED, TaskResultStatus.READY]
    assert attempts[0].exception_class_path == "builtins.RuntimeError" and "export is broken" in attempts[0].traceback
    assert attempts[1].run_after > timezone.now()  # the retry waits (backoff); a batch run leaves it
    assert attempts[1].args_kwargs == {"args": ["export"], "kwargs": {tasks.ATTEMPT: 2}}

    for _retry in range(2):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run_worker()
    rows = DBTaskResult.objects.filter(task_path=FAILING).order_by("enqueued_at")
    statuses = list(rows.values_list("status", flat=True))
    assert statuses == [TaskResultStatus.FAILED] * 3  # bounded: three attempts, then it stops
    assert CALLS == ["export"] * 3 and FAILED == ["export"]
