"""The school label: central support opens a call; the platform computes which institutions are eligible and
invites their members; a member applies for the institution (self-assessment against the five principles, the
eSafety policy, the head's declaration through a signed, expiring link — the machinery of the head's
confirmation in validation); the NSO decides; the label is valid `school_valid_years`."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import MemberStatus, Role, User
from comenius.accounts.services import LinkExpiredError
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.core.uploads import CheckedFile
from comenius.institutions.models import Institution
from comenius.notifications.services import Mail, notify_address, notify_many
from comenius.recognition import access, notifying, rules
from comenius.recognition.models import (
    Label,
    LabelKind,
    SchoolApplicationState,
    SchoolLabelApplication,
    SchoolLabelCall,
)
from comenius.recognition.services import labels

HEAD_DECLARATION_SALT = "comenius.recognition.head-declaration"


def _central(actor: User) -> None:
    if actor.role != Role.CENTRAL or not actor.is_active:
        raise DomainError(_("Only central support can do this."))


def current_call(today: date | None = None) -> SchoolLabelCall | None:
    today = today or timezone.localdate()
    return SchoolLabelCall.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("-opens_on").first()


def eligible_institutions(year: int | None = None) -> list[Institution]:
    """Every validated institution that meets the year's conditions (computed from data, not asked)."""
    year = rules.current_school_year() if year is None else year
    the_rules = rules.rules_for(year)
    with_recent_nql = (
        Label.objects.filter(
            kind=LabelKind.NQL,
            school_year__gt=year - the_rules.school_nql_years,
            school_year__lte=year,
            institution__isnull=False,
        )
        .values_list("institution_id", flat=True)
        .distinct()
    )
    found = []
    for institution in Institution.objects.filter(pk__in=with_recent_nql, status="validated").order_by("name"):
        if access.school_eligibility(institution.pk, year).eligible:
            found.append(institution)
    return found


def open_call(actor: User, opens_on: date, closes_on: date) -> SchoolLabelCall:
    """Central support opens the call window; the members of every eligible institution are invited by e-mail
    (in their language) — the in-app invitation is the school label page, which shows the open call."""
    _central(actor)
    if closes_on < opens_on:
        raise DomainError(_("The call must close after it opens."))
    with transaction.atomic():
        if SchoolLabelCall.objects.filter(opens_on__lte=closes_on, closes_on__gte=opens_on).exists():
            raise DomainError(_("Another call is open in these dates."))
        call = SchoolLabelCall.objects.create(
            school_year=rules.school_year_of(opens_on), opens_on=opens_on, closes_on=closes_on, opened_by=actor
        )
        institutions = eligible_institutions(call.school_year)
        members = User.objects.filter(
            memberships__institution__in=institutions,
            memberships__left_at__isnull=True,
            role=Role.MEMBER,
            status=MemberStatus.VALIDATED,
            is_active=True,
        ).distinct()
        path = reverse("recognition:school")
        invited = list(members.values_list("pk", flat=True))
        call.invited = len(invited)
        call.save(update_fields=["invited"])
        record_audit(actor, "label.school_call_opened", call, reason=f"{len(institutions)} / {call.invited}")
        # In-app and by e-mail (each in the member's language), fanned out by the task worker.
        notify_many(
            invited,
            notifying.SCHOOL_CALL,
            call,
            text=gettext_lazy("Your institution can apply for the school label until %(closes)s"),
            params={"closes": closes_on.isoformat()},
            url=path,
            mail=Mail("recognition/email/school_call", {"call": call, "url": absolute_url(path)}),
        )
    return call


def _lock(application: SchoolLabelApplication) -> SchoolLabelApplication:
    return (
        SchoolLabelApplication.objects.select_for_update().select_related("institution", "call").get(pk=application.pk)
    )


def start(user: User) -> SchoolLabelApplication:
    """A validated member of an eligible institution starts (or finds) its application in the open call."""
    call = current_call()
    if call is None:
        raise DomainError(_("There is no open call for the school label now."))
    institution_id = access.institution_of(user)
    if not user.is_validated_member or institution_id is None:
        raise DomainError(_("Only validated members can apply for their institution."))
    if not access.school_eligibility(institution_id, call.school_year).eligible:
        raise DomainError(_("Your institution does not meet the conditions of the school label yet."))
    with transaction.atomic():
        Institution.objects.select_for_update().only("pk").get(pk=institution_id)
        application, created = SchoolLabelApplication.objects.get_or_create(
            call=call, institution_id=institution_id, defaults={"applicant": user}
        )
        if created:
            record_audit(user, "label.school_started", application, country=application.institution.country)
    return application


def save(
    user: User,
    application: SchoolLabelApplication,
    self_assessment: dict[str, str],
    policy: CheckedFile | None,
    head_email: str,
) -> SchoolLabelApplication:
    """Save the self-assessment, the eSafety policy (checked by content, under the evidence policy) and the
    head's address while the application is a draft."""
    with transaction.atomic():
        application = _lock(application)
        if access.institution_of(user) != application.institution_id:
            raise DomainError(_("Only members of the institution can change its application."))
        if application.state != SchoolApplicationState.DRAFT:
            raise DomainError(_("This application has been sent and can no longer be changed."))
        application.self_assessment = {
            code: (self_assessment.get(code) or "").strip()[:3000] for code in rules.PRINCIPLE_CODES
        }
        application.head_email = head_email.strip().lower()
        fields = ["self_assessment", "head_email"]
        if policy is not None:
            if application.esafety_policy:
                application.esafety_policy.delete(save=False)
            application.esafety_content_type = policy.content_type
            application.esafety_policy.save("policy", policy.as_file(), save=False)
            fields += ["esafety_policy", "esafety_content_type"]
        application.save(update_fields=fields)
    return application


def head_token(application: SchoolLabelApplication) -> str:
    return signing.dumps({"application": application.pk, "head": application.head_email}, salt=HEAD_DECLARATION_SALT)


def ask_head(user: User, application: SchoolLabelApplication) -> SchoolLabelApplication:
    """Send the application on: the head of the institution gets a signed link (valid
    HEAD_CONFIRMATION_MAX_AGE_DAYS) to declare that the self-assessment is true."""
    with transaction.atomic():
        application = _lock(application)
        if access.institution_of(user) != application.institution_id:
            raise DomainError(_("Only members of the institution can send its application."))
        if application.state not in (SchoolApplicationState.DRAFT, SchoolApplicationState.AWAITING_HEAD):
            raise DomainError(_("This application has already been sent."))
        needs = [code for code in rules.PRINCIPLE_CODES if not application.self_assessment.get(code)]
        if needs or not application.esafety_policy or not application.head_email:
            raise DomainError(
                _(
                    "Before you send the application, write every principle, add the eSafety policy and the "
                    "head's e-mail."
                )
            )
        if application.head_email == (user.email or "").lower():
            raise DomainError(_("Give the address of the head of your institution, not your own."))
        application.state = SchoolApplicationState.AWAITING_HEAD
        application.head_asked_at = timezone.now()
        application.save(update_fields=["state", "head_asked_at"])
        record_audit(user, "label.school_head_asked", application, country=application.institution.country)
        context = {
            "application": application,
            "member": user,
            "url": absolute_url(reverse("recognition:school_head", args=[head_token(application)])),
            "days": settings.HEAD_CONFIRMATION_MAX_AGE_DAYS,
        }
        # The head gets the link in the member's language: we know nothing else about them.
        notify_address(
            application.head_email, user.language, notifying.SCHOOL_HEAD, Mail("recognition/email/school_head", context)
        )
    return application


def application_from_head_token(token: str) -> SchoolLabelApplication:
    """Read a head's link. Raises LinkExpiredError, or SchoolLabelApplication.DoesNotExist if tampered."""
    try:
        data = signing.loads(
            token, salt=HEAD_DECLARATION_SALT, max_age=timedelta(days=settings.HEAD_CONFIRMATION_MAX_AGE_DAYS)
        )
    except signing.SignatureExpired as error:
        raise LinkExpiredError(_("This link has expired. Ask your colleague to send a new one.")) from error
    except signing.BadSignature as error:
        raise SchoolLabelApplication.DoesNotExist from error
    if not isinstance(data, dict):
        raise SchoolLabelApplication.DoesNotExist
    pk, head = data.get("application"), data.get("head")
    if not isinstance(pk, int) or not isinstance(head, str):
        raise SchoolLabelApplication.DoesNotExist
    return SchoolLabelApplication.objects.select_related("institution", "call", "applicant").get(pk=pk, head_email=head)


def head_declares(token: str) -> SchoolLabelApplication:
    """The head declares through the link: the application goes to the NSO."""
    application = application_from_head_token(token)
    with transaction.atomic():
        application = _lock(application)
        if application.state != SchoolApplicationState.AWAITING_HEAD:
            raise DomainError(_("This application has already been declared. Thank you."))
        application.state = SchoolApplicationState.SUBMITTED
        application.head_confirmed_at = timezone.now()
        application.save(update_fields=["state", "head_confirmed_at"])
        record_audit(None, "label.school_head_declared", application, country=application.institution.country)
    return application


def decide(officer: User, application: SchoolLabelApplication, *, award: bool, reason: str) -> SchoolLabelApplication:
    """The NSO of the institution's country decides. An award is valid `school_valid_years` from today."""
    with transaction.atomic():
        application = _lock(application)
        if not access.in_scope(officer, application.institution.country_id):
            raise DomainError(_("Only the national team of the institution's country can decide."))
        if application.state != SchoolApplicationState.SUBMITTED:
            raise DomainError(_("Only an application the head has declared can be decided."))
        if not award and not reason.strip():
            raise DomainError(_("Say why the label is not awarded."))
        now = timezone.now()
        application.state = SchoolApplicationState.AWARDED if award else SchoolApplicationState.REFUSED
        application.decided_at = now
        application.decided_by = officer
        application.reason = reason.strip()[:2000]
        fields = ["state", "decided_at", "decided_by", "reason"]
        if award:
            years = rules.rules_for(application.call.school_year).school_valid_years
            today = timezone.localdate()
            try:
                until = today.replace(year=today.year + years)
            except ValueError:  # 29 February
                until = today.replace(year=today.year + years, day=28)
            application.label = labels.award(
                LabelKind.SCHOOL,
                None,
                now,
                officer,
                notify=True,
                certificate_to=application.applicant,
                school_year=application.call.school_year,
                institution=application.institution,
                country=application.institution.country,
                valid_until=until,
            )
            fields.append("label")
        application.save(update_fields=fields)
        record_audit(
            officer,
            "label.school_awarded" if award else "label.school_refused",
            application,
            country=application.institution.country,
            reason=application.reason,
        )
    return application


def valid_school_labels() -> Q:
    return Q(kind=LabelKind.SCHOOL) & (Q(valid_until__gte=timezone.localdate()))
