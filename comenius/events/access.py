"""Reads of events that depend on who asks.

Who sees an event:
- public events: everyone (visitors too), in the list, the page, the public calendar feed;
- members-only events: validated members — of the NSO's country for a national event, of the group for a
  group's event — and, always, whoever organises it (the NSO officers of the country, the group's moderators,
  central support, which sees every event).
Who may register: validated members; for a national event only members of its country; for a group's
members-only event only the group's members. An event someone may not see answers 404.

Who organises: central support (any event, any organiser); an NSO officer (national events of their own
country); a group's moderators (events of their group).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.core.lifecycle import ExportPart
from comenius.events.models import (
    HOLDS_PLACE,
    CalendarFeed,
    Event,
    EventState,
    Organiser,
    Registration,
    RegistrationState,
)
from comenius.events.zones import zone_for_country


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _central(user: Any) -> bool:
    return _signed_in(user) and user.is_central_support


def _member_group_ids(user: Any) -> set[int]:
    # groups.access has no "groups of a member" read; this is the one query events needs (active memberships).
    from comenius.groups.models import GroupMember, MembershipState

    if not _signed_in(user):
        return set()
    return set(GroupMember.objects.filter(user=user, state=MembershipState.ACTIVE).values_list("group_id", flat=True))


def _moderated_group_ids(user: Any) -> set[int]:
    from comenius.groups.access import moderated_group_ids

    return moderated_group_ids(user)


def _member_groups(user: Any) -> QuerySet[Any]:
    """The same groups as `_member_group_ids`, as a subquery: the filters below cost no query of their own (the
    bell's count applies `events_visible_to` on every page)."""
    from comenius.groups.models import GroupMember, MembershipState

    return GroupMember.objects.filter(user=user, state=MembershipState.ACTIVE).values("group_id")


def _moderated_groups(user: Any) -> QuerySet[Any]:
    from comenius.groups.access import moderated_groups

    return moderated_groups(user)


def managed_filter(user: Any) -> Q:
    """The events this person organises (Q on Event); nothing for people who organise nothing."""
    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_central_support:
        return Q()
    found = Q(pk__in=[])
    if user.is_nso_officer and user.country_id:
        found |= Q(organiser=Organiser.NSO, country_id=user.country_id)
    if user.is_validated_member:
        found |= Q(organiser=Organiser.GROUP, group_id__in=_moderated_groups(user))
    return found


def visible_filter(user: Any) -> Q:
    """The events this person may see (Q on Event)."""
    if _central(user):
        return Q()
    seen = Q(is_public=True)
    if _signed_in(user):
        seen |= managed_filter(user)
        if user.is_validated_member:
            seen |= Q(is_public=False, organiser=Organiser.CENTRAL)
            seen |= Q(is_public=False, organiser=Organiser.NSO, country_id=user.country_id)
            seen |= Q(is_public=False, organiser=Organiser.GROUP, group_id__in=_member_groups(user))
    # A group's events go with the group: hidden or not approved, they are seen only by whoever organises them.
    return seen


def events_visible_to(user: Any) -> QuerySet[Event]:
    from comenius.groups.models import GroupState

    shown = Event.objects.filter(visible_filter(user))
    if not _central(user):
        open_group = Q(group__isnull=True) | Q(group__state=GroupState.APPROVED, group__hidden_at__isnull=True)
        # An event a moderator hid is seen only by whoever organises it (and central support).
        shown = shown.filter((open_group & Q(hidden_at__isnull=True)) | managed_filter(user))
    return shown


def get_event_for(user: Any, pk: int) -> Event:
    """The event if this person may see it, else 404."""
    found = events_visible_to(user).select_related("country", "group").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def can_organise(user: Any) -> bool:
    """Whether this person may create events at all (central support, NSO officers, group moderators)."""
    if not _signed_in(user):
        return False
    if user.is_central_support or user.is_nso_officer:
        return True
    return user.is_validated_member and bool(_moderated_group_ids(user))


def can_manage(user: Any, event: Event) -> bool:
    """Whether this person organises the event (edit, registrations, attendance, export, revoke certificates)."""
    return _signed_in(user) and Event.objects.filter(managed_filter(user), pk=event.pk).exists()


def get_managed_event(user: Any, pk: int) -> Event:
    found = Event.objects.filter(managed_filter(user)).select_related("country", "group").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def managed_events(user: Any) -> QuerySet[Event]:
    return Event.objects.filter(managed_filter(user)).select_related("country", "group")


def organiser_groups(user: Any) -> list[Any]:
    """The groups whose events this person may organise (their moderated groups; central support: none here,
    it organises as central support)."""
    from comenius.groups.models import Group

    ids = _moderated_group_ids(user) if _signed_in(user) and user.is_validated_member else set()
    return list(Group.objects.filter(pk__in=ids).order_by("title"))


def registration_refusal(user: Any, event: Event, now: datetime | None = None) -> str:
    """Why this person cannot register now ("" when they can). The services check it again under the lock."""
    now = now or timezone.now()
    if not _signed_in(user) or not user.is_validated_member:
        return _("Only validated members can register for events.")
    if event.state != EventState.PUBLISHED:
        return _("This event is cancelled.")
    if event.hidden_at is not None:
        return _("The moderators have hidden this event.")
    if event.starts_at <= now:
        return _("This event has already started.")
    if event.organiser == Organiser.NSO and event.country_id != user.country_id:
        country = event.country.display_name if event.country else ""
        return _("This event is for members in %(country)s.") % {"country": country}
    if event.organiser == Organiser.GROUP and not event.is_public and event.group_id not in _member_group_ids(user):
        return _("This event is for the members of its group.")
    if event.mode == "application" and event.application_deadline and event.application_deadline <= now:
        return _("Applications closed on %(date)s.") % {"date": _local(event.application_deadline, event.zone)}
    return ""


def _local(moment: datetime, zone: ZoneInfo) -> str:
    from django.utils import formats

    return formats.date_format(moment.astimezone(zone), "DATETIME_FORMAT")


def registration_of(user: Any, event: Event) -> Registration | None:
    if not _signed_in(user):
        return None
    return Registration.objects.filter(event=event, user=user).first()


def places_taken(event: Event) -> int:
    """Confirmed registrations plus open offers (an offer holds its place until it expires)."""
    return Registration.objects.filter(event=event, state__in=HOLDS_PLACE).count()


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(0, event.capacity - places_taken(event))


def waiting_position(registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return (
        Registration.objects.filter(event_id=registration.event_id, state=RegistrationState.WAITING)
        .filter(Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk))
        .count()
        + 1
    )


def registrations_for_organiser(event: Event) -> dict[str, list[Registration]]:
    """Every registration of the event by state, for its organisers' page (one query)."""
    grouped: dict[str, list[Registration]] = {}
    rows = Registration.objects.filter(event=event).select_related("user", "user__country").order_by("queued_at", "pk")
    for row in rows:
        grouped.setdefault(row.state, []).append(row)
    return grouped


def attendees(event: Event) -> QuerySet[Registration]:
    """The confirmed participants (for the CSV export), with their institution read by the view."""
    return (
        Registration.objects.filter(event=event, state=RegistrationState.CONFIRMED)
        .select_related("user", "user__country")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def own_registrations(user: Any) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(event__state=EventState.CANCELLED, state__in=[RegistrationState.CANCELLED, RegistrationState.REMOVED])
        .select_related("event", "event__country", "event__group")
        .order_by("event__starts_at")
    )


def feed_events(user: Any) -> QuerySet[Event]:
    """What a member's personal calendar feed holds: every event they are registered for (or offered a place in),
    cancelled ones too (so calendars show the cancellation), from 60 days back."""
    since = timezone.now() - timedelta(days=60)
    return (
        Event.objects.filter(
            registrations__user=user,
            registrations__state__in=[RegistrationState.CONFIRMED, RegistrationState.OFFERED],
            ends_at__gte=since,
            hidden_at__isnull=True,
        )
        .select_related("country", "group")
        .distinct()
    )


def public_feed_events() -> QuerySet[Event]:
    from comenius.groups.models import GroupState

    since = timezone.now() - timedelta(days=60)
    return (
        Event.objects.filter(is_public=True, ends_at__gte=since, hidden_at__isnull=True)
        .filter(Q(group__isnull=True) | Q(group__state=GroupState.APPROVED, group__hidden_at__isnull=True))
        .select_related("country", "group")
    )


def feed_owner(token: str) -> Any:
    """The member whose secret calendar address this is, or 404 (a revoked or made-up token)."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active or not found.user.is_validated_member:
        raise Http404
    return found.user


def own_feed(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def reader_zone(request: Any) -> ZoneInfo:
    """The reader's time zone: the one their browser reported (cookie `tz`, set by events.js), else their
    country's, else the platform's."""
    name = request.COOKIES.get("tz", "")
    if name and len(name) <= 60:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    user: Any = getattr(request, "user", None)
    if _signed_in(user) and user.country_id:
        return ZoneInfo(zone_for_country(user.country_id))
    return ZoneInfo(timezone.get_default_timezone_name())


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    level: str = ""
    language: str = ""
    subject: str = ""
    country: str = ""
    organiser: str = ""
    format: str = ""  # "online" | "in_person" | ""
    when: str = "upcoming"  # "upcoming" | "past"
    group: int | None = None  # a group's events (the link from a group's page: /events/?group=<id>)


def search(user: Any, filters: EventFilters) -> QuerySet[Event]:
    """The events list: what this person sees, filtered (list view)."""
    shown = events_visible_to(user).filter(state=EventState.PUBLISHED).select_related("country", "group")
    now = timezone.now()
    shown = shown.filter(ends_at__gte=now) if filters.when != "past" else shown.filter(ends_at__lt=now).reverse()
    return _filtered(shown, filters)


def _filtered(shown: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.kind:
        shown = shown.filter(kind=filters.kind)
    if filters.language:
        shown = shown.filter(language=filters.language)
    if filters.country:
        shown = shown.filter(country_id=filters.country)
    if filters.organiser:
        shown = shown.filter(organiser=filters.organiser)
    if filters.group:
        shown = shown.filter(organiser=Organiser.GROUP, group_id=filters.group)
    if filters.format == "online":
        shown = shown.exclude(online_url="")
    elif filters.format == "in_person":
        shown = shown.exclude(place="")
    # JSON lists: matched in Python-free SQL with a text search on the serialised list (SQLite and PostgreSQL).
    if filters.level:
        shown = shown.filter(levels__icontains=f'"{filters.level}"')
    if filters.subject:
        shown = shown.filter(subjects__icontains=f'"{filters.subject}"')
    return shown


def month_events(user: Any, filters: EventFilters, first: date, zone: ZoneInfo) -> QuerySet[Event]:
    """The events of one month in the reader's zone (the month view), cancelled ones included (shown struck)."""
    start = datetime(first.year, first.month, 1, tzinfo=zone)
    following = datetime(first.year + (first.month == 12), first.month % 12 + 1, 1, tzinfo=zone)
    shown = (
        events_visible_to(user).filter(starts_at__lt=following, ends_at__gte=start).select_related("country", "group")
    )
    return _filtered(shown, filters)


def registration_counts(events: list[Event]) -> dict[int, int]:
    """Places taken per event, for a list (one query)."""
    rows = (
        Registration.objects.filter(event__in=events, state__in=HOLDS_PLACE)
        .values("event_id")
        .annotate(taken=Count("pk"))
    )
    return {row["event_id"]: row["taken"] for row in rows}


def upcoming_for(
    *, country: str | None = None, group: Any = None, central: bool = False, limit: int = 5
) -> list[Event]:
    """Public upcoming events of one organiser, for the organiser's own pages (a national page, a group page)."""
    shown = Event.objects.published().filter(ends_at__gte=timezone.now(), hidden_at__isnull=True)
    if country:
        shown = shown.filter(organiser=Organiser.NSO, country_id=country, is_public=True)
    elif group is not None:
        shown = shown.filter(organiser=Organiser.GROUP, group=group)
    elif central:
        shown = shown.filter(organiser=Organiser.CENTRAL, is_public=True)
    else:
        return []
    return list(shown.select_related("country", "group")[:limit])


GROUP_PAGE_EVENTS = 3


def group_panel(user: Any, group: Any) -> dict[str, Any] | None:
    """The group page's "Coming events" panel (groups.panels): the next few events of the group this person may
    see, and whether they may organise one. Two or three queries, whatever the number of events."""
    from django.urls import reverse

    shown = (
        events_visible_to(user)
        .filter(organiser=Organiser.GROUP, group=group, state=EventState.PUBLISHED, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
    )
    events = list(shown[: GROUP_PAGE_EVENTS + 1])
    return {
        "events": events[:GROUP_PAGE_EVENTS],
        "more": len(events) > GROUP_PAGE_EVENTS,
        "all_url": reverse("events:list") + f"?group={group.pk}",
        "organises": group.pk in _moderated_group_ids(user) if _signed_in(user) else False,
        "group": group,
    }


def own_data(user: Any) -> ExportPart:
    """The member's registrations (and the events they created) for the privacy export."""
    rows = [
        {
            "event": registration.event.title,
            "starts_at": registration.event.starts_at.isoformat(),
            "state": registration.state,
            "motivation": registration.motivation,
            "attended": registration.attended,
            "registered_at": registration.created_at.isoformat(),
        }
        for registration in Registration.objects.filter(user=user).select_related("event")
    ]
    created = list(Event.objects.filter(created_by=user).values("title", "starts_at", "kind"))
    feed = CalendarFeed.objects.filter(user=user).exists()
    return ExportPart({"event_registrations": rows, "events_created": created, "event_calendar_feed": feed}, {})
