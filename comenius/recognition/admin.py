"""The admin: the numbers of each school year are edited here (through `services.rulesets.save_rules`, audited);
everything else of recognition is read-only here and changes only through its pages and services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from comenius.core.errors import DomainError
from comenius.recognition import rules
from comenius.recognition.models import (
    Assessment,
    EQLNomination,
    EQLRound,
    Label,
    NQLApplication,
    PrizeEntry,
    PrizeRound,
    RuleSet,
    SchoolLabelApplication,
    SchoolLabelCall,
)
from comenius.recognition.services import rulesets


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """A new year's form starts from the settings' defaults; saving goes through the service, which checks the
    numbers and writes the audit log. Rules are never deleted (a year without a row falls back to defaults)."""

    list_display = ["__str__", "max_applications", "eql_share_percent", "eql_threshold", "school_valid_years"]
    fields = ["school_year", *rulesets.FIELDS]

    def get_changeform_initial_data(self, request: Any) -> dict[str, Any]:
        year = rules.current_school_year()
        return {"school_year": year, **rulesets.initial(year)}

    def get_readonly_fields(self, request: Any, obj: RuleSet | None = None) -> list[str]:
        return ["school_year"] if obj is not None else []

    def get_form(self, request: Any, obj: RuleSet | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)

        class CheckedForm(form):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                try:
                    rulesets.check({name: int(data.get(name) or 0) for name in rulesets.FIELDS})
                except DomainError as error:
                    raise ValidationError(error.message) from error
                return data

        return CheckedForm

    def save_model(self, request: Any, obj: RuleSet, form: Any, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in rulesets.FIELDS}
        try:
            saved = rulesets.save_rules(request.user, obj.school_year, values)
        except DomainError as error:
            messages.error(request, error.message)
            return
        obj.pk = saved.pk

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(NQLApplication)
class NQLApplicationAdmin(ReadOnlyAdmin):
    list_display = ["project", "applicant", "country", "school_year", "state", "total"]
    list_filter = ["state", "school_year", "country"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "assessor", "stage", "is_second", "scored_at", "closed_at"]


@admin.register(Label)
class LabelAdmin(ReadOnlyAdmin):
    list_display = ["kind", "school_year", "holder", "project", "institution", "country", "valid_until"]
    list_filter = ["kind", "school_year", "country"]


for model in (EQLRound, EQLNomination, SchoolLabelCall, SchoolLabelApplication, PrizeRound, PrizeEntry):
    admin.site.register(model, ReadOnlyAdmin)
