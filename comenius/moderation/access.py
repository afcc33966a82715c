"""Who may see and decide which reports.

NSO officers handle reports about members of their country and those members' content; central support
handles all. (Project-space content will go to the space's teacher administrators.) Officers need MFA to
act. Reports outside someone's reach answer 404."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comenius.accounts.access import has_second_factor, is_officer
from comenius.accounts.models import Role, User
from comenius.core.lifecycle import ExportPart
from comenius.moderation.models import Report, ReportState
from comenius.moderation.registry import KIND_SCOPES, LOCAL_SCOPES, LocalScope, scoped_kinds


def reports_for(moderator: User) -> QuerySet[Report]:
    """Central support: every report. NSO officers: members of their country and their content outside
    project spaces. Local moderators (teacher administrators of a space): what their registered
    `LocalScope` gives them."""
    reports = Report.objects.select_related("reporter", "author__country", "country", "decided_by")
    if is_officer(moderator):
        if moderator.role == Role.CENTRAL:
            return reports
        local_fields = {f"{scope.field}__isnull": True for scope in LOCAL_SCOPES}
        return reports.filter(country_id=moderator.country_id, **local_fields).exclude(kind__in=scoped_kinds())
    local = Q()
    for scope in LOCAL_SCOPES:
        administered = scope.administered(moderator)
        if administered:
            local |= Q(**{f"{scope.field}_id__in": administered})
    for kind_scope in KIND_SCOPES:
        moderated = kind_scope.reports(moderator)
        if moderated:  # an empty Q would match every report
            local |= moderated
    return reports.filter(local) if local else reports.none()


def get_report_for(moderator: User, pk: int) -> Report:
    return get_object_or_404(reports_for(moderator), pk=pk)


def _local_venue(report: Report) -> tuple[LocalScope, int] | None:
    for scope in LOCAL_SCOPES:
        venue_id = getattr(report, f"{scope.field}_id")
        if venue_id is not None:
            return scope, venue_id
    return None


def can_moderate(moderator: User, report: Report) -> bool:
    venue = _local_venue(report)
    if not is_officer(moderator):
        if any(report.kind in scope.kinds and scope.moderates(moderator, report) for scope in KIND_SCOPES):
            return True
        return venue is not None and venue[1] in venue[0].administered(moderator)
    if not has_second_factor(moderator):
        return False
    if moderator.role == Role.CENTRAL:
        return True
    return (
        venue is None
        and report.kind not in scoped_kinds()
        and moderator.country_id is not None
        and moderator.country_id == report.country_id
    )


def allowed_actions(moderator: User) -> set[str]:
    """Teacher administrators handle content in their space; warnings, suspensions and bans are for the NSO
    and central support."""
    from comenius.moderation.models import Action

    if is_officer(moderator):
        return set(Action.values)
    return {Action.DISMISS, Action.HIDE, Action.RESTORE, Action.DELETE}


def reports_made_today(user: User) -> int:
    return Report.objects.filter(reporter=user, created_at__gte=timezone.now() - timedelta(days=1)).count()


def other_reports_about(report: Report) -> QuerySet[Report]:
    """Every report about the same target (context for the moderator). Call with a report from get_report_for."""
    return (
        Report.objects.filter(kind=report.kind, object_id=report.object_id)
        .exclude(pk=report.pk)
        .select_related("reporter")
        .order_by("-created_at")
    )


def open_count(moderator: User) -> int:
    return reports_for(moderator).filter(state=ReportState.OPEN).count()


def own_data(user: User) -> ExportPart:
    """Reports the member made (their own words), for the privacy export."""
    reports = Report.objects.filter(reporter=user).values("kind", "reason", "comment", "created_at")
    return ExportPart({"reports_made": list(reports)}, {})
