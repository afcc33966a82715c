"""The rules as data: central support changes a school year's numbers (through the service the admin calls),
checked and audited; a year without its own rules uses the settings' defaults."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, client_for
from comenius.recognition import rules
from comenius.recognition.services import rulesets

pytestmark = pytest.mark.django_db


def test_defaults_come_from_settings_and_a_year_can_change_them(cast: Cast, settings):
    year = rules.current_school_year()
    settings.RECOGNITION_NQL_MAX_APPLICATIONS = 6
    assert rules.rules_for(year).max_applications == 6
    values = {**rulesets.initial(year), "eql_threshold": 18, "min_safety": 2}
    with pytest.raises(DomainError, match="Only central support"):
        rulesets.save_rules(cast.jonas, year, values)
    with pytest.raises(DomainError, match="between 0 and 5"):
        rulesets.save_rules(cast.carla, year, {**values, "min_safety": 6})
    rulesets.save_rules(cast.carla, year, values)
    assert rules.rules_for(year).eql_threshold == 18
    assert rules.rules_for(year).minimums["safety"] == 2
    assert rules.rules_for(year + 1).eql_threshold == settings.RECOGNITION_EQL_THRESHOLD
    assert AuditEvent.objects.filter(action="label.rules_changed", actor=cast.carla).exists()


def test_the_admin_saves_through_the_service(cast: Cast):
    from comenius.recognition.models import RuleSet

    carla = client_for(cast.carla)
    session = carla.session
    session["allauth_2fa_authenticated"] = True
    session.save()
    year = rules.current_school_year()
    assert carla.get(reverse("admin:recognition_ruleset_add")).status_code == 200  # starts from the defaults
    form = {"school_year": str(year), **{name: str(value) for name, value in rulesets.initial(year).items()}}
    form["min_ict_choice"] = "9"
    assert carla.post(reverse("admin:recognition_ruleset_add"), form).status_code == 200  # refused
    assert not RuleSet.objects.exists()
    form["min_ict_choice"] = "2"
    assert carla.post(reverse("admin:recognition_ruleset_add"), form).status_code == 302
    assert RuleSet.objects.get(school_year=year).min_ict_choice == 2
    assert AuditEvent.objects.filter(action="label.rules_changed").exists()
