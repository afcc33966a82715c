"""Admin actions that call services: the admin never writes roles, statuses or decisions itself.

`apply_each` runs a service for every selected object and reports each refusal (a `DomainError`, already
translated) next to the object's name; `ask_then_apply` first shows an intermediate page with a small form
(a reason, a number of days, a country) and runs the service only when that form is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from comenius.core.errors import DomainError

CONFIRM_FIELD = "confirmed"
M = TypeVar("M", bound=Model)


def apply_each(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[M],
    service: Callable[[M], object],
    done: Callable[[int], str],
) -> int:
    """Call `service(obj)` for each selected object; one message for the successes, one per refusal."""
    count = 0
    for obj in queryset:
        try:
            service(obj)
        except DomainError as error:
            model_admin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            count += 1
    if count:
        model_admin.message_user(request, done(count), messages.SUCCESS)
    return count


def ask_then_apply(
    model_admin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[M],
    *,
    action: str,
    form_class: type[forms.Form],
    title: str,
    service: Callable[[M, dict[str, Any]], object],
    done: Callable[[int], str],
) -> TemplateResponse | None:
    """The intermediate page of an action that needs more than a click (e.g. a reason the member will read).

    The page posts back to the change list with the same action and selection; the second post runs the
    service for every object (see `apply_each`) and returns to the list."""
    if request.POST.get(CONFIRM_FIELD):
        form = form_class(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            apply_each(model_admin, request, queryset, lambda obj: service(obj, data), done)
            return None
    else:
        form = form_class()
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": opts,
        "form": form,
        "queryset": queryset,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "confirm_field": CONFIRM_FIELD,
        "submit_label": _("Confirm"),
        "media": model_admin.media + form.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/comenius_action_form.html", context)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text=_("Written to the audit log."),
    )
