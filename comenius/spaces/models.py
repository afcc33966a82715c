"""The project space: where the teachers and pupils of an active project work together (DOMAIN.md).

A space opens when its project becomes active (`projects.services`). Its teachers are the project's members
(`projects.ProjectMember`, with their role); its pupils are `SpacePupil` rows added by a teacher. Everything
here is members-only; a page becomes public only when a teacher administrator publishes it to the gallery.
When the project is closed or archived the space is read-only (`spaces.access.can_write`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Space(models.Model):
    """Opened by `projects.services` when every required NSO has approved the project."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE, related_name="space")
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("project space")
        verbose_name_plural = _("project spaces")

    def __str__(self) -> str:
        return str(self.project)


class SpacePupil(models.Model):
    """A pupil in a space. The pupil's account (role pupil, a generated username, a first name or nickname,
    never an e-mail) is created by a teacher; below the country's digital-consent age the teacher confirms
    parental consent first, and that confirmation is recorded here."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="pupils")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pupil_places")
    is_admin = models.BooleanField(_("pupil administrator"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    consent_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="one_place_per_pupil_and_space")]

    def __str__(self) -> str:
        return f"{self.user.first_name} ({self.space_id})"


class Content(models.Model):
    """What every piece of space content has: its space, its author, when, and a moderator's hide mark."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Post(Content):
    """A post on the space's home feed (teachers and pupil administrators)."""

    body = models.TextField(_("post"), max_length=5000)
    pinned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["space", "-created_at"], name="post_feed")]

    def __str__(self) -> str:
        return self.body[:40]


class Comment(Content):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField(_("comment"), max_length=2000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class Like(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_like_each")]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.post_id}"


class Page(Content):
    """A page in the space's tree. The body is HTML sanitised on save (`spaces.sanitise`)."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), blank=True)
    is_draft = models.BooleanField(_("draft"), default=True)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Published to the public gallery by a teacher administrator (with a warning when it shows pupils).
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "title"]
        indexes = [models.Index(fields=["space", "parent", "position"], name="page_tree")]

    def __str__(self) -> str:
        return self.title


class Folder(Content):
    """A folder of materials, or an album of images."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("name"), max_length=100)
    is_album = models.BooleanField(_("photo album"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MaterialKind(models.TextChoices):
    IMAGE = "image", _("Image")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")
    LINK = "link", _("Link")
    EMBED = "embed", _("Embedded video or tool")


def material_upload_to(instance: Material, filename: str) -> str:
    # Stored names never carry the uploaded name (personal data, path tricks); the sanitised name is kept
    # in `filename` for downloads.
    return f"spaces/{instance.space_id}/{secrets.token_hex(16)}"


class Material(Content):
    folder = models.ForeignKey(Folder, null=True, blank=True, on_delete=models.SET_NULL, related_name="materials")
    kind = models.CharField(_("kind"), max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=150)
    file = models.FileField(upload_to=material_upload_to, blank=True)
    thumbnail = models.FileField(upload_to=material_upload_to, blank=True)
    filename = models.CharField(max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("address"), blank=True, max_length=500)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["space", "folder", "-created_at"], name="material_folder")]

    def __str__(self) -> str:
        return self.title


class Board(models.TextChoices):
    FORUM = "forum", _("Forum")
    BULLETIN = "bulletin", _("Teachers' bulletin")


class Thread(Content):
    """A forum thread (pupils reply; teachers and pupil administrators start them) or a post on the
    teachers' bulletin, which only the space's teachers see."""

    board = models.CharField(max_length=10, choices=Board.choices, default=Board.FORUM)
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=5000)
    last_reply_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["space", "board", "-created_at"], name="thread_board")]

    def __str__(self) -> str:
        return self.title


class Reply(Content):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"), max_length=5000)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:40]


class ChatRoom(Content):
    """A chat room. Teachers' rooms are for teachers; a pupils' room is opened and closed by a teacher, and
    pupils can write only while it is open."""

    name = models.CharField(_("name"), max_length=100)
    for_pupils = models.BooleanField(_("pupils may join"), default=False)
    is_open = models.BooleanField(_("open"), default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChatMessage(models.Model):
    room = models.ForeignKey(ChatRoom, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.CharField(_("message"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["room", "created_at"], name="chat_history")]

    def __str__(self) -> str:
        return self.body[:40]


def new_room_token() -> str:
    return secrets.token_urlsafe(24)


class Meeting(Content):
    """An online meeting on the configured Jitsi server (JITSI_URL). The room name is unguessable; pupils can
    join only once a teacher has started the meeting."""

    title = models.CharField(_("title"), max_length=150)
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    room_token = models.CharField(max_length=64, default=new_room_token, unique=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title
