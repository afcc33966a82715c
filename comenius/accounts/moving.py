"""Change of institution (issue 12): a member moves to another school and keeps their history.

`change_institution(member, institution=…|new_institution=…, role=…)` — who may call: the member themselves (the
page `/account/institution/` passes the signed-in user). What happens:

- Workplaces: the current ones become history (`Membership.left_at`), the new one is current with the role the
  member gives there (coming back to a former school opens its old row again). The institution picker is the
  sign-up's (`institutions.access.search_for_signup`): validated and pending institutions, or a new one, created
  pending in the country chosen, which its NSO decides with the member's request as at sign-up.
- Projects: nothing changes on existing projects — a project keeps the institutions it was founded with and each
  place the institution it was taken with; a project founded from now on uses the new workplace.
- Validation (DOMAIN.md: the NSO validates the members of its country): a move within the country keeps the
  member validated (a new institution still waits for the NSO, who sees it in its queue and is told); a move to
  another country makes the member pending again, their country the new one, and opens a validation request
  with the new country's NSO (a trusted e-mail domain of the new country validates at once, as at sign-up).
  Until then, as every pending member, they cannot start projects or contact people.
- The lifecycle's `moved` event lets the apps above react (the profile's search columns name the new school;
  an ambassador leaves their appointment when they leave its country).
- Audit `member.institution_changed` (in both countries' logs when the country changes) and an in-app notice to
  the NSO officers of the new country (and of the old one when it changes).

Locks the member's row; one transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import MemberStatus, RequestStatus, Role, User, ValidationRequest
from comenius.core import lifecycle
from comenius.core.errors import DomainError
from comenius.core.models import Country
from comenius.core.services import record_audit
from comenius.institutions.models import Institution, InstitutionStatus, Membership, PedagogicalRole


def change_institution(
    member: User,
    *,
    role: str,
    institution: Institution | None = None,
    new_institution: Any = None,
    country: Country | None = None,
) -> Membership:
    """See the module docstring. `new_institution` (an `accounts.services.NewInstitution`) is created in `country`."""
    from comenius.accounts import services

    if member.role != Role.MEMBER or member.deleted_at is not None or not member.is_active:
        raise DomainError(_("Only members can change their institution."))
    if role not in PedagogicalRole.values:
        raise DomainError(_("Choose your role there."))
    if institution is None and (new_institution is None or country is None):
        raise DomainError(_("Choose your institution or register a new one."))
    if institution is not None and institution.status not in (InstitutionStatus.VALIDATED, InstitutionStatus.PENDING):
        raise DomainError(_("Choose an institution in your country from the list."))
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=member.pk)
        current = list(Membership.objects.select_related("institution").filter(user=locked))
        if institution is not None and any(m.institution_id == institution.pk for m in current):
            raise DomainError(_("You already work at this institution."))
        if institution is None:
            assert country is not None  # checked above
            institution = Institution.objects.create(
                name=new_institution.name,
                type=new_institution.type,
                city=new_institution.city,
                postcode=new_institution.postcode,
                region=new_institution.region,
                website=new_institution.website,
                country=country,
                status=InstitutionStatus.PENDING,
            )
        now = timezone.now()
        Membership.objects.filter(user=locked).update(left_at=now)
        membership = Membership.all_objects.filter(user=locked, institution=institution).first()
        if membership is None:
            membership = Membership.all_objects.create(user=locked, institution=institution, role=role)
        else:
            membership.left_at = None
            membership.role = role
            membership.save(update_fields=["left_at", "role"])
        old_country = locked.country
        new_country = institution.country
        moved_country = old_country is None or old_country.pk != new_country.pk
        before = ", ".join(f"#{m.institution_id} {m.institution}" for m in current) or "—"
        label = f"{before} → #{institution.pk} {institution}"
        if moved_country:
            ValidationRequest.objects.filter(user=locked, status=RequestStatus.OPEN).update(
                status=RequestStatus.REJECTED, decided_at=now, decided_by_label="change of institution"
            )
            locked.country = new_country
            locked.status = MemberStatus.PENDING
            locked.save(update_fields=["country", "status"])
            services.open_validation_request(locked)
            if old_country is not None:
                record_audit(locked, "member.institution_changed", locked, country=old_country, reason=label)
        else:
            ValidationRequest.objects.filter(user=locked, status=RequestStatus.OPEN).update(institution=institution)
        record_audit(locked, "member.institution_changed", locked, country=new_country, reason=label)
        _tell_officers(locked, institution, [new_country, *([old_country] if moved_country and old_country else [])])
        lifecycle.run("moved", locked)
    member.refresh_from_db()
    return membership


def _tell_officers(member: User, institution: Institution, countries: list[Any]) -> None:
    from comenius.accounts.notifying import MEMBER_MOVED
    from comenius.notifications.services import notify

    url = reverse("accounts:queue")
    for officer in User.objects.filter(role=Role.NSO, country__in=countries, is_active=True, deleted_at__isnull=True):
        notify(
            officer,
            MEMBER_MOVED,
            text=gettext_lazy("%(name)s moved to %(institution)s, %(city)s"),
            params={"name": member.get_full_name(), "institution": institution.name, "city": institution.city},
            url=url,
        )
