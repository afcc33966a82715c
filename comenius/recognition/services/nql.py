"""The National Quality Label: a teacher's application, the NSO's assessment and decision, one appeal.

Every function runs in one transaction, locks the row it changes (`select_for_update`) so a double click or
two officers cannot act twice, checks who acts and from which state (a refusal is a `DomainError` and changes
nothing), writes the audit log and e-mails after commit in the recipient's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import Role, User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.institutions.models import Membership
from comenius.notifications.services import Mail, notify
from comenius.projects.models import Project
from comenius.recognition import access, notifying, rules
from comenius.recognition.models import (
    ApplicationState,
    Assessment,
    Label,
    LabelKind,
    NQLApplication,
    Stage,
)
from comenius.recognition.services import labels

# --- the teacher's application ---------------------------------------------------------------------------------


def start_application(user: User, project: Project) -> NQLApplication:
    """A teacher of an eligible project starts their application (a draft); an existing draft or application of
    this school year is returned instead. Refused with the reason when the project or teacher is not eligible.
    Locks the teacher's row so two clicks make one draft."""
    year = rules.current_school_year()
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        existing = (
            NQLApplication.objects.filter(project=project, applicant=user, school_year=year)
            .exclude(state=ApplicationState.WITHDRAWN)
            .first()
        )
        if existing is not None:
            return existing
        reason = access.why_not_eligible(user, project, year)
        if reason:
            raise DomainError(reason)
        application = NQLApplication.objects.create(
            project=project, applicant=user, country_id=user.country_id or "", school_year=year
        )
        record_audit(user, "label.nql_started", application, country=application.country)
    return application


@dataclass(frozen=True)
class ApplicationData:
    texts: dict[str, str]
    pages: list[int]
    materials: list[int]
    declared: bool


def save_draft(user: User, application: NQLApplication, data: ApplicationData) -> NQLApplication:
    """The applicant saves their draft: a text per criterion, evidence chosen from the project's space (ids not
    in the space are ignored), the declaration."""
    with transaction.atomic():
        application = _lock(application)
        if application.applicant_id != user.pk:
            raise DomainError(_("Only the teacher who applies can change the application."))
        if application.state != ApplicationState.DRAFT:
            raise DomainError(_("This application has been sent and can no longer be changed."))
        pages, materials = access.evidence_choices(application)
        application.texts = {code: data.texts.get(code, "").strip()[:2000] for code in rules.SUM_CODES}
        application.declared = data.declared
        application.save(update_fields=["texts", "declared", "updated_at"])
        application.evidence_pages.set(pages.filter(pk__in=data.pages))
        application.evidence_materials.set(materials.filter(pk__in=data.materials))
    return application


def missing(application: NQLApplication) -> list[str]:
    """What the application still needs before it can be sent (translated)."""
    needs = [
        _("A text for “%(criterion)s”.") % {"criterion": rules.CRITERION_BY_CODE[code].label}
        for code in rules.SUM_CODES
        if not application.texts.get(code, "").strip()
    ]
    if not application.evidence_pages.exists() and not application.evidence_materials.exists():
        needs.append(_("At least one page or material of the project space as evidence."))
    if not application.declared:
        needs.append(_("The declaration."))
    return needs


def submit(user: User, application: NQLApplication) -> NQLApplication:
    """The applicant sends the application to their NSO. Refused when something is missing, when the project
    is no longer eligible or when the teacher already sent the yearly maximum (`max_applications`). Locks the
    teacher's row first so two applications sent at once cannot both pass the limit."""
    with transaction.atomic():
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        application = _lock(application)
        if application.applicant_id != user.pk:
            raise DomainError(_("Only the teacher who applies can send the application."))
        if application.state != ApplicationState.DRAFT:
            raise DomainError(_("This application has already been sent."))
        needs = missing(application)
        if needs:
            raise DomainError(_("Before you send the application, add: %(needs)s") % {"needs": " ".join(needs)})
        reason = access.why_not_eligible(user, application.project, application.school_year)
        if reason:
            raise DomainError(reason)
        application.state = ApplicationState.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["state", "submitted_at", "updated_at"])
        record_audit(user, "label.nql_submitted", application, country=application.country)
    return application


def withdraw(user: User, application: NQLApplication) -> NQLApplication:
    """The applicant withdraws a draft, or a sent application nobody has started to assess."""
    with transaction.atomic():
        application = _lock(application)
        if application.applicant_id != user.pk:
            raise DomainError(_("Only the teacher who applies can withdraw the application."))
        if application.state == ApplicationState.SUBMITTED and application.assessments.exists():
            raise DomainError(_("The assessment has started: the application can no longer be withdrawn."))
        if application.state not in (ApplicationState.DRAFT, ApplicationState.SUBMITTED):
            raise DomainError(_("A decided application cannot be withdrawn."))
        application.state = ApplicationState.WITHDRAWN
        application.save(update_fields=["state", "updated_at"])
        record_audit(user, "label.nql_withdrawn", application, country=application.country)
    return application


# --- the NSO's assessment ---------------------------------------------------------------------------------------


def _lock(application: NQLApplication) -> NQLApplication:
    return (
        NQLApplication.objects.select_for_update()
        .select_related("project", "applicant", "country")
        .get(pk=application.pk)
    )


def _check_officer(officer: User, application: NQLApplication) -> None:
    if not access.in_scope(officer, application.country_id):
        raise DomainError(_("Only the national team of the applicant's country can do this."))


def _stage(application: NQLApplication) -> str:
    return Stage.APPEAL if application.appealed_at is not None else Stage.FIRST


def assign(officer: User, application: NQLApplication, assessor: User, *, second: bool = False) -> Assessment:
    """The NSO assigns an assessor (an officer of the country) — or a second one, whose scores are shown side by
    side. From then on, until the decision, the assessor may read the project's space (read-only). In an appeal
    the assessor must be someone who neither assessed nor decided the application before."""
    with transaction.atomic():
        application = _lock(application)
        _check_officer(officer, application)
        if application.state != ApplicationState.SUBMITTED:
            raise DomainError(_("Only an application being assessed can get an assessor."))
        if not access.assessor_candidates(application).filter(pk=assessor.pk).exists():
            raise DomainError(
                _("Choose an officer of the national team or one of its ambassadors, not a teacher of the project.")
            )
        stage = _stage(application)
        if stage == Stage.APPEAL:
            earlier = set(application.assessments.filter(stage=Stage.FIRST).values_list("assessor_id", flat=True)) | {
                application.decided_by_id
            }
            if assessor.pk in earlier:
                raise DomainError(_("An appeal goes to another assessor than the first assessment."))
        current = application.assessments.filter(stage=stage)
        if current.filter(assessor=assessor).exists():
            raise DomainError(_("This person already assesses the application."))
        if current.filter(is_second=second).exists():
            raise DomainError(
                _("The application already has a second assessor.")
                if second
                else _("The application already has an assessor.")
            )
        if second and not current.filter(is_second=False).exists():
            raise DomainError(_("Assign the first assessor before a second one."))
        assessment = Assessment.objects.create(
            application=application, assessor=assessor, stage=stage, is_second=second, assigned_by=officer
        )
        record_audit(
            officer,
            "label.nql_assessor_assigned",
            application,
            country=application.country,
            reason=f"{assessor.get_full_name()} ({stage}{', second' if second else ''})",
        )
        path = (
            reverse("recognition:assess", args=[assessment.pk])
            if assessor.role == Role.MEMBER
            else reverse("recognition:review", args=[application.pk])
        )
        notify(
            assessor,
            notifying.ASSESSMENT,
            application,
            text=gettext_lazy("Please assess the quality label application for %(project)s"),
            params={"project": application.project.title},
            url=path,
            mail=Mail("recognition/email/assessor_assigned", {"application": application, "url": absolute_url(path)}),
        )
    return assessment


def check_scores(scores: Mapping[str, object]) -> dict[str, int]:
    """Every criterion and sub-criterion scored with a whole number from 0 to 5, else a DomainError."""
    checked: dict[str, int] = {}
    for code in rules.CRITERION_CODES:
        value = scores.get(code)
        try:
            number = int(str(value))
        except (TypeError, ValueError):
            number = -1
        if str(value).strip() != str(number) or not rules.SCORE_MIN <= number <= rules.SCORE_MAX:
            raise DomainError(
                _("Give “%(criterion)s” a score from %(min)s to %(max)s.")
                % {"criterion": rules.CRITERION_BY_CODE[code].label, "min": rules.SCORE_MIN, "max": rules.SCORE_MAX}
            )
        checked[code] = number
    return checked


def record_scores(
    assessor: User, assessment: Assessment, scores: Mapping[str, object], notes: Mapping[str, str]
) -> Assessment:
    """An assessor saves their scores (0–5 each) and notes; they may change them until the decision."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().select_related("application__country").get(pk=assessment.pk)
        if assessment.assessor_id != assessor.pk:
            raise DomainError(_("Only the assigned assessor can score."))
        if assessment.closed_at is not None or assessment.application.state != ApplicationState.SUBMITTED:
            raise DomainError(_("The application has been decided: the scores can no longer change."))
        assessment.scores = check_scores(scores)
        assessment.notes = {code: (notes.get(code) or "").strip()[:1000] for code in rules.CRITERION_CODES}
        assessment.scored_at = timezone.now()
        assessment.save(update_fields=["scores", "notes", "scored_at"])
        record_audit(
            assessor,
            "label.nql_scored",
            assessment.application,
            country=assessment.application.country,
            reason=str(rules.score(assessment.scores, {}).total),
        )
    return assessment


def decide(
    officer: User, application: NQLApplication, *, award: bool, scores: Mapping[str, object], reasons: Mapping[str, str]
) -> NQLApplication:
    """The NSO decides with the scores it adopts: award (every sub-criterion at its minimum or above) or refuse
    with reasons per criterion. The decision closes every open assessment (the assessors' reading access ends),
    awards the label and e-mails the applicant."""
    with transaction.atomic():
        application = _lock(application)
        _check_officer(officer, application)
        if application.state != ApplicationState.SUBMITTED:
            raise DomainError(_("This application has already been decided."))
        checked = check_scores(scores)
        the_rules = rules.rules_for(application.school_year)
        scored = rules.score(checked, the_rules.minimums)
        cleaned_reasons = {code: (reasons.get(code) or "").strip()[:1000] for code in rules.CRITERION_CODES}
        cleaned_reasons = {code: text for code, text in cleaned_reasons.items() if text}
        if award and not scored.meets_minimums:
            names = ", ".join(str(rules.CRITERION_BY_CODE[code].label) for code in scored.below_minimum)
            raise DomainError(
                _("The label cannot be awarded: below the minimum score in %(names)s.") % {"names": names}
            )
        if not award and not cleaned_reasons:
            raise DomainError(_("Give the reasons for the refusal, per criterion."))
        now = timezone.now()
        application.state = ApplicationState.AWARDED if award else ApplicationState.REFUSED
        application.scores = checked
        application.total = scored.total
        application.reasons = cleaned_reasons
        application.decided_at = now
        application.decided_by = officer
        application.save(
            update_fields=["state", "scores", "total", "reasons", "decided_at", "decided_by", "updated_at"]
        )
        application.assessments.filter(closed_at__isnull=True).update(closed_at=now)
        if award:
            award_label(application, now, officer)
        record_audit(
            officer,
            "label.nql_awarded" if award else "label.nql_refused",
            application,
            country=application.country,
            reason=f"{scored.total}/{rules.MAX_SUM}",
        )
        _tell_applicant(application, "recognition/email/nql_decided")
    return application


def award_label(application: NQLApplication, when: datetime, officer: User) -> Label:
    """The applicant's NQL (with their institution of now, for its badge) and certificate. The decision's own
    e-mail tells the applicant, so the certificate's is not sent."""
    institution_id = (
        Membership.objects.filter(user_id=application.applicant_id)
        .order_by("created_at")
        .values_list("institution_id", flat=True)
        .first()
    )
    return labels.award(
        LabelKind.NQL,
        application.applicant,
        when,
        officer,
        notify=False,
        project_id=application.project_id,
        school_year=application.school_year,
        country_id=application.country_id,
        institution_id=institution_id,
        application=application,
    )


def appeal(user: User, application: NQLApplication, criteria: Iterable[str], text: str) -> NQLApplication:
    """A refused applicant appeals once, naming the criteria to review and where the evidence is. The
    application goes back to the NSO, to be assessed again by another assessor."""
    criteria = [code for code in criteria if code in rules.CRITERION_CODES]
    with transaction.atomic():
        application = _lock(application)
        if application.applicant_id != user.pk:
            raise DomainError(_("Only the teacher who applied can appeal."))
        if application.state != ApplicationState.REFUSED:
            raise DomainError(_("Only a refused application can be appealed."))
        if application.appealed_at is not None:
            raise DomainError(_("An application can be appealed once, and this one has been."))
        if not criteria or not text.strip():
            raise DomainError(_("Name the criteria to review and say where the evidence is."))
        application.state = ApplicationState.SUBMITTED
        application.appealed_at = timezone.now()
        application.appeal_criteria = criteria
        application.appeal_text = text.strip()[:3000]
        application.save(update_fields=["state", "appealed_at", "appeal_criteria", "appeal_text", "updated_at"])
        record_audit(user, "label.nql_appealed", application, country=application.country, reason=", ".join(criteria))
    return application


def record_look(user: User, space: object, path: str) -> None:
    """An assessor or juror opened a page of a project space they read as an evaluator: the audit log has it."""
    record_audit(user, "label.space_read", space, country=getattr(user, "country", None), reason=path[:300])  # type: ignore[arg-type]


def set_on_profile(user: User, label: Label, shown: bool) -> Label:
    """The teacher chooses whether a label of theirs shows on their profile."""
    if label.holder_id != user.pk:
        raise DomainError(_("Only the holder of a label chooses where it shows."))
    label.on_profile = shown
    label.save(update_fields=["on_profile"])
    return label


def _tell_applicant(application: NQLApplication, template: str) -> None:
    """In-app and by e-mail, in the applicant's language (notifications)."""
    path = reverse("recognition:application", args=[application.pk])
    awarded = application.state == ApplicationState.AWARDED
    notify(
        application.applicant,
        notifying.DECIDED,
        application,
        text=gettext_lazy("Your project %(project)s has the National Quality Label")
        if awarded
        else gettext_lazy("The decision on your quality label application for %(project)s"),
        params={"project": application.project.title},
        url=path,
        mail=Mail(template, {"application": application, "awarded": awarded, "url": absolute_url(path)}),
    )
