"""Reports about space content go to the space's teacher administrators (and central support), not to the
NSO; pupils report in simple words; administrators hide, restore and delete, but cannot sanction members."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.core.testing import Cast
from comenius.moderation.models import Report
from comenius.spaces.models import ChatMessage, ChatRoom, Thread

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_pupil_reports_and_the_space_admins_decide(cast: Cast):
    space = cast.project.space
    thread = Thread.objects.create(space=space, author=cast.lucia, title="Our photos", body="A rude joke")
    pia = client_for(cast.pia)
    form = pia.get(reverse("spaces:report", args=[space.pk, "thread", thread.pk])).content.decode()
    assert "Someone is unkind or rude" in form  # simple words for pupils
    response = pia.post(reverse("spaces:report", args=[space.pk, "thread", thread.pk]), {"reason": "inappropriate"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.space, report.reporter, report.author) == (space, cast.pia, cast.lucia)

    # The space's teacher administrators see it; the NSO of the author's country does not; central does.
    assert "A rude joke" in client_for(cast.mette).get(reverse("spaces:reports", args=[space.pk])).content.decode()
    assert client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).status_code == 404
    assert client_for(cast.carla).get(reverse("moderation:case", args=[report.pk])).status_code == 200
    assert client_for(cast.pia).get(reverse("spaces:reports", args=[space.pk])).status_code == 404

    mette = client_for(cast.mette)
    case = reverse("spaces:report_case", args=[space.pk, report.pk])
    refused = mette.post(case, {"action": "ban", "reason": "No"})
    assert refused.status_code == 400  # sanctions are for the NSO and central support
    assert mette.post(case, {"action": "hide", "reason": "Not kind"}).status_code == 302
    thread.refresh_from_db()
    assert thread.hidden_at is not None
    assert mette.post(case, {"action": "restore", "reason": "Talked with the class"}).status_code == 302
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_what_cannot_be_reported_in_a_space(cast: Cast):
    space = cast.project.space
    bulletin = Thread.objects.create(space=space, author=cast.lucia, title="Planning", body="x", board="bulletin")
    own = Thread.objects.create(space=space, author=cast.pia, title="Mine", body="x")
    teachers_room = ChatRoom.objects.create(space=space, author=cast.mette, name="Teachers")
    message = ChatMessage.objects.create(room=teachers_room, author=cast.lucia, body="Staff only")
    pia = client_for(cast.pia)
    assert pia.get(reverse("spaces:report", args=[space.pk, "thread", bulletin.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "thread", own.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "chat_message", message.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "nonsense", 1])).status_code == 404
    assert client_for(cast.otto).get(reverse("spaces:report", args=[space.pk, "thread", own.pk])).status_code == 404
    # A teacher can report a teachers' chat message; deleting it is the administrators' call.
    mette = client_for(cast.mette)
    assert (
        mette.post(
            reverse("spaces:report", args=[space.pk, "chat_message", message.pk]), {"reason": "spam"}
        ).status_code
        == 302
    )
    report = Report.objects.get(kind="chat_message")
    assert report.space == space
    assert (
        mette.post(
            reverse("spaces:report_case", args=[space.pk, report.pk]), {"action": "delete", "reason": "Off topic"}
        ).status_code
        == 302
    )
    assert not ChatMessage.objects.filter(pk=message.pk).exists()
