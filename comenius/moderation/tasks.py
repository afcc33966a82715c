"""Background work of moderation. Core imports this module at start-up (`core.apps`), which registers the
periodic task below."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=60)
def lift_suspensions() -> int:
    """Periodic (hourly): reactivate members whose suspension has ended (`manage.py lift_suspensions`)."""
    from comenius.accounts import services

    return services.lift_ended_suspensions()


register_periodic("moderation.lift_suspensions", lift_suspensions, timedelta(hours=1))
