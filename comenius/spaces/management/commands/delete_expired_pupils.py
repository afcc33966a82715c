from typing import Any

from django.core.management.base import BaseCommand

from comenius.spaces.services import pupils


class Command(BaseCommand):
    help = (
        "Delete the pupils of spaces whose project was archived more than PUPIL_RETENTION_MONTHS ago: their places, "
        "and the accounts of those with no other space (what they wrote stays). The worker runs it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        places, accounts = pupils.delete_expired_pupils()
        self.stdout.write(f"{places} pupils removed from expired spaces, {accounts} pupil accounts deleted.")
