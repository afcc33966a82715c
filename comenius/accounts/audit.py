"""The audit log's codes for decisions about members and their accounts (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "member.validated": _("Member validated"),
        "member.rejected": _("Member not validated"),
        "member.head_declined": _("Head of institution did not confirm"),
        "member.suspended": _("Member suspended"),
        "member.banned": _("Member banned"),
        "member.reinstated": _("Member reinstated"),
        "member.deleted_own_account": _("Member deleted their account"),
        "member.accounts_merged": _("Two accounts of one member merged"),
        "member.institution_changed": _("Member changed institution"),
        "account.role_changed": _("Role changed"),
        "account.officer_appointed": _("Officer appointed"),
        "account.second_factor_reset": _("Second factor reset"),
        "country.validation_methods": _("Validation methods changed"),
    }
)
