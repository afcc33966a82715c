"""Reporting inside a space (members and pupils, in simple words for pupils) and the space's own report
queue for its teacher administrators (hide, restore, delete, dismiss)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from comenius.core.errors import DomainError
from comenius.moderation import access as moderation_access
from comenius.moderation import services as moderation
from comenius.moderation.forms import DecisionForm, ReportForm
from comenius.moderation.models import Action, ReportReason, ReportState
from comenius.moderation.registry import kind_of
from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.views.common import render_space, space_view

# What a 10-year-old can choose from, mapped to the moderators' reasons.
PUPIL_REASONS = [
    (ReportReason.INAPPROPRIATE, gettext_lazy("Someone is unkind or rude")),
    (ReportReason.CHILD_SAFETY, gettext_lazy("It scares me or makes me feel unsafe")),
    (ReportReason.PERSONAL_DATA, gettext_lazy("It shows private things about someone")),
    (ReportReason.SPAM, gettext_lazy("It is silly spam")),
    (ReportReason.OTHER, gettext_lazy("Something else")),
]


class PupilReportForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("What is wrong?"), choices=PUPIL_REASONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=gettext_lazy("You can tell us more (you don't have to)"),
        max_length=500,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )


@space_view()
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, seat: Seat, kind: str, object_id: int) -> HttpResponse:
    content = access.reportable_for(seat.user, kind, object_id)
    if access.space_of_content(kind, content).pk != seat.space.pk:
        raise Http404
    if getattr(content, "author_id", None) == seat.user.pk:
        raise Http404
    form_class = PupilReportForm if seat.is_pupil else ReportForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(seat.user, kind, object_id, form.cleaned_data["reason"], form.cleaned_data["comment"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            text = (
                _("Thank you for telling us. A teacher will look at it.")
                if seat.is_pupil
                else _("Thank you. The moderators will look at it.")
            )
            messages.success(request, text)
            return redirect("spaces:home", space_id=seat.space.pk)
    context = {"form": form, "kind": kind_of(kind), "summary": kind_of(kind).describe(content)[:300]}
    return render_space(request, seat, "spaces/moderation/report.html", context, status=400 if form.errors else 200)


@space_view("moderate")
def reports(request: HttpRequest, seat: Seat) -> HttpResponse:
    found = moderation_access.reports_for(seat.user).filter(space=seat.space)
    context = {
        "open_reports": list(found.filter(state=ReportState.OPEN).order_by("created_at")[:100]),
        "decided": list(found.exclude(state=ReportState.OPEN).order_by("-decided_at")[:30]),
    }
    return render_space(request, seat, "spaces/moderation/reports.html", context)


@space_view("moderate")
@require_http_methods(["GET", "POST"])
def report_case(request: HttpRequest, seat: Seat, pk: int) -> HttpResponse:
    found = get_object_or_404(moderation_access.reports_for(seat.user).filter(space=seat.space), pk=pk)
    form = DecisionForm(request.POST or None)
    allowed = moderation_access.allowed_actions(seat.user)
    action_field = form.fields["action"]
    action_field.choices = [choice for choice in Action.choices if choice[0] in allowed]  # type: ignore[attr-defined]
    del form.fields["suspend_days"]
    if request.method == "POST" and form.is_valid():
        try:
            moderation.decide(seat.user, found, form.cleaned_data["action"], form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Decided."))
            return redirect("spaces:reports", space_id=seat.space.pk)
    kind = kind_of(found.kind)
    target = kind.fetch(found.object_id)
    context = {
        "report": found,
        "kind": kind,
        "current": kind.describe(target) if target is not None else None,
        "form": form,
    }
    return render_space(request, seat, "spaces/moderation/case.html", context, status=400 if form.errors else 200)
