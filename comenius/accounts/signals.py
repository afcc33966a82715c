"""allauth events that move a member along."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from comenius.accounts import services


@receiver(email_confirmed)
def put_member_in_queue(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    services.open_validation_request(email_address.user)
