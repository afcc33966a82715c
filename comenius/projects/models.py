"""Projects: from a founder's draft through the co-founder and NSO approval to an active, closed and archived project.

DOMAIN.md: two founders from two institutions; founders from two countries make a European project, from one
country a national project. Every change of state goes through `projects.services`, which checks the
transition and records it as a `ProjectEvent` (the history the status panel shows).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country
from comenius.core.vocabulary import Language, Subject
from comenius.institutions.models import Institution


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_COFOUNDER = "awaiting_cofounder", _("Waiting for the co-founder")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for approval")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


# States in which other members may find a project (search, member pages).
VISIBLE_STATES = (ProjectState.ACTIVE, ProjectState.CLOSED, ProjectState.ARCHIVED)
# States in which the founders are still shaping the project.
EARLY_STATES = (ProjectState.DRAFT, ProjectState.AWAITING_COFOUNDER, ProjectState.AWAITING_APPROVAL)


class ProjectKind(models.TextChoices):
    EUROPEAN = "european", _("European project")
    NATIONAL = "national", _("National project")


class Project(models.Model):
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest pupils (age)"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest pupils (age)"), null=True, blank=True)
    pupils_count = models.PositiveIntegerField(_("number of pupils"), null=True, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    tools = models.TextField(_("tools"), max_length=2000, blank=True)
    aims = models.TextField(_("aims"), max_length=3000, blank=True)
    work_process = models.TextField(_("work process"), max_length=3000, blank=True)
    expected_results = models.TextField(_("expected results"), max_length=3000, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    show_in_gallery = models.BooleanField(_("show in the public gallery"), default=False)

    founder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="founded_projects")
    founder_institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    # The contact the founder names; invited when the founder sends the project on.
    cofounder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="cofounded_projects"
    )
    cofounder_institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProjectKind.choices, blank=True)

    state = models.CharField(_("state"), max_length=20, choices=ProjectState.choices, default=ProjectState.DRAFT)
    state_since = models.DateTimeField(_("in this state since"))
    # Each time the founders send the project to the NSOs a new round of approvals starts.
    approval_round = models.PositiveSmallIntegerField(default=0)
    activated_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)  # a closed project may be reopened once
    # A double click on "Save" must not make two projects: the form carries a key, unique per founder.
    creation_key = models.CharField(max_length=40)
    # Set by a moderator: the project leaves search and the gallery; its members still see it.
    hidden_at = models.DateTimeField(null=True, blank=True)

    # Denormalised for search: " s:<subject> l:<language> c:<country> y:<year> " and the words to match.
    tags = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    search_config = models.CharField(max_length=20, default="simple")
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.UniqueConstraint(fields=["founder", "creation_key"], name="project_created_once"),
        ]
        indexes = [
            models.Index(fields=["state", "-activated_at", "-id"], name="project_state_recent"),
            models.Index(fields=["show_in_gallery", "state", "-activated_at"], name="project_gallery"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_european(self) -> bool:
        return self.kind == ProjectKind.EUROPEAN

    @property
    def is_read_only(self) -> bool:
        return self.state in (ProjectState.CLOSED, ProjectState.ARCHIVED)

    def subject_labels(self) -> list[str]:
        return [str(Subject(code).label) for code in self.subjects if code in Subject.values]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]

    def countries(self) -> list[Country]:
        """The founders' countries (select_related founder__country and cofounder__country to avoid queries)."""
        found = [self.founder.country] + ([self.cofounder.country] if self.cofounder else [])
        unique = {country.pk: country for country in found if country is not None}
        return list(unique.values())


class ProjectRole(models.TextChoices):
    TEACHER_ADMIN = "teacher_admin", _("Teacher administrator")
    TEACHER = "teacher", _("Teacher")
    EXPERT = "expert", _("Expert")
    OBSERVER = "observer", _("Observer")


class MemberState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Invitation withdrawn")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


LIVE_MEMBER_STATES = (MemberState.INVITED, MemberState.ACTIVE)


class ProjectMember(models.Model):
    """A teacher in a project, or invited to it. The founders are teacher administrators who cannot be removed."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships")
    institution = models.ForeignKey(Institution, null=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=ProjectRole.choices)
    state = models.CharField(_("state"), max_length=10, choices=MemberState.choices, default=MemberState.INVITED)
    is_founder = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)  # why an invitation was declined
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            # One live row (invited or member) per person and project; the history stays in the other rows.
            models.UniqueConstraint(
                fields=["project", "user"],
                condition=Q(state__in=["invited", "active"]),
                name="one_live_project_membership",
            ),
        ]
        indexes = [models.Index(fields=["user", "state"], name="project_member_user_state")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.get_state_display()})"


class ApprovalState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("No longer needed")


class ProjectApproval(models.Model):
    """The decision of one country's NSO in one round (one row per founder country)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="approvals")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=ApprovalState.choices, default=ApprovalState.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("project approval")
        verbose_name_plural = _("project approvals")
        constraints = [
            models.UniqueConstraint(fields=["project", "country", "round"], name="one_approval_per_country_round")
        ]
        indexes = [models.Index(fields=["country", "state", "created_at"], name="approval_queue")]

    def __str__(self) -> str:
        return f"{self.project} — {self.country_id} ({self.state})"


class EventKind(models.TextChoices):
    CREATED = "created", _("Draft started")
    COFOUNDER_INVITED = "cofounder_invited", _("Co-founder invited")
    COFOUNDER_WITHDRAWN = "cofounder_withdrawn", _("Co-founder invitation withdrawn")
    COFOUNDER_ACCEPTED = "cofounder_accepted", _("Co-founder accepted")
    COFOUNDER_DECLINED = "cofounder_declined", _("Co-founder declined")
    SENT_FOR_APPROVAL = "sent_for_approval", _("Sent for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Returned by the NSO")
    ACTIVATED = "activated", _("Project active, space opened")
    MEMBER_INVITED = "member_invited", _("Partner invited")
    MEMBER_JOINED = "member_joined", _("Partner joined")
    MEMBER_DECLINED = "member_declined", _("Partner declined")
    MEMBER_LEFT = "member_left", _("Partner left")
    MEMBER_REMOVED = "member_removed", _("Partner removed")
    ROLE_CHANGED = "role_changed", _("Role changed")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    ARCHIVED = "archived", _("Archived")


class ProjectEvent(models.Model):
    """The project's history: who did what, when and why (the status panel and the timeline read it)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["project", "created_at"], name="project_event_time")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.kind}"
