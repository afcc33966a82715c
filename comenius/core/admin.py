from typing import Any

from django.contrib import admin
from django.db import transaction

from comenius.core.models import AuditEvent, Country
from comenius.core.services import record_audit


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "consent_age", "is_active", "head_confirmation_enabled"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]

    def save_model(self, request: Any, obj: Country, form: Any, change: bool) -> None:
        """Countries are data that operators keep here; what changed (validation methods included, which NSOs
        otherwise change through `accounts.services.update_validation_methods`) goes into the audit log."""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            changed = ", ".join(f"{name}={form.cleaned_data[name]!r}" for name in form.changed_data)
            record_audit(
                request.user, "country.changed" if change else "country.added", obj, country=obj, reason=changed
            )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "country", "target_label"]
    list_filter = ["action", "country"]
    search_fields = ["target_label", "reason"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # the log is append-only: an entry is never removed, not even from the admin
