"""Public recognition: the list of labelled projects (only projects shown in the gallery, only what the gallery
shows — never pupils). A label's certificate and its verification page are the certificates app's."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from comenius.core.pagination import CappedPaginator
from comenius.projects.models import VISIBLE_STATES, Project
from comenius.recognition.forms import LabelledFilterForm
from comenius.recognition.models import AgeBand, Label, LabelKind

# The pupils' ages of each prize age band (IVET is told by the institution type).
BAND_AGES = {
    AgeBand.UP_TO_6: (0, 6),
    AgeBand.AGE_7_11: (7, 11),
    AgeBand.AGE_12_15: (12, 15),
    AgeBand.AGE_16_19: (16, 19),
}


def labelled(request: HttpRequest) -> HttpResponse:
    """Projects with a National or European Quality Label whose founders show them in the public gallery."""
    years = sorted(
        set(Label.objects.filter(kind__in=[LabelKind.NQL, LabelKind.EQL]).values_list("school_year", flat=True)),
        reverse=True,
    )
    form = LabelledFilterForm(request.GET or None, years=years)
    labels = Label.objects.filter(kind__in=[LabelKind.NQL, LabelKind.EQL])
    projects = Project.objects.filter(show_in_gallery=True, state__in=VISIBLE_STATES, hidden_at__isnull=True)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("country"):
            labels = labels.filter(country=data["country"])
        if data.get("year"):
            labels = labels.filter(school_year=data["year"])
        if data.get("label"):
            labels = labels.filter(kind=data["label"])
        band = data.get("age_band")
        if band == AgeBand.IVET:
            projects = projects.filter(Q(founder_institution__type="ivet") | Q(cofounder_institution__type="ivet"))
        elif band in BAND_AGES:
            low, high = BAND_AGES[band]
            projects = projects.filter(age_min__lte=high, age_max__gte=low)
    projects = (
        projects.filter(pk__in=labels.values("project_id"))
        .select_related("founder__country", "cofounder__country")
        .prefetch_related(Prefetch("labels", queryset=labels.order_by("-school_year", "kind"), to_attr="shown_labels"))
        .order_by("-activated_at", "-id")
    )
    page = CappedPaginator(projects, 20).get_page(request.GET.get("page"))
    rows = []
    for project in page.object_list:
        seen: dict[tuple[str, int], Label] = {}
        for label in project.shown_labels:
            seen.setdefault((label.kind, label.school_year), label)
        rows.append((project, list(seen.values())))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query_string": query.urlencode()}
    return render(request, "recognition/labelled.html", context)
