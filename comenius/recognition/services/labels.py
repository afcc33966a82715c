"""Awarding a label: the `Label` row and the holder's certificate (certificates app: a PDF with a QR code to
the verification page). Called inside the awarding service's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from comenius.accounts.models import User
from comenius.certificates import services as certificates
from comenius.recognition.models import Label, LabelKind

KINDS = {LabelKind.NQL: "recognition.nql", LabelKind.EQL: "recognition.eql", LabelKind.SCHOOL: "recognition.school"}


def award(
    kind: str,
    holder: User | None,
    when: datetime,
    issued_by: User | None,
    *,
    notify: bool,
    certificate_to: User | None = None,
    **fields: Any,
) -> Label:
    """Create the label (idempotent per holder, project and year) and issue a certificate to the holder — for a
    school label, which has no holder, to `certificate_to` (the member who applied for the institution)."""
    if holder is not None:
        label, _created = Label.objects.get_or_create(
            kind=kind,
            holder=holder,
            project_id=fields.pop("project_id", None),
            school_year=fields.pop("school_year"),
            defaults={**fields, "awarded_at": when},
        )
    else:
        label = Label.objects.create(kind=kind, awarded_at=when, **fields)
    member = holder or certificate_to
    if member is not None and member.is_validated_member and label.certificate_id is None:
        issue_certificate(label, member, issued_by, notify=notify)
    return label


def issue_certificate(label: Label, member: User, issued_by: User | None, *, notify: bool) -> None:
    with override(member.language):
        subject = label.project.title if label.project else (label.institution.name if label.institution else "")
        title = f"{label.get_kind_display()} {label.year_label} — {subject}"
        issuer = _("Central support") if label.kind == LabelKind.EQL else label.country.nso_name
    issued = certificates.issue(
        member,
        KINDS[LabelKind(label.kind)],
        label,
        title=title,
        hours=None,
        achieved_on=timezone.localdate(),
        issuer=str(issuer),
        issued_by=issued_by,
        notify=notify,
    )
    label.certificate = issued.certificate
    label.save(update_fields=["certificate"])
