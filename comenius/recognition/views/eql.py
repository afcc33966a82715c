"""The European Quality Label round: one page for officers (MFA). Central support opens the round, sees every
candidate with its average NQL score and confirms; an NSO officer sees their country's candidates above the
threshold, the cap, and nominates."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comenius.accounts.decorators import officer_required
from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.projects.models import Project
from comenius.recognition import access, rules
from comenius.recognition.forms import NominateForm
from comenius.recognition.models import EQLNomination, EQLRound
from comenius.recognition.services import eql


@officer_required
@require_http_methods(["GET", "POST"])
def round_page(request: HttpRequest) -> HttpResponse:
    officer: User = request.user  # type: ignore[assignment]
    current = EQLRound.objects.order_by("-school_year").first()
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = NominateForm(request.POST)
        try:
            if action == "open" and officer.role == Role.CENTRAL:
                current = eql.open_round(officer)
                messages.success(request, _("The round is open: the national teams can nominate."))
            elif action == "confirm" and officer.role == Role.CENTRAL and current is not None:
                count = eql.confirm(officer, current)
                messages.success(request, _("The round is confirmed: %(count)s labels awarded.") % {"count": count})
            elif action in {"nominate", "withdraw"} and current is not None and form.is_valid():
                project = Project.objects.filter(pk=form.cleaned_data["project"]).first()
                if project is None:
                    raise DomainError(_("Choose one of the candidates."))
                if action == "nominate":
                    eql.nominate(officer, current, project)
                    messages.success(request, _("Nominated."))
                else:
                    nomination = EQLNomination.objects.filter(
                        round=current, project=project, country_id=officer.country_id
                    ).first()
                    if nomination is None:
                        raise DomainError(_("This project is not nominated."))
                    eql.withdraw_nomination(officer, nomination)
                    messages.success(request, _("The nomination is withdrawn."))
            else:
                raise DomainError(_("Choose what to do."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("recognition:eql")
    context: dict[str, object] = {"round": current, "next_year": rules.year_label(rules.current_school_year() - 1)}
    if current is not None:
        the_rules = rules.rules_for(current.school_year)
        context["rules"] = the_rules
        if officer.role == Role.CENTRAL:
            context["candidates"] = access.eql_candidates(current)
            context["nominations"] = list(
                current.nominations.select_related("project", "country").order_by("country__name", "-average")
            )
        elif officer.country_id:
            context["candidates"] = access.nso_candidates(current, officer.country_id)
            context["cap"] = access.nomination_cap(current, officer.country_id)
            context["labelled"] = access.nso_labelled_projects(current, officer.country_id)
            context["used"] = EQLNomination.objects.filter(round=current, country_id=officer.country_id).count()
    return render(request, "recognition/eql.html", context)
