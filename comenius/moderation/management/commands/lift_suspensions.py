from typing import Any

from django.core.management.base import BaseCommand

from comenius.accounts import services


class Command(BaseCommand):
    help = "Reactivate members whose suspension has ended (the worker runs it hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        lifted = services.lift_ended_suspensions()
        self.stdout.write(f"{lifted} suspensions lifted.")
