from django.contrib import admin

from comenius.certificates.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Read-only: certificates are issued by the apps' services and revoked on their revoke page (audited)."""

    list_display = ["code", "title", "recipient_name", "achieved_on", "issuer", "revoked_at"]
    list_filter = ["kind"]
    search_fields = ["code", "title", "recipient_name"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
