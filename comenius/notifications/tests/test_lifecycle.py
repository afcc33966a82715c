"""The notifications of a member in the member lifecycle: exported (without the sentences, which name other
people), deleted with the account, merged into the kept account."""

from __future__ import annotations

from typing import Any

import pytest

from comenius.core import lifecycle
from comenius.devdata.testing import Cast
from comenius.notifications import services
from comenius.notifications.models import Notification, NotificationSettings, Preference, Watch
from comenius.notifications.registry import Delivery

pytestmark = pytest.mark.django_db


def test_registered_between_core_and_accounts():
    labels = [hooks.app_label for hooks in lifecycle.registered()]
    assert labels.index("core") < labels.index("notifications") < labels.index("accounts")


def test_export_and_delete(cast: Cast):
    services.notify(cast.otto, "network.contact_request", text="%(name)s asks", params={"name": "Lucía García"})
    services.set_preferences(cast.otto, {"spaces.activity": Delivery.OFF})
    part = services.own_data(cast.otto)
    data: Any = part.data["notifications"]
    assert data["preferences"] == {"spaces.activity": "off"}
    assert any(item["type"] == "network.contact_request" for item in data["items"])
    assert "Lucía" not in str(data)
    services.forget_member(cast.otto, lifecycle.Deletion("Former member"))
    assert not Notification.objects.filter(recipient=cast.otto).exists()
    assert not Preference.objects.filter(user=cast.otto).exists()


def test_merge_keeps_the_kept_accounts_choices(cast: Cast):
    space = cast.project.space
    services.notify(cast.otto, "core.download_ready", text="Otto's item")
    services.set_preferences(cast.otto, {"spaces.activity": Delivery.OFF, "network.contact_request": Delivery.IN_APP})
    services.set_preferences(cast.mette, {"spaces.activity": Delivery.EMAIL})
    services.set_watch(cast.otto, "spaces.space", space.pk, "muted")
    services.set_watch(cast.mette, "spaces.space", space.pk, "watching")
    services.settings_for(cast.otto)
    lifecycle.run_merge(cast.mette, cast.otto)
    assert Notification.objects.filter(recipient=cast.mette, type="core.download_ready").exists()
    assert services.preferences_of(cast.mette)["spaces.activity"] == Delivery.EMAIL
    assert services.preferences_of(cast.mette)["network.contact_request"] == Delivery.IN_APP
    assert services.watch_level(cast.mette, "spaces.space", space.pk) == "watching"
    assert not Watch.objects.filter(user=cast.otto).exists()
    assert NotificationSettings.objects.filter(user=cast.mette).count() == 1
