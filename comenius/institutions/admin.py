"""Institutions and workplaces in the admin: read-only; deciding an institution is an action that calls
`institutions.services` (checks, lock, audit log). Institutions are created at sign-up and never deleted here:
members' workplaces, validation requests and their profiles' search columns depend on them."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from comenius.core.admin_actions import ReasonForm, apply_each, ask_then_apply
from comenius.institutions import services
from comenius.institutions.models import Institution, Membership


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyAdmin):
    list_display = ["name", "type", "city", "country", "status"]
    list_filter = ["status", "type", "country"]
    search_fields = ["name", "city", "postcode"]
    list_select_related = ["country"]
    fields = readonly_fields = (
        "name",
        "type",
        "country",
        "region",
        "city",
        "postcode",
        "website",
        "status",
        "created_at",
    )
    actions = ["validate_institutions", "reject_institutions"]

    @admin.action(description=_("Validate the selected institutions"))
    def validate_institutions(self, request: HttpRequest, queryset: QuerySet[Institution]) -> None:
        actor = cast(Any, request.user)
        apply_each(
            self,
            request,
            queryset,
            lambda institution: services.validate_institution(actor, institution),
            lambda n: (
                ngettext("%(count)d institution validated.", "%(count)d institutions validated.", n) % {"count": n}
            ),
        )

    @admin.action(description=_("Reject the selected institutions…"))
    def reject_institutions(self, request: HttpRequest, queryset: QuerySet[Institution]) -> TemplateResponse | None:
        actor = cast(Any, request.user)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="reject_institutions",
            form_class=ReasonForm,
            title=gettext("Reject these institutions"),
            service=lambda institution, data: services.reject_institution(actor, institution, data["reason"]),
            done=lambda n: (
                ngettext("%(count)d institution rejected.", "%(count)d institutions rejected.", n) % {"count": n}
            ),
        )


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Who works where: part of the member's validation and of their profile's search columns."""

    list_display = ["user", "institution", "role"]
    list_select_related = ["user", "institution"]
    raw_id_fields = ["user", "institution"]
