"""Ambassador pages: the public finder (no login), contact, the ambassador's own page and newcomers, and the
NSO's appointments and posters."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comenius.accounts.decorators import member_account_required, member_required, officer_required
from comenius.accounts.models import Role, User
from comenius.ambassadors import access, posters, regions, services
from comenius.ambassadors.forms import (
    AppointmentForm,
    EndForm,
    FinderForm,
    HelpRequestForm,
    ListingForm,
    MemberContactForm,
    PosterForm,
    RenewForm,
    VisitorContactForm,
)
from comenius.ambassadors.models import HelpRequest
from comenius.core.errors import DomainError
from comenius.core.models import Country
from comenius.core.private_files import send_private_file


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _country(code: str) -> Country:
    if len(code) != 2 or not code.isalpha():
        raise Http404
    return get_object_or_404(Country.objects.participating(), pk=code.upper())


# --- the public finder ------------------------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Choose a country: every participating country, with how many ambassadors it has."""
    counts = access.countries_with_ambassadors()
    countries = sorted(Country.objects.participating(), key=lambda c: c.display_name)
    rows = [(country, counts.get(country.code, 0)) for country in countries]
    return render(request, "ambassadors/index.html", {"rows": rows})


@require_GET
def country(request: HttpRequest, code: str) -> HttpResponse:
    """The finder of one country: the map of its regions, filters, and the list of ambassadors (the map's
    accessible alternative). A visit from a poster (`?c=<campaign>`) is counted, without cookies."""
    found_country = _country(code)
    form = FinderForm(found_country.code, request.GET or None)
    filters = access.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = access.Filters(
            region=data.get("region") or "",
            postcode=data.get("postcode") or "",
            municipality=data.get("municipality") or "",
            level=data.get("level") or "",
            language=data.get("language") or "",
        )
    campaign = request.GET.get("c", "")
    if campaign:
        services.count_poster_visit(
            found_country.code,
            filters.region,
            campaign[:40],
            _address(request),
            str(request.META.get("HTTP_USER_AGENT", ""))[:200],
        )
    appointments, region = access.find(found_country, filters)
    counts = access.counts_by_region(found_country)
    country_regions = regions.for_country(found_country.code)
    map_regions = [
        {"region": r, "count": counts.get(r.code, 0), "selected": region is not None and r.code == region.code}
        for r in (country_regions.regions if country_regions else ())
    ]
    searched = bool(filters.region or filters.postcode or filters.municipality)
    context = {
        "country": found_country,
        "form": form,
        "cards": access.cards(list(appointments[:200])),
        "region": region,
        "unplaced": searched and region is None,
        "country_regions": country_regions,
        "map_regions": map_regions,
        "filtered": any(vars(filters).values()),
    }
    return render(request, "ambassadors/country.html", context)


@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An ambassador's photo, public only when they chose to show it on the finder."""
    stored = access.public_photo(pk)
    return send_private_file(request, stored, "image/jpeg", cache_control="public, max-age=3600")  # type: ignore[arg-type]


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to an ambassador. Visitors: a short form that reaches the ambassador by e-mail (their address is
    never shown), rate limited, with a honeypot instead of a captcha. Validated members: a message."""
    appointment = access.get_public_appointment(pk)
    user = _user(request)
    as_member = user.is_authenticated and user.is_validated_member
    if user.is_authenticated and not as_member and user.role != Role.MEMBER:
        raise Http404  # officers use their own channels
    form: MemberContactForm | VisitorContactForm
    if as_member:
        if appointment.user_id == user.pk:
            raise Http404
        form = MemberContactForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                conversation = services.contact_by_member(user, appointment, form.cleaned_data["body"])
            except DomainError as error:
                form.add_error("body", error.message)
            else:
                return redirect("network:conversation", pk=conversation)
    else:
        form = VisitorContactForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["website"]:
                # A robot filled in the honeypot: answer as if sent, send nothing.
                return render(request, "ambassadors/contact_sent.html", {"appointment": appointment})
            try:
                services.contact_by_visitor(
                    appointment,
                    _address(request),
                    form.cleaned_data["name"],
                    form.cleaned_data["email"],
                    form.cleaned_data["message"],
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return render(request, "ambassadors/contact_sent.html", {"appointment": appointment})
    card = access.cards([appointment])[0]
    context = {"appointment": appointment, "card": card, "form": form, "as_member": as_member}
    return render(request, "ambassadors/contact.html", context, status=400 if form.errors else 200)


# --- the ambassador's own pages -------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """The member's appointment: accept or decline an offer; choose what the finder shows."""
    user = _user(request)
    appointment = access.own_appointment(user)
    if appointment is None:
        raise Http404
    form = ListingForm(
        request.POST or None,
        initial={
            "introduction": appointment.introduction,
            "show_photo": appointment.show_photo,
            "show_school": appointment.show_school,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_own_listing(user, appointment, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved. The finder shows what you chose."))
        return redirect("ambassadors:mine")
    return render(request, "ambassadors/mine.html", {"appointment": appointment, "form": form})


@member_required
@require_POST
def answer(request: HttpRequest, answer: str) -> HttpResponse:
    user = _user(request)
    appointment = access.own_appointment(user)
    if appointment is None or answer not in {"accept", "decline"}:
        raise Http404
    try:
        if answer == "accept":
            services.accept(user, appointment)
            messages.success(request, _("Welcome aboard. Newcomers of your regions can now find you."))
        else:
            services.decline(user, appointment)
            messages.info(request, _("You declined the appointment. Your national team has been told."))
    except DomainError as error:
        messages.error(request, error.message)
    if answer == "decline":
        return redirect("site:home")
    return redirect("ambassadors:mine")


@member_required
@require_GET
def newcomers(request: HttpRequest) -> HttpResponse:
    """Newcomers of the ambassador's regions who asked for help, with only what they chose to share."""
    user = _user(request)
    appointment = access.current_appointment(user)
    if appointment is None:
        raise Http404
    rows = access.newcomer_rows(list(access.newcomers_for(user)[:100]))
    return render(request, "ambassadors/newcomers.html", {"appointment": appointment, "rows": rows})


@member_required
@require_POST
def offer_help(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    help_request = access.get_newcomer_for(user, pk)
    try:
        services.offer_help(user, help_request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("We have e-mailed the newcomer your name and address."))
    return redirect("ambassadors:newcomers")


@member_account_required
@require_http_methods(["GET", "POST"])
def ask_for_help(request: HttpRequest) -> HttpResponse:
    """A newcomer asks the ambassadors of their region for help (pending members too)."""
    user = _user(request)
    existing = HelpRequest.objects.filter(user=user).first()
    initial = {}
    if existing is not None:
        initial = {"share_name": existing.share_name, "share_school": existing.share_school, "note": existing.note}
    form = HelpRequestForm(request.POST or None, initial=initial or None)
    if request.method == "POST":
        if request.POST.get("withdraw"):
            services.withdraw_help_request(user)
            messages.info(request, _("Your request for help is withdrawn."))
            return redirect("ambassadors:ask_for_help")
        if form.is_valid():
            try:
                services.ask_for_help(user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The ambassadors of your region can now see your request."))
                return redirect("ambassadors:ask_for_help")
    context = {"form": form, "existing": existing}
    return render(request, "ambassadors/ask_for_help.html", context, status=400 if form.errors else 200)


# --- the NSO's pages ----------------------------------------------------------------------------------------------


def _managed_country(request: HttpRequest) -> Country:
    """An NSO officer's own country; central support chooses one (`?country=`)."""
    user = _user(request)
    if user.role == Role.CENTRAL:
        code = (request.GET.get("country") or request.POST.get("country") or "DK").upper()
        return _country(code)
    return get_object_or_404(Country, pk=user.country_id)


@officer_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """The country's ambassadors and mentors, the appointment form and the poster visits."""
    officer = _user(request)
    managed = _managed_country(request)
    form = AppointmentForm(managed.code, request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = access.appointable_member(officer, form.cleaned_data["email"])
        if member is None or member.country_id != managed.code:
            form.add_error("email", _("No validated member of your country has this address."))
        else:
            try:
                services.appoint(officer, member, _appointment_data(form.cleaned_data))
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Appointed. The member has been asked to accept."))
                return redirect(f"{request.path}?country={managed.code}")
    appointments = access.appointments_for(officer).filter(country=managed).order_by("state", "ends_on")
    context = {
        "country": managed,
        "appointments": appointments[:300],
        "form": form,
        "visits": access.poster_visits(managed),
        "poster_form": PosterForm(managed.code),
    }
    return render(request, "ambassadors/manage.html", context, status=400 if form.errors else 200)


def _appointment_data(data: dict[str, Any]) -> services.AppointmentData:
    return services.AppointmentData(
        kind=data["kind"],
        ends_on=data["ends_on"],
        regions=list(data.get("regions") or []),
        levels=list(data["levels"]),
        subjects=list(data["subjects"]),
        tools=list(data["tools"]),
        languages=list(data["languages"]),
        help_ways=list(data["help_ways"]),
    )


@officer_required
@require_http_methods(["GET", "POST"])
def appointment(request: HttpRequest, pk: int) -> HttpResponse:
    """One appointment: change it, renew the term or end it."""
    officer = _user(request)
    found = access.get_appointment_for(officer, pk)
    fields = ("kind", "ends_on", "regions", "levels", "subjects", "tools", "languages", "help_ways")
    initial = {name: getattr(found, name) for name in fields}
    form = AppointmentForm(found.country_id, request.POST or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update(officer, found, _appointment_data(form.cleaned_data))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("ambassadors:appointment", pk=found.pk)
    context = {
        "found": found,
        "form": form,
        "renew_form": RenewForm(initial={"ends_on": found.ends_on}),
        "end_form": EndForm(),
    }
    return render(request, "ambassadors/appointment.html", context, status=400 if form.errors else 200)


@officer_required
@require_POST
def renew(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _user(request)
    found = access.get_appointment_for(officer, pk)
    form = RenewForm(request.POST)
    if form.is_valid():
        try:
            services.renew(officer, found, form.cleaned_data["ends_on"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The term is renewed."))
    else:
        messages.error(request, _("Choose the new end of the term."))
    return redirect("ambassadors:appointment", pk=found.pk)


@officer_required
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _user(request)
    found = access.get_appointment_for(officer, pk)
    form = EndForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.end(officer, found, reason)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The appointment has ended."))
    return redirect("ambassadors:appointment", pk=found.pk)


@officer_required
@require_GET
def poster(request: HttpRequest) -> HttpResponseBase:
    """The poster or flyer as a PDF (`?region=&size=&campaign=`), for the officer's country."""
    managed = _managed_country(request)
    form = PosterForm(managed.code, request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a region and a size for the poster."))
        return redirect("ambassadors:manage")
    region = regions.get(form.cleaned_data["region"]) if form.cleaned_data["region"] else None
    pdf, _url = posters.render(managed, region, form.cleaned_data["campaign"], form.cleaned_data["size"])
    name = f"ambassadors-{(region.code if region else managed.code).lower()}-{form.cleaned_data['size']}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
