"""Schools and early-childhood institutions, and who works where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country


class InstitutionType(models.TextChoices):
    ECEC = "ecec", _("Early childhood education and care")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    IVET = "ivet", _("Initial vocational education and training")
    SPECIAL_NEEDS = "special_needs", _("Special needs education")
    TEACHER_EDUCATION = "teacher_education", _("Teacher education")
    OTHER = "other", _("Other")


class InstitutionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for validation")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")


class Institution(models.Model):
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=30, choices=InstitutionType.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="institutions")
    region = models.CharField(_("region"), max_length=100, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InstitutionStatus.choices, default=InstitutionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [
            models.Index(fields=["country", "status", "name"]),
            # The open API's list of a country's validated institutions, in id order (its cursor).
            models.Index(fields=["country", "id"], condition=Q(status="validated"), name="institution_public_country"),
        ]
        # PostgreSQL also has trigram indexes for the API's words search (migration 0002_public_search).

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    @property
    def is_validated(self) -> bool:
        return self.status == InstitutionStatus.VALIDATED


class PedagogicalRole(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    HEAD = "head", _("Head of institution")
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    LIBRARIAN = "librarian", _("Librarian")
    COUNSELLOR = "counsellor", _("Counsellor")
    OTHER_PEDAGOGICAL = "other", _("Other pedagogical staff")


class CurrentMemberships(models.Manager["Membership"]):
    """Where members work now: a former workplace (`left_at` set, after a change of institution) is history."""

    def get_queryset(self) -> models.QuerySet[Membership]:
        return super().get_queryset().filter(left_at__isnull=True)


class Membership(models.Model):
    """A member works at an institution in a pedagogical role. When they move to another institution
    (`accounts.moving`), the row stays as history with `left_at`; `objects` (and `user.memberships`) read only
    current workplaces, `all_objects` every row (export, deletion, merges)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=PedagogicalRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    all_objects = models.Manager()
    objects = CurrentMemberships()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        constraints = [models.UniqueConstraint(fields=["user", "institution"], name="one_membership_per_place")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.institution}"
