"""Certificates: what a member achieved (attended an event, completed a course, a label), with a public,
unguessable verification code."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Letters and digits a reader cannot confuse (no 0/O, 1/I/L): 20 of them carry 98 bits, far beyond guessing,
# and stay short enough to type from paper in four groups of five.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 20
CODE_GROUP = 5


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(text: str) -> str:
    """A code as typed (lower case, spaces, missing dashes) in its stored form; "" when it cannot be one."""
    raw = "".join(character for character in text.upper() if character.isalnum())
    if len(raw) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in raw):
        return ""
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> CertificateQuerySet:
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """One certificate. What it certifies is copied at issue time (the name, the title, hours, date, issuer):
    a certificate says what was true when it was given, even if the event is renamed later."""

    code = models.CharField(_("verification code"), max_length=30, unique=True, default=new_code, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=60)  # a key of certificates.registry
    subject_type = models.CharField(max_length=60)  # "events.event", "courses.course" …
    subject_id = models.PositiveBigIntegerField()
    recipient_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("what it certifies"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    achieved_on = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.CharField(_("reason"), max_length=500, blank=True)
    shown_on_profile = models.BooleanField(_("shown on my profile"), default=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-achieved_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One valid certificate per member and subject of a kind: issuing twice gives the same one.
            models.UniqueConstraint(
                fields=["member", "kind", "subject_type", "subject_id"],
                condition=models.Q(revoked_at__isnull=True),
                name="certificates_one_valid_per_subject",
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="certificates_subject")]

    def __str__(self) -> str:
        return f"{self.title} – {self.recipient_name} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def verification_path(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    def verification_url(self) -> str:
        return settings.SITE_URL.rstrip("/") + self.verification_path()
