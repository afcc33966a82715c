"""Background work of events (core imports this module at start-up, which registers the periodic tasks)."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=60)
def send_reminders() -> int:
    """Periodic (every 5 minutes): the day-before and hour-before reminders, each sent once."""
    from comenius.events import services

    return services.send_reminders()


@background(retries=2, backoff=60)
def expire_offers() -> int:
    """Periodic (every 5 minutes): waiting-list offers past their time pass on to the next person."""
    from comenius.events import services

    return services.expire_offers()


register_periodic("events.send_reminders", send_reminders, timedelta(minutes=5))
register_periodic("events.expire_offers", expire_offers, timedelta(minutes=5))
