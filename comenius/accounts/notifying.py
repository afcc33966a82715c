"""What accounts tells people (registered with `comenius.notifications` from `AccountsConfig.ready`): validation
decisions, the head of institution's confirmation link (an address, no member), account status, role changes and
a reset second factor. All are *required*: they are about the account itself, so no preference turns them off."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, register_audience, register_type
from comenius.notifications.services import Mail, notify, notify_address

VALIDATION = "accounts.validation_decision"
HEAD_CONFIRMATION = "accounts.head_confirmation"
ACCOUNT_STATUS = "accounts.account_status"
ROLE_CHANGED = "accounts.role_changed"
SECOND_FACTOR_RESET = "accounts.second_factor_reset"
MERGE_CODE = "accounts.merge_code"
MEMBER_MOVED = "accounts.member_moved"

_TYPE_OF_TEMPLATE = {
    "accounts/email/validated": VALIDATION,
    "accounts/email/rejected": VALIDATION,
    "accounts/email/account_status": ACCOUNT_STATUS,
    "accounts/email/role_changed": ROLE_CHANGED,
    "accounts/email/second_factor_reset": SECOND_FACTOR_RESET,
}


def _text(template: str, context: dict[str, Any]) -> Any:
    if template.endswith("/validated"):
        return _("Your account is validated: welcome to Comenius")
    if template.endswith("/rejected"):
        return _("Your national team could not validate your account")
    if template.endswith("/account_status"):
        return {
            "suspend": _("Your account is suspended"),
            "ban": _("Your account is closed"),
        }.get(context.get("action", ""), _("Your account is open again"))
    if template.endswith("/role_changed"):
        return _("Your role on Comenius has changed")
    return _("Your second factor was reset")


def tell(person: Any, template: str, context: dict[str, Any], url: str = "") -> None:
    """Tell a member about their own account (inside the caller's transaction; e-mail after commit)."""
    notify(
        person,
        _TYPE_OF_TEMPLATE[template],
        text=_text(template, context),
        url=url or reverse("accounts:status" if template.startswith("accounts/email/validat") else "accounts:profile"),
        mail=Mail(template, context),
    )


def ask_head(head_email: str, language: str, context: dict[str, Any]) -> None:
    notify_address(head_email, language, HEAD_CONFIRMATION, Mail("accounts/email/head_confirmation", context))


def send_merge_code(address: str, language: str, context: dict[str, Any]) -> None:
    """The code that proves a member owns the address of their other account (accounts.merge)."""
    notify_address(address, language, MERGE_CODE, Mail("accounts/email/merge_code", context))


def _audience(user: Any) -> str | None:
    role = getattr(user, "role", None)
    return None if role is None else ("pupil" if role == "pupil" else "member")


def register() -> None:
    register_audience(_audience)
    for key, label in (
        (VALIDATION, _("Validation of your account")),
        (ACCOUNT_STATUS, _("Suspension or closing of your account")),
        (ROLE_CHANGED, _("Changes of your role")),
        (SECOND_FACTOR_RESET, _("Your second factor reset")),
    ):
        register_type(NotificationType(key, label, default=Delivery.EMAIL, required=True))
    register_type(
        NotificationType(
            HEAD_CONFIRMATION, _("Confirmation by the head of institution"), default=Delivery.EMAIL, address_only=True
        )
    )
    register_type(NotificationType(MEMBER_MOVED, _("A member of your country changed institution")))
    register_type(
        NotificationType(MERGE_CODE, _("Code to merge two accounts"), default=Delivery.EMAIL, address_only=True)
    )
