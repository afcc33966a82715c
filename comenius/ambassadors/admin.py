from django.contrib import admin

from comenius.ambassadors.models import Appointment


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    """Read-only: appointments change through the NSO's pages (services, with audit)."""

    list_display = ("user", "kind", "country", "state", "starts_on", "ends_on")
    list_filter = ("state", "kind", "country")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
