from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User, ValidationRequest


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "status", "country"]
    list_filter = ["role", "status", "country", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "username"]
    fieldsets = (
        (None, {"fields": ("email", "username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "language", "country")}),
        (_("Role"), {"fields": ("role", "status", "is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "first_name", "password1", "password2")}),)


@admin.register(ValidationRequest)
class ValidationRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "country", "status", "method", "created_at", "decided_at"]
    list_filter = ["status", "method", "country"]
    raw_id_fields = ["user", "institution", "decided_by"]
