"""People: members, NSO officers, central support and (from the project-space issue) pupils."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.core import languages
from comenius.core.avatars import PICTURE_CHOICES
from comenius.core.models import Country
from comenius.institutions.models import Institution


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    NSO = "nso", _("NSO officer")
    CENTRAL = "central", _("Central support")
    PUPIL = "pupil", _("Pupil")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for validation")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Not validated")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str | None = None, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email) if email else None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.CENTRAL)
        extra.setdefault("status", MemberStatus.VALIDATED)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Members log in with their e-mail; pupils (no e-mail, ever) will log in with a generated username."""

    email = models.EmailField(_("e-mail address"), unique=True, null=True, blank=True)
    username = models.CharField(
        _("username"), max_length=40, unique=True, null=True, blank=True, help_text=_("Pupils only.")
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("membership status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.PENDING
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("country")
    )
    language = models.CharField(_("language"), max_length=10, choices=languages.choices, default="en")
    # Pupils only: the picture they chose from the set we ship (core/avatars.py); never a photo or an upload.
    picture = models.CharField(_("picture"), max_length=20, blank=True, choices=PICTURE_CHOICES)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # A suspension (moderation.services) makes the account inactive until then; a ban has no end (None with
    # is_active False). `manage.py lift_suspensions` reactivates accounts whose suspension has ended.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    # Set when the member deleted their account: the row stays (as "Former member") so that what they wrote
    # in shared places keeps its place; everything that identified them is gone (services.delete_account).
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    # Raised by `services.end_sessions` (role changed, …): every session made before carries an older value and
    # Django's session check logs it out on its next request (see `get_session_auth_hash`).
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["country", "role", "status"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username or f"#{self.pk}"

    def get_session_auth_hash(self) -> str:
        # Epoch 0 keeps Django's own hash, so the sessions made before this field existed stay valid.
        if not self.sessions_epoch:
            return super().get_session_auth_hash()
        from django.utils.crypto import salted_hmac

        return salted_hmac(
            f"comenius.accounts.sessions.{self.sessions_epoch}", self.password, algorithm="sha256"
        ).hexdigest()

    def get_full_name(self) -> str:
        if self.deleted_at is not None:
            return self.former_label
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        if self.deleted_at is not None:
            return self.former_label
        return self.first_name

    @property
    def former_label(self) -> str:
        """How a deleted account appears where its contributions stay."""
        return str(_("Former pupil") if self.role == Role.PUPIL else _("Former member"))

    @property
    def is_nso_officer(self) -> bool:
        return self.role == Role.NSO

    @property
    def is_central_support(self) -> bool:
        return self.role == Role.CENTRAL

    @property
    def is_pupil(self) -> bool:
        return self.role == Role.PUPIL

    @property
    def is_validated_member(self) -> bool:
        return self.role == Role.MEMBER and self.status == MemberStatus.VALIDATED

    @property
    def is_pending_member(self) -> bool:
        return self.role == Role.MEMBER and self.status != MemberStatus.VALIDATED


class ValidationMethod(models.TextChoices):
    NSO_REVIEW = "nso_review", _("Review by your national team")
    HEAD_CONFIRMATION = "head_confirmation", _("Confirmation by the head of your institution")
    TRUSTED_DOMAIN = "trusted_domain", _("Trusted e-mail domain")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")


def evidence_upload_to(instance: ValidationRequest, filename: str) -> str:
    # The stored name never carries the uploaded name: it could hold personal data or path tricks.
    from django.utils.crypto import get_random_string

    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.evidence_content_type, "bin"
    )
    return f"evidence/{instance.user_id}/{get_random_string(24)}.{extension}"


class ValidationRequest(models.Model):
    """One request by a member to be validated, and the decision taken on it (who, when, why, how)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="validation_requests")
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="validation_requests")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="validation_requests")
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    institution_is_new = models.BooleanField(default=False)
    evidence = models.FileField(upload_to=evidence_upload_to, blank=True)
    evidence_content_type = models.CharField(max_length=50, blank=True)
    evidence_note = models.CharField(_("note for your national team"), max_length=500, blank=True)
    head_email = models.EmailField(_("e-mail of the head of your institution"), blank=True)
    head_asked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_by_label = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=ValidationMethod.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["country", "status", "created_at"])]
        constraints = [
            # A member has at most one open request: double submits cannot make two.
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="open"), name="one_open_validation_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class LoginThrottle(models.Model):
    """Failed log-ins counted under one key (accounts/throttling.py): an account at one address, an account
    from anywhere, an address for every account, a pupil, a class. Beyond a number of free failures each
    further one makes the key wait longer (`locked_until`); the count is forgotten a while after the last
    failure. NSO officers (their country) and central support see the waiting keys and can lift them."""

    class Scope(models.TextChoices):
        PAIR = "pair", _("Account at one address")
        ACCOUNT = "account", _("Account from any address")
        ADDRESS = "address", _("Address, all accounts")
        PUPIL = "pupil", _("Pupil")
        CLASS = "class", _("Class (pupils of one project space)")

    scope = models.CharField(_("kind"), max_length=10, choices=Scope.choices)
    key = models.CharField(max_length=300)
    # What the key is about, for the officers' page: the account (None for an address, or an e-mail that
    # belongs to nobody), the address (None for account-wide and class keys), the country it belongs to.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address = models.GenericIPAddressField(null=True, blank=True)
    label = models.CharField(max_length=200, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("log-in throttle")
        verbose_name_plural = _("log-in throttles")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="one_login_throttle_per_key")]
        indexes = [models.Index(fields=["locked_until"])]

    def __str__(self) -> str:
        return f"{self.scope}:{self.label or self.key}"


class KnownLoginAddress(models.Model):
    """An address from which a person completed a log-in (password and second factor): from there an account
    that is being attacked elsewhere still gets in. Kept as a keyed hash, not the address itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address_hash = models.CharField(max_length=64)
    last_login_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "address_hash"], name="one_known_address_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.address_hash[:8]}"


class MergeCode(models.Model):
    """A code e-mailed to the address of a member's other account, to prove that the address is theirs and merge
    the two accounts without the other account's password (issue 12). Only a digest of the code is stored; it
    works once, for `MERGE_CODE_MINUTES`, and for a few tries (`accounts.merge`)."""

    kept = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["kept", "created_at"], name="merge_code_kept_recent")]

    def __str__(self) -> str:
        return f"merge code #{self.pk}"
