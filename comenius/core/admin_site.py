from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.main import SEARCH_VAR
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Far longer than any name, e-mail or title searched for; SQLite refuses LIKE patterns over 50,000 bytes.
MAX_SEARCH_LENGTH = 200


class ComeniusAdminSite(admin.AdminSite):
    """Django admin for central support, who must have a second factor (MFA) before they can act."""

    site_header = _("Comenius central support")
    site_title = _("Comenius administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from allauth.mfa.utils import is_mfa_enabled

        return super().has_permission(request) and bool(is_mfa_enabled(request.user))

    def admin_view(self, view: Callable[..., Any], cacheable: bool = False) -> Callable[..., Any]:
        return super().admin_view(_short_searches(view), cacheable)


def _short_searches(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every admin list searches at most MAX_SEARCH_LENGTH characters, and says so when it cut a search."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        search = request.GET.get(SEARCH_VAR, "")
        if len(search) > MAX_SEARCH_LENGTH:
            request.GET = request.GET.copy()
            request.GET[SEARCH_VAR] = search[:MAX_SEARCH_LENGTH]
            messages.warning(
                request,
                gettext("A search can have at most %(limit)d characters; only the first %(limit)d were searched for.")
                % {"limit": MAX_SEARCH_LENGTH},
            )
        return view(request, *args, **kwargs)

    return wrapper


class ComeniusAdminConfig(AdminConfig):
    default_site = "comenius.core.admin_site.ComeniusAdminSite"
