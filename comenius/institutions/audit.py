"""The audit log's codes for decisions about institutions (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "institution.validated": _("Institution validated"),
        "institution.rejected": _("Institution not validated"),
        "institution.merged": _("Duplicate institutions merged"),
    }
)
