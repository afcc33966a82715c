"""The notification pages refuse odd input with a clear answer and change nothing (the door fuzzer's rules, for
this app's doors in particular)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.notifications import services
from comenius.notifications.models import Preference, Watch

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("before", ["x", "-1", "²", "9" * 40, ""])
def test_odd_paging_values_show_the_first_page(cast: Cast, before: str):
    assert client_for(cast.otto).get(reverse("notifications:centre"), {"before": before}).status_code == 200


@pytest.mark.parametrize("token", ["x" * 5000, "a:b:c", "%00", "eyJ1IjoxfQ:1:bad", "..%2F..%2Fetc"])
def test_odd_tokens_change_nothing(cast: Cast, token: str):
    response = Client().post(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code in (400, 404)
    assert not Preference.objects.exists()


def test_odd_preference_and_watch_posts(cast: Cast):
    client = client_for(cast.mette)
    page = client.post(reverse("notifications:preferences"), {"digest_frequency": "hourly", "time_zone": "x" * 300})
    assert page.status_code == 200 and "error-summary" in page.content.decode()
    assert not Preference.objects.filter(user=cast.mette).exists()
    url = reverse("notifications:watch", args=["spaces.space", cast.project.space.pk])
    assert client.post(url, {"level": "loud"}).status_code == 302  # the form's error, shown as a message
    assert not Watch.objects.filter(user=cast.mette).exists()
    assert client.post(url, {"level": "muted", "next": "//evil.example/"})["Location"].startswith("/")
    assert services.watch_level(cast.mette, "spaces.space", cast.project.space.pk) == "muted"
