"""Writes about institutions that the platform's people decide (the admin's actions call these).

A new institution is usually decided together with its first member (`accounts.services._decide`); these
functions decide one on its own. Each runs in one transaction, locks the institution's row and writes the
audit log. Institutions have no address of their own, so nobody is e-mailed.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ForeignObjectRel
from django.utils.translation import gettext as _

from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.institutions import access
from comenius.institutions.models import Institution, InstitutionStatus, Membership

# The acting person is an `accounts.User`; that app sits above this one, so it is not imported (not even
# for typing): `access.can_decide_institution` reads its role by value.
User = Any


def validate_institution(actor: User, institution: Institution, reason: str = "") -> Institution:
    """An NSO officer of the institution's country or central support (MFA) validates a pending or rejected
    institution: members can then choose it at sign-up. Emits the audit entry `institution.validated`."""
    return _decide(actor, institution, InstitutionStatus.VALIDATED, reason.strip())


def reject_institution(actor: User, institution: Institution, reason: str) -> Institution:
    """The same people refuse a pending institution; the reason is required (it goes into the audit log).
    Members already working there keep their status. Emits `institution.rejected`."""
    if not reason.strip():
        raise DomainError(_("Please give a reason for the audit log."))
    return _decide(actor, institution, InstitutionStatus.REJECTED, reason.strip())


def _decide(actor: User, institution: Institution, status: str, reason: str) -> Institution:
    if not access.can_decide_institution(actor, institution):
        raise DomainError(_("Only the national team of the institution's country can decide on it."))
    with transaction.atomic():
        locked = Institution.objects.select_for_update().select_related("country").get(pk=institution.pk)
        if locked.status == status:
            raise DomainError(_("This institution has already been decided."))
        if status == InstitutionStatus.REJECTED and locked.status != InstitutionStatus.PENDING:
            raise DomainError(_("Only an institution waiting for validation can be rejected."))
        locked.status = status
        locked.save(update_fields=["status"])
        action = "institution.validated" if status == InstitutionStatus.VALIDATED else "institution.rejected"
        record_audit(actor, action, locked, country=locked.country, reason=reason)
    return locked


def merge_institutions(actor: User, kept: Institution, duplicate: Institution, reason: str = "") -> Institution:
    """An NSO officer of the institutions' country or central support (MFA) merges a duplicate into the kept
    institution: every row of every app that points at the duplicate (memberships, validation requests, the
    institutions projects were founded with, …, found through the model's reverse relations, so the apps above
    need no hook) then points at the kept one; a member working at both keeps one membership (the kept one's).
    A validated duplicate makes a pending kept one validated. The duplicate is deleted. Locks both rows (in id
    order); emits the audit entry `institution.merged` naming the duplicate."""
    if kept.pk == duplicate.pk:
        raise DomainError(_("Choose two different institutions."))
    if kept.country_id != duplicate.country_id:
        raise DomainError(_("Only institutions of the same country can be merged."))
    if not access.can_decide_institution(actor, kept):
        raise DomainError(_("Only the national team of the institution's country can decide on it."))
    with transaction.atomic():
        rows = {
            i.pk: i
            for i in Institution.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk]).order_by("pk")
        }
        if len(rows) != 2:
            raise DomainError(_("One of these institutions no longer exists."))
        kept, duplicate = rows[kept.pk], rows[duplicate.pk]
        label = f"#{duplicate.pk} {duplicate}"
        # A member at both keeps one row: the current one if only one is current, else the kept record's.
        at_kept = {m.user_id: m for m in Membership.all_objects.filter(institution=kept)}
        for theirs in Membership.all_objects.filter(institution=duplicate, user_id__in=list(at_kept)):
            ours = at_kept[theirs.user_id]
            (ours if ours.left_at is not None and theirs.left_at is None else theirs).delete()
        try:
            with transaction.atomic():
                # Hidden relations too (related_name="+", e.g. the institutions a project was founded with).
                for relation in Institution._meta.get_fields(include_hidden=True):
                    if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
                        continue
                    name = relation.field.name
                    model: Any = relation.related_model
                    model._base_manager.filter(**{name: duplicate}).update(**{name: kept})
        except IntegrityError as error:
            raise DomainError(
                _("These institutions cannot be merged automatically. Please ask central support.")
            ) from error
        if duplicate.status == InstitutionStatus.VALIDATED and kept.status != InstitutionStatus.VALIDATED:
            kept.status = InstitutionStatus.VALIDATED
        for name in ("postcode", "region", "website"):
            if not getattr(kept, name) and getattr(duplicate, name):
                setattr(kept, name, getattr(duplicate, name))
        kept.save(update_fields=["status", "postcode", "region", "website"])
        record_audit(
            actor, "institution.merged", kept, country=kept.country, reason=(f"{label}. {reason}").strip()[:1000]
        )
        duplicate.delete()
    return kept
