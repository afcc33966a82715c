from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class ComeniusAdminSite(admin.AdminSite):
    """Django admin for central support, who must have a second factor (MFA) before they can act."""

    site_header = _("Comenius central support")
    site_title = _("Comenius administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from allauth.mfa.utils import is_mfa_enabled

        return super().has_permission(request) and bool(is_mfa_enabled(request.user))


class ComeniusAdminConfig(AdminConfig):
    default_site = "comenius.core.admin_site.ComeniusAdminSite"
