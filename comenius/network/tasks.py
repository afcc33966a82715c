"""Background work of partner finding. Core imports this module at start-up (`core.apps`), which registers
the periodic tasks below."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=60)
def send_message_notifications() -> int:
    """Periodic (every 5 minutes): one e-mail per member about unread messages (`manage.py
    send_message_notifications` does the same by hand)."""
    from comenius.network import services

    return services.send_message_notifications()


register_periodic("network.send_message_notifications", send_message_notifications, timedelta(minutes=5))
