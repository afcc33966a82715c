"""Writes about people: registration, validation and its decisions, profiles.

Each function runs in one transaction, records what it decided in the audit log and sends its e-mails
(in the recipient's language) only once the transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts import access, notifying, throttling
from comenius.accounts.models import (
    KnownLoginAddress,
    LoginThrottle,
    MemberStatus,
    MergeCode,
    RequestStatus,
    Role,
    User,
    ValidationMethod,
    ValidationRequest,
)
from comenius.core import lifecycle
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.models import Country
from comenius.core.ratelimit import check_uploads
from comenius.core.services import record_audit
from comenius.core.uploads import CheckedFile
from comenius.institutions.models import Institution, InstitutionStatus, Membership

HEAD_LINK_SALT = "comenius.head-confirmation"


@dataclass(frozen=True)
class NewInstitution:
    name: str
    type: str
    city: str
    postcode: str = ""
    region: str = ""
    website: str = ""


@dataclass(frozen=True)
class Registration:
    first_name: str
    last_name: str
    country: Country
    language: str
    role: str
    institution: Institution | None = None
    new_institution: NewInstitution | None = None


def register_member(user: User, registration: Registration) -> User:
    """Complete a fresh sign-up: the person is a *pending* member working at an institution.

    A new institution is created *pending*; the NSO validates it together with its first member.
    Called by the sign-up adapter inside allauth's save, before e-mail verification.
    """
    if registration.institution is None and registration.new_institution is None:
        raise DomainError(_("Choose your institution or register a new one."))
    with transaction.atomic():
        user.first_name = registration.first_name
        user.last_name = registration.last_name
        user.country = registration.country
        user.language = registration.language
        user.role = Role.MEMBER
        user.status = MemberStatus.PENDING
        user.save()
        institution = registration.institution
        if institution is None:
            assert registration.new_institution is not None
            data = registration.new_institution
            institution = Institution.objects.create(
                name=data.name,
                type=data.type,
                city=data.city,
                postcode=data.postcode,
                region=data.region,
                website=data.website,
                country=registration.country,
                status=InstitutionStatus.PENDING,
            )
        Membership.objects.create(user=user, institution=institution, role=registration.role)
    return user


def open_validation_request(user: User) -> ValidationRequest | None:
    """Called when a member confirms their e-mail: put them in their NSO's queue, or validate at once.

    A confirmed address on one of the country's trusted domains validates the member immediately, but
    only for an institution the NSO already knows: a new institution always goes to NSO review.
    Returns the request, or None when there is nothing to validate (already validated, not a member).
    """
    if user.role != Role.MEMBER or user.status == MemberStatus.VALIDATED:
        return None
    membership = Membership.objects.select_related("institution__country").filter(user=user).first()
    if membership is None or user.country is None:
        return None
    with transaction.atomic():
        existing = ValidationRequest.objects.filter(user=user, status=RequestStatus.OPEN).first()
        if existing:
            return existing
        request = ValidationRequest.objects.create(
            user=user,
            institution=membership.institution,
            country=user.country,
            institution_is_new=not membership.institution.is_validated,
        )
        domain = (user.email or "").rsplit("@", 1)[-1].lower()
        country = Country.objects.get(pk=user.country_id)  # fresh: the NSO may have just changed its domains
        if membership.institution.is_validated and domain in country.trusted_domains():
            _decide(
                request,
                validated=True,
                method=ValidationMethod.TRUSTED_DOMAIN,
                decided_by=None,
                decided_by_label=_("trusted e-mail domain %(domain)s") % {"domain": domain},
                reason="",
            )
    return request


def validate_member(officer: User, request: ValidationRequest, reason: str = "") -> ValidationRequest:
    """An NSO officer (of the member's country) or central support validates a member."""
    return _decide_as_officer(officer, request, validated=True, reason=reason)


def reject_member(officer: User, request: ValidationRequest, reason: str) -> ValidationRequest:
    """An NSO officer refuses a request. The reason is required: the member receives it by e-mail."""
    if not reason.strip():
        raise DomainError(_("Write the reason for the member: they will receive it by e-mail."))
    return _decide_as_officer(officer, request, validated=False, reason=reason.strip())


def validate_many(officer: User, request_ids: list[int]) -> int:
    """Validate several open requests in one go (the queue's bulk action). Returns how many changed."""
    count = 0
    for request in access.validation_requests_for(officer).filter(pk__in=request_ids, status=RequestStatus.OPEN):
        try:
            validate_member(officer, request)
        except DomainError:
            continue
        count += 1
    return count


def _decide_as_officer(officer: User, request: ValidationRequest, *, validated: bool, reason: str) -> ValidationRequest:
    if not access.can_decide_validation(officer, request):
        raise DomainError(_("Only the national team of the member's country can decide on this request."))
    return _decide(
        request,
        validated=validated,
        method=ValidationMethod.NSO_REVIEW,
        decided_by=officer,
        decided_by_label=officer.get_full_name(),
        reason=reason,
    )


def _decide(
    request: ValidationRequest,
    *,
    validated: bool,
    method: str,
    decided_by: User | None,
    decided_by_label: str,
    reason: str,
) -> ValidationRequest:
    with transaction.atomic():
        # Lock the row: two officers (or a double click) cannot both decide the same request.
        locked = ValidationRequest.objects.select_for_update().select_related("user", "institution").get(pk=request.pk)
        if locked.status != RequestStatus.OPEN:
            raise DomainError(_("This request has already been decided."))
        locked.status = RequestStatus.VALIDATED if validated else RequestStatus.REJECTED
        locked.method = method
        locked.decided_by = decided_by
        locked.decided_by_label = decided_by_label[:200]
        locked.decided_at = timezone.now()
        locked.reason = reason
        locked.save(update_fields=["status", "method", "decided_by", "decided_by_label", "decided_at", "reason"])
        member = locked.user
        member.status = MemberStatus.VALIDATED if validated else MemberStatus.REJECTED
        member.save(update_fields=["status"])
        if validated:
            lifecycle.run("validated", member)
        institution = locked.institution
        if institution.status == InstitutionStatus.PENDING:
            # A new institution is validated (or refused) together with its first member.
            institution.status = InstitutionStatus.VALIDATED if validated else InstitutionStatus.REJECTED
            institution.save(update_fields=["status"])
            record_audit(
                decided_by,
                "institution.validated" if validated else "institution.rejected",
                institution,
                country=locked.country,
                reason=reason,
            )
        record_audit(
            decided_by,
            "member.validated" if validated else "member.rejected",
            member,
            country=locked.country,
            reason=reason or decided_by_label,
        )
        template = "accounts/email/validated" if validated else "accounts/email/rejected"
        context = {"member": member, "reason": reason, "status_url": absolute_url(reverse("accounts:status"))}
        notifying.tell(member, template, context)
    return locked


def attach_evidence(user: User, checked: CheckedFile, note: str = "") -> ValidationRequest:
    """A pending member adds proof of employment (checked under `uploads.VALIDATION_EVIDENCE`) to their open
    request."""
    request = _open_request_of(user)
    if not request.country.evidence_upload_enabled:
        raise DomainError(_("Your national team does not take uploaded evidence."))
    check_uploads(user.pk, settings.UPLOADS_PER_HOUR)
    try:
        with transaction.atomic():
            if request.evidence:
                request.evidence.delete(save=False)
            request.evidence_content_type = checked.content_type
            request.evidence.save("evidence", checked.as_file(), save=False)
            request.evidence_note = note
            request.save(update_fields=["evidence", "evidence_content_type", "evidence_note"])
    finally:
        checked.close()  # a temporary copy without the document's details, if there is one
    return request


def ask_head_to_confirm(user: User, head_email: str) -> ValidationRequest:
    """Send the head of the member's institution a signed link to confirm that the member works there."""
    request = _open_request_of(user)
    if not request.country.head_confirmation_enabled:
        raise DomainError(_("Your national team does not use confirmation by the head of institution."))
    if request.institution_is_new:
        raise DomainError(_("A new institution is checked by your national team first."))
    head_email = head_email.strip().lower()
    if head_email == (user.email or "").lower():
        raise DomainError(_("Give the address of the head of your institution, not your own."))
    if request.head_asked_at and timezone.now() - request.head_asked_at < timedelta(hours=1):
        raise DomainError(_("We sent a link less than an hour ago. Please wait before sending another."))
    with transaction.atomic():
        request.head_email = head_email
        request.head_asked_at = timezone.now()
        request.save(update_fields=["head_email", "head_asked_at"])
        token = signing.dumps({"request": request.pk, "head": head_email}, salt=HEAD_LINK_SALT)
        context = {
            "member": user,
            "institution": request.institution,
            "role": user.memberships.get(institution=request.institution).get_role_display(),
            "url": absolute_url(reverse("accounts:head_confirm", args=[token])),
            "days": settings.HEAD_CONFIRMATION_MAX_AGE_DAYS,
        }
        # The head gets the link in the member's language: we know nothing else about them.
        notifying.ask_head(head_email, user.language, context)
    return request


class LinkExpiredError(DomainError):
    pass


def request_from_head_token(token: str) -> ValidationRequest:
    """Read a head-of-institution link. Raises LinkExpiredError, or ValidationRequest.DoesNotExist if tampered."""
    try:
        data = signing.loads(
            token, salt=HEAD_LINK_SALT, max_age=timedelta(days=settings.HEAD_CONFIRMATION_MAX_AGE_DAYS)
        )
    except signing.SignatureExpired as error:
        raise LinkExpiredError(_("This link has expired. Ask the member to send a new one.")) from error
    except signing.BadSignature as error:
        raise ValidationRequest.DoesNotExist from error
    return ValidationRequest.objects.select_related("user", "institution").get(
        pk=data["request"], head_email=data["head"]
    )


def decide_by_head(token: str, confirmed: bool) -> ValidationRequest:
    """The head of institution answers through the signed link: confirming validates the member.

    Declining does not reject: it sends the request on to the NSO with the head's answer noted.
    """
    request = request_from_head_token(token)
    if not request.is_open:
        raise DomainError(_("This request has already been decided. Thank you."))
    if confirmed:
        return _decide(
            request,
            validated=True,
            method=ValidationMethod.HEAD_CONFIRMATION,
            decided_by=None,
            decided_by_label=request.head_email,
            reason="",
        )
    with transaction.atomic():
        request.evidence_note = (
            _("The head of institution (%(email)s) did not confirm this member.") % {"email": request.head_email}
        )[:500]
        request.head_email = ""
        request.save(update_fields=["evidence_note", "head_email"])
        record_audit(None, "member.head_declined", request.user, country=request.country)
    return request


def ask_again(user: User) -> ValidationRequest:
    """A member who was not validated asks their NSO to look again (after updating their profile)."""
    if user.role != Role.MEMBER or user.status != MemberStatus.REJECTED:
        raise DomainError(_("Only a request that was not accepted can be sent again."))
    membership = Membership.objects.select_related("institution").filter(user=user).first()
    if membership is None or user.country is None:
        raise DomainError(_("Choose your institution first."))
    try:
        with transaction.atomic():
            user.status = MemberStatus.PENDING
            user.save(update_fields=["status"])
            return ValidationRequest.objects.create(
                user=user,
                institution=membership.institution,
                country=user.country,
                institution_is_new=not membership.institution.is_validated,
            )
    except IntegrityError as error:
        raise DomainError(_("Your request is already with your national team.")) from error


def update_profile(user: User, *, first_name: str, last_name: str, language: str) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])
    return user


def set_language(user: User, language: str) -> None:
    """Remember the member's language: pages and e-mails use it from now on."""
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def _open_request_of(user: User) -> ValidationRequest:
    request = (
        ValidationRequest.objects.select_related("country", "institution")
        .filter(user=user, status=RequestStatus.OPEN)
        .first()
    )
    if request is None:
        raise DomainError(_("You have no request waiting for validation."))
    return request


def create_officer(
    *, role: str, email: str, first_name: str, last_name: str, country: Country | None, password: str | None
) -> User:
    """Create an NSO officer (scoped to one country) or a central support account.

    Central support also gets the Django admin. Both must set up MFA before they can act.
    """
    if role == Role.NSO and country is None:
        raise DomainError(_("An NSO officer belongs to one country."))
    if role not in {Role.NSO, Role.CENTRAL}:
        raise DomainError(_("Only NSO officers and central support are created this way."))
    central = role == Role.CENTRAL
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            country=country,
            role=role,
            status=MemberStatus.VALIDATED,
            is_staff=central,
            is_superuser=central,
        )
        mark_email_verified(user)
    return user


def mark_email_verified(user: User) -> None:
    """Record an address as confirmed (accounts created by operators, demo data and the test cast)."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})


def enable_totp(user: User, secret: str) -> None:
    """Give an account an authenticator secret and recovery codes (demo data and the test cast)."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    with transaction.atomic():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)


def update_validation_methods(officer: User, form: Any) -> Country:
    """An NSO officer (own country) or central support changes how members are validated; audited."""
    country: Country = form.instance
    if officer.role != Role.CENTRAL and officer.country_id != country.pk:
        raise DomainError(_("Only the national team of this country can change its validation methods."))
    with transaction.atomic():
        form.save()
        record_audit(
            officer,
            "country.validation_methods",
            country,
            country=country,
            reason=", ".join(f"{name}={form.cleaned_data[name]!r}" for name in form.changed_data),
        )
    return country


# --- suspension and bans (called by moderation.services, which checks the moderator and audits) ---------


def suspend_member(user: User, until: Any) -> None:
    """The account stops at once: an inactive user's sessions no longer authenticate (Django's backends
    check is_active on every request), logging in is refused; every app's `suspended` hook runs (the
    profile leaves search, live connections end)."""
    user.is_active = False
    user.suspended_until = until
    user.save(update_fields=["is_active", "suspended_until"])
    lifecycle.run("suspended", user)


def ban_member(user: User) -> None:
    """Like a suspension, without an end."""
    suspend_member(user, None)


def lift_suspension(user: User) -> None:
    user.is_active = True
    user.suspended_until = None
    user.save(update_fields=["is_active", "suspended_until"])
    lifecycle.run("reinstated", user)


def lift_ended_suspensions(now: Any = None) -> int:
    """Reactivate members whose suspension has ended (run `manage.py lift_suspensions` from cron)."""
    ended = User.objects.filter(
        is_active=False, suspended_until__isnull=False, suspended_until__lte=now or timezone.now()
    )
    count = 0
    for user in ended:
        lift_suspension(user)
        count += 1
    return count


# --- account deletion (GDPR right to erasure) ----------------------------------------------------------


def delete_account(user: User, password: str, *, delete_contributions: bool = False) -> None:
    """The member deletes their account. Their name, e-mail, profile, photo, documents, contacts, ideas and
    sign-in data are deleted; what they wrote in shared places (messages, projects) stays as "Former member"
    unless `delete_contributions` (then their messages go too). Every app registered in the member
    lifecycle forgets the member (higher apps first, accounts' own rows last), in one transaction; the
    user row is anonymised and inactive, so sessions end at once and live connections are closed
    (the apps' `suspended` hooks). NSO officers and central support are removed by an administrator instead.
    Emits the audit entry `member.deleted_own_account`."""
    if user.role != Role.MEMBER:
        raise DomainError(_("Officer accounts are removed by an administrator."))
    if not user.check_password(password):
        raise DomainError(_("The password is not correct."))
    deletion = lifecycle.Deletion(str(_("Former member")), delete_contributions)
    with transaction.atomic():
        for hooks in lifecycle.for_deletion():
            hooks.delete(user, deletion)
        user.email = None
        user.username = None
        user.first_name = ""
        user.last_name = ""
        user.picture = ""
        user.is_active = False
        user.deleted_at = timezone.now()
        user.set_unusable_password()
        user.save()
        record_audit(None, "member.deleted_own_account", user, country=user.country, reason="")
        lifecycle.run("suspended", user)


def forget_member(user: User, deletion: lifecycle.Deletion) -> None:
    """The accounts app's part of account deletion (run last by the lifecycle): validation requests and their
    evidence, workplaces, e-mail addresses, second factors; the admin's and the audit log's labels of the
    member become the former name."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from comenius.core.models import AuditEvent

    for request in ValidationRequest.objects.filter(user=user):
        if request.evidence:
            request.evidence.delete(save=False)
    ValidationRequest.objects.filter(user=user).delete()
    Membership.all_objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    LoginThrottle.objects.filter(user=user).delete()  # throttling's rows name the account and its addresses
    KnownLoginAddress.objects.filter(user=user).delete()
    MergeCode.objects.filter(Q(kept=user) | Q(other=user)).delete()
    user_type = ContentType.objects.get_for_model(User)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(object_repr=deletion.former_name)
    AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk)).update(
        target_label=deletion.former_name
    )


# --- central support's and the NSOs' account decisions (the admin's actions call these) ---------------
# The admin shows roles, status and activity read-only; every change is one of these functions, which check
# the acting person again, lock the person's row, write the audit log and tell the person by e-mail.


def _lock_person(person: User) -> User:
    return User.objects.select_for_update(of=("self",)).select_related("country").get(pk=person.pk)


def _tell(person: User, template: str, context: dict[str, Any]) -> None:
    """Tell the person through the notification service (e-mail in their language once the transaction has
    committed: these are required types, so also when the account was just suspended)."""
    notifying.tell(person, template, {"member": person, **context})


def _sanctioned_member(actor: User, member: User) -> User:
    if not access.can_sanction_member(actor, member):
        raise DomainError(_("Only central support or the national team of the member's country can do this."))
    locked = _lock_person(member)
    if locked.role != Role.MEMBER or locked.deleted_at is not None:
        raise DomainError(_("Only members can be suspended, banned or reinstated."))
    return locked


def suspend_account(actor: User, member: User, *, days: int, reason: str) -> User:
    """Central support or an NSO officer of the member's country (MFA) suspends a member for 1 to 365 days
    without a report (the admin's "suspend" action; reports are decided in `moderation.services.decide`).

    Locks the member's row; `suspend_member` makes the account inactive and runs the lifecycle's
    `suspended` hooks (the profile leaves search, live connections close). Emits the audit entry
    `member.suspended` and, after commit, an e-mail with the reason in the member's language."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason; the member will read it."))
    if not 1 <= days <= 365:
        raise DomainError(_("Give the length of the suspension in days (1 to 365)."))
    with transaction.atomic():
        locked = _sanctioned_member(actor, member)
        if not locked.is_active and locked.suspended_until is None:
            raise DomainError(_("This member is already banned."))  # a suspension would shorten the ban
        suspend_member(locked, timezone.now() + timedelta(days=days))
        record_audit(actor, "member.suspended", locked, country=locked.country, reason=reason)
        _tell(locked, "accounts/email/account_status", {"action": "suspend", "days": days, "reason": reason})
    return locked


def ban_account(actor: User, member: User, *, reason: str) -> User:
    """Like `suspend_account`, without an end (`ban_member`). Emits `member.banned` and an e-mail."""
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason; the member will read it."))
    with transaction.atomic():
        locked = _sanctioned_member(actor, member)
        if not locked.is_active and locked.suspended_until is None:
            raise DomainError(_("This member is already banned."))
        ban_member(locked)
        record_audit(actor, "member.banned", locked, country=locked.country, reason=reason)
        _tell(locked, "accounts/email/account_status", {"action": "ban", "reason": reason})
    return locked


def reinstate_account(actor: User, member: User, *, reason: str = "") -> User:
    """Lift a suspension or a ban early (same people as `suspend_account`). `lift_suspension` runs the
    lifecycle's `reinstated` hooks (the profile is listed again). Emits `member.reinstated` and an e-mail."""
    with transaction.atomic():
        locked = _sanctioned_member(actor, member)
        if locked.is_active:
            raise DomainError(_("This member is not suspended."))
        lift_suspension(locked)
        record_audit(actor, "member.reinstated", locked, country=locked.country, reason=reason.strip())
        _tell(locked, "accounts/email/account_status", {"action": "reinstate", "reason": reason.strip()})
    return locked


def change_role(actor: User, person: User, role: str, *, country: Country | None = None, reason: str) -> User:
    """Central support (MFA, `access.can_administer_accounts`) makes a validated member or an officer an NSO
    officer of a country, central support, or takes officer rights away again (role `member`).

    Central support gets the Django admin (staff, superuser), everyone else loses it. An officer who goes back
    to being a member needs a workplace; without one the account is closed (inactive) instead. Leaving the
    member role runs the lifecycle's `suspended` hooks for the member side of the account (the profile leaves
    search, live connections close); coming back runs `reinstated`. Locks the person's row; nobody changes
    their own role. Ends the person's sessions and open live connections everywhere (`end_sessions`). Emits
    `account.role_changed` and, after commit, an e-mail in the person's language."""
    if not access.can_administer_accounts(actor):
        raise DomainError(_("Only central support can change roles."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason for the audit log."))
    if role not in {Role.MEMBER, Role.NSO, Role.CENTRAL}:
        raise DomainError(_("Choose a role."))
    if role == Role.NSO and country is None:
        raise DomainError(_("An NSO officer belongs to one country."))
    if person.pk == actor.pk:
        raise DomainError(_("You cannot change your own role."))
    with transaction.atomic():
        locked = _lock_person(person)
        if locked.deleted_at is not None or locked.role == Role.PUPIL:
            raise DomainError(_("Only members and officers can change roles."))
        if not locked.is_active:
            raise DomainError(_("Reinstate the account first."))
        if locked.role == Role.MEMBER and locked.status != MemberStatus.VALIDATED:
            raise DomainError(_("Validate the member first."))
        same_country = country is not None and locked.country_id == country.pk
        if locked.role == role and (role != Role.NSO or same_country):
            raise DomainError(_("This person already has this role."))
        was_member = locked.role == Role.MEMBER
        closed = False
        locked.role = role
        locked.is_staff = locked.is_superuser = role == Role.CENTRAL
        if role == Role.NSO:
            locked.country = country
        if role == Role.MEMBER and not Membership.objects.filter(user=locked).exists():
            locked.is_active = False  # an officer without a workplace has nothing left as a member
            closed = True
        locked.status = MemberStatus.VALIDATED
        locked.save(update_fields=["role", "is_staff", "is_superuser", "country", "is_active", "status"])
        if was_member:
            lifecycle.run("suspended", locked)
        elif role == Role.MEMBER:
            lifecycle.run("suspended" if closed else "reinstated", locked)
        # Whatever the person had open with the old role ends now, on every device (issue 17).
        end_sessions(locked)
        label = str(Role(role).label) + (f" ({locked.country_id})" if role == Role.NSO else "")
        record_audit(actor, "account.role_changed", locked, country=locked.country, reason=f"{label}: {reason}")
        if not closed:
            _tell(
                locked,
                "accounts/email/role_changed",
                {"role": role, "country": locked.country, "home_url": absolute_url(reverse("site:home"))},
            )
    return locked


def appoint_officer(
    actor: User, *, role: str, email: str, first_name: str, last_name: str, country: Country | None, password: str
) -> User:
    """Central support (MFA) creates the account of a new NSO officer or central support (the admin's "add
    user" form): `create_officer` with the actor checked, and the audit entry `account.officer_appointed`.
    The new officer sets up a second factor before acting; their password is handed over by central support."""
    if not access.can_administer_accounts(actor):
        raise DomainError(_("Only central support can appoint officers."))
    with transaction.atomic():
        officer = create_officer(
            role=role, email=email, first_name=first_name, last_name=last_name, country=country, password=password
        )
        label = str(Role(role).label) + (f" ({country.pk})" if country is not None else "")
        record_audit(actor, "account.officer_appointed", officer, country=country, reason=label)
    return officer


def reset_second_factor(actor: User, person: User, *, reason: str) -> int:
    """Central support (MFA) removes a person's second factors (a lost phone): they set up a new one at their
    next login, and an officer cannot act before. Nobody resets their own. Locks the person's row; emits the
    audit entry `account.second_factor_reset` and, after commit, an e-mail. Returns how many were removed."""
    from allauth.mfa.models import Authenticator

    if not access.can_administer_accounts(actor):
        raise DomainError(_("Only central support can reset a second factor."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Please give a reason for the audit log."))
    if person.pk == actor.pk:
        raise DomainError(_("You cannot reset your own second factor."))
    with transaction.atomic():
        locked = _lock_person(person)
        count, _deleted = Authenticator.objects.filter(user=locked).delete()
        if not count:
            raise DomainError(_("This person has no second factor."))
        record_audit(actor, "account.second_factor_reset", locked, country=locked.country, reason=reason)
        _tell(locked, "accounts/email/second_factor_reset", {"login_url": absolute_url(reverse("account_login"))})
    return count


# --- sessions end everywhere at once (issue 17) ---------------------------------------------------------


def end_live_connections(person: User) -> None:
    """Close the person's open live connections (chat sockets) once the transaction commits: `events.
    sessions_ended`. Their pages may reconnect only with a session that is still valid."""
    from comenius.accounts.events import sessions_ended

    user_id = person.pk
    transaction.on_commit(lambda: sessions_ended.send(sender=User, user_id=user_id))


def end_sessions(person: User) -> None:
    """Log the person out everywhere: every session made before no longer passes Django's session check (the
    `sessions_epoch` in `User.get_session_auth_hash`), and their open live connections close. Called by the
    services that change what a person may do (`change_role`); the caller holds the person's row lock."""
    User.objects.filter(pk=person.pk).update(sessions_epoch=F("sessions_epoch") + 1)
    person.refresh_from_db(fields=["sessions_epoch"])
    end_live_connections(person)


# --- log-in throttles (accounts/throttling.py) ------------------------------------------------------------


def lift_login_throttle(officer: User, throttle_id: int, *, reason: str = "") -> LoginThrottle:
    """An NSO officer (their country's keys) or central support lets a throttled log-in key try again at once:
    its count goes back to zero. Both need a second factor. Locks the row; emits `account.login_lock_lifted`."""
    if not access.is_officer(officer) or not access.has_second_factor(officer):
        raise DomainError(_("Only NSO officers and central support can lift a log-in lock."))
    with transaction.atomic():
        throttle = throttling.waiting_for(officer).select_for_update(of=("self",)).filter(pk=throttle_id).first()
        if throttle is None:
            raise DomainError(_("This lock has been lifted already or has expired."))
        throttle.failures = 0
        throttle.locked_until = None
        throttle.save(update_fields=["failures", "locked_until"])
        record_audit(
            officer,
            "account.login_lock_lifted",
            throttle.user if throttle.user is not None else throttle,
            country=throttle.country,
            reason=f"{throttle.get_scope_display()}: {throttle.label or throttle.key}. {reason.strip()}".strip(),
        )
    return throttle
