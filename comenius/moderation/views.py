"""Report pages for members, and the moderation queue for NSO officers and central support."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, IntegerField, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comenius.accounts.decorators import member_required, officer_required
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.redirects import next_target, safe_redirect
from comenius.moderation import access, services
from comenius.moderation.forms import DecisionForm, ReportFilterForm, ReportForm
from comenius.moderation.models import ReportReason, ReportState
from comenius.moderation.registry import kind_of


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@member_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str, object_id: int) -> HttpResponse:
    user = _user(request)
    found = kind_of(kind)
    target = found.fetch_for(user, object_id)  # 404 for what the member cannot see
    author = found.author(target)
    if author is not None and author.pk == user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report(user, kind, object_id, form.cleaned_data["reason"], form.cleaned_data["comment"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. The moderators will look at it."))
            return safe_redirect(request, next_target(request), "site:home")
    context = {"form": form, "kind": found, "summary": found.describe(target)[:300], "next": next_target(request)}
    return render(request, "moderation/report.html", context, status=400 if form.errors else 200)


@officer_required
def queue(request: HttpRequest) -> HttpResponse:
    moderator = _user(request)
    form = ReportFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() and form.cleaned_data["state"] else "open"
    reports = access.reports_for(moderator)
    if state == "open":
        urgent_first = Case(When(reason=ReportReason.CHILD_SAFETY, then=0), default=1, output_field=IntegerField())
        reports = reports.filter(state=ReportState.OPEN).order_by(urgent_first, "created_at", "id")
    else:
        reports = reports.exclude(state=ReportState.OPEN).order_by("-decided_at", "-id")
    page = CappedPaginator(reports, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "state": state, "query_string": query.urlencode()}
    return render(request, "moderation/queue.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, pk: int) -> HttpResponse:
    moderator = _user(request)
    found = access.get_report_for(moderator, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                moderator,
                found,
                form.cleaned_data["action"],
                form.cleaned_data["reason"],
                form.cleaned_data["suspend_days"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Decided."))
            return redirect("moderation:queue")
    kind = kind_of(found.kind)
    target = kind.fetch(found.object_id)
    context = {
        "report": found,
        "kind": kind,
        "current": kind.describe(target) if target is not None else None,
        "others": list(access.other_reports_about(found)[:20]),
        "form": form,
    }
    return render(request, "moderation/case.html", context, status=400 if form.errors else 200)
