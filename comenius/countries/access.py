"""Reads for national pages, the NSO dashboard and the public statistics.

The public statistics read only the maintained figures (`aggregates`) and suppress every count from 1 to
SMALL_COUNT - 1, so no person can be singled out; they never name a person, a school or a project. The NSO
dashboard is for the officers of its own country (central support: any) and adds a few live counts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts import access as accounts_access
from comenius.accounts.models import MemberStatus, RequestStatus, Role, User
from comenius.core.models import Country
from comenius.countries import aggregates
from comenius.countries.charts import Chart, bar_chart
from comenius.countries.models import Figure, NationalPage, NewsPost, NewsState
from comenius.institutions.models import InstitutionStatus
from comenius.projects.models import ProjectState

SMALL_COUNT = 5
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


# --- national pages -------------------------------------------------------------------------------------------


def public_country(code: str) -> Country:
    if len(code) != 2 or not code.isalpha():
        from django.http import Http404

        raise Http404
    return get_object_or_404(Country.objects.participating(), pk=code.upper())


def page_of(country: Country) -> NationalPage:
    """The country's page (an empty one, not saved, until its NSO writes it)."""
    return NationalPage.objects.filter(country=country).first() or NationalPage(country=country)


def published_news(country: Country) -> QuerySet[NewsPost]:
    return NewsPost.objects.filter(country=country, state=NewsState.PUBLISHED).order_by("-published_at", "-pk")


def get_published_news(country: Country, pk: int) -> NewsPost:
    return get_object_or_404(published_news(country), pk=pk)


def managed_country(officer: User, code: str) -> Country:
    """The country an officer may edit: their own (NSO) or any (central support). 404 elsewhere."""
    if not accounts_access.is_officer(officer):
        from django.http import Http404

        raise Http404
    return accounts_access.country_managed_by(officer, code)


def news_for_editing(officer: User, country: Country) -> QuerySet[NewsPost]:
    managed_country(officer, country.code)
    return NewsPost.objects.filter(country=country).order_by("-created_at")


def get_news_for_editing(officer: User, country: Country, pk: int) -> NewsPost:
    return get_object_or_404(news_for_editing(officer, country), pk=pk)


# --- public statistics ------------------------------------------------------------------------------------------


def suppress(value: int) -> int | None:
    """A count as published: None (shown as "fewer than 5") from 1 to SMALL_COUNT - 1."""
    return None if 0 < value < SMALL_COUNT else value


@dataclass(frozen=True)
class Cell:
    """One published figure and where it comes from, for the page and the downloads alike."""

    dataset: str
    country: str
    period: str
    measure: str
    value: int | None  # None: suppressed


def _sums(metric: str, keys: set[str] | None, by: str) -> dict[tuple[str, str], int]:
    """Sums of a metric's figures grouped by (country, period) — `by` "country" ignores the period."""
    rows = Figure.objects.filter(metric=metric)
    if keys is not None:
        rows = rows.filter(key__in=keys)
    fields = ["country"] if by == "country" else ["country", "period"]
    found: dict[tuple[str, str], int] = {}
    for row in rows.values(*fields).annotate(total=Sum("value")):
        found[(row["country"], row.get("period", ""))] = row["total"]
    return found


PUBLIC_PROJECTS = {str(state) for state in aggregates.PUBLIC_PROJECT_STATES}
MEASURES = {
    "members": ("members", {MemberStatus.VALIDATED.value}),
    "institutions": ("institutions", {InstitutionStatus.VALIDATED.value}),
    "projects": ("projects", PUBLIC_PROJECTS),
}


def by_country() -> list[Cell]:
    """Validated members, validated institutions and projects (active, closed, archived) per country."""
    cells = []
    countries = [c.code for c in Country.objects.participating()]
    for measure, (metric, keys) in MEASURES.items():
        sums = _sums(metric, keys, "country")
        for code in ["", *countries]:
            cells.append(Cell("by_country", code, "", measure, suppress(sums.get((code, ""), 0))))
    return cells


def by_year(country: str = "") -> list[Cell]:
    """The same per year (when members joined, institutions registered, projects started)."""
    cells = []
    years: set[str] = set()
    sums = {}
    for measure, (metric, keys) in MEASURES.items():
        sums[measure] = _sums(metric, keys, "period")
        years |= {period for (code, period) in sums[measure] if code == country and period}
    for year in sorted(years):
        for measure in MEASURES:
            cells.append(Cell("by_year", country, year, measure, suppress(sums[measure].get((country, year), 0))))
    return cells


def new_projects_by_month(country: str = "") -> list[Cell]:
    values = {
        row["period"]: row["value"]
        for row in Figure.objects.filter(metric="projects_month", country=country).values("period", "value")
    }
    return [
        Cell("new_projects_by_month", country, month, "projects", suppress(values.get(month, 0)))
        for month in aggregates.month_keys()
    ]


def partner_pairs(limit: int = 25) -> list[Cell]:
    """The pairs of countries that work together most (European projects between them)."""
    rows = Figure.objects.filter(metric="pairs").order_by("-value", "key")[:limit]
    return [Cell("partner_pairs", "", "", row.key, suppress(row.value)) for row in rows]


# Labels and prizes (recognition), by school year: measure → (metric, keys; None for every key).
RECOGNITION = {
    "nql": ("labels", {"nql"}),
    "eql": ("labels", {"eql"}),
    "school_labels": ("labels", {"school"}),
    "prizes": ("prizes", None),
}


def _recognition_sums(by: str, country: str | None = None) -> dict[str, dict[tuple[str, str], int]]:
    """One query: per measure of RECOGNITION, sums by (country, period) — `by` "country" ignores the period."""
    rows = Figure.objects.filter(metric__in={metric for metric, _keys in RECOGNITION.values()})
    if country is not None:
        rows = rows.filter(country=country)
    fields = ["metric", "key", "country"] + ([] if by == "country" else ["period"])
    sums: dict[str, dict[tuple[str, str], int]] = {measure: defaultdict(int) for measure in RECOGNITION}
    for row in rows.values(*fields).annotate(total=Sum("value")):
        for measure, (metric, keys) in RECOGNITION.items():
            if row["metric"] == metric and (keys is None or row["key"] in keys):
                sums[measure][(row["country"], row.get("period", ""))] += row["total"]
    return sums


def labels_by_country() -> list[Cell]:
    """National and European Quality Labels, school labels and prizes per country, all school years."""
    sums = _recognition_sums("country")
    countries = [c.code for c in Country.objects.participating()]
    return [
        Cell("labels_by_country", code, "", measure, suppress(sums[measure].get((code, ""), 0)))
        for measure in RECOGNITION
        for code in ["", *countries]
    ]


def labels_by_school_year(country: str = "") -> list[Cell]:
    """The same per school year (the year it begins: 2025 is 2025/26), for one country or all ("")."""
    sums = _recognition_sums("period", country)
    years = sorted({period for found in sums.values() for (_code, period) in found if period})
    return [
        Cell("labels_by_school_year", country, year, measure, suppress(sums[measure].get((country, year), 0)))
        for year in years
        for measure in RECOGNITION
    ]


def open_data(country: str = "") -> list[Cell]:
    """Everything the statistics page shows, as the downloads carry it."""
    return [
        *by_country(),
        *by_year(country),
        *new_projects_by_month(country),
        *partner_pairs(),
        *labels_by_country(),
        *labels_by_school_year(country),
    ]


def country_table(cells: list[Cell]) -> list[tuple[str, dict[str, int | None]]]:
    rows: dict[str, dict[str, int | None]] = defaultdict(dict)
    for cell in cells:
        rows[cell.country][cell.measure] = cell.value
    return list(rows.items())


def year_table(cells: list[Cell]) -> list[tuple[str, dict[str, int | None]]]:
    rows: dict[str, dict[str, int | None]] = defaultdict(dict)
    for cell in cells:
        rows[cell.period][cell.measure] = cell.value
    return list(rows.items())


def months_chart(cells: list[Cell], title: str) -> Chart:
    return bar_chart("new-projects", title, [c.period for c in cells], [(_("New projects"), [c.value for c in cells])])


# --- the NSO dashboard ------------------------------------------------------------------------------------------


def dashboard_country(officer: User, code: str | None) -> Country:
    """The officer's own country; central support picks one (default: the first alphabetically)."""
    if officer.role == Role.CENTRAL:
        if code:
            return public_country(code)
        return Country.objects.participating().order_by("code").first()  # type: ignore[return-value]
    return get_object_or_404(Country, pk=officer.country_id)


@dataclass
class WaitingValidations:
    count: int
    median_days: float | None
    oldest_days: int | None


def waiting_validations(officer: User, country: Country) -> WaitingValidations:
    requests = accounts_access.validation_requests_for(officer).filter(country=country, status=RequestStatus.OPEN)
    now = timezone.now()
    ages = [(now - created).days for created in requests.values_list("created_at", flat=True)[:20000]]
    if not ages:
        return WaitingValidations(0, None, None)
    return WaitingValidations(len(ages), round(median(ages), 1), max(ages))


def _member_months_chart(country: Country) -> Chart:
    months = aggregates.month_keys()
    values: dict[tuple[str, str], int] = {
        (row["period"], row["key"]): row["value"]
        for row in Figure.objects.filter(metric="members_month", country=country.code).values("period", "key", "value")
    }
    series = [
        (str(label), [values.get((month, status), 0) for month in months]) for status, label in MemberStatus.choices
    ]
    return bar_chart("members-months", _("New members by month and state"), months, series)  # type: ignore[arg-type]


def _projects_months_chart(country: Country) -> Chart:
    months = aggregates.month_keys()
    values = {
        row["period"]: row["value"]
        for row in Figure.objects.filter(metric="projects_month", country=country.code).values("period", "value")
    }
    return bar_chart(
        "projects-months", _("Projects started by month"), months, [(_("Projects"), [values.get(m, 0) for m in months])]
    )


def _projects_by_state(country: Country) -> Chart:
    sums = {
        row["key"]: row["total"]
        for row in Figure.objects.filter(metric="projects", country=country.code)
        .values("key")
        .annotate(total=Sum("value"))
    }
    labels = [str(label) for _state, label in ProjectState.choices]
    values: list[int | None] = [sums.get(state, 0) for state, _label in ProjectState.choices]
    return bar_chart("projects-states", _("Projects by state"), labels, [(_("Projects"), values)])


def _labels_chart(country: Country) -> Chart:
    """The country's labels and prizes by school year (the NSO's own figures: not suppressed)."""
    sums = _recognition_sums("period", country.code)
    years = sorted({period for found in sums.values() for (_code, period) in found if period})
    names = {
        "nql": _("National Quality Labels"),
        "eql": _("European Quality Labels"),
        "school_labels": _("School labels"),
        "prizes": _("Prizes"),
    }
    series: list[tuple[str, list[int | None]]] = [
        (str(names[measure]), [found.get((country.code, year), 0) for year in years]) for measure, found in sums.items()
    ]
    return bar_chart("labels-years", _("Labels and prizes by school year"), years, series)


def dashboard(officer: User, country: Country) -> dict[str, object]:
    """What the NSO dashboard shows: charts from the maintained figures, and a few live counts of the queues."""
    from comenius.ambassadors import access as ambassadors_access
    from comenius.ambassadors.models import Appointment, AppointmentState
    from comenius.moderation.models import Report, ReportState
    from comenius.projects.models import ApprovalState, ProjectApproval

    approvals = ProjectApproval.objects.filter(
        country=country, state=ApprovalState.PENDING, project__state=ProjectState.AWAITING_APPROVAL
    ).count()
    reports = Report.objects.filter(country=country, state=ReportState.OPEN).count()
    ambassadors = ambassadors_access.public_appointments().filter(country=country).count()
    offered = Appointment.objects.filter(country=country, state=AppointmentState.OFFERED).count()
    soon = (
        Appointment.objects.current()
        .filter(country=country, ends_on__lte=timezone.localdate() + timedelta(days=60))
        .count()
    )
    members = {
        row["key"]: row["total"]
        for row in Figure.objects.filter(metric="members", country=country.code)
        .values("key")
        .annotate(total=Sum("value"))
    }
    labels_chart = _labels_chart(country)
    return {
        "waiting": waiting_validations(officer, country),
        "approvals": approvals,
        "reports": reports,
        "ambassadors": ambassadors,
        "ambassadors_offered": offered,
        "ambassadors_ending": soon,
        "members": [(str(label), members.get(status, 0)) for status, label in MemberStatus.choices],
        "labels_chart": labels_chart,
        "labels": [(name, sum(value or 0 for value in values)) for name, values in labels_chart.series],
        "charts": [
            _member_months_chart(country),
            _projects_months_chart(country),
            _projects_by_state(country),
        ],
        "refreshed_at": aggregates.refreshed_at(),
    }
