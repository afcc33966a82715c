"""Pages about people. Thin: forms validate, services decide, access reads."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts import access, services
from comenius.accounts.decorators import login_required, member_account_required, officer_required
from comenius.accounts.forms import (
    DecisionForm,
    DeleteAccountForm,
    EvidenceForm,
    HeadConfirmationForm,
    ProfileForm,
    QueueFilterForm,
    ValidationMethodsForm,
)
from comenius.accounts.models import RequestStatus, User, ValidationRequest
from comenius.accounts.tasks import DATA_EXPORT
from comenius.core import account_links, audit, downloads
from comenius.core.errors import DomainError
from comenius.core.pagination import HonestPaginator
from comenius.core.params import positive_ids
from comenius.core.private_files import send_private_file
from comenius.core.redirects import safe_redirect
from comenius.institutions.models import Membership


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _status_context(user: User) -> dict[str, object]:
    requests = list(access.own_validation_requests(user))
    return {
        "requests": requests,
        "open_request": next((r for r in requests if r.is_open), None),
        "email_confirmed": user.emailaddress_set.filter(verified=True).exists(),  # type: ignore[attr-defined]
        "evidence_form": EvidenceForm(),
        "head_form": HeadConfirmationForm(),
        "memberships": Membership.objects.filter(user=user).select_related("institution"),
    }


@member_account_required
def status(request: HttpRequest) -> HttpResponse:
    """What a member is waiting for, and what they can do to speed it up."""
    return render(request, "accounts/status.html", _status_context(_user(request)))


@member_account_required
@require_POST
def upload_evidence(request: HttpRequest) -> HttpResponse:
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_evidence(_user(request), form.cleaned_data["evidence"], form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you. Your national team can now see your document."))
            return redirect("accounts:status")
    return _status_with_errors(request, evidence_form=form)


@member_account_required
@require_POST
def ask_head(request: HttpRequest) -> HttpResponse:
    form = HeadConfirmationForm(request.POST)
    if form.is_valid():
        try:
            services.ask_head_to_confirm(_user(request), form.cleaned_data["head_email"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("We have sent the link. You will hear from us as soon as they confirm."))
            return redirect("accounts:status")
    return _status_with_errors(request, head_form=form)


def _status_with_errors(request: HttpRequest, **forms: object) -> HttpResponse:
    """Show the waiting page again with the form that failed, its errors next to the field."""
    context = {**_status_context(_user(request)), **forms}
    return render(request, "accounts/status.html", context, status=400)


@member_account_required
@require_POST
def ask_again(request: HttpRequest) -> HttpResponse:
    try:
        services.ask_again(_user(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is back with your national team."))
    return redirect("accounts:status")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    initial = {"first_name": user.first_name, "last_name": user.last_name, "language": user.language}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    context = {"form": form, "account_links": account_links.links_for(request.user)}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


def _privacy_context(user: User, delete_form: DeleteAccountForm) -> dict[str, object]:
    return {"delete_form": delete_form, **downloads.status_context(downloads.latest(user, DATA_EXPORT))}


@member_account_required
def privacy_settings(request: HttpRequest) -> HttpResponse:
    """The member's own data: download it (prepared in the background), or delete the account."""
    return render(request, "accounts/privacy_settings.html", _privacy_context(_user(request), DeleteAccountForm()))


@member_account_required
@require_POST
def export_data(request: HttpRequest) -> HttpResponse:
    """Ask for a copy of one's data: a task assembles it (`data_export.build_export`, `accounts.tasks`); the data
    page shows when it is ready, and an e-mail says so."""
    downloads.request_download(_user(request), DATA_EXPORT)
    return redirect("accounts:privacy_settings")


@member_account_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeleteAccountForm(request.POST)
    if form.is_valid():
        try:
            services.delete_account(
                user, form.cleaned_data["password"], delete_contributions=form.cleaned_data["delete_contributions"]
            )
        except DomainError as error:
            form.add_error("password" if "password" in error.message else None, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Thank you for the time you spent with us."))
            return redirect("site:front")
    return render(request, "accounts/privacy_settings.html", _privacy_context(user, form), status=400)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person keeps it for pages and e-mails."""
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        messages.error(request, _("This language is not available yet."))
        return redirect("site:front")
    if request.user.is_authenticated:
        services.set_language(_user(request), language)
    response = safe_redirect(request, request.POST.get("next"), "/")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        httponly=True,
    )
    return response


# --- the NSO's validation queue --------------------------------------------------------------------


QUEUE_PAGE_SIZE = 25


@officer_required
def queue(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    form = QueueFilterForm(request.GET or None)
    requests = access.validation_requests_for(officer)
    status_filter = "open"
    if form.is_valid():
        data = form.cleaned_data
        status_filter = data["status"] or "open"
        if data["q"]:
            query = data["q"]
            requests = requests.filter(
                Q(user__first_name__icontains=query)
                | Q(user__last_name__icontains=query)
                | Q(user__email__icontains=query)
                | Q(institution__name__icontains=query)
            )
        if data["type"]:
            requests = requests.filter(institution__type=data["type"])
        if data["new_institution"]:
            requests = requests.filter(institution_is_new=True)
        if data["evidence"]:
            requests = requests.exclude(evidence="")
    requests = requests.filter(status=status_filter)
    requests = requests.order_by("created_at") if status_filter == "open" else requests.order_by("-decided_at")
    page = HonestPaginator(requests, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = access.validation_requests_for(officer).filter(status=RequestStatus.OPEN).count()
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "waiting": waiting,
        "status_filter": status_filter,
        "query_string": query_string.urlencode(),
    }
    return render(request, "accounts/queue.html", context)


@officer_required
@require_POST
def queue_bulk_validate(request: HttpRequest) -> HttpResponse:
    ids = positive_ids(request.POST.getlist("selected"))
    if not ids:
        messages.warning(request, _("Select the members you want to validate first."))
    else:
        count = services.validate_many(_user(request), ids)
        messages.success(request, _("%(count)d members validated.") % {"count": count})
    return redirect(reverse("accounts:queue"))


@officer_required
@require_http_methods(["GET", "POST"])
def queue_request(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _user(request)
    validation = access.get_validation_request_for(officer, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "validate":
                services.validate_member(officer, validation, form.cleaned_data["reason"])
                messages.success(request, _("%(name)s is validated.") % {"name": validation.user.get_full_name()})
            else:
                services.reject_member(officer, validation, form.cleaned_data["reason"])
                messages.success(request, _("%(name)s has been told why.") % {"name": validation.user.get_full_name()})
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("accounts:queue")
    member = validation.user
    history = access.validation_requests_for(officer).filter(user=member).exclude(pk=validation.pk)
    colleagues = access.validated_colleagues(validation)
    context = {
        "validation": validation,
        "member": member,
        "form": form,
        "history": history,
        "colleagues": colleagues,
        "membership": Membership.objects.filter(user=member, institution=validation.institution).first(),
    }
    return render(request, "accounts/queue_request.html", context, status=400 if form.errors else 200)


@officer_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    validation = access.get_validation_request_for(_user(request), pk)
    if not validation.evidence:
        raise Http404
    return send_private_file(
        request, validation.evidence, validation.evidence_content_type, cache_control="private, no-store"
    )


@officer_required
@require_http_methods(["GET", "POST"])
def country_settings(request: HttpRequest, code: str) -> HttpResponse:
    """An NSO chooses how members of its country can be validated (central support: any country)."""
    officer = _user(request)
    country = access.country_managed_by(officer, code)
    form = ValidationMethodsForm(request.POST or None, instance=country)
    if request.method == "POST" and form.is_valid():
        services.update_validation_methods(officer, form)
        messages.success(request, _("The validation methods are saved."))
        return redirect("accounts:country_settings", code=country.code)
    return render(
        request,
        "accounts/country_settings.html",
        {"form": form, "country": country},
        status=400 if form.errors else 200,
    )


# --- the head of institution's link ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def head_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the head is usually not a member. The signed, expiring link is the credential."""
    try:
        validation = services.request_from_head_token(token)
    except services.LinkExpiredError as error:
        return render(request, "accounts/head_link_problem.html", {"message": error.message}, status=410)
    except ValidationRequest.DoesNotExist as error:  # a tampered or unknown link
        raise Http404 from error
    done = False
    if request.method == "POST":
        try:
            services.decide_by_head(token, confirmed=request.POST.get("answer") == "confirm")
        except DomainError as error:
            messages.error(request, error.message)
        done = True
        validation.refresh_from_db()
    membership = Membership.objects.filter(user=validation.user, institution=validation.institution).first()
    context = {"validation": validation, "membership": membership, "done": done}
    return render(request, "accounts/head_confirm.html", context)


@officer_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Every decision of the national team (or, for central support, of everyone): who, what, when, why."""
    from comenius.core.access import audit_events_for
    from comenius.core.pagination import CappedPaginator

    action = request.GET.get("action", "")[:60]
    query = request.GET.get("q", "")[:100]
    events = audit_events_for(_user(request), action=action, query=query)
    page = CappedPaginator(events, 50).get_page(request.GET.get("page"))
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "page": page,
        "action": action,
        "query": query,
        "actions": audit.choices(),
        "query_string": query_string.urlencode(),
    }
    return render(request, "accounts/audit_log.html", context)


@officer_required
def login_locks(request: HttpRequest) -> HttpResponse:
    """The log-in keys that wait now (accounts/throttling.py), of the officer's country (central support: all),
    each with a button that lifts it."""
    from comenius.accounts import throttling

    locks = list(throttling.waiting_for(_user(request))[:200])
    return render(request, "accounts/login_locks.html", {"locks": locks, "settings_rules": settings.LOGIN_THROTTLE})


@require_POST
@officer_required
def lift_login_lock(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.lift_login_throttle(_user(request), pk, reason=request.POST.get("reason", "")[:300])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The lock is lifted: log-in can be tried again at once."))
    return redirect("accounts:login_locks")


@member_account_required
@require_http_methods(["GET", "POST"])
def change_institution(request: HttpRequest) -> HttpResponse:
    """A member moves to another institution (`accounts.moving`): the sign-up's picker and the role there. The
    page shows where they work now and where they worked before."""
    from comenius.accounts import moving
    from comenius.accounts.forms import ChangeInstitutionForm

    user = _user(request)
    searching = request.method == "POST" and "search_only" in request.POST
    form = ChangeInstitutionForm(request.POST or None, initial={"country": user.country_id})
    if request.method == "POST" and not searching and form.is_valid():
        try:
            moving.change_institution(
                user,
                role=form.cleaned_data["role"],
                institution=form.cleaned_data.get("institution_object"),
                new_institution=form.new_institution(),
                country=form.cleaned_data["country"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            user.refresh_from_db()
            if user.is_validated_member:
                messages.success(request, _("Your new institution is saved. Your projects keep their schools."))
                return redirect("accounts:profile")
            messages.success(
                request, _("Your new institution is saved. The national team of your new country validates you.")
            )
            return redirect("accounts:status")
    memberships = Membership.all_objects.filter(user=user).select_related("institution__country")
    context = {
        "form": form,
        "current": [m for m in memberships if m.left_at is None],
        "former": sorted(
            (m for m in memberships if m.left_at is not None),
            key=lambda m: m.left_at.timestamp() if m.left_at else 0.0,
            reverse=True,
        ),
    }
    status = 400 if form.errors and not searching else 200
    return render(request, "accounts/change_institution.html", context, status=status)
