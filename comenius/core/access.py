"""Reads shared across the platform."""

from __future__ import annotations

from django.core.cache import cache

FIGURES_CACHE_SECONDS = 60


def public_figures() -> dict[str, int]:
    """Validated members, validated institutions and participating countries, cached for a minute."""
    figures = cache.get("public_figures")
    if figures is None:
        from comenius.accounts.models import MemberStatus, Role, User
        from comenius.core.models import Country
        from comenius.institutions.models import Institution, InstitutionStatus

        figures = {
            "members": User.objects.filter(role=Role.MEMBER, status=MemberStatus.VALIDATED).count(),
            "institutions": Institution.objects.filter(status=InstitutionStatus.VALIDATED).count(),
            "countries": Country.objects.participating().count(),
        }
        cache.set("public_figures", figures, FIGURES_CACHE_SECONDS)
    return figures
