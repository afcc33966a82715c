"""The audit log's codes for the national teams' project decisions (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "project.approved": _("Project approved"),
        "project.rejected": _("Project returned"),
    }
)
