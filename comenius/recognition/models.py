"""Recognition (DOMAIN.md "Recognition"): National and European Quality Labels, the school label and prizes.

Every change goes through `recognition.services` (state checked, rows locked, audit entry); every read that
depends on who asks through `recognition.access`. The numbers of each school year are a `RuleSet` (rules.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country
from comenius.institutions.models import Institution
from comenius.projects.models import Project
from comenius.recognition import rules


class RuleSet(models.Model):
    """The numbers of one school year; a year without a row uses the settings' defaults (rules.defaults)."""

    school_year = models.PositiveSmallIntegerField(_("school year (the year it starts)"), unique=True)
    max_applications = models.PositiveSmallIntegerField(_("NQL applications per teacher and school year"))
    min_pupil_collaboration = models.PositiveSmallIntegerField(_("minimum score: pupils' online collaboration"))
    min_ict_choice = models.PositiveSmallIntegerField(_("minimum score: choice and use of ICT"))
    min_safety = models.PositiveSmallIntegerField(_("minimum score: GDPR, copyright and eSafety"))
    eql_share_percent = models.PositiveSmallIntegerField(_("EQL: share of an NSO's labelled projects (%)"))
    eql_threshold = models.PositiveSmallIntegerField(_("EQL: lowest average NQL score"))
    eql_min_countries = models.PositiveSmallIntegerField(_("EQL: countries with an NQL"))
    school_min_teachers = models.PositiveSmallIntegerField(_("school label: validated teachers"))
    school_min_years = models.PositiveSmallIntegerField(_("school label: years of membership"))
    school_nql_years = models.PositiveSmallIntegerField(_("school label: an NQL within this many school years"))
    school_valid_years = models.PositiveSmallIntegerField(_("school label: years of validity"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recognition rules of a school year")
        verbose_name_plural = _("recognition rules")
        ordering = ["-school_year"]

    def __str__(self) -> str:
        return rules.year_label(self.school_year)

    def as_rules(self) -> rules.Rules:
        return rules.Rules(
            school_year=self.school_year,
            max_applications=self.max_applications,
            minimums={
                "pupil_collaboration": self.min_pupil_collaboration,
                "ict_choice": self.min_ict_choice,
                "safety": self.min_safety,
            },
            eql_share_percent=self.eql_share_percent,
            eql_threshold=self.eql_threshold,
            eql_min_countries=self.eql_min_countries,
            school_min_teachers=self.school_min_teachers,
            school_min_years=self.school_min_years,
            school_nql_years=self.school_nql_years,
            school_valid_years=self.school_valid_years,
        )


# --- National Quality Label ------------------------------------------------------------------------------------


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Being assessed")
    AWARDED = "awarded", _("Label awarded")
    REFUSED = "refused", _("Not awarded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Applications that count towards a teacher's yearly limit.
COUNTED_STATES = (ApplicationState.SUBMITTED, ApplicationState.AWARDED, ApplicationState.REFUSED)


class NQLApplication(models.Model):
    """One teacher's application for the National Quality Label of one project in one school year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="label_applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nql_applications")
    # The applicant's country: its NSO assesses.
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    school_year = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=10, choices=ApplicationState.choices, default=ApplicationState.DRAFT)
    texts = models.JSONField(default=dict, blank=True)  # criterion code -> the applicant's short text
    evidence_pages = models.ManyToManyField("spaces.Page", blank=True, related_name="+")
    evidence_materials = models.ManyToManyField("spaces.Material", blank=True, related_name="+")
    declared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The NSO's decision: the scores it adopted, their sum, its reasons per criterion.
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField(default=dict, blank=True)
    total = models.PositiveSmallIntegerField(null=True, blank=True)
    reasons = models.JSONField(default=dict, blank=True)
    # One appeal after a refusal: the criteria to review and where the evidence is.
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_criteria = models.JSONField(default=list, blank=True)
    appeal_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("National Quality Label application")
        verbose_name_plural = _("National Quality Label applications")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "applicant", "school_year"],
                condition=~Q(state="withdrawn"),
                name="one_nql_application_per_teacher_project_year",
            )
        ]
        indexes = [models.Index(fields=["country", "state", "submitted_at"], name="nql_queue")]

    def __str__(self) -> str:
        return f"{self.project} — {self.applicant} ({rules.year_label(self.school_year)})"

    @property
    def year_label(self) -> str:
        return rules.year_label(self.school_year)

    @property
    def in_appeal(self) -> bool:
        return self.appealed_at is not None and self.state == ApplicationState.SUBMITTED


class Stage(models.TextChoices):
    FIRST = "first", _("Assessment")
    APPEAL = "appeal", _("Appeal")


class Assessment(models.Model):
    """One assessor's work on one application: their scores and notes. While it is open (not closed by the
    decision) the assessor may read the project's space, read-only."""

    application = models.ForeignKey(NQLApplication, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nql_assessments")
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.FIRST)
    is_second = models.BooleanField(default=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scores = models.JSONField(default=dict, blank=True)
    notes = models.JSONField(default=dict, blank=True)  # criterion code -> the assessor's reason
    assigned_at = models.DateTimeField(auto_now_add=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # the decision ends the reading access

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor", "stage"], name="one_assessment_per_assessor_stage"
            )
        ]
        indexes = [models.Index(fields=["assessor", "closed_at"], name="assessment_open")]

    def __str__(self) -> str:
        return f"{self.application} — {self.assessor}"

    @property
    def total(self) -> int | None:
        if not self.scores:
            return None
        return sum(int(self.scores.get(code, 0)) for code in rules.SUM_CODES)


# --- labels awarded ---------------------------------------------------------------------------------------------


class LabelKind(models.TextChoices):
    NQL = "nql", _("National Quality Label")
    EQL = "eql", _("European Quality Label")
    SCHOOL = "school", _("School label")


def new_certificate_code() -> str:
    """Only for migration 0001 (labels carried their own code before the certificates app issued them)."""
    import secrets

    return secrets.token_urlsafe(12)


class Label(models.Model):
    """A label awarded: to a teacher for a project (NQL, EQL) or to an institution (school label)."""

    kind = models.CharField(max_length=10, choices=LabelKind.choices)
    school_year = models.PositiveSmallIntegerField()
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="labels"
    )
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="labels")
    # The holder's institution when the label was awarded (its badge); the school for a school label.
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.SET_NULL, related_name="labels"
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        NQLApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="labels"
    )
    awarded_at = models.DateTimeField()
    valid_until = models.DateField(null=True, blank=True)
    # The teacher chooses whether the badge shows on their profile.
    on_profile = models.BooleanField(_("show on my profile"), default=False)
    # The holder's certificate (certificates app: PDF with a QR code to /verify/<code>/).
    certificate = models.ForeignKey(
        "certificates.Certificate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "holder", "project", "school_year"],
                condition=Q(holder__isnull=False),
                name="one_label_per_holder_project_year",
            )
        ]
        indexes = [models.Index(fields=["kind", "school_year", "country"], name="label_list")]

    def __str__(self) -> str:
        subject = self.project or self.institution
        return f"{self.get_kind_display()} {rules.year_label(self.school_year)} — {subject}"

    @property
    def year_label(self) -> str:
        return rules.year_label(self.school_year)


# --- European Quality Label ---------------------------------------------------------------------------------------


class RoundState(models.TextChoices):
    OPEN = "open", _("Open: NSOs nominate")
    CONFIRMED = "confirmed", _("Confirmed")


class EQLRound(models.Model):
    """Central support's yearly round over the NQLs of one school year."""

    school_year = models.PositiveSmallIntegerField(unique=True)
    state = models.CharField(max_length=10, choices=RoundState.choices, default=RoundState.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("European Quality Label round")
        verbose_name_plural = _("European Quality Label rounds")
        ordering = ["-school_year"]

    def __str__(self) -> str:
        return rules.year_label(self.school_year)

    @property
    def year_label(self) -> str:
        return rules.year_label(self.school_year)


class EQLNomination(models.Model):
    """One NSO's nomination of one project in a round."""

    round = models.ForeignKey(EQLRound, on_delete=models.CASCADE, related_name="nominations")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    average = models.DecimalField(max_digits=4, decimal_places=1)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="eql_nominations"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("EQL nomination")
        verbose_name_plural = _("EQL nominations")
        constraints = [
            models.UniqueConstraint(fields=["round", "project", "country"], name="one_nomination_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.project} ({self.country_id})"


# --- school label ------------------------------------------------------------------------------------------------


class SchoolLabelCall(models.Model):
    """The call window central support opens; eligible institutions' members are invited."""

    school_year = models.PositiveSmallIntegerField()
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    invited = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("school label call")
        verbose_name_plural = _("school label calls")
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return f"{self.opens_on:%Y-%m-%d} – {self.closes_on:%Y-%m-%d}"


class SchoolApplicationState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_HEAD = "awaiting_head", _("Waiting for the head's declaration")
    SUBMITTED = "submitted", _("With the national team")
    AWARDED = "awarded", _("Label awarded")
    REFUSED = "refused", _("Not awarded")


def esafety_upload_to(instance: SchoolLabelApplication, filename: str) -> str:
    import secrets

    return f"private/recognition/{instance.institution_id}/{secrets.token_hex(16)}"


class SchoolLabelApplication(models.Model):
    call = models.ForeignKey(SchoolLabelCall, on_delete=models.CASCADE, related_name="applications")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="label_applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="school_label_applications"
    )
    state = models.CharField(
        max_length=15, choices=SchoolApplicationState.choices, default=SchoolApplicationState.DRAFT
    )
    self_assessment = models.JSONField(default=dict, blank=True)  # principle code -> text
    esafety_policy = models.FileField(upload_to=esafety_upload_to, blank=True)
    esafety_content_type = models.CharField(max_length=50, blank=True)
    head_email = models.EmailField(_("e-mail of the head of your institution"), blank=True)
    head_asked_at = models.DateTimeField(null=True, blank=True)
    head_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    label = models.OneToOneField(Label, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("school label application")
        verbose_name_plural = _("school label applications")
        constraints = [models.UniqueConstraint(fields=["call", "institution"], name="one_school_application_per_call")]

    def __str__(self) -> str:
        return f"{self.institution} ({self.call})"


# --- prizes ------------------------------------------------------------------------------------------------------


class AgeBand(models.TextChoices):
    UP_TO_6 = "up_to_6", _("Up to 6")
    AGE_7_11 = "7_11", _("7–11")
    AGE_12_15 = "12_15", _("12–15")
    AGE_16_19 = "16_19", _("16–19")
    IVET = "ivet", _("Initial vocational education (IVET)")


class PrizeState(models.TextChoices):
    OPEN = "open", _("Open for entries")
    JUDGING = "judging", _("The jury scores the shortlist")
    PUBLISHED = "published", _("Results published")


class PrizeRound(models.Model):
    school_year = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=150)
    state = models.CharField(max_length=10, choices=PrizeState.choices, default=PrizeState.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("prize round")
        verbose_name_plural = _("prize rounds")
        ordering = ["-school_year", "-id"]

    def __str__(self) -> str:
        return self.title


class PrizeCategory(models.Model):
    round = models.ForeignKey(PrizeRound, on_delete=models.CASCADE, related_name="categories")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)  # blank: a special category
    name = models.CharField(_("name of a special category"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("prize category")
        verbose_name_plural = _("prize categories")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name or str(self.get_age_band_display())

    @property
    def label(self) -> str:
        return str(self)


class PrizeResult(models.TextChoices):
    NONE = "", _("No prize")
    WINNER = "winner", _("Winner")
    RUNNER_UP = "runner_up", _("Runner-up")


class PrizeEntry(models.Model):
    """A project in one category of a round (one category per project)."""

    round = models.ForeignKey(PrizeRound, on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(PrizeCategory, on_delete=models.CASCADE, related_name="entries")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="prize_entries"
    )
    shortlisted = models.BooleanField(default=False)
    result = models.CharField(max_length=10, choices=PrizeResult.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prize entry")
        verbose_name_plural = _("prize entries")
        constraints = [models.UniqueConstraint(fields=["round", "project"], name="one_category_per_project")]

    def __str__(self) -> str:
        return f"{self.project} — {self.category}"


class JuryMember(models.Model):
    round = models.ForeignKey(PrizeRound, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prize_juries")

    class Meta:
        verbose_name = _("jury member")
        verbose_name_plural = _("jury members")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_seat_per_jury")]

    def __str__(self) -> str:
        return f"{self.user} — {self.round}"


class JuryScore(models.Model):
    entry = models.ForeignKey(PrizeEntry, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prize_scores")
    score = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        constraints = [models.UniqueConstraint(fields=["entry", "juror"], name="one_score_per_juror")]

    def __str__(self) -> str:
        return f"{self.entry}: {self.score}"
