"""Each type honours each preference (in-app only / e-mail at once / digest / off), required types ignore them,
pupils get in-app items only (never e-mail, no preferences), and watch levels change activity types."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.notifications import registry, services
from comenius.notifications.mail import HEADER
from comenius.notifications.models import Notification, Preference, WatchLevel
from comenius.notifications.registry import Delivery

pytestmark = pytest.mark.django_db


def _notify(cast: Cast, key: str, *, group=None):
    return services.notify(cast.otto, key, text="Something happened", url="/notifications/", group=group)


@pytest.mark.parametrize("delivery", Delivery.values)
def test_every_configurable_type_honours_every_preference(
    cast: Cast, delivery: str, django_capture_on_commit_callbacks
):
    for ntype in services.configurable_types():
        services.set_preferences(cast.otto, {ntype.key: delivery})
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            item = _notify(cast, ntype.key)
        if delivery == Delivery.OFF:
            assert item is None, ntype.key
            assert mail.outbox == [], ntype.key
            continue
        assert item is not None and item.delivery == delivery, ntype.key
        sent = [m for m in mail.outbox if m.extra_headers.get(HEADER) == ntype.key]
        assert len(sent) == (1 if delivery == Delivery.EMAIL else 0), ntype.key
        assert (item.digested_at is None) and Notification.objects.filter(pk=item.pk, delivery=delivery).exists()


def test_defaults_are_the_types_own(cast: Cast):
    assert services.delivery_for(cast.otto, "projects.project_active") == Delivery.EMAIL
    assert services.delivery_for(cast.otto, "network.contact_request") == Delivery.EMAIL
    assert services.delivery_for(cast.otto, "spaces.activity") == Delivery.DIGEST


def test_required_types_ignore_preferences_and_are_not_offered(cast: Cast):
    Preference.objects.create(user=cast.otto, type="accounts.validation_decision", delivery=Delivery.OFF)
    assert services.delivery_for(cast.otto, "accounts.validation_decision") == Delivery.EMAIL
    assert "accounts.validation_decision" not in {t.key for t in services.configurable_types()}
    services.set_preferences(cast.otto, {"accounts.validation_decision": "off", "nonsense": "email"})
    assert not Preference.objects.filter(user=cast.otto, type="nonsense").exists()


def test_pupils_get_in_app_items_only_and_never_mail(cast: Cast, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notify(cast.pia, "network.contact_request", text="x") is None  # not a pupil's type
        item = services.notify(cast.pia, "spaces.reply", text="Mette replied", url="/pupil/")
    assert item is not None and item.delivery == Delivery.IN_APP
    assert mail.outbox == []
    assert registry.is_pupil(cast.pia) and not registry.is_pupil(cast.mette)
    with pytest.raises(PermissionError):
        services.set_preferences(cast.pia, {"spaces.reply": "email"})
    assert client_for(cast.pia).get(reverse("notifications:preferences")).status_code == 404
    assert client_for(cast.pia).get(reverse("notifications:centre")).status_code == 200


def test_watch_levels(cast: Cast, django_capture_on_commit_callbacks):
    space = cast.project.space
    assert _notify(cast, "spaces.activity", group=space).delivery == Delivery.DIGEST
    services.set_watch(cast.otto, "spaces.space", space.pk, WatchLevel.WATCHING)
    assert _notify(cast, "spaces.activity", group=space).delivery == Delivery.EMAIL
    services.set_watch(cast.otto, "spaces.space", space.pk, WatchLevel.MUTED)
    assert _notify(cast, "spaces.activity", group=space) is None
    assert _notify(cast, "network.contact_request", group=space) is not None  # not an activity type
    services.set_watch(cast.otto, "spaces.space", space.pk, WatchLevel.NORMAL)
    assert services.watch_level(cast.otto, "spaces.space", space.pk) == WatchLevel.NORMAL


def test_watch_form_checks_that_the_member_sees_the_object(cast: Cast):
    url = reverse("notifications:watch", args=["spaces.space", cast.project.space.pk])
    assert client_for(cast.otto).post(url, {"level": "muted"}).status_code == 404  # not in the project
    response = client_for(cast.mette).post(url, {"level": "muted", "next": "/spaces/"})
    assert response.status_code == 302
    assert services.watch_level(cast.mette, "spaces.space", cast.project.space.pk) == WatchLevel.MUTED
    assert client_for(cast.mette).post(reverse("notifications:watch", args=["nope.kind", 1]), {}).status_code == 404


def test_preferences_page_saves_choices(cast: Cast):
    client = client_for(cast.otto)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["type__spaces.activity"] = "off"
    data["digest_frequency"] = "weekly"
    data["time_zone"] = "Europe/Copenhagen"
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert services.delivery_for(cast.otto, "spaces.activity") is None
    current = services.settings_for(cast.otto)
    assert (current.digest_frequency, current.time_zone) == ("weekly", "Europe/Copenhagen")
    data["time_zone"] = "Mars/Olympus"
    assert client.post(reverse("notifications:preferences"), data).status_code == 200  # the form's error


def test_fan_out_runs_in_batches(cast: Cast, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends

    with django_capture_on_commit_callbacks(execute=True):
        batches = services.notify_many(range(1, 1201), "spaces.activity", text="x", group=cast.project.space)
    assert batches == 3
    queued = [r for r in task_backends["default"].results if r.task.name == "fan_out"]  # type: ignore[attr-defined]
    assert [len(r.args[0]) for r in queued] == [500, 500, 200]


def test_fan_out_stores_one_item_per_recipient(cast: Cast, django_capture_on_commit_callbacks):
    ids = [cast.mette.pk, cast.lucia.pk, cast.otto.pk, cast.pia.pk]
    services.set_watch(cast.lucia, "spaces.space", cast.project.space.pk, WatchLevel.MUTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_many(ids, "spaces.activity", cast.project.space, text="New post", group=cast.project.space)
    stored = set(Notification.objects.filter(type="spaces.activity").values_list("recipient_id", flat=True))
    assert stored == {cast.mette.pk, cast.otto.pk}  # Lucía muted the space; Pia is a pupil
