"""The admin of people: everything is shown read-only; every change is an action that calls a service.

Roles, status, activity and validation decisions have side effects (audit log, search listing, live
connections, e-mails), so the admin never saves them itself: the actions below call `accounts.services`,
which check the acting person again. Names, e-mail and language are the member's own (their account page).
Accounts are never deleted here: a member deletes their own account (`services.delete_account`), an officer's
rights are withdrawn (which closes the account when there is no workplace).
"""

from __future__ import annotations

from typing import Any, cast

from allauth.account import admin as allauth_admin
from allauth.account.models import EmailAddress
from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from comenius.accounts import access, services
from comenius.accounts.models import RequestStatus, Role, User, ValidationRequest
from comenius.core.admin_actions import ReasonForm, apply_each, ask_then_apply
from comenius.core.errors import DomainError
from comenius.core.models import Country


class MemberReasonForm(ReasonForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text=_("The member reads it in their e-mail; it is also written to the audit log."),
    )


class SuspendForm(MemberReasonForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365, initial=7)

    field_order = ["days", "reason"]


class NsoOfficerForm(ReasonForm):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.participating())

    field_order = ["country", "reason"]


class OfficerCreationForm(forms.ModelForm):
    """The admin's "add user": a new NSO officer or central support account (`services.appoint_officer`).
    Members sign up themselves."""

    email = forms.EmailField(label=_("e-mail address"))
    role = forms.ChoiceField(label=_("role"), choices=[(Role.NSO, Role.NSO.label), (Role.CENTRAL, Role.CENTRAL.label)])
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Password (again)"), strip=False, widget=forms.PasswordInput)

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "role", "country"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.NSO and not data.get("country"):
            self.add_error("country", _("An NSO officer belongs to one country."))
        password = data.get("password1")
        if password and password != data.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        elif password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _counted(message: str, count: int) -> str:
    return message % {"count": count}


def _actor(request: HttpRequest) -> User:
    """The signed-in admin user, passed to every service (which checks their rights again)."""
    return cast(User, request.user)


def _open_request(user: User) -> ValidationRequest:
    request = user.validation_requests.filter(status=RequestStatus.OPEN).first()
    if request is None:
        raise DomainError(gettext("There is no request waiting for validation."))
    return request


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "status", "is_active", "country"]
    list_filter = ["role", "status", "is_active", "country", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "username"]
    list_select_related = ["country"]
    fieldsets = (
        (None, {"fields": ("email", "username")}),
        (_("Person"), {"fields": ("first_name", "last_name", "language", "country")}),
        (
            _("Role"),
            {"fields": ("role", "status", "is_active", "suspended_until", "deleted_at", "is_staff", "is_superuser")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = (
        "email",
        "username",
        "first_name",
        "last_name",
        "language",
        "country",
        "role",
        "status",
        "is_active",
        "suspended_until",
        "deleted_at",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    )
    add_fieldsets = (
        (None, {"fields": ("email", "first_name", "last_name", "role", "country", "password1", "password2")}),
    )
    actions = [
        "validate_members",
        "reject_members",
        "suspend_members",
        "ban_members",
        "reinstate_members",
        "make_nso_officer",
        "make_central_support",
        "withdraw_officer_rights",
        "reset_second_factor",
    ]

    # --- nothing is saved or deleted here; adding creates an officer through the service ---------------

    def has_add_permission(self, request: HttpRequest) -> bool:
        return access.can_administer_accounts(_actor(request))

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        return () if obj is None else self.readonly_fields

    def get_form(self, request: HttpRequest, obj: User | None = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = OfficerCreationForm
        return super().get_form(request, obj, change, **kwargs)

    @method_decorator(sensitive_post_parameters("password1", "password2"))
    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if change:
            raise PermissionDenied
        data = form.cleaned_data
        try:
            officer = services.appoint_officer(
                _actor(request),
                role=data["role"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                country=data["country"],
                password=data["password1"],
            )
        except DomainError as error:
            raise PermissionDenied(error.message) from error
        obj.pk = officer.pk
        obj.refresh_from_db()

    # --- validation (accounts.services.validate_member / reject_member) ----------------------------------

    @admin.action(description=_("Validate the selected members"))
    def validate_members(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = _actor(request)
        apply_each(
            self,
            request,
            queryset,
            lambda user: services.validate_member(actor, _open_request(user)),
            lambda n: _counted(ngettext("%(count)d member validated.", "%(count)d members validated.", n), n),
        )

    @admin.action(description=_("Do not validate the selected members…"))
    def reject_members(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="reject_members",
            form_class=MemberReasonForm,
            title=gettext("Do not validate these members"),
            service=lambda user, data: services.reject_member(actor, _open_request(user), data["reason"]),
            done=lambda n: _counted(
                ngettext("%(count)d member not validated.", "%(count)d members not validated.", n), n
            ),
        )

    # --- suspension and bans (services.suspend_account / ban_account / reinstate_account) ---------------

    @admin.action(description=_("Suspend the selected members…"))
    def suspend_members(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="suspend_members",
            form_class=SuspendForm,
            title=gettext("Suspend these members"),
            service=lambda user, data: services.suspend_account(
                actor,
                user,
                days=data["days"],
                reason=data["reason"],
            ),
            done=lambda n: _counted(ngettext("%(count)d member suspended.", "%(count)d members suspended.", n), n),
        )

    @admin.action(description=_("Ban the selected members…"))
    def ban_members(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="ban_members",
            form_class=MemberReasonForm,
            title=gettext("Ban these members"),
            service=lambda user, data: services.ban_account(actor, user, reason=data["reason"]),
            done=lambda n: _counted(ngettext("%(count)d member banned.", "%(count)d members banned.", n), n),
        )

    @admin.action(description=_("Lift the suspension or ban of the selected members"))
    def reinstate_members(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        actor = _actor(request)
        apply_each(
            self,
            request,
            queryset,
            lambda user: services.reinstate_account(actor, user),
            lambda n: _counted(ngettext("%(count)d member reinstated.", "%(count)d members reinstated.", n), n),
        )

    # --- roles (services.change_role) ----------------------------------------------------------------

    @admin.action(description=_("Make the selected people NSO officers…"))
    def make_nso_officer(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="make_nso_officer",
            form_class=NsoOfficerForm,
            title=gettext("Make these people NSO officers"),
            service=lambda user, data: services.change_role(
                actor,
                user,
                Role.NSO,
                country=data["country"],
                reason=data["reason"],
            ),
            done=lambda n: _counted(
                ngettext("%(count)d person is now an NSO officer.", "%(count)d people are now NSO officers.", n), n
            ),
        )

    @admin.action(description=_("Make the selected people central support…"))
    def make_central_support(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="make_central_support",
            form_class=ReasonForm,
            title=gettext("Make these people central support"),
            service=lambda user, data: services.change_role(actor, user, Role.CENTRAL, reason=data["reason"]),
            done=lambda n: _counted(
                ngettext("%(count)d person is now central support.", "%(count)d people are now central support.", n), n
            ),
        )

    @admin.action(description=_("Withdraw the officer rights of the selected people…"))
    def withdraw_officer_rights(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="withdraw_officer_rights",
            form_class=ReasonForm,
            title=gettext("Withdraw the officer rights of these people"),
            service=lambda user, data: services.change_role(actor, user, Role.MEMBER, reason=data["reason"]),
            done=lambda n: _counted(
                ngettext("%(count)d person is no longer an officer.", "%(count)d people are no longer officers.", n), n
            ),
        )

    @admin.action(description=_("Reset the second factor of the selected people…"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="reset_second_factor",
            form_class=ReasonForm,
            title=gettext("Reset the second factor of these people"),
            service=lambda user, data: services.reset_second_factor(actor, user, reason=data["reason"]),
            done=lambda n: _counted(
                ngettext("%(count)d second factor reset.", "%(count)d second factors reset.", n), n
            ),
        )


@admin.register(ValidationRequest)
class ValidationRequestAdmin(admin.ModelAdmin[ValidationRequest]):
    """Requests and their decisions, read-only; deciding is an action (`validate_many`, `reject_member`)."""

    list_display = ["user", "country", "status", "method", "created_at", "decided_at"]
    list_filter = ["status", "method", "country"]
    list_select_related = ["user", "country"]
    fields = readonly_fields = (
        "user",
        "institution",
        "institution_is_new",
        "country",
        "status",
        "created_at",
        "evidence_content_type",
        "evidence_note",
        "head_email",
        "head_asked_at",
        "method",
        "decided_at",
        "decided_by",
        "decided_by_label",
        "reason",
    )
    actions = ["validate_requests", "reject_requests"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Validate the selected requests"))
    def validate_requests(self, request: HttpRequest, queryset: QuerySet[ValidationRequest]) -> None:
        selected = list(queryset.values_list("pk", flat=True))
        count = services.validate_many(_actor(request), selected)
        if count:
            self.message_user(
                request,
                _counted(ngettext("%(count)d member validated.", "%(count)d members validated.", count), count),
                messages.SUCCESS,
            )
        if count < len(selected):
            self.message_user(
                request,
                _counted(
                    ngettext(
                        "%(count)d request was not validated: it was decided already or is outside your country.",
                        "%(count)d requests were not validated: they were decided already or are outside your country.",
                        len(selected) - count,
                    ),
                    len(selected) - count,
                ),
                messages.ERROR,
            )

    @admin.action(description=_("Do not validate the selected requests…"))
    def reject_requests(self, request: HttpRequest, queryset: QuerySet[ValidationRequest]) -> TemplateResponse | None:
        actor = _actor(request)
        return ask_then_apply(
            self,
            request,
            queryset,
            action="reject_requests",
            form_class=MemberReasonForm,
            title=gettext("Do not validate these members"),
            service=lambda obj, data: services.reject_member(actor, obj, data["reason"]),
            done=lambda n: _counted(
                ngettext("%(count)d member not validated.", "%(count)d members not validated.", n), n
            ),
        )


# --- allauth's own models: addresses and second factors are identity, so they are read-only here too -------


class EmailAddressAdmin(allauth_admin.EmailAddressAdmin):
    """Read-only; the "mark as verified" action stays: it sends allauth's `email_confirmed` signal, which opens
    the member's validation request (`accounts.signals`) exactly as the member's own confirmation would."""

    readonly_fields = ("user", "email", "verified", "primary")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class AuthenticatorAdmin(mfa_admin.AuthenticatorAdmin):
    """Which second factors someone has, never their secrets; resetting them is the people list's action
    (`services.reset_second_factor`: audited, the person is told)."""

    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


for _model, _model_admin in ((EmailAddress, EmailAddressAdmin), (Authenticator, AuthenticatorAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
