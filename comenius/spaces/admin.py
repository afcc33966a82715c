from django.contrib import admin

from comenius.spaces.models import Space


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["project", "opened_at"]
    readonly_fields = ["project", "opened_at"]
