"""Partner finding: member profiles, contacts, blocks, conversations and the project-idea board."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country
from comenius.core.vocabulary import Language, LanguageLevel, ProjectKind, Subject


def photo_upload_to(instance: Profile, filename: str) -> str:
    from django.utils.crypto import get_random_string

    return f"photos/{instance.user_id}/{get_random_string(20)}.jpg"


class Profile(models.Model):
    """What a validated member shows other members for partner finding. The member decides what is seen."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    introduction = models.TextField(_("short introduction"), max_length=1000, blank=True)
    age_min = models.PositiveSmallIntegerField(_("youngest pupils (age)"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest pupils (age)"), null=True, blank=True)
    available = models.BooleanField(_("available for projects"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    project_kind = models.CharField(
        _("kind of project"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.ANY
    )
    photo = models.ImageField(_("photo"), upload_to=photo_upload_to, blank=True)
    # What other members may see. Hidden fields never leave access.py.
    searchable = models.BooleanField(_("show me in people search and suggestions"), default=True)
    show_introduction = models.BooleanField(_("show my introduction"), default=True)
    show_photo = models.BooleanField(_("show my photo"), default=True)
    show_institution = models.BooleanField(_("show my institution"), default=True)
    # Denormalised for search, kept in step by services.refresh_search (never edited by hand).
    # `listed`: searchable, and its owner is an active validated member — one indexed column instead of a join.
    listed = models.BooleanField(default=False)
    country = models.ForeignKey(Country, null=True, on_delete=models.SET_NULL, related_name="+")
    institution_type = models.CharField(max_length=30, blank=True)
    display_name = models.CharField(max_length=170, blank=True)
    search_text = models.TextField(blank=True)
    search_config = models.CharField(max_length=20, default="simple")
    # PostgreSQL only (tsvector with a GIN index, see migrations); stays empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    last_active_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by a moderator (moderation.services): the content is gone for everyone but moderators, reversibly.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["listed", "-available", "-last_active_at", "id"], name="profile_listed_order"),
            models.Index(
                fields=["listed", "country", "-available", "-last_active_at", "id"], name="profile_country_order"
            ),
            models.Index(fields=["institution_type"], name="profile_institution_type"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__isnull=True) | Q(age_max__isnull=True) | Q(age_min__lte=F("age_max")),
                name="profile_age_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}"


class ProfileSubject(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="subjects")
    subject = models.CharField(max_length=30, choices=Subject.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "subject"], name="one_subject_per_profile")]
        indexes = [models.Index(fields=["subject", "profile"], name="subject_profile")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.subject}"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=5, choices=Language.choices)
    level = models.PositiveSmallIntegerField(choices=LanguageLevel.choices, default=LanguageLevel.GOOD)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "language"], name="one_level_per_language")]
        indexes = [models.Index(fields=["language", "profile"], name="language_profile")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.language} ({self.level})"


class ContactState(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Contacts")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REMOVED = "removed", _("Removed")


class ContactRequest(models.Model):
    """A contact request and, once accepted, the contact itself. One live row per pair of members."""

    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(_("message"), max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=ContactState.choices, default=ContactState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_user", "to_user"],
                condition=Q(state__in=["pending", "accepted"]),
                name="one_live_contact_request",
            ),
            models.CheckConstraint(condition=~Q(from_user=F("to_user")), name="no_contact_with_oneself"),
        ]
        indexes = [
            models.Index(fields=["to_user", "state"], name="contact_to_state"),
            models.Index(fields=["from_user", "state"], name="contact_from_state"),
        ]

    def __str__(self) -> str:
        return f"{self.from_user_id} → {self.to_user_id} ({self.state})"


class Block(models.Model):
    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Conversation(models.Model):
    """A one-to-one conversation. `first` has the lower user id, so a pair has exactly one row."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    first_read_at = models.DateTimeField(null=True, blank=True)
    second_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_conversation_per_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="conversation_pair_ordered"),
        ]
        indexes = [
            models.Index(fields=["first", "-last_message_at"], name="conversation_first_recent"),
            models.Index(fields=["second", "-last_message_at"], name="conversation_second_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ↔ {self.second_id}"

    def other(self, user_id: int) -> int:
        return self.second_id if self.first_id == user_id else self.first_id


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the recipient was told by e-mail (batched), so nobody gets one mail per message.
    notified_at = models.DateTimeField(null=True, blank=True)
    # Set by a moderator (moderation.services): the content is gone for everyone but moderators, reversibly.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="message_conversation_time"),
            models.Index(fields=["notified_at", "created_at"], name="message_to_notify"),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id}: {self.body[:40]}"


class IdeaState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ProjectIdea(models.Model):
    """A post on the partner-finding board: structured, editable, and it expires."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_ideas")
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=3000)
    subjects = models.JSONField(_("subjects"), default=list)
    age_min = models.PositiveSmallIntegerField(_("youngest pupils (age)"))
    age_max = models.PositiveSmallIntegerField(_("oldest pupils (age)"))
    languages = models.JSONField(_("working languages"), default=list)
    countries_wanted = models.JSONField(_("partner countries wanted"), default=list, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    partners_wanted = models.PositiveSmallIntegerField(_("partners wanted"), default=1)
    state = models.CharField(max_length=10, choices=IdeaState.choices, default=IdeaState.OPEN)
    expires_on = models.DateField(_("visible until"))
    fingerprint = models.CharField(max_length=64, db_index=True)
    country = models.ForeignKey(Country, null=True, on_delete=models.SET_NULL, related_name="+")
    # " s:<subject> l:<language> c:<country> " tokens: filters that work the same on SQLite and PostgreSQL.
    tags = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    search_config = models.CharField(max_length=20, default="simple")
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set by a moderator (moderation.services): the content is gone for everyone but moderators, reversibly.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "-created_at", "-id"], name="idea_open_recent")]

    def __str__(self) -> str:
        return self.title
