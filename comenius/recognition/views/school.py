"""School label pages: the member's page for their institution (eligibility, the open call, the application),
the head's declaration through a signed link (no login), the NSO's queue and decision, central support's call."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comenius.accounts.access import has_second_factor, is_officer
from comenius.accounts.decorators import member_required, officer_required
from comenius.accounts.models import Role, User
from comenius.accounts.services import LinkExpiredError
from comenius.core.errors import DomainError
from comenius.core.private_files import send_private_file
from comenius.institutions.models import Institution
from comenius.recognition import access, rules
from comenius.recognition.forms import CallForm, SchoolDecisionForm, SchoolForm
from comenius.recognition.models import SchoolApplicationState, SchoolLabelApplication, SchoolLabelCall
from comenius.recognition.services import school


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@member_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    institution_id = access.institution_of(user)
    institution = Institution.objects.filter(pk=institution_id).first() if institution_id else None
    call = school.current_call()
    eligibility = access.school_eligibility(institution_id) if institution_id else None
    application = (
        SchoolLabelApplication.objects.filter(call=call, institution_id=institution_id).first()
        if call and institution_id
        else None
    )
    form = SchoolForm(
        request.POST or None, request.FILES or None, answers=application.self_assessment if application else None,
        initial={"head_email": application.head_email if application else ""},
    )  # fmt: skip
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "start":
                school.start(user)
                return redirect("recognition:school")
            if application is None:
                raise DomainError(_("Start the application first."))
            if action in {"save", "send"} and form.is_valid():
                policy = form.cleaned_data.get("esafety_policy")  # checked by the form (SchoolForm.clean)
                school.save(user, application, form.answers(), policy, form.cleaned_data["head_email"] or "")
                if action == "send":
                    school.ask_head(user, application)
                    messages.success(
                        request, _("The head of your institution has been sent a link to declare the application.")
                    )
                else:
                    messages.success(request, _("Your draft is saved."))
                return redirect("recognition:school")
            if action not in {"save", "send"}:
                raise DomainError(_("Choose what to do."))
        except DomainError as error:
            form.add_error(None, error.message)
    labels = access.badges_of_institution(institution_id) if institution_id else []
    context = {
        "institution": institution,
        "call": call,
        "eligibility": eligibility,
        "application": application,
        "form": form,
        "editable": application is not None and application.state == SchoolApplicationState.DRAFT,
        "labels": labels,
        "rules": rules.rules_for(rules.current_school_year()),
    }
    return render(request, "recognition/school.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
def policy(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The eSafety policy: members of the institution and the NSO of its country (MFA, like other NSO pages)."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    viewer: User = user
    if viewer.is_validated_member:
        found = access.get_own_school_application(viewer, pk)
    elif is_officer(viewer) and has_second_factor(viewer):
        found = access.get_school_application_for_officer(viewer, pk)
    else:
        raise Http404
    if not found.esafety_policy:
        raise Http404
    return send_private_file(
        request, found.esafety_policy, found.esafety_content_type or "application/octet-stream", inline=False
    )


@require_http_methods(["GET", "POST"])
def head(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the head is usually not a member. The signed, expiring link is the credential (the same way as
    the head's confirmation in validation: tampered → 404, expired → 410)."""
    try:
        found = school.application_from_head_token(token)
    except LinkExpiredError as error:
        return render(request, "accounts/head_link_problem.html", {"message": error.message}, status=410)
    except SchoolLabelApplication.DoesNotExist as error:
        raise Http404 from error
    done = False
    if request.method == "POST" and request.POST.get("answer") == "declare":
        try:
            school.head_declares(token)
        except DomainError as error:
            messages.error(request, error.message)
        done = True
        found.refresh_from_db()
    context = {
        "application": found,
        "principles": [(label, found.self_assessment.get(code, "")) for code, label in rules.PRINCIPLES],
        "done": done,
    }
    return render(request, "recognition/school_head.html", context)


@officer_required
def queue(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    rows = access.school_applications_for(officer)
    context = {
        "applications": list(rows[:200]),
        "calls": list(SchoolLabelCall.objects.all()[:5]),
    }
    return render(request, "recognition/school_queue.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def calls(request: HttpRequest) -> HttpResponse:
    """Central support opens a call; the eligible institutions are listed for everyone with this page."""
    officer = _user(request)
    if officer.role != Role.CENTRAL:
        raise Http404
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = school.open_call(officer, form.cleaned_data["opens_on"], form.cleaned_data["closes_on"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The call is open; %(count)s members are invited.") % {"count": call.invited})
            return redirect("recognition:school_queue")
    context = {"form": form, "eligible": school.eligible_institutions()}
    return render(request, "recognition/school_calls.html", context, status=400 if form.errors else 200)


@officer_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _user(request)
    found = access.get_school_application_for_officer(officer, pk)
    form = SchoolDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = request.POST.get("decision")
        try:
            if decision not in {"award", "refuse"}:
                raise DomainError(_("Please award or refuse the label."))
            school.decide(officer, found, award=decision == "award", reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Decided."))
            return redirect("recognition:school_review", pk=found.pk)
    context = {
        "application": found,
        "form": form,
        "principles": [(label, found.self_assessment.get(code, "")) for code, label in rules.PRINCIPLES],
        "eligibility": access.school_eligibility(found.institution_id, found.call.school_year),
        "can_decide": found.state == SchoolApplicationState.SUBMITTED,
    }
    return render(request, "recognition/school_review.html", context, status=400 if form.errors else 200)
