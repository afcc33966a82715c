"""The audit log's codes for certificates (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "certificate.issued": _("Certificate issued"),
        "certificate.revoked": _("Certificate revoked"),
    }
)
