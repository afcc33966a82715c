"""Reads of institutions that depend on who is asking."""

from __future__ import annotations

from django.db.models import QuerySet

from comenius.core.models import Country
from comenius.institutions.models import Institution, InstitutionStatus


def search_for_signup(country: Country | None, query: str, limit: int = 8) -> QuerySet[Institution]:
    """Validated institutions of a country whose name or city contains the query (sign-up picker).

    Only validated institutions are offered, so a pending one cannot be chosen by a stranger.
    """
    query = query.strip()
    if country is None or len(query) < 2:
        return Institution.objects.none()
    base = Institution.objects.filter(country=country, status=InstitutionStatus.VALIDATED)
    by_name = base.filter(name__icontains=query)
    by_city = base.filter(city__icontains=query)
    return (by_name | by_city).order_by("name")[:limit]
