"""The audit log's codes for decisions about groups (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "group.approved": _("Group approved"),
        "group.declined": _("Group declined"),
        "group.request_accepted": _("Request to join a group accepted"),
        "group.request_declined": _("Request to join a group declined"),
        "group.member_removed": _("Member removed from a group"),
        "group.moderator_added": _("Group moderator added"),
        "group.moderator_removed": _("Group moderator removed"),
        "group.content_hidden": _("Group content hidden"),
        "group.content_restored": _("Group content shown again"),
        "group.annual_theme_set": _("Annual theme set"),
        "group.opened_to_visitors": _("Group opened to visitors"),
        "group.closed_to_visitors": _("Group closed to visitors"),
    }
)
