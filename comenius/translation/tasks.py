"""Background work of machine translation (imported by core at start-up)."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=1, backoff=300)
def prune_cache() -> int:
    """Periodic (daily): cached translations go after TRANSLATION_CACHE_DAYS."""
    from comenius.translation import services

    return services.prune_cache()


register_periodic("translation.prune_cache", prune_cache, timedelta(days=1))
