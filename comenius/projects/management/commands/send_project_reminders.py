from typing import Any

from django.core.management.base import BaseCommand

from comenius.projects import services


class Command(BaseCommand):
    help = "Remind whoever holds a project step that waits too long (the worker runs it daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_reminders()
        self.stdout.write(f"{sent} reminder e-mails sent.")
