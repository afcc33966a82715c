"""Thematic groups (DOMAIN.md, "Groups, events, professional development").

Any validated member proposes a group; central support approves or declines it with a reason. A group is for
a theme and its practice, never for partner finding (the idea board does that). Its members share a feed
(posts and comments), discussions (threads and replies) and resources (files and links); its moderators (the
proposer first) pin, hide, invite and remove. Each year's annual theme has its own group, featured on the home
pages during the theme's campaign weeks. Pupils never see groups.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.core.vocabulary import Language, Subject


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: any member can join")
    REQUEST = "request", _("On request: the moderators accept each member")
    INVITATION = "invitation", _("By invitation only")


class GroupState(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for central support")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Group(models.Model):
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=3000)
    aims = models.TextField(_("aims"), max_length=3000, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest pupils (age)"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest pupils (age)"), null=True, blank=True)
    join_policy = models.CharField(_("who may join"), max_length=12, choices=JoinPolicy.choices)
    # Visitors (not signed in) see an open group's directory entry and about page, never its content or members.
    open_to_visitors = models.BooleanField(_("open to visitors"), default=False)
    state = models.CharField(max_length=10, choices=GroupState.choices, default=GroupState.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="groups_proposed"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A double click on "Propose" sends the same key twice and makes one group.
    creation_key = models.CharField(max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=1000, blank=True)
    # Denormalised for the directory (kept by the services): members, last activity, filter tags and words.
    member_count = models.PositiveIntegerField(default=0)
    active_at = models.DateTimeField(null=True, blank=True)
    tags = models.TextField(blank=True)  # " s:<subject> l:<language> "
    search_text = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)  # hidden by a moderator after a report

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(
                fields=["proposed_by", "creation_key"], condition=~Q(creation_key=""), name="one_group_per_key"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-active_at"], name="group_directory"),
            models.Index(fields=["state", "created_at"], name="group_queue"),
            # The public directory and the API's /groups: open, approved, shown groups, newest first.
            models.Index(
                fields=["-id"],
                condition=Q(open_to_visitors=True, state="approved", hidden_at__isnull=True),
                name="group_public",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def subject_labels(self) -> list[str]:
        return [str(Subject(code).label) for code in self.subjects if code in Subject.values]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]


class GroupRole(models.TextChoices):
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class MembershipState(models.TextChoices):
    ACTIVE = "active", _("Member")
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")


class GroupMember(models.Model):
    """One row per person and group: an active member or moderator, a request to join, or an invitation."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    state = models.CharField(max_length=10, choices=MembershipState.choices, default=MembershipState.ACTIVE)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=500, blank=True)  # with a request to join
    created_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]
        indexes = [models.Index(fields=["user", "state"], name="group_member_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.group_id} ({self.state})"


class GroupContent(models.Model):
    """What every piece of group content has: its group, its author, when, and a moderator's hide mark."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class GroupPost(GroupContent):
    body = models.TextField(_("post"), max_length=5000)
    pinned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "-created_at"], name="group_post_feed")]

    def __str__(self) -> str:
        return self.body[:40]


class GroupComment(GroupContent):
    post = models.ForeignKey(GroupPost, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("comment"), max_length=2000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class Discussion(GroupContent):
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=5000)
    pinned_at = models.DateTimeField(null=True, blank=True)
    last_reply_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "-created_at"], name="group_discussions")]

    def __str__(self) -> str:
        return self.title


class DiscussionReply(GroupContent):
    discussion = models.ForeignKey(Discussion, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"), max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


def resource_upload_to(instance: Resource, filename: str) -> str:
    # Never the uploaded name (personal data, path tricks); the checked name is kept in `filename`.
    return f"groups/{instance.group_id}/{secrets.token_hex(16)}"


class Resource(GroupContent):
    """A file (checked under core.uploads.SPACE_MATERIAL) or a link shared in a group."""

    title = models.CharField(_("title"), max_length=150)
    description = models.CharField(_("description"), max_length=500, blank=True)
    file = models.FileField(upload_to=resource_upload_to, blank=True)
    filename = models.CharField(max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("address"), blank=True, max_length=500)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "-created_at"], name="group_resources")]

    def __str__(self) -> str:
        return self.title


class AnnualTheme(models.Model):
    """The year's theme (e.g. 2025/26 "Skills for life"), set by central support, with its own group. It is
    featured on the front page and the member home from `campaign_starts_on` to `campaign_ends_on`."""

    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=3000)
    starts_on = models.DateField(_("theme year starts"))
    ends_on = models.DateField(_("theme year ends"))
    campaign_starts_on = models.DateField(_("campaign starts"))
    campaign_ends_on = models.DateField(_("campaign ends"))
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="annual_theme")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("annual theme")
        verbose_name_plural = _("annual themes")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["campaign_starts_on", "campaign_ends_on"], name="theme_campaign")]

    def __str__(self) -> str:
        return self.title
