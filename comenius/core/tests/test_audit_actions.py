"""The audit log names every decision: codes are registered by the apps that write them (core/audit.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.core import audit
from comenius.core.models import AuditEvent, Country
from comenius.core.services import record_audit
from comenius.devdata.testing import client_for


@pytest.mark.django_db
def test_an_unregistered_action_code_is_refused_in_the_suite():
    country = Country.objects.first()
    assert country is not None
    with pytest.raises(audit.UnregisteredAuditActionError, match="not registered"):
        record_audit(None, "nobody.registered_this", country)
    assert not AuditEvent.objects.filter(action="nobody.registered_this").exists()


def test_outside_the_suite_an_unregistered_code_is_logged_and_recorded(monkeypatch, caplog):
    monkeypatch.setattr(audit, "REQUIRE_REGISTERED", False)
    audit.check_registered("nobody.registered_this")
    assert "not registered" in caplog.text


def test_every_app_registers_the_codes_it_writes():
    codes = {code for code, _ in audit.choices()}
    assert {"member.suspended", "institution.validated", "moderation.ban", "project.approved"} <= codes
    assert {"space.page_published", "country.changed"} <= codes
    assert audit.label("retired.code") == "retired.code"


@pytest.mark.django_db
def test_the_audit_log_filter_lists_every_decision_and_names_each_entry(cast):
    record_audit(cast.jonas, "member.suspended", cast.mette, country=cast.mette.country, reason="spam")
    response = client_for(cast.jonas).get(reverse("accounts:audit_log"), {"action": "member.suspended"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="moderation.ban"' in page
    assert "Member suspended" in page.split("<tbody")[-1]
