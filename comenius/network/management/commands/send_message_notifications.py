from typing import Any

from django.core.management.base import BaseCommand

from comenius.network import services


class Command(BaseCommand):
    help = "E-mail members about unread messages, one e-mail per member (the worker: every 5 min)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than", type=int, default=10, help="Minutes a message waits unread first.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = services.send_message_notifications(options["older_than"])
        self.stdout.write(f"{sent} notification e-mails sent.")
