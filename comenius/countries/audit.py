"""The audit log's codes for national pages and news (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "country.page": _("National page changed"),
        "country.news": _("National news post saved"),
        "country.news_delete": _("National news post deleted"),
    }
)
