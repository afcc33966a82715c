from django.contrib import admin

from comenius.core.models import AuditEvent, Country


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "consent_age", "is_active", "head_confirmation_enabled"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "country", "target_label"]
    list_filter = ["action", "country"]
    search_fields = ["target_label", "reason"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
