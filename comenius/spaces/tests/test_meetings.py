"""Online meetings: teachers schedule, start and end them on the configured Jitsi server; pupils see the join
link only while a meeting runs; times are written in UTC for the reader's browser to localise; with no
server configured, meetings are switched off and scheduling is refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, client_for
from comenius.projects import services as projects
from comenius.spaces import access, access_live
from comenius.spaces.models import Meeting
from comenius.spaces.services import meetings
from comenius.spaces.tests.live_setup import everyone_in_english, observer_otto

pytestmark = pytest.mark.django_db
JITSI = "https://meet.example.org/"


@pytest.fixture(autouse=True)
def _english(cast: Cast) -> None:
    everyone_in_english()


@pytest.fixture
def jitsi(settings):
    settings.JITSI_URL = JITSI


def meetings_url(cast: Cast) -> str:
    return reverse("spaces:meetings", args=[cast.project.space.pk])


def schedule(cast: Cast, title: str = "Meet the partners", in_hours: float = 2, minutes: int = 45) -> Meeting:
    data = meetings.MeetingData(title, timezone.now() + timedelta(hours=in_hours), minutes)
    return meetings.schedule_meeting(cast.mette, cast.project.space.pk, data)


def test_switched_off_without_a_jitsi_server(cast: Cast, settings):
    settings.JITSI_URL = ""
    mette = client_for(cast.mette)
    page = mette.get(meetings_url(cast)).content.decode()
    assert "Online meetings are switched off" in page and "Schedule a meeting" not in page
    refused = mette.post(
        meetings_url(cast),
        {"title": "Hello", "date": "2030-01-10", "time": "10:00", "time_zone": "UTC", "duration_minutes": "45"},
    )
    assert refused.status_code == 400 and "Online meetings are switched off" in refused.content.decode()
    with pytest.raises(DomainError, match="switched off"):
        schedule(cast)
    assert not Meeting.objects.exists()
    assert "switched off" in client_for(cast.pia).get(meetings_url(cast)).content.decode()


def test_a_teacher_schedules_in_their_time_zone_and_everyone_gets_utc_for_their_own(cast: Cast, jitsi):
    mette = client_for(cast.mette)
    form = mette.get(meetings_url(cast)).content.decode()
    assert '<option value="Europe/Copenhagen" selected>' in form  # Mette teaches in Denmark
    day = timezone.localdate() + timedelta(days=40)
    response = mette.post(
        meetings_url(cast),
        {
            "title": "Water samples",
            "date": day.isoformat(),
            "time": "10:30",
            "time_zone": "Europe/Copenhagen",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    expected = datetime(day.year, day.month, day.day, 10, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert meeting.starts_at == expected and meeting.duration_minutes == 60 and meeting.author == cast.mette
    in_utc = expected.astimezone(UTC)
    for user in (cast.lucia, cast.pia):
        page = client_for(user).get(meetings_url(cast)).content.decode()
        assert f'<time datetime="{in_utc:%Y-%m-%dT%H:%M:%SZ}" data-local>' in page
        assert f"{in_utc:%H:%M} UTC" in page  # the fallback before the browser shows local time
        assert "60 minutes" in page


def test_bad_schedules_are_refused(cast: Cast, jitsi):
    mette = client_for(cast.mette)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    past = mette.post(
        meetings_url(cast),
        {"title": "Late", "date": yesterday, "time": "10:00", "time_zone": "UTC", "duration_minutes": "45"},
    )
    assert past.status_code == 400 and "already passed" in past.content.decode()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    long = mette.post(
        meetings_url(cast),
        {"title": "Long", "date": tomorrow, "time": "10:00", "time_zone": "UTC", "duration_minutes": "900"},
    )
    assert long.status_code == 400
    bad_zone = mette.post(
        meetings_url(cast),
        {"title": "Zone", "date": tomorrow, "time": "10:00", "time_zone": "Mars/Olympus", "duration_minutes": "45"},
    )
    assert bad_zone.status_code == 400
    with pytest.raises(DomainError, match="title"):
        schedule(cast, title="   ")
    with pytest.raises(DomainError, match="two years"):
        schedule(cast, in_hours=24 * 800)
    assert not Meeting.objects.exists()
    # Only the space's leaders schedule: not pupils, not observers.
    assert client_for(cast.pia).post(meetings_url(cast), {"title": "Mine"}).status_code == 405
    otto = observer_otto(cast)
    assert "Schedule a meeting" not in client_for(otto).get(meetings_url(cast)).content.decode()
    with pytest.raises(DomainError, match="Only the space's teachers"):
        meetings.schedule_meeting(otto, cast.project.space.pk, meetings.MeetingData("x", timezone.now(), 45))


def test_pupils_see_the_link_only_between_start_and_end(cast: Cast, jitsi):
    meeting = schedule(cast)
    link = f"https://meet.example.org/comenius-{meeting.room_token}"
    assert len(meeting.room_token) >= 32  # unguessable
    pia, mette = client_for(cast.pia), client_for(cast.mette)

    before = pia.get(meetings_url(cast)).content.decode()
    assert meeting.room_token not in before
    assert "appears here when your teacher starts the meeting" in before
    teacher_page = mette.get(meetings_url(cast)).content.decode()
    assert f'href="{link}" target="_blank" rel="noopener noreferrer"' in teacher_page  # teachers at any time
    assert "opens in a new tab" in teacher_page and "<iframe" not in teacher_page

    start = reverse("spaces:meeting_start", args=[cast.project.space.pk, meeting.pk])
    end = reverse("spaces:meeting_end", args=[cast.project.space.pk, meeting.pk])
    assert pia.post(start).status_code == 404
    assert mette.post(start).status_code == 302
    during = pia.get(meetings_url(cast)).content.decode()
    assert f'href="{link}"' in during and "Running now" in during

    assert pia.post(end).status_code == 404
    assert mette.post(end).status_code == 302
    after = pia.get(meetings_url(cast)).content.decode()
    assert meeting.room_token not in after and "Ended" in after
    assert meeting.room_token not in mette.get(meetings_url(cast)).content.decode()  # past: no more link
    meeting.refresh_from_db()
    assert meeting.started_at is not None and meeting.ended_at is not None
    refused = mette.post(start)  # an ended meeting does not start again
    assert refused.status_code == 302
    assert "This meeting has ended" in mette.get(meetings_url(cast)).content.decode()


def test_a_meeting_nobody_ended_closes_for_pupils_after_its_time(cast: Cast, jitsi):
    meeting = schedule(cast, in_hours=0, minutes=30)
    meetings.start_meeting(cast.mette, cast.project.space.pk, meeting.pk)
    meeting.refresh_from_db()
    pia_seat = access.seat_for(cast.pia, cast.project.space.pk)
    mette_seat = access.seat_for(cast.mette, cast.project.space.pk)
    soon = timezone.now() + timedelta(minutes=20)
    much_later = timezone.now() + timedelta(minutes=30) + access_live.PUPIL_GRACE + timedelta(minutes=1)
    assert access_live.can_join(pia_seat, meeting, soon)
    assert not access_live.can_join(pia_seat, meeting, much_later)
    assert access_live.can_join(mette_seat, meeting, much_later)
    assert access_live.is_over(meeting, much_later)


def test_cancel_end_and_closed_projects(cast: Cast, jitsi):
    space_id = cast.project.space.pk
    meeting = schedule(cast)
    with pytest.raises(DomainError, match="not started yet"):
        meetings.end_meeting(cast.mette, space_id, meeting.pk)
    mette = client_for(cast.mette)
    assert mette.post(reverse("spaces:meeting_cancel", args=[space_id, meeting.pk])).status_code == 302
    assert not Meeting.objects.exists()

    started = schedule(cast)
    meetings.start_meeting(cast.lucia, space_id, started.pk)
    with pytest.raises(DomainError, match="end it instead"):
        meetings.cancel_meeting(cast.mette, space_id, started.pk)

    projects.close_project(cast.mette, cast.project)
    with pytest.raises(DomainError, match="closed"):
        schedule(cast)
    page = client_for(cast.pia).get(meetings_url(cast)).content.decode()
    assert started.room_token not in page  # a read-only space holds no meetings for pupils
    assert "Schedule a meeting" not in mette.get(meetings_url(cast)).content.decode()


def test_outsiders_see_nothing(cast: Cast, jitsi):
    meeting = schedule(cast)
    for user in (cast.otto, cast.nina, cast.jonas):
        assert client_for(user).get(meetings_url(cast)).status_code == 404
        start = reverse("spaces:meeting_start", args=[cast.project.space.pk, meeting.pk])
        assert client_for(user).post(start).status_code == 404
    assert re.search(r"/accounts/login/", Client().get(meetings_url(cast))["Location"])
