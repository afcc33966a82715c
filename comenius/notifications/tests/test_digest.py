"""The digest: grouped by project / space, in the recipient's language and time zone, nothing when nothing is
new, and once per member and period even when the task runs twice."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format

from comenius.devdata.testing import Cast
from comenius.notifications import digest, services
from comenius.notifications.mail import HEADER
from comenius.notifications.models import DigestClaim, Notification
from comenius.notifications.registry import Delivery

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def _waiting(cast: Cast) -> None:
    Notification.objects.filter(delivery=Delivery.DIGEST).delete()
    space = cast.project.space
    services.notify(cast.mette, "spaces.activity", text="New post in %(space)s", params={"space": "Water"}, group=space)
    services.notify(cast.mette, "spaces.activity", text="Another post", group=space)
    services.set_preferences(cast.mette, {"network.contact_request": Delivery.DIGEST})
    services.notify(cast.mette, "network.contact_request", text="Lucía García would like to be your contact")


def _digests() -> list:
    return [m for m in mail.outbox if m.extra_headers.get(HEADER) == "digest"]


def test_grouped_in_the_recipients_language_and_once_per_period(cast: Cast, django_capture_on_commit_callbacks):
    _waiting(cast)  # Mette reads Danish
    services.set_digest(cast.mette, "daily", "Europe/Copenhagen")
    mail.outbox.clear()
    at = datetime(2026, 12, 2, 7, 30, tzinfo=UTC)  # 08:30 in Copenhagen
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(at) == 1
    (sent,) = _digests()
    assert sent.to == [cast.mette.email]
    body = sent.body
    assert "Hej Mette" in body and "Her er, hvad der er sket" in body  # Danish
    heading = body.index("Water in our cities")
    assert body.index("New post in Water") > heading and body.index("Another post") > heading  # grouped
    assert "Andre nyheder" in body  # the contact request under "Other news", in Danish
    html = sent.alternatives[0][0]
    assert '<html lang="da" dir="ltr">' in html and "<h1" in html
    # The task runs again in the same period: nothing more, even with new items.
    services.notify(cast.mette, "spaces.activity", text="Third post", group=cast.project.space)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(datetime(2026, 12, 2, 9, 0, tzinfo=UTC)) == 0
    assert len(_digests()) == 1
    assert DigestClaim.objects.filter(user=cast.mette).count() == 1
    # The next day the third post goes out.
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(datetime(2026, 12, 3, 7, 0, tzinfo=UTC)) == 1
    assert "Third post" in _digests()[-1].body


def test_nothing_is_sent_when_nothing_is_new(cast: Cast, django_capture_on_commit_callbacks):
    Notification.objects.filter(delivery=Delivery.DIGEST).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == 0
    assert _digests() == [] and not DigestClaim.objects.exists()


def test_the_recipients_time_zone_decides_when_and_how_times_read(cast: Cast, django_capture_on_commit_callbacks):
    _waiting(cast)
    services.set_digest(cast.mette, "daily", "America/New_York")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # 08:00 UTC is 03:00 in New York: not yet.
        assert digest.send_digests(datetime(2026, 12, 2, 8, 0, tzinfo=UTC)) == 0
        assert digest.send_digests(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == 1  # 07:00 there
    (sent,) = _digests()
    created = Notification.objects.filter(recipient=cast.mette, delivery=Delivery.DIGEST).earliest("created_at")
    local = created.created_at.astimezone(ZoneInfo("America/New_York"))
    with translation.override("da"):  # Mette reads Danish: "kl. 13.27"
        assert date_format(local, "TIME_FORMAT") in sent.body


def test_weekly_digests_and_never(cast: Cast, django_capture_on_commit_callbacks):
    _waiting(cast)
    services.set_digest(cast.mette, "weekly", "Europe/Copenhagen")
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.send_digests(datetime(2026, 12, 2, 8, 0, tzinfo=UTC)) == 1  # a Wednesday: week 49
        services.notify(cast.mette, "spaces.activity", text="Later that week", group=cast.project.space)
        assert digest.send_digests(datetime(2026, 12, 4, 8, 0, tzinfo=UTC)) == 0  # still week 49
        assert digest.send_digests(datetime(2026, 12, 7, 8, 0, tzinfo=UTC)) == 1  # Monday, week 50
    services.set_digest(cast.mette, "never", "Europe/Copenhagen")
    services.notify(cast.mette, "spaces.activity", text="Nobody mails this", group=cast.project.space)
    assert digest.send_digests(datetime(2026, 12, 14, 8, 0, tzinfo=UTC)) == 0


def test_the_periodic_task_is_registered():
    from comenius.core.tasks import PERIODIC

    assert "notifications.send_digests" in PERIODIC
