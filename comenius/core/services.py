"""Writes with side effects that every app shares."""

from __future__ import annotations

from typing import Any

from django.db import models

from comenius.core import audit
from comenius.core.models import AuditEvent, Country


def record_audit(
    actor: Any,  # the acting accounts.User, or None for the platform itself (core may not import accounts)
    action: str,
    target: models.Model,
    *,
    country: Country | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one entry to the audit log. Call inside the transaction of the decision it records. The action
    code must be registered in the writing app's `audit` module (core/audit.py)."""
    audit.check_registered(action)
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        country=country,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        reason=reason,
    )
