"""Account merge in events (issue 12): the lifecycle's `merge` hook for events.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked. Events the
merged account created and its registrations move to the kept account; its calendar address goes if the kept
account has one (else it becomes the kept account's, so subscribed calendars keep working).

One person has one registration per event (a constraint): where both accounts registered for the same event the
event row is locked (as every change of who holds a place does), the stronger registration stays (registered,
then offered, on the waiting list, applied …; on the waiting list the earlier place in the queue), it takes over
attendance and the motivation if it has none, and the other goes — named in the notes. A place freed that way
is offered to the waiting list.
"""

from __future__ import annotations

from typing import Any

from comenius.events.models import HOLDS_PLACE, CalendarFeed, Event, Registration, RegistrationState
from comenius.events.services import _fill_places, _lock

ORDER = [
    RegistrationState.CANCELLED,
    RegistrationState.EXPIRED,
    RegistrationState.REMOVED,
    RegistrationState.NOT_SELECTED,
    RegistrationState.APPLIED,
    RegistrationState.WAITING,
    RegistrationState.OFFERED,
    RegistrationState.CONFIRMED,
]


def merge_member(kept: Any, merged: Any) -> list[str]:
    notes: list[str] = []
    kept_keys = set(
        Event.objects.filter(created_by=kept).exclude(creation_key="").values_list("creation_key", flat=True)
    )
    for event in Event.objects.filter(created_by=merged, creation_key__in=kept_keys):
        event.creation_key = f"{event.creation_key}-m{merged.pk}"[: Event._meta.get_field("creation_key").max_length]
        event.save(update_fields=["creation_key"])
    Event.objects.filter(created_by=merged).update(created_by=kept)
    both = Registration.objects.filter(user=merged, event__in=Registration.objects.filter(user=kept).values("event"))
    for event_id in sorted(set(both.values_list("event_id", flat=True))):
        locked = _lock(Event(pk=event_id))
        theirs = Registration.objects.get(event=locked, user=merged)
        ours = Registration.objects.get(event=locked, user=kept)
        stronger, weaker = (theirs, ours) if _strength(theirs) > _strength(ours) else (ours, theirs)
        stronger.attended = stronger.attended or weaker.attended
        stronger.attended_marked_at = stronger.attended_marked_at or weaker.attended_marked_at
        stronger.motivation = stronger.motivation or weaker.motivation
        frees_place = stronger.state in HOLDS_PLACE and weaker.state in HOLDS_PLACE
        weaker.delete()
        stronger.user = kept
        stronger.save(update_fields=["user", "attended", "attended_marked_at", "motivation"])
        notes.append(f"event #{event_id}: two registrations became one ({stronger.state}; {weaker.state} went)")
        if frees_place:
            _fill_places(locked)
    Registration.objects.filter(user=merged).update(user=kept)
    if CalendarFeed.objects.filter(user=kept).exists():
        CalendarFeed.objects.filter(user=merged).delete()
    else:
        CalendarFeed.objects.filter(user=merged).update(user=kept)
    return notes


def _strength(registration: Registration) -> tuple[int, Any]:
    # On the waiting list the earlier place wins (a later queued_at is weaker).
    return (ORDER.index(RegistrationState(registration.state)), -registration.queued_at.timestamp())
