"""The audit log's codes for decisions in project spaces (core/audit.py)."""

from django.utils.translation import gettext_lazy as _

from comenius.core import audit

audit.register(
    {
        "space.page_published": _("Page published to the gallery"),
        "space.page_unpublished": _("Page taken out of the gallery"),
        "space.content_hidden": _("Space content hidden"),
        "space.content_restored": _("Space content shown again"),
    }
)
