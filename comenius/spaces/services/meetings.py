"""Writes of the online meetings of a project space, held on the platform's Jitsi server (settings.JITSI_URL);
who sees a meeting and its link: `spaces.access_live`.

Teachers (right "schedule_meetings") schedule a meeting, start it and end it, or cancel it before it starts;
the platform gives each meeting an unguessable room on the server (`Meeting.room_token`). Meetings are led by
teachers (DOMAIN.md): pupils see the link only while a teacher has started the meeting and not ended it. With
JITSI_URL empty, meetings are switched off: nothing can be scheduled or started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.spaces import access, access_live
from comenius.spaces.access import Seat
from comenius.spaces.models import Meeting

MIN_DURATION = 10
MAX_DURATION = 480
# How late a meeting may be scheduled in the past (the form was open for a while) and how far ahead.
PAST_SLACK = timedelta(minutes=10)
FURTHEST_AHEAD = timedelta(days=2 * 365)


@dataclass(frozen=True)
class MeetingData:
    title: str
    starts_at: datetime
    duration_minutes: int


# --- writes --------------------------------------------------------------------------------------------------


def _leader_seat(teacher: User, space_id: int) -> Seat:
    seat = access.seat_for(teacher, space_id)
    if not access.can(seat, "schedule_meetings"):
        if seat.read_only and seat.role in access.RIGHTS["schedule_meetings"]:
            raise DomainError(_("This project is closed: no more meetings can be held in its space."))
        raise DomainError(_("Only the space's teachers can schedule and lead meetings."))
    return seat


def switched_off_message() -> str:
    return _(
        "Online meetings are switched off on this platform: it has no meeting server yet. Its operators can set one up."
    )


def _require_enabled() -> None:
    if not access_live.meetings_enabled():
        raise DomainError(switched_off_message())


def schedule_meeting(teacher: User, space_id: int, data: MeetingData) -> Meeting:
    """A teacher (right "schedule_meetings") schedules a meeting; refused while meetings are switched off."""
    seat = _leader_seat(teacher, space_id)
    _require_enabled()
    title = " ".join(data.title.split())
    if not title or len(title) > 150:
        raise DomainError(_("Give the meeting a title of at most 150 characters."))
    if not MIN_DURATION <= data.duration_minutes <= MAX_DURATION:
        raise DomainError(
            _("A meeting lasts between %(min)d and %(max)d minutes.") % {"min": MIN_DURATION, "max": MAX_DURATION}
        )
    if timezone.is_naive(data.starts_at):
        raise ValueError("starts_at must be an aware datetime")
    now = timezone.now()
    if data.starts_at < now - PAST_SLACK:
        raise DomainError(_("This time has already passed. Choose a time in the future."))
    if data.starts_at > now + FURTHEST_AHEAD:
        raise DomainError(_("Meetings can be scheduled at most two years ahead."))
    return Meeting.objects.create(
        space=seat.space, author=teacher, title=title, starts_at=data.starts_at, duration_minutes=data.duration_minutes
    )


def _locked_meeting(seat: Seat, meeting_id: int) -> Meeting:
    meeting = access_live.visible_meetings(seat).select_for_update().filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def start_meeting(teacher: User, space_id: int, meeting_id: int) -> Meeting:
    """A teacher starts the meeting: from now on the space's pupils see its link. Starting twice is harmless."""
    seat = _leader_seat(teacher, space_id)
    _require_enabled()
    with transaction.atomic():
        meeting = _locked_meeting(seat, meeting_id)
        if meeting.ended_at is not None:
            raise DomainError(_("This meeting has ended. Schedule a new one."))
        if meeting.started_at is None:
            meeting.started_at = timezone.now()
            meeting.save(update_fields=["started_at"])
    return meeting


def end_meeting(teacher: User, space_id: int, meeting_id: int) -> Meeting:
    """A teacher ends the meeting: pupils no longer see its link. Ending twice is harmless."""
    seat = _leader_seat(teacher, space_id)
    with transaction.atomic():
        meeting = _locked_meeting(seat, meeting_id)
        if meeting.started_at is None:
            raise DomainError(_("This meeting has not started yet. Cancel it if it will not take place."))
        if meeting.ended_at is None:
            meeting.ended_at = timezone.now()
            meeting.save(update_fields=["ended_at"])
    return meeting


def cancel_meeting(teacher: User, space_id: int, meeting_id: int) -> None:
    """A teacher cancels a meeting that has not started: it is deleted."""
    seat = _leader_seat(teacher, space_id)
    with transaction.atomic():
        meeting = _locked_meeting(seat, meeting_id)
        if meeting.started_at is not None:
            raise DomainError(_("This meeting has started; end it instead of cancelling it."))
        meeting.delete()
