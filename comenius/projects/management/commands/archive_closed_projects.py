from typing import Any

from django.core.management.base import BaseCommand

from comenius.projects import services


class Command(BaseCommand):
    help = "Archive projects closed for longer than PROJECT_ARCHIVE_AFTER_DAYS (the worker runs it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        archived = services.archive_due_projects()
        self.stdout.write(f"{archived} projects archived.")
