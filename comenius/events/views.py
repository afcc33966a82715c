"""Event pages. The list, the event pages and the public calendar are open to visitors for public events;
registering needs a validated member; organisers' pages answer 404 to everyone else."""

from __future__ import annotations

import calendar as month_calendar
import csv
import io
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import login_required, member_required
from comenius.accounts.models import User
from comenius.certificates import access as certificates
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.vocabulary import Language, Subject
from comenius.events import access, ical, services
from comenius.events.forms import EventFilterForm, EventForm, MotivationForm, ReasonForm
from comenius.events.models import Event, Level, Mode, Registration, RegistrationState

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _in_reader_zone(request: HttpRequest) -> Any:
    """Pages show times in the reader's zone (and, beside them, the organiser's)."""
    zone = access.reader_zone(request)
    timezone.activate(zone)
    return zone


def _organiser_gate(request: HttpRequest) -> HttpResponse | None:
    """Officers work on events only with their second factor, as on every officer page."""
    from comenius.accounts.access import has_second_factor, is_officer

    user = _user(request)
    if is_officer(user) and not has_second_factor(user):
        messages.warning(request, _("Set up two-factor authentication before you work on members' data."))
        return redirect("mfa_activate_totp")
    return None


# --- the calendar ------------------------------------------------------------------------------------------------


def _month(text: str, today: date) -> date:
    try:
        year, month = (int(part) for part in text.split("-", 1))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def event_list(request: HttpRequest) -> HttpResponse:
    """`/events/`: a list (upcoming or past) or a month, with filters that live in the URL."""
    zone = _in_reader_zone(request)
    user = request.user
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    view = "month" if request.GET.get("view") == "month" else "list"
    context: dict[str, Any] = {"form": form, "view": view, "zone": zone, "can_organise": access.can_organise(user)}
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("view", None)
    query.pop("month", None)
    context["filter_query"] = query.urlencode()
    if view == "month":
        first = _month(request.GET.get("month", ""), timezone.localdate())
        events = list(access.month_events(user, filters, first, zone))
        by_day: dict[date, list[Event]] = {}
        for event in events:
            day = timezone.localtime(event.starts_at).date()
            by_day.setdefault(day, []).append(event)
        weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        context.update(
            month=first,
            weeks=[[(day, day.month == first.month, by_day.get(day, [])) for day in week] for week in weeks],
            previous=(first - timedelta(days=1)).replace(day=1),
            following=(first + timedelta(days=32)).replace(day=1),
            month_events=events,
        )
    else:
        page = CappedPaginator(access.search(user, filters), 20).get_page(request.GET.get("page"))
        events = list(page.object_list)
        taken = access.registration_counts(events)
        context.update(page=page, events=[(event, taken.get(event.pk, 0)) for event in events])
    return render(request, "events/list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    zone = _in_reader_zone(request)
    user = request.user
    event = access.get_event_for(user, pk)
    registration = access.registration_of(user, event)
    context = {
        "event": event,
        "zone": zone,
        "different_zone": str(zone) != event.time_zone,
        "registration": registration,
        "refusal": access.registration_refusal(user, event),
        "places_left": access.places_left(event),
        "manages": access.can_manage(user, event),
        "position": access.waiting_position(registration) if registration and registration.state == "waiting" else 0,
        "motivation_form": MotivationForm(),
        "sees_link": registration is not None and registration.state == RegistrationState.CONFIRMED,
    }
    context["sees_link"] = context["sees_link"] or context["manages"]
    # Members report what they see; organisers and central support act on their own events instead.
    context["may_report"] = (
        getattr(user, "is_validated_member", False)
        and not context["manages"]
        and event.hidden_at is None
        and event.created_by_id != user.pk
    )
    context.update(_labels(event))
    return render(request, "events/detail.html", context)


def _labels(event: Event) -> dict[str, Any]:
    languages, subjects = dict(Language.choices), dict(Subject.choices)
    return {
        "language_name": languages.get(event.language, event.language),
        "levels": [Level(value).label for value in event.levels if value in Level.values],
        "subjects": [subjects[value] for value in event.subjects if value in subjects],
    }


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an .ics file (whoever may see the event)."""
    event = access.get_event_for(request.user, pk)
    response = HttpResponse(ical.calendar([event], event.title), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=ical.filename(event)) or ""
    )
    return response


def public_feed(request: HttpRequest) -> HttpResponse:
    """Every public event (from 60 days back), for any calendar to subscribe to."""
    body = ical.calendar(access.public_feed_events(), _("Comenius events"))
    return HttpResponse(body, content_type=CALENDAR_TYPE)


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's secret feed: the token is the key (calendars cannot log in); a revoked one answers 404."""
    owner = access.feed_owner(token)
    body = ical.calendar(access.feed_events(owner), _("My Comenius events"))
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- a member's registrations ---------------------------------------------------------------------------------


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    zone = _in_reader_zone(request)
    user = _user(request)
    feed = services.ensure_feed(user)
    feed_url = request.build_absolute_uri(reverse("events:feed", kwargs={"token": feed.token}))
    now = timezone.now()
    rows = list(access.own_registrations(user))
    upcoming = [r for r in rows if r.event.ends_at >= now]
    past = [r for r in rows if r.event.ends_at < now]
    context = {"upcoming": upcoming, "past": past, "feed_url": feed_url, "zone": zone}
    return render(request, "events/mine.html", context)


@member_required
@require_POST
def reset_feed(request: HttpRequest) -> HttpResponse:
    services.reset_feed(_user(request))
    messages.success(request, _("Your calendar address is new. Calendars that used the old one no longer update."))
    return redirect("events:mine")


def _act(request: HttpRequest, event: Event, action: Any, success: str) -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("events:detail", pk=event.pk)


@member_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = access.get_event_for(user, pk)
    form = MotivationForm(request.POST)
    motivation = form.cleaned_data["motivation"] if form.is_valid() else ""
    try:
        registration = services.register(user, event, motivation)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("events:detail", pk=event.pk)
    done: dict[str, str] = {
        RegistrationState.CONFIRMED: _("You are registered."),
        RegistrationState.WAITING: _("The event is full: you are on the waiting list."),
        RegistrationState.APPLIED: _("Your application is sent. The organiser will let you know."),
    }
    messages.success(request, done.get(registration.state, _("You are registered.")))
    return redirect("events:detail", pk=event.pk)


@member_required
@require_POST
def cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = access.get_event_for(user, pk)
    return _act(request, event, lambda: services.cancel_registration(user, event), _("Your registration is cancelled."))


@member_required
@require_POST
def answer_offer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    if answer not in ("accept", "decline"):
        raise Http404
    user = _user(request)
    event = access.get_event_for(user, pk)
    accept = answer == "accept"
    done = _("The place is yours: you are registered.") if accept else _("You left the place to the next person.")
    return _act(request, event, lambda: services.answer_offer(user, event, accept), done)


# --- organisers --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not access.can_organise(user):
        raise Http404
    gate = _organiser_gate(request)
    if gate:
        return gate
    form = EventForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(user, form.data_object(), form.cleaned_data.get("creation_key") or "")
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is published."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = access.get_managed_event(user, pk)
    gate = _organiser_gate(request)
    if gate:
        return gate
    form = EventForm(request.POST or None, user=user, event=event, initial=EventForm.initial_from(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(user, event, form.data_object())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is updated."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "event": event}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_event(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    event = access.get_managed_event(user, pk)
    gate = _organiser_gate(request)
    if gate:
        return gate
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(user, event, form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event is cancelled; everyone registered is told."))
            return redirect("events:detail", pk=event.pk)
    status = 400 if form.errors else 200
    return render(request, "events/cancel_event.html", {"form": form, "event": event}, status=status)


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' page: who is registered, waiting, offered a place, applying; attendance; certificates."""
    zone = _in_reader_zone(request)
    user = _user(request)
    event = access.get_managed_event(user, pk)
    gate = _organiser_gate(request)
    if gate:
        return gate
    grouped = access.registrations_for_organiser(event)
    issued = {
        c.member_id: c
        for c in certificates.for_subject(services.ATTENDANCE_KIND, "events.event", event.pk).filter(
            revoked_at__isnull=True
        )
    }
    confirmed = grouped.get(RegistrationState.CONFIRMED, [])
    for registration in confirmed:
        registration.certificate = issued.get(registration.user_id)  # type: ignore[attr-defined]
    context = {
        "event": event,
        "zone": zone,
        "confirmed": confirmed,
        "offered": grouped.get(RegistrationState.OFFERED, []),
        "waiting": grouped.get(RegistrationState.WAITING, []),
        "applied": grouped.get(RegistrationState.APPLIED, []) + grouped.get(RegistrationState.NOT_SELECTED, []),
        "gone": [
            r
            for state in (RegistrationState.CANCELLED, RegistrationState.REMOVED, RegistrationState.EXPIRED)
            for r in grouped.get(state, [])
        ],
        "places_left": access.places_left(event),
        "started": event.starts_at <= timezone.now(),
        "is_application": event.mode == Mode.APPLICATION,
    }
    return render(request, "events/manage.html", context)


ACTIONS = ("select", "decline", "remove", "attended", "absent")


@login_required
def registration_action(request: HttpRequest, pk: int, registration_id: int, action: str) -> HttpResponse:
    user = _user(request)
    event = access.get_managed_event(user, pk)  # before the method: nobody else learns the event exists
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    gate = _organiser_gate(request)
    if gate:
        return gate
    if action not in ACTIONS:
        raise Http404
    registration = Registration.objects.filter(event=event, pk=registration_id).select_related("user").first()
    if registration is None:
        raise Http404
    calls = {
        "select": (lambda: services.decide_application(user, registration, True), _("Selected.")),
        "decline": (lambda: services.decide_application(user, registration, False), _("Not selected.")),
        "remove": (lambda: services.remove_registration(user, registration), _("Removed from the event.")),
        "attended": (lambda: services.mark_attendance(user, registration, True), _("Marked as attended.")),
        "absent": (lambda: services.mark_attendance(user, registration, False), _("Marked as absent.")),
    }
    call, done = calls[action]
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{registration.user.get_full_name()}: {done}")
    return redirect("events:manage", pk=event.pk)


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def attendees_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant list as CSV for the organisers (e-mail addresses for NSO officers and central support
    only; a group's moderators get names, countries and institutions)."""
    from comenius.accounts.access import is_officer
    from comenius.institutions.models import Membership

    user = _user(request)
    event = access.get_managed_event(user, pk)
    gate = _organiser_gate(request)
    if gate:
        return gate
    with_email = is_officer(user)
    rows = list(access.attendees(event))
    places: dict[int, list[str]] = {}
    for membership in Membership.objects.filter(user_id__in=[r.user_id for r in rows]).select_related("institution"):
        places.setdefault(membership.user_id, []).append(membership.institution.name)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [_("Name"), _("Country"), _("Institution"), _("Registered"), _("Attended")]
    if with_email:
        header.insert(1, _("E-mail"))
    writer.writerow(header)
    for row in rows:
        country = row.user.country.display_name if row.user.country else ""
        cells = [
            row.user.get_full_name(),
            country,
            "; ".join(places.get(row.user_id, [])),
            row.queued_at.astimezone(event.zone).strftime("%Y-%m-%d %H:%M"),
            _("yes") if row.attended else _("no"),
        ]
        if with_email:
            cells.insert(1, row.user.email or "")
        writer.writerow([_cell(cell) for cell in cells])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"event-{event.pk}-participants.csv") or ""
    )
    return response


@login_required
def organised(request: HttpRequest) -> HttpResponse:
    """The events this person organises, coming and past."""
    zone = _in_reader_zone(request)
    user = _user(request)
    if not access.can_organise(user):
        raise Http404
    gate = _organiser_gate(request)
    if gate:
        return gate
    now = timezone.now()
    events = access.managed_events(user)
    page = CappedPaginator(events.filter(ends_at__gte=now), 30).get_page(request.GET.get("page"))
    past = list(events.filter(ends_at__lt=now).order_by("-starts_at")[:30])
    upcoming = list(page.object_list)
    taken = access.registration_counts(upcoming)
    context = {"page": page, "upcoming": [(e, taken.get(e.pk, 0)) for e in upcoming], "past": past, "zone": zone}
    return render(request, "events/organised.html", context)
