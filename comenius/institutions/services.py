"""Writes about institutions that the platform's people decide (the admin's actions call these).

A new institution is usually decided together with its first member (`accounts.services._decide`); these
functions decide one on its own. Each runs in one transaction, locks the institution's row and writes the
audit log. Institutions have no address of their own, so nobody is e-mailed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.institutions import access
from comenius.institutions.models import Institution, InstitutionStatus

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
