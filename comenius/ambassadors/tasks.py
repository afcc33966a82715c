"""Background work of ambassadors. Core imports this module at start-up (`core.apps`), which registers the
periodic tasks below."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=2, backoff=300)
def end_expired_terms() -> int:
    """Periodic (daily): end the appointments whose term is over."""
    from comenius.ambassadors import services

    return services.end_expired_terms()


@background(retries=2, backoff=300)
def delete_old_contacts() -> int:
    """Periodic (daily): forget the visitor-contact counts after VISITOR_CONTACT_KEEP_DAYS."""
    from comenius.ambassadors import services

    return services.delete_old_contacts()


register_periodic("ambassadors.end_expired_terms", end_expired_terms, timedelta(days=1))
register_periodic("ambassadors.delete_old_contacts", delete_old_contacts, timedelta(days=1))
