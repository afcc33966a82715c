"""Background work of projects. Core imports this module at start-up (`core.apps`), which registers the
periodic tasks below."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=300)
def send_project_reminders() -> int:
    """Periodic (daily): remind whoever holds a project step for too long (`manage.py send_project_reminders`)."""
    from comenius.projects import services

    return services.send_reminders()


@background(retries=2, backoff=300)
def archive_closed_projects() -> int:
    """Periodic (daily): archive projects closed for PROJECT_ARCHIVE_AFTER_DAYS
    (`manage.py archive_closed_projects`)."""
    from comenius.projects import services

    return services.archive_due_projects()


register_periodic("projects.send_project_reminders", send_project_reminders, timedelta(days=1))
register_periodic("projects.archive_closed_projects", archive_closed_projects, timedelta(days=1))
