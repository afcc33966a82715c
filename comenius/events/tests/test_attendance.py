"""Attendance marked by the organiser gives a certificate (and taking it back revokes it); the participant list as
CSV; the organisers' pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from comenius.certificates.models import Certificate
from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, client_for
from comenius.events import services
from comenius.events.models import Registration
from comenius.events.tests.helpers import danish_event, start_now

pytestmark = pytest.mark.django_db


def test_attendance_gives_a_certificate_that_the_organiser_can_revoke(cast: Cast):
    event = danish_event(cast, hours=None)
    registration = services.register(cast.mette, event)
    with pytest.raises(DomainError):
        services.mark_attendance(cast.jonas, registration, True)  # not started yet
    start_now(event)
    with pytest.raises(DomainError):
        services.mark_attendance(cast.ana, registration, True)  # another country's team
    services.mark_attendance(cast.jonas, registration, True)
    services.mark_attendance(cast.jonas, registration, True)  # twice: one certificate
    [certificate] = Certificate.objects.filter(member=cast.mette)
    assert certificate.kind == services.ATTENDANCE_KIND
    assert certificate.title == "eTwinning for beginners"
    assert str(certificate.hours) == "2.0"  # the event's length
    assert certificate.achieved_on == event.starts_at.astimezone(event.zone).date()
    assert event.country is not None and certificate.issuer == event.country.nso_name  # the Danish national team
    # The verification page says what it is, with the event's kind and a link to its public page.
    page = client_for(None).get(certificate.verification_path()).content.decode()
    assert "Workshop" in page and event.get_absolute_url() in page
    # The organiser may revoke it on the certificate's revoke page; Ana may not.
    revoke = reverse("certificates:revoke", args=[certificate.pk])
    assert client_for(cast.ana).get(revoke).status_code == 404
    assert client_for(cast.jonas).get(revoke).status_code == 200
    # Marking absent revokes it.
    services.mark_attendance(cast.jonas, Registration.objects.get(pk=registration.pk), False)
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert "Revoked" in client_for(None).get(certificate.verification_path()).content.decode()


def test_the_organisers_page_marks_attendance(cast: Cast):
    event = danish_event(cast)
    registration = services.register(cast.mette, event)
    start_now(event)
    client = client_for(cast.jonas)
    page = client.get(reverse("events:manage", args=[event.pk]))
    assert page.status_code == 200 and "Mette Sørensen" in page.content.decode()
    response = client.post(reverse("events:act", args=[event.pk, registration.pk, "attended"]))
    assert response.status_code == 302
    assert Certificate.objects.filter(member=cast.mette).exists()
    assert client.post(reverse("events:act", args=[event.pk, registration.pk, "nonsense"])).status_code == 404
    # Mette finds it under her certificates and downloads the PDF.
    mine = client_for(cast.mette).get(reverse("certificates:mine")).content.decode()
    assert "eTwinning for beginners" in mine


def test_the_participant_list_as_csv(cast: Cast):
    event = danish_event(cast)
    services.register(cast.mette, event)
    services.register(cast.otto, event)
    response = client_for(cast.jonas).get(reverse("events:attendees_csv", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Name", "E-mail"]
    names = sorted(row[0] for row in rows[1:])
    assert names == ["Mette Sørensen", "Otto Berg"]
    assert "Vestbyskolen" in rows[1][3]


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(cast: Cast):
    cast.otto.first_name = "=HYPERLINK(1)"
    cast.otto.save(update_fields=["first_name"])
    event = danish_event(cast)
    services.register(cast.otto, event)
    body = client_for(cast.jonas).get(reverse("events:attendees_csv", args=[event.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_group_moderators_organise_for_their_group(cast: Cast):
    from comenius.events.tests.helpers import event_data
    from comenius.groups import services as groups
    from comenius.groups.models import Group

    group = Group.objects.filter(title="Outdoor maths").first() or groups.propose_group(
        cast.mette,
        groups.GroupData(
            title="Outdoor maths", description="Maths outside.", aims="", languages=["en"], subjects=["mathematics"],
            age_min=6, age_max=12, join_policy="open",
        ),
    )  # fmt: skip
    groups.decide_group(cast.carla, group, True)
    data = event_data(organiser="group", group=group, country=None, is_public=False, title="Maths walk")
    with pytest.raises(DomainError):
        services.create_event(cast.otto, data)  # not a moderator
    event = services.create_event(cast.mette, data)
    assert client_for(cast.mette).get(reverse("events:manage", args=[event.pk])).status_code == 200
    # Members-only: the group's members see it, others do not.
    assert client_for(cast.otto).get(reverse("events:detail", args=[event.pk])).status_code == 404
    groups.join(cast.otto, group)
    assert client_for(cast.otto).get(reverse("events:detail", args=[event.pk])).status_code == 200
    assert services.register(cast.otto, event).state == "confirmed"
    with pytest.raises(DomainError):
        services.create_event(cast.jonas, data)  # NSO officers organise national events only
