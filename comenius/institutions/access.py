"""Reads of institutions that depend on who is asking."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from comenius.core.models import Country
from comenius.institutions.models import Institution, InstitutionStatus

SIGNUP_STATUSES = (InstitutionStatus.VALIDATED, InstitutionStatus.PENDING)


def search_for_signup(country: Country | None, query: str, limit: int = 8) -> QuerySet[Institution]:
    """Validated and pending institutions of a country whose name or city contains the query (sign-up picker).

    Pending ones are offered too (issue 12), marked as waiting, so that two newcomers from one new school do
    not register it twice; whoever chooses one is still checked by the NSO, which decides the institution
    together with its first member (`accounts.services._decide`). Rejected institutions are never offered.
    """
    query = query.strip()
    if country is None or len(query) < 2:
        return Institution.objects.none()
    base = Institution.objects.filter(country=country, status__in=SIGNUP_STATUSES)
    by_name = base.filter(name__icontains=query)
    by_city = base.filter(city__icontains=query)
    return (by_name | by_city).order_by("-status", "name")[:limit]  # "validated" sorts before "pending"


def mergeable_for(officer: object, country: Country, query: str = "") -> QuerySet[Institution]:
    """Institutions an officer may merge: those of their own country (central support: any country), not
    rejected, whose name or city contains the query."""
    role = getattr(officer, "role", None)
    if role not in {"nso", "central"} or (role == "nso" and getattr(officer, "country_id", None) != country.pk):
        return Institution.objects.none()
    found = Institution.objects.filter(country=country).exclude(status=InstitutionStatus.REJECTED)
    query = query.strip()[:100]
    if query:
        found = found.filter(name__icontains=query) | found.filter(city__icontains=query)
    return found.order_by("name", "pk")


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
