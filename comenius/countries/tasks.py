"""Background work of national pages and statistics. Core imports this module at start-up (`core.apps`)."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=120)
def refresh_statistics() -> int:
    """Periodic (hourly): rebuild the figures behind the NSO dashboard and the public statistics."""
    from comenius.countries import services

    return services.refresh_statistics()


register_periodic("countries.refresh_statistics", refresh_statistics, timedelta(hours=1))
