"""The background worker: django-tasks-db's `db_worker` loop, plus the periodic tasks (no cron needed).

`manage.py run_worker` runs tasks as they are enqueued and, every `--periodic-interval` seconds, enqueues each
registered periodic task that is due (`core.tasks.enqueue_due`; the database remembers the last run, so several
workers or a restart never run one twice in the same interval). `make run` starts it beside the server.

`--batch` enqueues what is due, runs everything queued and exits (tests, or a one-off from cron if you must).
Every option of `db_worker` works here too (`--queue-name`, `--interval`, `--max-tasks`, `--reload` …).
"""

from __future__ import annotations

import logging
import os
import threading
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.db import close_old_connections, connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from comenius.core import tasks

logger = logging.getLogger("comenius.tasks")


class PeriodicWorker(db_worker.Worker):
    """The database worker, with a thread that enqueues due periodic tasks (a batch run does it once, first)."""

    def __init__(self, *, periodic_interval: float, **options: Any) -> None:
        super().__init__(**options)
        self.periodic_interval = periodic_interval
        self.stopped = threading.Event()

    def enqueue_periodic(self) -> None:
        try:
            names = tasks.enqueue_due()
            if names:
                logger.info("Enqueued periodic tasks: %s", ", ".join(names))
        except Exception:
            logger.exception("Could not enqueue the periodic tasks")

    def _periodic_loop(self) -> None:
        try:
            while not self.stopped.wait(self.periodic_interval):
                close_old_connections()
                self.enqueue_periodic()
        finally:
            connection.close()

    def run(self) -> None:
        self.enqueue_periodic()
        if self.batch or self.periodic_interval <= 0:
            super().run()
            return
        scheduler = threading.Thread(target=self._periodic_loop, name="periodic-tasks", daemon=True)
        scheduler.start()
        try:
            super().run()
        finally:
            self.stopped.set()


class Command(db_worker.Command):
    help = "Run the background worker: queued tasks, and the periodic tasks when they are due."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--periodic-interval",
            type=float,
            default=60,
            help="Seconds between checks for due periodic tasks (default: %(default)r; 0: only at start).",
        )
        # Reloading on code changes is for developers who ask for it; `make run` keeps one steady worker.
        parser.set_defaults(reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        batch, reload = options["batch"], options["reload"] and not options["batch"]
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PeriodicWorker(
            periodic_interval=options["periodic_interval"],
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the reloaded child only, as db_worker does
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
