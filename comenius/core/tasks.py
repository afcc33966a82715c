"""Background work through one task API: django-tasks (the backport of Django 6's `django.tasks`).

Everything that should not hold up a page — e-mails, exports, clean-ups — is a task. The backend is chosen in
settings (`TASKS_BACKEND`): the database backend by default, run by `manage.py run_worker` (which `make run`
starts beside the server); tests run every task at once (the immediate backend).

This module adds three small things to django-tasks, none of them tied to a domain (core imports no app):

- `background(...)`: the task decorator with bounded retries. A task that raises is enqueued again after a
  growing delay (`backoff` seconds, doubled each time) at most `retries` times; the last failure is logged at
  ERROR and handed to `on_failure` (e.g. "the export failed, try again"). Every attempt stays visible as its
  own task result (admin: Task results). Arguments must be JSON: ids and strings, never model instances.
- `enqueue_after_commit(task, ...)`: enqueue once the current transaction commits, so the worker sees what the
  request wrote (and nothing is enqueued for a rolled-back request).
- the periodic registry: `register_periodic(name, task, every)` from an app's `AppConfig.ready()`;
  `enqueue_due()` (called by the worker) enqueues each task whose interval has passed. The last run is
  remembered in the database (`PeriodicTaskRun`, claimed with a conditional update), so several workers or a
  restart never run a periodic task twice in the same interval.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from comenius.core import observability

logger = logging.getLogger("comenius.tasks")

T = TypeVar("T")
# The keyword a retried task carries its attempt number in (removed before the task function is called).
ATTEMPT = "_attempt"


def _enqueue_retry(task_object: Task[Any, Any], args: tuple[Any, ...], kwargs: dict[str, Any], delay: int) -> None:
    backend = task_object.get_backend()
    if backend.supports_defer and delay > 0:
        task_object = task_object.using(run_after=timezone.now() + timedelta(seconds=delay))
    task_object.enqueue(*args, **kwargs)


def background(
    *,
    retries: int = 3,
    backoff: int = 30,
    on_failure: Callable[..., None] | None = None,
    priority: int = 0,
    queue_name: str = "default",
) -> Callable[[Callable[..., T]], Task[Any, T]]:
    """A django-tasks task that is retried `retries` times after `backoff`, 2×`backoff`, 4×`backoff`… seconds
    when it raises. After the last attempt the failure is logged at ERROR and `on_failure(*args, **kwargs)` is
    called (it must not raise; it is logged if it does). Each failed attempt is still recorded as a failed task
    result, so nothing is lost silently. The immediate backend (tests) retries at once, without the delay."""

    def decorate(function: Callable[..., T]) -> Task[Any, T]:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> T:
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return function(*args, **kwargs)
            except Exception:
                name = f"{function.__module__}.{function.__qualname__}"
                if attempt <= retries:
                    delay = backoff * 2 ** (attempt - 1)
                    logger.warning("Task %s failed (attempt %d of %d); retrying in %ds", name, attempt,
                                   retries + 1, delay, exc_info=True)  # fmt: skip
                    observability.task_failed(name, final=False)
                    _enqueue_retry(task_object, args, {**kwargs, ATTEMPT: attempt + 1}, delay)
                else:
                    logger.error("Task %s failed after %d attempts; giving up", name, attempt, exc_info=True)
                    observability.task_failed(name, final=True)
                    if on_failure is not None:
                        try:
                            on_failure(*args, **kwargs)
                        except Exception:
                            logger.exception("The failure handler of task %s failed too", name)
                raise

        task_object: Task[Any, T] = task(priority=priority, queue_name=queue_name)(run)
        return task_object

    return decorate


def enqueue_after_commit(task_object: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue when the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(functools.partial(task_object.enqueue, *args, **kwargs))


# --- periodic tasks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Task[Any, Any]
    every: timedelta


PERIODIC: dict[str, Periodic] = {}


def register_periodic(name: str, task_object: Task[Any, Any], every: timedelta) -> None:
    """Run `task_object` (no arguments) every `every`, from the worker. Call from an `AppConfig.ready()`;
    registering the same name twice keeps the last registration (ready() may run again in tests)."""
    if every <= timedelta(0):
        raise ValueError("A periodic task needs a positive interval.")
    PERIODIC[name] = Periodic(name, task_object, every)


def _claim(periodic: Periodic, now: datetime) -> bool:
    """True for exactly one caller per interval: the row's `next_run_at` moves on in one conditional UPDATE,
    which only one of several concurrent workers can win (on SQLite and PostgreSQL alike)."""
    from comenius.core.models import PeriodicTaskRun

    if not PeriodicTaskRun.objects.filter(name=periodic.name).exists():
        try:
            with transaction.atomic():
                PeriodicTaskRun.objects.create(name=periodic.name, next_run_at=now)
        except IntegrityError:
            pass  # another worker created it first
    won = PeriodicTaskRun.objects.filter(name=periodic.name, next_run_at__lte=now).update(
        next_run_at=now + periodic.every, last_run_at=now
    )
    return won == 1


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every registered periodic task that is due (a new one is due at once). Returns their names."""
    now = now or timezone.now()
    enqueued = []
    for periodic in PERIODIC.values():
        try:
            with transaction.atomic():
                # The claim and the enqueue commit together (database backend): a crash between them loses
                # neither the run nor the interval.
                if _claim(periodic, now):
                    periodic.task.enqueue()
                    enqueued.append(periodic.name)
        except Exception:
            logger.exception("Could not enqueue the periodic task %s", periodic.name)
    return enqueued


# --- core's own periodic work ------------------------------------------------------------------------------

FINISHED_TASKS_KEPT = timedelta(days=14)
FAILED_TASKS_KEPT = timedelta(days=60)


@background(retries=1, backoff=300)
def prune_task_results() -> int:
    """Periodic (daily): the database backend keeps a row per task; delete finished ones after 14 days and
    failed ones (kept longer, for whoever looks into them) after 60."""
    from django.apps import apps

    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    deleted, _kinds = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - FINISHED_TASKS_KEPT)
        | Q(status=TaskResultStatus.FAILED, finished_at__lt=now - FAILED_TASKS_KEPT)
    ).delete()
    return deleted


def register_core_tasks() -> None:
    """Called from `CoreConfig.ready`."""
    from comenius.core import downloads, submissions

    register_periodic("core.prune_submission_keys", submissions.prune_submission_keys, timedelta(days=1))
    register_periodic("core.delete_expired_downloads", downloads.delete_expired_downloads, timedelta(hours=1))
    register_periodic("core.prune_task_results", prune_task_results, timedelta(days=1))
