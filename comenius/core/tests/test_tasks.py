"""The task layer (core/tasks.py, core/emails.py): bounded retries that end in a logged, reported failure; enqueue
after commit; periodic tasks that run once when due and never twice in one interval; e-mail context that survives
the trip through JSON. Tests run tasks at once (the immediate backend, comenius/conftest.py); the database queue
and the real worker are in test_worker.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks.signals import task_enqueued

from comenius.core import tasks
from comenius.core.emails import decode_context, encode_context, send_templated_mail
from comenius.core.models import PeriodicTaskRun

CALLS: list[str] = []
FAILED: list[str] = []


def _note_failure(label: str) -> None:
    FAILED.append(label)


@tasks.background(retries=2, backoff=60, on_failure=_note_failure)
def always_fails(label: str) -> None:
    CALLS.append(label)
    raise RuntimeError(f"{label} is broken")


@tasks.background(retries=2, backoff=1)
def fails_once(label: str) -> str:
    CALLS.append(label)
    if len(CALLS) == 1:
        raise RuntimeError("a passing hiccup")
    return f"{label} done"


@tasks.background()
def count_run() -> int:
    CALLS.append("periodic")
    return len(CALLS)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    CALLS.clear()
    FAILED.clear()


def results_of(run):
    """Every task result the block enqueues (retries included), in order."""
    seen = []

    def note(sender, task_result, **kwargs):
        seen.append(task_result)

    task_enqueued.connect(note)
    try:
        run()
    finally:
        task_enqueued.disconnect(note)
    return seen


def test_a_task_that_keeps_failing_is_retried_then_marked_failed_and_reported(caplog):
    with caplog.at_level("WARNING", logger="comenius.tasks"):
        results = results_of(lambda: always_fails.enqueue("export"))
    assert CALLS == ["export"] * 3  # the first attempt and two retries: bounded
    assert [result.status for result in results] == [TaskResultStatus.FAILED] * 3
    assert all(result.errors[0].exception_class_path == "builtins.RuntimeError" for result in results)
    assert FAILED == ["export"]  # the failure handler ran once, after the last attempt
    levels = [(record.levelname, record.getMessage()) for record in caplog.records if record.name == "comenius.tasks"]
    assert [level for level, _message in levels] == ["WARNING", "WARNING", "ERROR"]
    assert "failed after 3 attempts; giving up" in levels[-1][1]


def test_a_task_that_fails_once_succeeds_on_its_retry():
    results = results_of(lambda: fails_once.enqueue("mail"))
    assert CALLS == ["mail", "mail"]
    assert [result.status for result in results] == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
    assert results[-1].return_value == "mail done"
    assert results[-1].kwargs == {tasks.ATTEMPT: 2}  # the attempt travels with the retry


@pytest.mark.django_db
def test_enqueue_after_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        tasks.enqueue_after_commit(count_run)
        assert CALLS == []  # nothing runs while the transaction is open
    assert CALLS == ["periodic"]


@pytest.fixture
def periodic(monkeypatch):
    """Only a test task is registered (the real ones are checked below and run in test_worker.py)."""
    monkeypatch.setattr(tasks, "PERIODIC", {})
    tasks.register_periodic("test.count_run", count_run, timedelta(hours=1))
    return tasks.PERIODIC["test.count_run"]


@pytest.mark.django_db
def test_a_periodic_task_runs_once_when_due_and_not_twice_in_its_interval(periodic):
    start = timezone.now()
    assert tasks.enqueue_due(start) == ["test.count_run"]  # a new periodic task is due at once
    assert tasks.enqueue_due(start) == []  # a second worker at the same moment
    assert tasks.enqueue_due(start + timedelta(minutes=59)) == []
    assert CALLS == ["periodic"]
    run = PeriodicTaskRun.objects.get(name="test.count_run")
    assert run.last_run_at == start and run.next_run_at == start + timedelta(hours=1)
    assert tasks.enqueue_due(start + timedelta(hours=1)) == ["test.count_run"]
    assert CALLS == ["periodic", "periodic"]


@pytest.mark.django_db
def test_a_restart_remembers_the_last_run(periodic):
    PeriodicTaskRun.objects.create(name="test.count_run", next_run_at=timezone.now() + timedelta(minutes=30))
    assert tasks.enqueue_due() == []
    assert CALLS == []


def test_every_scheduled_command_is_a_periodic_task_registered_by_its_app():
    every = {name: entry.every for name, entry in tasks.PERIODIC.items()}
    assert every == {
        "network.send_message_notifications": timedelta(minutes=5),
        "projects.send_project_reminders": timedelta(days=1),
        "projects.archive_closed_projects": timedelta(days=1),
        "moderation.lift_suspensions": timedelta(hours=1),
        "spaces.delete_expired_pupils": timedelta(days=1),
        "core.delete_expired_downloads": timedelta(hours=1),
        "core.prune_task_results": timedelta(days=1),
        "core.prune_submission_keys": timedelta(days=1),
        "ambassadors.delete_old_contacts": timedelta(days=1),
        "ambassadors.end_expired_terms": timedelta(days=1),
        "countries.refresh_statistics": timedelta(hours=1),
        "events.expire_offers": timedelta(minutes=5),
        "events.send_reminders": timedelta(minutes=5),
        "notifications.send_digests": timedelta(hours=1),
        "translation.prune_cache": timedelta(days=1),
    }


@pytest.mark.django_db
def test_mail_context_travels_as_json_and_objects_are_read_again():
    user = get_user_model().objects.create_user("birgit@example.org", first_name="Birgit")
    when = timezone.now()
    encoded = encode_context({"member": user, "when": when, "day": when.date(), "label": gettext_lazy("Ready"),
                              "names": ("a", "b"), "count": 2})  # fmt: skip
    assert encoded["member"] == {"__model__": "accounts.user", "pk": user.pk}
    user.first_name = "Birgitte"
    user.save(update_fields=["first_name"])
    decoded = decode_context(encoded)
    assert decoded["member"].first_name == "Birgitte"  # read when the task runs
    assert decoded["when"] == when and decoded["day"] == when.date()
    assert decoded["names"] == ["a", "b"] and decoded["count"] == 2
    assert encoded["label"] == {"__gettext__": "Ready"}  # still lazy: the task translates it for the recipient
    with translation.override("da"):
        assert str(decoded["label"]) == "Klar"
    with pytest.raises(TypeError):
        encode_context({"member": get_user_model()(first_name="Unsaved")})


@pytest.mark.django_db
def test_a_templated_mail_is_rendered_in_the_recipients_language_by_a_task():
    user = get_user_model().objects.create_user("birgit@example.org", first_name="Birgit", language="da")
    context = {"member": user, "title": "Kopi", "url": "https://x.example/y", "hours": 3}
    results = results_of(lambda: send_templated_mail("birgit@example.org", "da", "core/email/download_ready", context))
    assert [result.task.name for result in results] == ["deliver_templated_mail"]
    [message] = mail.outbox
    assert message.subject == "[Comenius] Din download er klar"
    assert "Kære Birgit" in message.body and "https://x.example/y" in message.body
