"""The audit log's codes for ambassador appointments (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "ambassador.appoint": _("Ambassador appointed"),
        "ambassador.update": _("Ambassador appointment changed"),
        "ambassador.accept": _("Ambassador appointment accepted"),
        "ambassador.decline": _("Ambassador appointment declined"),
        "ambassador.renew": _("Ambassador term renewed"),
        "ambassador.end": _("Ambassador term ended"),
    }
)
