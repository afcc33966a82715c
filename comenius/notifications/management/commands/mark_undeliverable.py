"""Mark an address undeliverable (a bounce or a complaint from the mail provider): nothing is e-mailed to it any
more, and its member sees a warning on their next login. `--clear` takes the mark away again.

    manage.py mark_undeliverable someone@example.org --reason bounce --detail "550 mailbox unknown"
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from comenius.notifications import services


class Command(BaseCommand):
    help = "Stop all e-mail to an address that bounced or complained (or --clear to start again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", nargs="+")
        parser.add_argument("--reason", choices=["bounce", "complaint", "manual"], default="bounce")
        parser.add_argument("--detail", default="")
        parser.add_argument("--clear", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        for email in options["email"]:
            if options["clear"]:
                services.clear_undeliverable(email)
                self.stdout.write(f"{email}: e-mail allowed again")
            else:
                services.mark_undeliverable(email, options["reason"], options["detail"])
                self.stdout.write(f"{email}: marked undeliverable ({options['reason']})")
