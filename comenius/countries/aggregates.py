"""The maintained figures (`Figure` rows) behind the NSO dashboard and the public statistics.

`refresh()` recounts everything with a handful of GROUP BY queries and replaces the rows in one transaction;
the periodic task `countries.refresh_statistics` runs it every hour, so pages never count millions of rows.
Only counts are kept: no row names a person, a school or a project.

Metrics (country "" is all countries together; a project counts in each of its founders' countries, and once
in the total):
- members          validated/pending/rejected members by the year they joined   (key: status, period: YYYY)
- members_month    the same by month, the last 24 months                          (key: status, period: YYYY-MM)
- institutions     institutions by the year they were registered                 (key: status, period: YYYY)
- projects         projects by the year they started (activation, else creation) (key: state, period: YYYY)
- projects_month   projects that started (became active) per month, last 24 months (period: YYYY-MM)
- pairs            European projects between two countries, all time              (key: "AA-BB")
- labels           labels awarded by school year (2025 is 2025/26)                (key: nql/eql/school, period: YYYY)
                   in the label's country (an NQL or EQL is one teacher's label for one project)
- prizes           prizes of published rounds by school year, in each founder's country, once in the total
                                                                                  (key: winner/runner_up, period: YYYY)
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils import timezone

from comenius.accounts.models import Role, User
from comenius.countries.models import Figure, FigureRefresh
from comenius.institutions.models import Institution
from comenius.projects.models import Project, ProjectKind, ProjectState
from comenius.recognition.models import Label, PrizeEntry, PrizeResult, PrizeState

MONTHS = 24
PUBLIC_PROJECT_STATES = (ProjectState.ACTIVE, ProjectState.CLOSED, ProjectState.ARCHIVED)


def month_keys(today: date | None = None, months: int = MONTHS) -> list[str]:
    """The last `months` months, oldest first, as "YYYY-MM"."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    keys = []
    for _step in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def _first_month(today: date) -> date:
    first = month_keys(today)[0]
    return date(int(first[:4]), int(first[5:]), 1)


def _period(value: object, monthly: bool) -> str:
    if value is None:
        return ""
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    assert isinstance(day, date)
    return f"{day:%Y-%m}" if monthly else f"{day:%Y}"


def compute(today: date | None = None) -> Counter[tuple[str, str, str, str]]:
    """Every figure as {(metric, country, period, key): value}."""
    today = today or timezone.localdate()
    since = _first_month(today)
    figures: Counter[tuple[str, str, str, str]] = Counter()
    members = User.objects.filter(role=Role.MEMBER, deleted_at__isnull=True, country__isnull=False)
    for row in members.annotate(y=TruncYear("date_joined")).values("country_id", "y", "status").annotate(n=Count("pk")):
        for country in (row["country_id"], ""):
            figures["members", country, _period(row["y"], False), row["status"]] += row["n"]
    recent = members.filter(date_joined__date__gte=since).annotate(m=TruncMonth("date_joined"))
    for row in recent.values("country_id", "m", "status").annotate(n=Count("pk")):
        for country in (row["country_id"], ""):
            figures["members_month", country, _period(row["m"], True), row["status"]] += row["n"]
    institutions = Institution.objects.annotate(y=TruncYear("created_at"))
    for row in institutions.values("country_id", "y", "status").annotate(n=Count("pk")):
        for country in (row["country_id"], ""):
            figures["institutions", country, _period(row["y"], False), row["status"]] += row["n"]
    projects = Project.objects.annotate(y=TruncYear(Coalesce("activated_at", "created_at")))
    for row in projects.values("founder_institution__country", "y", "state").annotate(n=Count("pk")):
        period = _period(row["y"], False)
        figures["projects", row["founder_institution__country"], period, row["state"]] += row["n"]
        figures["projects", "", period, row["state"]] += row["n"]
    other_country = projects.filter(cofounder_institution__isnull=False).exclude(
        cofounder_institution__country=F("founder_institution__country")
    )
    for row in other_country.values("cofounder_institution__country", "y", "state").annotate(n=Count("pk")):
        figures["projects", row["cofounder_institution__country"], _period(row["y"], False), row["state"]] += row["n"]
    started = Project.objects.filter(state__in=PUBLIC_PROJECT_STATES, activated_at__date__gte=since).annotate(
        m=TruncMonth("activated_at")
    )
    for row in started.values("founder_institution__country", "cofounder_institution__country", "m").annotate(
        n=Count("pk")
    ):
        period = _period(row["m"], True)
        countries = {row["founder_institution__country"], row["cofounder_institution__country"]} - {None}
        for country in countries:
            figures["projects_month", country, period, ""] += row["n"]
        figures["projects_month", "", period, ""] += row["n"]
    european = Project.objects.filter(
        Q(kind=ProjectKind.EUROPEAN), state__in=PUBLIC_PROJECT_STATES, cofounder_institution__isnull=False
    )
    for row in european.values("founder_institution__country", "cofounder_institution__country").annotate(
        n=Count("pk")
    ):
        first, second = sorted([row["founder_institution__country"], row["cofounder_institution__country"]])
        if first != second:
            figures["pairs", "", "", f"{first}-{second}"] += row["n"]
    _count_recognition(figures)
    return figures


def _count_recognition(figures: Counter[tuple[str, str, str, str]]) -> None:
    for row in Label.objects.values("country_id", "school_year", "kind").annotate(n=Count("pk")):
        for country in (row["country_id"], ""):
            figures["labels", country, str(row["school_year"]), row["kind"]] += row["n"]
    prizes = PrizeEntry.objects.filter(round__state=PrizeState.PUBLISHED).exclude(result=PrizeResult.NONE)
    for row in prizes.values(
        "round__school_year",
        "result",
        "project__founder_institution__country",
        "project__cofounder_institution__country",
    ).annotate(n=Count("pk")):
        period = str(row["round__school_year"])
        founders = {row["project__founder_institution__country"], row["project__cofounder_institution__country"]}
        for country in founders - {None}:
            figures["prizes", country, period, row["result"]] += row["n"]
        figures["prizes", "", period, row["result"]] += row["n"]


def refresh(today: date | None = None) -> int:
    """Recount and replace every figure in one transaction (readers see the old set or the new one)."""
    figures = compute(today)
    rows = [
        Figure(metric=metric, country=country, period=period, key=key, value=value)
        for (metric, country, period, key), value in figures.items()
        if value
    ]
    with transaction.atomic():
        Figure.objects.all().delete()
        Figure.objects.bulk_create(rows, batch_size=2000)
        FigureRefresh.objects.update_or_create(pk=1, defaults={"refreshed_at": timezone.now()})
    return len(rows)


def refreshed_at() -> object:
    found = FigureRefresh.objects.filter(pk=1).first()
    return found.refreshed_at if found else None
