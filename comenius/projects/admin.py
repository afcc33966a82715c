from django.contrib import admin

from comenius.projects.models import Project, ProjectApproval, ProjectEvent, ProjectMember


class ReadOnlyAdmin(admin.ModelAdmin):
    """Projects change only through `projects.services` (guards, history, search columns, e-mails) and are
    never deleted here: the admin shows them."""

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


class MemberInline(admin.TabularInline):
    model = ProjectMember
    extra = 0
    fields = readonly_fields = ("user", "role", "state", "is_founder", "created_at", "decided_at")
    can_delete = False


class EventInline(admin.TabularInline):
    model = ProjectEvent
    extra = 0
    fields = readonly_fields = ("created_at", "kind", "actor", "subject", "country", "reason")
    can_delete = False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    """Read-only: every change goes through the services (guards, history, search columns, e-mails)."""

    list_display = ["title", "state", "kind", "founder", "cofounder", "activated_at"]
    list_filter = ["state", "kind", "show_in_gallery"]
    search_fields = ["title", "founder__email", "cofounder__email"]
    readonly_fields = [
        "founder",
        "founder_institution",
        "cofounder",
        "cofounder_institution",
        "kind",
        "state",
        "state_since",
        "approval_round",
        "activated_at",
        "closed_at",
        "archived_at",
        "reopened_at",
        "creation_key",
        "tags",
        "search_text",
        "search_config",
    ]
    inlines = [MemberInline, EventInline]


@admin.register(ProjectApproval)
class ProjectApprovalAdmin(ReadOnlyAdmin):
    list_display = ["project", "country", "round", "state", "decided_by", "decided_at"]
    list_filter = ["state", "country"]
    readonly_fields = ["project", "country", "round", "state", "decided_by", "decided_at", "reason", "reminded_at"]
