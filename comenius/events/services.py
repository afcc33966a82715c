"""Writes of events: organising, registration with capacity and a waiting list or selection, reminders,
attendance and its certificate, calendar feeds.

Capacity: every change of who holds a place (register, cancel, accept or decline an offer, select, remove,
capacity change, offer expiry) locks the event's row first (`select_for_update`), then counts the places held
(confirmed + offered) — so concurrent registrations for the last place serialise on that row and the count can
never pass the capacity (tested with two connections on PostgreSQL). A freed place goes to the first person on
the waiting list as an offer that expires after `EVENT_OFFER_HOURS` (24 h) or at the event's start; the periodic
task `events.expire_offers` passes expired offers on.

Reminders: `send_reminders` (periodic, every 5 minutes) claims each registration's day and hour reminder with a
conditional UPDATE before sending, so a task that runs twice (two workers, a retry) sends each reminder once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.models import Country
from comenius.core.services import record_audit
from comenius.events import access
from comenius.events.models import (
    HOLDS_PLACE,
    LIVE,
    CalendarFeed,
    Event,
    EventKind,
    EventState,
    Mode,
    Organiser,
    Registration,
    RegistrationState,
    new_feed_token,
)
from comenius.events.notifying import event_url, tell

ATTENDANCE_KIND = "events.attendance"


def offer_hours() -> int:
    return int(getattr(settings, "EVENT_OFFER_HOURS", 24))


@dataclass
class EventData:
    """What an organiser fills in. Times are aware datetimes (the form reads them in `time_zone`)."""

    title: str
    description: str
    kind: str
    language: str
    time_zone: str
    starts_at: datetime
    ends_at: datetime
    organiser: str = Organiser.CENTRAL
    country: Country | None = None
    group: Any = None
    levels: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    online_url: str = ""
    place: str = ""
    capacity: int | None = None
    mode: str = Mode.OPEN
    application_deadline: datetime | None = None
    hours: Decimal | None = None
    is_public: bool = True


FIELDS = (
    "title", "description", "kind", "language", "time_zone", "starts_at", "ends_at", "levels", "subjects",
    "online_url", "place", "capacity", "mode", "application_deadline", "hours", "is_public",
)  # fmt: skip


def _check_organiser(user: User, data: EventData) -> None:
    """Central support organises as anyone; an NSO officer for their own country; a group's moderators for it."""
    if user.is_central_support:
        if data.organiser == Organiser.NSO and data.country is None:
            raise DomainError(_("Choose the country of a national event."))
        if data.organiser == Organiser.GROUP and data.group is None:
            raise DomainError(_("Choose the group of a group's event."))
        return
    if user.is_nso_officer:
        if data.organiser != Organiser.NSO or data.country is None or data.country.pk != user.country_id:
            raise DomainError(_("National teams organise events for their own country."))
        return
    if (
        user.is_validated_member
        and data.organiser == Organiser.GROUP
        and data.group is not None
        and data.group.pk in access._moderated_group_ids(user)
    ):
        return
    raise DomainError(_("You cannot organise this event."))


def _check_data(data: EventData, now: datetime) -> None:
    if data.ends_at <= data.starts_at:
        raise DomainError(_("The event must end after it starts."))
    if data.ends_at - data.starts_at > timedelta(days=14):
        raise DomainError(_("An event lasts at most two weeks."))
    if not data.online_url and not data.place:
        raise DomainError(_("Give an online link or a place (or both)."))
    if data.capacity is not None and data.capacity < 1:
        raise DomainError(_("An event needs at least one place."))
    if data.mode == Mode.APPLICATION:
        if data.application_deadline is None:
            raise DomainError(_("Applications need a deadline."))
        if data.application_deadline > data.starts_at:
            raise DomainError(_("The application deadline must be before the event starts."))
    if data.kind == EventKind.FAIR and len(data.levels) != 1:
        raise DomainError(_("A partner-finding fair is for one school level: choose it."))
    if data.organiser != Organiser.NSO:
        data.country = None
    if data.organiser != Organiser.GROUP:
        data.group = None


def create_event(user: User, data: EventData, creation_key: str = "") -> Event:
    """Publish a new event. Who may call: `access.can_organise` people, for the organiser they may act as
    (checked here). A repeated `creation_key` (a double submit) returns the first event. Audit "event.created"."""
    _check_organiser(user, data)
    _check_data(data, timezone.now())
    if data.starts_at <= timezone.now():
        raise DomainError(_("The event must start in the future."))
    key = creation_key[:40]
    if key:
        existing = Event.objects.filter(created_by=user, creation_key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            event = Event.objects.create(
                organiser=data.organiser,
                country=data.country,
                group=data.group,
                created_by=user,
                creation_key=key,
                **{name: getattr(data, name) for name in FIELDS},
            )
            record_audit(user, "event.created", event, country=event.country)
    except IntegrityError:
        found = Event.objects.filter(created_by=user, creation_key=key).first() if key else None
        if found is None:
            raise
        return found
    return event


def update_event(user: User, event: Event, data: EventData) -> Event:
    """Change an event (not its organiser). Who may call: its organisers (`access.can_manage`). Locks the event.
    Fewer places than are taken is refused; more places are offered to the waiting list at once. A new time is
    told to everyone registered, their reminders start again, and the calendar entry's SEQUENCE goes up.
    Audit "event.updated"."""
    with transaction.atomic():
        locked = _lock(event)
        if not access.can_manage(user, locked):
            raise DomainError(_("You cannot change this event."))
        if locked.is_cancelled:
            raise DomainError(_("This event is cancelled."))
        data.organiser, data.country, data.group = locked.organiser, locked.country, locked.group
        _check_data(data, timezone.now())
        taken = _taken(locked)
        if data.capacity is not None and data.capacity < taken:
            raise DomainError(
                _("%(taken)d places are taken: remove participants before lowering the number of places.")
                % {"taken": taken}
            )
        moved = data.starts_at != locked.starts_at or data.ends_at != locked.ends_at
        for name in FIELDS:
            setattr(locked, name, getattr(data, name))
        if moved:
            locked.sequence += 1
        locked.save()
        if moved:
            live = Registration.objects.filter(event=locked, state__in=HOLDS_PLACE)
            live.update(reminded_day_at=None, reminded_hour_at=None)
            for registration in live.select_related("user"):
                tell(registration.user, "moved", {"event": locked, "url": event_url(locked)})
        _fill_places(locked)
        record_audit(user, "event.updated", locked, country=locked.country)
    return locked


def cancel_event(user: User, event: Event, reason: str) -> Event:
    """Cancel an event. Who may call: its organisers. Everyone registered, offered or waiting is told (with the
    reason). The event stays visible, marked cancelled, and calendars show it cancelled. Audit "event.cancelled"."""
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise DomainError(_("Say why the event is cancelled."))
    with transaction.atomic():
        locked = _lock(event)
        if not access.can_manage(user, locked):
            raise DomainError(_("You cannot change this event."))
        if locked.is_cancelled:
            raise DomainError(_("This event is cancelled."))
        if locked.starts_at <= timezone.now():
            raise DomainError(_("This event has already started."))
        locked.state = EventState.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["state", "sequence", "updated_at"])
        for registration in Registration.objects.filter(event=locked, state__in=LIVE).select_related("user"):
            tell(registration.user, "cancelled", {"event": locked, "reason": reason})
        record_audit(user, "event.cancelled", locked, country=locked.country, reason=reason)
    return locked


def set_hidden(event: Event, hidden: bool) -> None:
    """Hide an event from everyone but its organisers and central support, or show it again. Who may call: the
    moderation service, after its own checks (it writes the audit entry). Hiding leaves registrations as they
    are (restoring brings the event back whole); no one can register while it is hidden."""
    Event.objects.filter(pk=event.pk).update(hidden_at=timezone.now() if hidden else None, updated_at=timezone.now())


def delete_by_moderator(event: Event) -> None:
    """A report's "delete": an event holds other people's registrations and certificates, so it is hidden, never
    deleted (its organisers can still cancel it)."""
    set_hidden(event, True)


# --- registration ---------------------------------------------------------------------------------------------


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).select_related("country", "group").get(pk=event.pk)


def _taken(event: Event) -> int:
    return Registration.objects.filter(event=event, state__in=HOLDS_PLACE).count()


def _has_place(event: Event) -> bool:
    return event.capacity is None or _taken(event) < event.capacity


def register(user: User, event: Event, motivation: str = "") -> Registration:
    """Register `user` for `event`. Who may call: the member themselves; `access.registration_refusal` is checked
    again under the lock. Locks the event row (the capacity), then the person's row for this event.

    First come first served: a place if one is free, else the waiting list (an e-mail when a place is offered).
    Application: an application the organiser decides on (until the deadline). Registering again while
    registered changes nothing; after cancelling, the person starts again at the end of the list."""
    motivation = motivation.strip()[:1000]
    with transaction.atomic():
        locked = _lock(event)
        refusal = access.registration_refusal(user, locked)
        if refusal:
            raise DomainError(refusal)
        if locked.mode == Mode.APPLICATION and not motivation:
            raise DomainError(_("Say in a few words why you want to take part."))
        registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
        if registration is not None and registration.is_live:
            return registration
        now = timezone.now()
        if locked.mode == Mode.APPLICATION:
            state = RegistrationState.APPLIED
        elif _has_place(locked):
            state = RegistrationState.CONFIRMED
        else:
            state = RegistrationState.WAITING
        if registration is None:
            registration = Registration(event=locked, user=user)
        registration.state = state
        registration.motivation = motivation
        registration.queued_at = now
        registration.offer_expires_at = None
        registration.decided_at = None
        registration.attended = False
        registration.reminded_day_at = registration.reminded_hour_at = None
        registration.save()
        template = {
            RegistrationState.CONFIRMED: "registered",
            RegistrationState.WAITING: "waiting",
            RegistrationState.APPLIED: "applied",
        }[state]
        tell(user, template, {"event": locked, "url": event_url(locked)})
    return registration


def cancel_registration(user: User, event: Event) -> Registration:
    """The member cancels their own registration, waiting-list place, offer or application. Locks the event; a
    freed place is offered to the next person waiting."""
    with transaction.atomic():
        locked = _lock(event)
        registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
        if registration is None or not registration.is_live:
            raise DomainError(_("You are not registered for this event."))
        if locked.ends_at <= timezone.now():
            raise DomainError(_("This event is over."))
        registration.state = RegistrationState.CANCELLED
        registration.offer_expires_at = None
        registration.save(update_fields=["state", "offer_expires_at"])
        _fill_places(locked)
    return registration


def answer_offer(user: User, event: Event, accept: bool) -> Registration:
    """The member takes or leaves the place offered to them. Locks the event. An expired offer is refused (it has
    passed on, or will at the next run of the expiry task)."""
    with transaction.atomic():
        locked = _lock(event)
        registration = Registration.objects.select_for_update().filter(event=locked, user=user).first()
        if registration is None or registration.state != RegistrationState.OFFERED:
            raise DomainError(_("There is no place offered to you for this event."))
        expired = registration.offer_expires_at is not None and registration.offer_expires_at <= timezone.now()
        if expired:
            # Passed on now (committed), then refused: the refusal must not undo the pass-on.
            _expire(registration)
            _fill_places(locked)
    if expired:
        raise DomainError(_("The offer has expired; the place went to the next person waiting."))
    with transaction.atomic():
        locked = _lock(event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.state != RegistrationState.OFFERED:
            raise DomainError(_("There is no place offered to you for this event."))
        registration.offer_expires_at = None
        if accept:
            registration.state = RegistrationState.CONFIRMED
            registration.save(update_fields=["state", "offer_expires_at"])
            tell(user, "registered", {"event": locked, "url": event_url(locked)})
        else:
            registration.state = RegistrationState.CANCELLED
            registration.save(update_fields=["state", "offer_expires_at"])
            _fill_places(locked)
    return registration


def _expire(registration: Registration) -> None:
    registration.state = RegistrationState.EXPIRED
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "offer_expires_at"])
    tell(
        registration.user,
        "offer_expired",
        {"event": registration.event, "url": event_url(registration.event)},
    )


def _fill_places(locked: Event) -> int:
    """Offer free places to the waiting list in order (the event row must be locked). Returns offers made."""
    if locked.mode != Mode.OPEN or locked.is_cancelled:
        return 0
    now = timezone.now()
    if locked.starts_at <= now:
        return 0
    free = None if locked.capacity is None else locked.capacity - _taken(locked)
    if free is not None and free <= 0:
        return 0
    waiting = Registration.objects.filter(event=locked, state=RegistrationState.WAITING).order_by("queued_at", "pk")
    candidates = list(waiting.select_related("user")[:free] if free is not None else waiting.select_related("user"))
    expires = min(now + timedelta(hours=offer_hours()), locked.starts_at)
    for registration in candidates:
        registration.state = RegistrationState.OFFERED
        registration.offer_expires_at = expires
        registration.save(update_fields=["state", "offer_expires_at"])
        tell(
            registration.user,
            "offered",
            {"event": locked, "url": event_url(locked), "expires": expires, "zone": locked.time_zone},
        )
    return len(candidates)


def expire_offers(now: datetime | None = None) -> int:
    """Periodic (every 5 minutes): offers past their time lapse and the place goes to the next person waiting.
    Each event is handled under its lock, so this may run beside registrations and on several workers."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(state=RegistrationState.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    expired = 0
    for event_id in sorted(event_ids):
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event_id)
            due = Registration.objects.select_for_update(of=("self",)).filter(
                event=locked, state=RegistrationState.OFFERED, offer_expires_at__lte=now
            )
            for registration in due.select_related("user", "event"):
                _expire(registration)
                expired += 1
            _fill_places(locked)
    return expired


def decide_application(organiser: User, registration: Registration, select: bool) -> Registration:
    """The organiser selects an applicant (a place, if one is free) or not. Locks the event. Each applicant is
    told the outcome. Audit "event.application_decided"."""
    with transaction.atomic():
        locked = _lock(registration.event)
        if not access.can_manage(organiser, locked):
            raise DomainError(_("You cannot change this event."))
        row = Registration.objects.select_for_update(of=("self",)).select_related("user").get(pk=registration.pk)
        if locked.mode != Mode.APPLICATION:
            raise DomainError(_("This event does not take applications."))
        if row.state not in (RegistrationState.APPLIED, RegistrationState.NOT_SELECTED):
            raise DomainError(_("This application is already decided."))
        if select:
            if not _has_place(locked):
                raise DomainError(_("Every place is taken: add places or remove a participant first."))
            row.state = RegistrationState.CONFIRMED
            tell(row.user, "selected", {"event": locked, "url": event_url(locked)})
        else:
            if row.state == RegistrationState.NOT_SELECTED:
                return row
            row.state = RegistrationState.NOT_SELECTED
            tell(row.user, "not_selected", {"event": locked, "url": event_url(locked)})
        row.decided_at = timezone.now()
        row.save(update_fields=["state", "decided_at"])
        record_audit(organiser, "event.application_decided", row, country=locked.country)
    return row


def remove_registration(organiser: User, registration: Registration) -> Registration:
    """The organiser removes a participant (or someone waiting or applying). Locks the event; the place is
    offered on. The person is told. Audit "event.participant_removed"."""
    with transaction.atomic():
        locked = _lock(registration.event)
        if not access.can_manage(organiser, locked):
            raise DomainError(_("You cannot change this event."))
        row = Registration.objects.select_for_update(of=("self",)).select_related("user").get(pk=registration.pk)
        if not row.is_live:
            raise DomainError(_("This person is not registered."))
        row.state = RegistrationState.REMOVED
        row.offer_expires_at = None
        row.save(update_fields=["state", "offer_expires_at"])
        tell(row.user, "removed", {"event": locked, "url": event_url(locked)})
        record_audit(organiser, "event.participant_removed", row, country=locked.country)
        _fill_places(locked)
    return row


def mark_attendance(organiser: User, registration: Registration, attended: bool) -> Registration:
    """The organiser marks whether a participant attended (once the event has started). Attendance gives the
    member a certificate (certificates.services.issue; issued once); taking it back revokes it. Audit
    "event.attendance_marked"."""
    from comenius.certificates import services as certificates

    with transaction.atomic():
        event = Event.objects.select_related("country", "group").get(pk=registration.event_id)
        if not access.can_manage(organiser, event):
            raise DomainError(_("You cannot change this event."))
        row = Registration.objects.select_for_update(of=("self",)).select_related("user").get(pk=registration.pk)
        if row.state != RegistrationState.CONFIRMED:
            raise DomainError(_("Only registered participants can be marked as attending."))
        if event.starts_at > timezone.now():
            raise DomainError(_("Attendance can be marked once the event has started."))
        if event.is_cancelled:
            raise DomainError(_("This event is cancelled."))
        if row.attended == attended:
            return row
        row.attended = attended
        row.attended_marked_at = timezone.now()
        row.save(update_fields=["attended", "attended_marked_at"])
        if attended:
            certificates.issue(
                row.user,
                ATTENDANCE_KIND,
                event,
                title=event.title,
                hours=event.certificate_hours(),
                achieved_on=event.starts_at.astimezone(event.zone).date(),
                issuer=issuer_name(event, row.user.language),
                issued_by=organiser,
            )
        else:
            certificates.revoke_for_subject(
                organiser, ATTENDANCE_KIND, event, row.user, "Attendance taken back by the organiser"
            )
        record_audit(organiser, "event.attendance_marked", row, country=event.country)
    return row


def issuer_name(event: Event, language: str) -> str:
    """Who issues the certificate, in the member's language: the national team, the group, central support."""
    with translation.override(language or None):
        if event.organiser == Organiser.NSO and event.country is not None:
            return event.country.nso_name or _("The national team of %(country)s") % {
                "country": event.country.display_name
            }
        if event.organiser == Organiser.GROUP and event.group is not None:
            return _("The moderators of the group “%(group)s”") % {"group": event.group.title}
        return _("%(platform)s central support") % {"platform": settings.PLATFORM_NAME}


# --- reminders --------------------------------------------------------------------------------------------------

DAY, HOUR = timedelta(hours=24), timedelta(hours=1)


def send_reminders(now: datetime | None = None) -> int:
    """Periodic (every 5 minutes): a reminder a day before and an hour before, to everyone registered. Each is
    claimed with a conditional UPDATE (reminded_…_at IS NULL), so each goes once however often this runs. Someone
    who registers within the last day gets the hour reminder only when the day one's window has passed."""
    now = now or timezone.now()
    sent = 0
    base = Registration.objects.filter(state=RegistrationState.CONFIRMED, event__state=EventState.PUBLISHED)
    windows = (
        ("reminded_day_at", "day", base.filter(event__starts_at__gt=now + HOUR, event__starts_at__lte=now + DAY)),
        ("reminded_hour_at", "hour", base.filter(event__starts_at__gt=now, event__starts_at__lte=now + HOUR)),
    )
    for column, which, due in windows:
        for pk in list(due.filter(**{f"{column}__isnull": True}).values_list("pk", flat=True)):
            with transaction.atomic():
                claimed = Registration.objects.filter(pk=pk, **{f"{column}__isnull": True}).update(**{column: now})
                if claimed != 1:
                    continue  # another run sent it
                if which == "hour":
                    Registration.objects.filter(pk=pk, reminded_day_at__isnull=True).update(reminded_day_at=now)
                registration = Registration.objects.select_related("user", "event").get(pk=pk)
                event = registration.event
                tell(
                    registration.user,
                    f"reminder_{which}",
                    {"event": event, "url": event_url(event), "online_url": event.online_url, "place": event.place},
                )
                sent += 1
    return sent


# --- calendar feeds ---------------------------------------------------------------------------------------------


def ensure_feed(user: User) -> CalendarFeed:
    """The member's personal calendar address (made on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_feed(user: User) -> CalendarFeed:
    """Revoke the member's calendar address and give a new one: calendars subscribed to the old one stop."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


# --- the member lifecycle ---------------------------------------------------------------------------------------


def forget_member(user: User, deletion: Deletion) -> int:
    """Member lifecycle (delete): their registrations and calendar address go (places they held are offered on);
    events they created stay with their organiser (the creator's link is cleared by SET_NULL)."""
    event_ids = list(Registration.objects.filter(user=user, state__in=HOLDS_PLACE).values_list("event_id", flat=True))
    deleted, _kinds = Registration.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    for event in Event.objects.filter(pk__in=event_ids):
        with transaction.atomic():
            _fill_places(_lock(event))
    return deleted


def suspended(user: User) -> None:
    """Member lifecycle (suspended, banned): the calendar address stops answering (it checks `is_active`)."""
    CalendarFeed.objects.filter(user=user).delete()
