"""Events in the moderation registry: a member reports an event; the report reaches the NSO of a national
event's country and central support (central support only for central and group events); a moderator hides
it and then only its organisers see it; visitors and organisers cannot report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.events.models import Event
from comenius.events.tests.helpers import central_webinar, danish_event, event_data
from comenius.moderation import access as moderation_access
from comenius.moderation.models import Report, ReportState

pytestmark = pytest.mark.django_db


def report_url(event: Event) -> str:
    return reverse("moderation:report", args=["event", event.pk])


def test_a_member_reports_a_national_event_and_its_nso_hides_it(cast: Cast):
    event = danish_event(cast, title="Free tablets for your class", description="Buy our tablets now")
    detail = reverse("events:detail", args=[event.pk])
    assert report_url(event) in client_for(cast.mette).get(detail).content.decode()
    assert report_url(event) not in client_for(cast.jonas).get(detail).content.decode()  # he organises it
    response = client_for(cast.mette).post(report_url(event), {"reason": "spam", "comment": "Advertising"})
    assert response.status_code == 302
    report = Report.objects.get(kind="event", object_id=event.pk)
    assert (report.reporter, report.author, report.country_id) == (cast.mette, cast.jonas, "DK")
    assert "Buy our tablets now" in report.snapshot
    # The Danish national team and central support see it; the Spanish team and members do not.
    assert "Free tablets for your class" in client_for(cast.jonas).get(reverse("moderation:queue")).content.decode()
    assert report in moderation_access.reports_for(cast.carla)
    assert report not in moderation_access.reports_for(cast.ana)
    assert report not in moderation_access.reports_for(cast.otto)
    assert client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).status_code == 404

    assert (
        "Buy our tablets now"
        in client_for(cast.jonas).get(reverse("moderation:case", args=[report.pk])).content.decode()
    )
    decided = client_for(cast.jonas).post(
        reverse("moderation:case", args=[report.pk]), {"action": "hide", "reason": "Advertising"}
    )
    assert decided.status_code == 302
    report.refresh_from_db()
    event.refresh_from_db()
    assert report.state == ReportState.ACTIONED and event.hidden_at is not None
    # Hidden: gone for members and visitors (page, list, public feed), still there for its organisers.
    assert client_for(cast.mette).get(detail).status_code == 404
    assert client_for(None).get(detail).status_code == 404
    assert "Free tablets" not in client_for(None).get(reverse("events:list")).content.decode()
    assert b"Free tablets" not in client_for(None).get(reverse("events:public_feed")).content
    organiser_page = client_for(cast.jonas).get(detail).content.decode()
    assert "The moderators have hidden this event" in organiser_page
    assert client_for(cast.carla).get(detail).status_code == 200
    # Restored: back for everyone.
    client_for(cast.jonas).post(reverse("moderation:case", args=[report.pk]), {"action": "restore", "reason": "OK"})
    assert client_for(cast.mette).get(detail).status_code == 200


def test_central_and_group_events_go_to_central_support_only(cast: Cast):
    from comenius.events import services
    from comenius.groups.tests.people import approved_group

    webinar = central_webinar(cast)
    group = approved_group(cast.mette, cast.carla)
    walk = services.create_event(cast.mette, event_data(organiser="group", group=group, country=None, title="Walk"))
    assert client_for(cast.otto).post(report_url(webinar), {"reason": "spam"}).status_code == 302
    assert client_for(cast.lucia).post(report_url(walk), {"reason": "inappropriate"}).status_code == 302
    for report in Report.objects.filter(kind="event"):
        assert report.country_id is None
        assert report in moderation_access.reports_for(cast.carla)
        for officer in (cast.jonas, cast.ana):
            assert report not in moderation_access.reports_for(officer)
            assert not moderation_access.can_moderate(officer, report)
        # The group's moderator organises the event: she is not the one to judge it.
        assert report not in moderation_access.reports_for(cast.mette)
    # Central support hides the group's event.
    report = Report.objects.get(kind="event", object_id=walk.pk)
    client_for(cast.carla).post(reverse("moderation:case", args=[report.pk]), {"action": "delete", "reason": "No"})
    walk.refresh_from_db()
    assert Event.objects.filter(pk=walk.pk).exists() and walk.hidden_at is not None  # hidden, never deleted
    assert client_for(cast.lucia).get(reverse("events:detail", args=[walk.pk])).status_code == 404


def test_who_cannot_report_an_event(cast: Cast):
    event = danish_event(cast)
    hidden = danish_event(cast, is_public=False, title="Only for Danes")
    detail = reverse("events:detail", args=[event.pk])
    # A visitor sees no report link, and the report page sends them to log in; nothing is stored.
    assert report_url(event) not in client_for(None).get(detail).content.decode()
    response = client_for(None).post(report_url(event), {"reason": "spam"})
    assert response.status_code == 302 and "login" in response["Location"]
    # The organiser cannot report his own event; a Spanish member cannot report a Danish members-only event.
    assert client_for(cast.jonas).get(report_url(event)).status_code == 404
    assert client_for(cast.lucia).get(report_url(hidden)).status_code == 404
    assert client_for(cast.pia).get(report_url(event)).status_code == 404  # pupils
    assert not Report.objects.filter(kind="event").exists()
