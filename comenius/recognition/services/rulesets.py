"""The numbers of a school year, changed by an operator in the admin without a release."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.recognition import rules
from comenius.recognition.models import RuleSet

FIELDS = (
    "max_applications", "min_pupil_collaboration", "min_ict_choice", "min_safety", "eql_share_percent",
    "eql_threshold", "eql_min_countries", "school_min_teachers", "school_min_years", "school_nql_years",
    "school_valid_years",
)  # fmt: skip


def initial(year: int) -> dict[str, int]:
    """The settings' defaults for a new year's rules, field by field."""
    defaults = rules.defaults(year)
    return {
        "max_applications": defaults.max_applications,
        "min_pupil_collaboration": defaults.minimums["pupil_collaboration"],
        "min_ict_choice": defaults.minimums["ict_choice"],
        "min_safety": defaults.minimums["safety"],
        "eql_share_percent": defaults.eql_share_percent,
        "eql_threshold": defaults.eql_threshold,
        "eql_min_countries": defaults.eql_min_countries,
        "school_min_teachers": defaults.school_min_teachers,
        "school_min_years": defaults.school_min_years,
        "school_nql_years": defaults.school_nql_years,
        "school_valid_years": defaults.school_valid_years,
    }


def check(values: dict[str, int]) -> None:
    for name in ("min_pupil_collaboration", "min_ict_choice", "min_safety"):
        if not rules.SCORE_MIN <= values[name] <= rules.SCORE_MAX:
            raise DomainError(_("A minimum score is between 0 and 5."))
    if not 0 < values["eql_share_percent"] <= 100:
        raise DomainError(_("The EQL share is a percentage from 1 to 100."))
    if values["eql_threshold"] > rules.MAX_SUM:
        raise DomainError(_("The EQL threshold cannot be above the highest possible score."))
    if min(values["max_applications"], values["eql_min_countries"], values["school_valid_years"]) < 1:
        raise DomainError(_("These numbers must be at least 1."))


def save_rules(actor: User, school_year: int, values: dict[str, int]) -> RuleSet:
    """Central support sets the numbers of a school year (creates its row if needed). Audited with the new
    values; locks the row."""
    if actor.role != Role.CENTRAL or not actor.is_active:
        raise DomainError(_("Only central support can change the rules."))
    values = {name: int(values[name]) for name in FIELDS}
    check(values)
    with transaction.atomic():
        row = RuleSet.objects.select_for_update().filter(school_year=school_year).first()
        if row is None:
            row = RuleSet(school_year=school_year, **values)
            row.save()
        else:
            for name, value in values.items():
                setattr(row, name, value)
            row.save(update_fields=[*FIELDS, "updated_at"])
        record_audit(actor, "label.rules_changed", row, reason=", ".join(f"{k}={v}" for k, v in values.items()))
    return row
