from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

View = TypeVar("View", bound=Callable[..., Any])

# Far longer than any name, e-mail or title searched for; SQLite refuses LIKE patterns over 50,000 bytes.
MAX_SEARCH_LENGTH = 200


class ComeniusAdminSite(admin.AdminSite):
    """Django admin for central support, who must have a second factor (MFA) before they can act."""

    site_header = _("Comenius central support")
    site_title = _("Comenius administration")

    def has_permission(self, request: HttpRequest) -> bool:
        from allauth.mfa.utils import is_mfa_enabled

        return super().has_permission(request) and bool(is_mfa_enabled(request.user))

    def logout(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """Django's logout follows any relative `next` (";env;" included); ours only a local path of this site
        (`core.redirects`), like every other redirect of the platform."""
        from django.contrib.auth import REDIRECT_FIELD_NAME

        from comenius.core.redirects import safe_target

        for method in ("GET", "POST"):
            query = getattr(request, method)
            if REDIRECT_FIELD_NAME in query and safe_target(request, query.get(REDIRECT_FIELD_NAME)) is None:
                cleaned = query.copy()
                del cleaned[REDIRECT_FIELD_NAME]
                setattr(request, method, cleaned)
        return super().logout(request, extra_context)

    def admin_view(self, view: View, cacheable: bool = False) -> View:
        return super().admin_view(_short_searches(view), cacheable)

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        super().register(model_or_iterable, admin_class, **options)
        for model in model_or_iterable if isinstance(model_or_iterable, list | tuple) else [model_or_iterable]:
            model_admin = self._registry.get(model)  # None for a swapped model (auth.User), never registered
            if model_admin is None:
                continue
            # ModelAdmin made its own copy of the overrides: this changes that admin's, and keeps its own choice.
            overrides: dict[Any, dict[str, Any]] = model_admin.formfield_overrides  # type: ignore[assignment]
            overrides.setdefault(models.JSONField, {}).setdefault("form_class", StrictJSONField)


class StrictJSONField(forms.JSONField):
    """Django's JSON form field lets two kinds of invalid input through as exceptions, a server error: a number
    of more than 4,300 digits (ValueError from `int()`) and nesting too deep (RecursionError). Both are
    "Enter a valid JSON." here."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except (ValueError, RecursionError) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value}) from error

    def bound_data(self, data: Any, initial: Any) -> Any:
        try:
            return super().bound_data(data, initial)
        except (ValueError, RecursionError):
            return InvalidJSONInput(data)


def _short_searches(view: View) -> View:
    """Every admin list searches at most MAX_SEARCH_LENGTH characters, and says so when it cut a search."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        search = request.GET.get(SEARCH_VAR, "")
        if len(search) > MAX_SEARCH_LENGTH:
            shortened = request.GET.copy()
            shortened[SEARCH_VAR] = search[:MAX_SEARCH_LENGTH]
            request.GET = shortened  # type: ignore[assignment]  # a QueryDict like Django's, only mutable
            messages.warning(
                request,
                gettext("A search can have at most %(limit)d characters; only the first %(limit)d were searched for.")
                % {"limit": MAX_SEARCH_LENGTH},
            )
        return view(request, *args, **kwargs)

    return cast(View, wrapper)


class ComeniusAdminConfig(AdminConfig):
    default_site = "comenius.core.admin_site.ComeniusAdminSite"
