"""Reporting and moderating. Every decision is checked (`access.can_moderate`), locked against a double
click, written to the audit log, and explained to the author by e-mail in the author's language."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts import services as accounts
from comenius.accounts.models import Role, User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.services import record_audit
from comenius.moderation import access
from comenius.moderation.models import Action, Report, ReportReason, ReportState
from comenius.moderation.registry import kind_of
from comenius.notifications.registry import Delivery, NotificationType, register_type
from comenius.notifications.services import Mail, notify

DECISION = "moderation.decision"


def register_notification_types() -> None:
    """Called from `ModerationConfig.ready`: a moderator's decision about a member's content is about their
    account (required; it also reaches a member whose account the decision suspended)."""
    register_type(
        NotificationType(DECISION, gettext_lazy("Moderation decisions"), default=Delivery.EMAIL, required=True)
    )


# Actions that concern the member rather than one piece of content.
MEMBER_ACTIONS = {Action.SUSPEND, Action.BAN}


def report(reporter: User, kind_key: str, object_id: int, reason: str, comment: str = "") -> Report:
    """A member reports content or a member they can see. A second report of the same target by the same
    person returns the open one; REPORTS_PER_DAY limits floods."""
    kind = kind_of(kind_key)
    target = kind.fetch_for(reporter, object_id)  # Http404 when the reporter cannot see it
    author = kind.author(target)
    if author is not None and author.pk == reporter.pk:
        raise DomainError(_("You cannot report yourself or your own content."))
    if reason not in ReportReason.values:
        raise DomainError(_("Choose a reason."))
    existing = Report.objects.filter(
        reporter=reporter, kind=kind.key, object_id=object_id, state=ReportState.OPEN
    ).first()
    if existing is not None:
        return existing
    if access.reports_made_today(reporter) >= settings.REPORTS_PER_DAY:
        raise DomainError(_("You have sent many reports today. Please try again tomorrow."))
    try:
        with transaction.atomic():
            return Report.objects.create(
                reporter=reporter,
                kind=kind.key,
                object_id=object_id,
                author=author,
                country_id=kind.country_of(target) if kind.country_of else (author.country_id if author else None),
                space=kind.space_of(target) if kind.space_of else None,
                reason=reason,
                comment=comment[:1000],
                snapshot=kind.describe(target)[:10000],
            )
    except IntegrityError:  # the other click of a double click
        return Report.objects.get(reporter=reporter, kind=kind.key, object_id=object_id, state=ReportState.OPEN)


def decide(moderator: User, report: Report, action: str, reason: str = "", suspend_days: int | None = None) -> Report:
    """Dismiss, hide (reversible with restore), delete, warn the author, suspend or ban the author.
    Every open report about the same target is settled with the same decision."""
    if not access.can_moderate(moderator, report):
        raise DomainError(
            _("Only the national support organisation of the author's country or central support can decide this.")
        )
    if action not in access.allowed_actions(moderator):
        raise DomainError(_("Choose an action."))
    reason = reason.strip()
    if action != Action.DISMISS and not reason:
        raise DomainError(_("Please give a reason; the author will read it."))
    kind = kind_of(report.kind)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if action == Action.RESTORE:
            if locked.action != Action.HIDE:
                raise DomainError(_("Only hidden content can be shown again."))
        elif locked.state != ReportState.OPEN:
            raise DomainError(_("This report has already been decided."))
        target = kind.fetch(locked.object_id)
        author = User.objects.filter(pk=locked.author_id).first() if locked.author_id else None
        if action in (Action.HIDE, Action.RESTORE) and (kind.set_hidden is None or target is None):
            raise DomainError(_("This content cannot be hidden."))
        if action == Action.DELETE and (kind.delete is None or target is None):
            raise DomainError(_("This content cannot be deleted."))
        sanction = action in MEMBER_ACTIONS or action == Action.WARN
        if sanction and (author is None or author.role != Role.MEMBER):
            raise DomainError(_("Only members can be warned, suspended or banned."))
        if action == Action.SUSPEND and not (suspend_days and 1 <= suspend_days <= 365):
            raise DomainError(_("Give the length of the suspension in days (1 to 365)."))

        if action == Action.HIDE:
            kind.set_hidden(target, True)  # type: ignore[misc]
        elif action == Action.RESTORE:
            kind.set_hidden(target, False)  # type: ignore[misc]
        elif action == Action.DELETE:
            kind.delete(target)  # type: ignore[misc]
        elif action == Action.SUSPEND:
            accounts.suspend_member(author, timezone.now() + timedelta(days=suspend_days or 0))  # type: ignore[arg-type]
        elif action == Action.BAN:
            accounts.ban_member(author)  # type: ignore[arg-type]

        now = timezone.now()
        settled = Report.objects.filter(kind=locked.kind, object_id=locked.object_id, state=ReportState.OPEN)
        if action == Action.RESTORE:
            settled = Report.objects.filter(pk=locked.pk)
        state = ReportState.DISMISSED if action in (Action.DISMISS, Action.RESTORE) else ReportState.ACTIONED
        settled.update(state=state, decided_by=moderator, decided_at=now, action=action, decision_reason=reason[:1000])
        locked.refresh_from_db()
        record_audit(
            moderator,
            f"moderation.{action}",
            locked,
            country=locked.country,
            reason=reason or str(Action(action).label),
        )
        if author is not None and author.email and action != Action.DISMISS:
            _tell_author(author, locked, action, reason, suspend_days)
    return locked


def _tell_author(author: User, report: Report, action: str, reason: str, suspend_days: int | None) -> None:
    context = {
        "member": author,
        "action": action,
        "kind": report.kind,
        "snapshot": report.snapshot[:500],
        "reason": reason,
        "days": suspend_days,
        "privacy_url": absolute_url(reverse("core:privacy")),
    }
    notify(
        author,
        DECISION,
        text=gettext_lazy("A moderator decided about a report on your content"),
        url=reverse("core:privacy"),
        mail=Mail("moderation/email/decision", context),
    )


def forget_member(user: User, deletion: Deletion) -> None:
    """Account deletion: reports stay (moderation records) without the reporter, and the member's name is
    taken out of the snapshots of reports about them."""
    Report.objects.filter(reporter=user).update(reporter=None)
    names = {name for name in (user.get_full_name(), user.email) if name}
    for report in Report.objects.filter(author=user):
        snapshot = report.snapshot
        for name in names:
            snapshot = snapshot.replace(name, deletion.former_name)
        if snapshot != report.snapshot:
            report.snapshot = snapshot
            report.save(update_fields=["snapshot"])
