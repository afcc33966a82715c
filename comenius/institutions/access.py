"""Reads of institutions that depend on who is asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet

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


def public_directory(country_code: str = "", query: str = "") -> QuerySet[Institution]:
    """Validated institutions with their public data (name, type, country, city), for the open API; pending
    and rejected ones are nobody's business."""
    rows = Institution.objects.filter(status=InstitutionStatus.VALIDATED).select_related("country")
    if country_code:
        rows = rows.filter(country__code=country_code.upper()[:2])
    query = query.strip()[:100]
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(city__icontains=query))
    return rows


def can_decide_institution(actor: object, institution: Institution) -> bool:
    """Who validates or rejects an institution: an NSO officer of its country or central support, with a
    second factor (the same rule as a member's validation, `accounts.access.can_decide_validation`).

    Roles are compared by value: the user model lives in `accounts`, above this app."""
    from allauth.mfa.utils import is_mfa_enabled

    role = getattr(actor, "role", None)
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return False
    if role not in {"nso", "central"} or not is_mfa_enabled(actor):
        return False
    return role == "central" or getattr(actor, "country_id", None) == institution.country_id
