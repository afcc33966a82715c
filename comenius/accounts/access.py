"""Reads about people that depend on who is asking. Views never filter these by hand."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from comenius.accounts.models import MemberStatus, Role, User, ValidationRequest
from comenius.core.lifecycle import ExportPart
from comenius.core.models import Country


def has_second_factor(user: User) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return bool(is_mfa_enabled(user))


def is_officer(user: User) -> bool:
    """NSO officers and central support: the people who validate. They must also have MFA to act."""
    return bool(user.is_authenticated and user.is_active and user.role in {Role.NSO, Role.CENTRAL})


def validation_requests_for(officer: User) -> QuerySet[ValidationRequest]:
    """The requests an officer may see: their own country's for an NSO, every country's for central support."""
    requests = ValidationRequest.objects.select_related("user", "institution", "country", "decided_by")
    if not is_officer(officer):
        return requests.none()
    if officer.role == Role.CENTRAL:
        return requests
    return requests.filter(country_id=officer.country_id)


def get_validation_request_for(officer: User, pk: int) -> ValidationRequest:
    """One request, or 404 when it is outside the officer's country (its existence is not revealed)."""
    return get_object_or_404(validation_requests_for(officer), pk=pk)


def can_decide_validation(officer: User, request: ValidationRequest) -> bool:
    if not is_officer(officer) or not has_second_factor(officer):
        return False
    return officer.role == Role.CENTRAL or officer.country_id == request.country_id


def own_validation_requests(user: User) -> QuerySet[ValidationRequest]:
    """A member's own requests and their decisions, newest first (shown on the waiting page)."""
    return ValidationRequest.objects.filter(user=user).select_related("institution", "country").order_by("-created_at")


def country_managed_by(officer: User, code: str) -> Country:
    """The country whose settings an officer may change: their own (NSO) or any (central support); else 404."""
    countries = Country.objects.all()
    if officer.role != Role.CENTRAL:
        countries = countries.filter(pk=officer.country_id)
    return get_object_or_404(countries, pk=code.upper())


def validated_colleagues(request: ValidationRequest) -> int:
    """How many validated members already work at the requester's institution (a hint for the NSO).
    Call only with a request obtained through `get_validation_request_for`."""
    from comenius.institutions.models import Membership

    return (
        Membership.objects.filter(institution_id=request.institution_id, user__status=MemberStatus.VALIDATED)
        .exclude(user_id=request.user_id)
        .count()
    )


def own_data(user: User) -> ExportPart:
    """The member's account, workplaces and validation requests (without the officers' names): (data, files)."""
    from comenius.institutions.models import Membership

    data: dict[str, object] = {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "country": user.country_id,
            "language": user.language,
            "status": user.status,
            "picture": user.picture,
            "date_joined": user.date_joined,
        },
        "institutions": list(
            Membership.all_objects.filter(user=user).values(
                "institution__name", "institution__city", "institution__country_id", "role", "created_at", "left_at"
            )
        ),
        "validation_requests": list(
            ValidationRequest.objects.filter(user=user).values(
                "status", "created_at", "decided_at", "method", "reason", "evidence_note", "head_email"
            )
        ),
    }
    files: dict[str, object] = {}
    for number, request in enumerate(ValidationRequest.objects.filter(user=user).exclude(evidence=""), start=1):
        extension = request.evidence.name.rsplit(".", 1)[-1]
        files[f"evidence-{number}.{extension}"] = request.evidence
    return ExportPart(data, files)


def can_administer_accounts(actor: User) -> bool:
    """Central support with a second factor: appoints officers and changes roles (the admin's role actions)."""
    return is_officer(actor) and actor.role == Role.CENTRAL and has_second_factor(actor)


def can_sanction_member(actor: User, member: User) -> bool:
    """Who may suspend, ban or reinstate a member without a report (the admin's actions): central support,
    or an NSO officer of the member's country; both with a second factor, never on themselves."""
    if not is_officer(actor) or not has_second_factor(actor) or actor.pk == member.pk:
        return False
    return actor.role == Role.CENTRAL or (actor.country_id is not None and actor.country_id == member.country_id)
