"""The member lifecycle registry: every app that stores member data says what happens to it when the member
is suspended, deleted or exported — and an app that forgets to is caught."""

from __future__ import annotations

import pytest
from django.db import models
from django.test.utils import isolate_apps

from comenius.core import lifecycle
from comenius.devdata.testing import Cast


def test_every_model_with_member_data_belongs_to_a_registered_app():
    assert lifecycle.member_data_models(), "the check must see the platform's models to mean anything"
    assert lifecycle.unregistered_models() == []


def test_the_registry_knows_the_apps_in_layer_order():
    labels = [hooks.app_label for hooks in lifecycle.registered()]
    assert labels == [
        "core",
        "notifications",
        "accounts",
        "certificates",
        "moderation",
        "network",
        "ambassadors",
        "projects",
        "spaces",
        "groups",
        "events",
        "courses",
        "recognition",
        "countries",
        "api",
    ]
    assert [hooks.app_label for hooks in lifecycle.for_deletion()] == list(reversed(labels))


@isolate_apps("comenius.devdata")
def test_an_app_that_stores_member_data_without_registering_fails_the_check():
    from django.apps import apps as isolated

    class Diary(models.Model):
        author = models.ForeignKey("accounts.User", on_delete=models.CASCADE)
        text = models.TextField()

        class Meta:
            app_label = "devdata"

        def __str__(self) -> str:
            return self.text

    # isolate_apps keeps the model out of the real registry; look at it through its own registry.
    registry = Diary._meta.apps
    assert registry is not isolated
    assert lifecycle.unregistered_models(registry) == ["devdata.Diary"]


@pytest.mark.django_db
def test_suspension_runs_every_apps_hook_and_reinstating_undoes_it(cast: Cast, monkeypatch):
    from comenius.accounts import services
    from comenius.network.models import Profile

    revoked: list[int] = []
    monkeypatch.setattr("comenius.spaces.services.chat.revoke_user", revoked.append)
    assert Profile.objects.get(user=cast.otto).listed
    services.suspend_member(cast.otto, None)
    assert not Profile.objects.get(user=cast.otto).listed  # network: the profile leaves search
    assert revoked == [cast.otto.pk]  # spaces: live connections end
    services.lift_suspension(cast.otto)
    assert Profile.objects.get(user=cast.otto).listed


@pytest.mark.django_db
def test_the_export_has_one_part_from_each_registered_app(cast: Cast):
    parts = {hooks.app_label: hooks.export(cast.mette) for hooks in lifecycle.registered()}
    assert all(isinstance(part, lifecycle.ExportPart) for part in parts.values())
    assert "account" in parts["accounts"].data
    assert "projects_founded" in parts["projects"].data
    assert "reports_made" in parts["moderation"].data
