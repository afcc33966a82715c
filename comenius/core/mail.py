"""The embedded default's e-mail: every message becomes an .eml file in var/mail/ and a line on stdout."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone
from django.utils.crypto import get_random_string


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.directory = Path(str(file_path or getattr(settings, "EMAIL_FILE_PATH", "var/mail")))

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = self.directory / f"{stamp}-{get_random_string(6)}.eml"
            path.write_bytes(message.message().as_bytes())
            sys.stdout.write(f"[mail] to {', '.join(message.to)}: {message.subject} -> {path}\n")
        return len(email_messages)
