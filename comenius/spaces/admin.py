from django.contrib import admin

from comenius.spaces.models import Space


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["project", "opened_at"]
    readonly_fields = ["project", "opened_at"]

    # A space opens with its project (projects.services) and its content has its own services: read-only.
    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
