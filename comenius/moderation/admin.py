from django.contrib import admin

from comenius.moderation.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only: decisions go through the moderation queue (checks, audit log, e-mail to the author)."""

    list_display = ["kind", "object_id", "reason", "state", "country", "created_at", "action"]
    list_filter = ["state", "kind", "reason", "country"]
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
