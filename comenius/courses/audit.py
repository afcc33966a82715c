"""The audit log's codes for decisions about courses (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "course.created": _("Course created"),
        "course.content_changed": _("Course content changed"),
        "course.reordered": _("Course content reordered"),
        "course.content_deleted": _("Course content deleted"),
    }
)
