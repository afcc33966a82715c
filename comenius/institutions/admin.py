from django.contrib import admin

from comenius.institutions.models import Institution, Membership


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "city", "country", "status"]
    list_filter = ["status", "type", "country"]
    search_fields = ["name", "city", "postcode"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "role"]
    raw_id_fields = ["user", "institution"]
