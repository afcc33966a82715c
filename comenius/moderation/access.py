"""Who may see and decide which reports.

NSO officers handle reports about members of their country and those members' content; central support
handles all. (Project-space content will go to the space's teacher administrators.) Officers need MFA to
act. Reports outside someone's reach answer 404."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comenius.accounts.access import has_second_factor, is_officer
from comenius.accounts.models import Role, User
from comenius.moderation.models import Report, ReportState


def reports_for(moderator: User) -> QuerySet[Report]:
    """Central support: every report. NSO officers: members of their country and their content outside
    project spaces. Teacher administrators: the content of their spaces."""
    from comenius.spaces.access import administered_space_ids

    reports = Report.objects.select_related("reporter", "author__country", "country", "decided_by")
    if is_officer(moderator):
        if moderator.role == Role.CENTRAL:
            return reports
        return reports.filter(country_id=moderator.country_id, space__isnull=True)
    spaces = administered_space_ids(moderator)
    return reports.filter(space_id__in=spaces) if spaces else reports.none()


def get_report_for(moderator: User, pk: int) -> Report:
    return get_object_or_404(reports_for(moderator), pk=pk)


def can_moderate(moderator: User, report: Report) -> bool:
    from comenius.spaces.access import administered_space_ids

    if not is_officer(moderator):
        return report.space_id is not None and report.space_id in administered_space_ids(moderator)
    if not has_second_factor(moderator):
        return False
    if moderator.role == Role.CENTRAL:
        return True
    return report.space_id is None and moderator.country_id is not None and moderator.country_id == report.country_id


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


def own_data(user: User) -> dict[str, object]:
    """Reports the member made (their own words), for the privacy export."""
    return {
        "reports_made": list(Report.objects.filter(reporter=user).values("kind", "reason", "comment", "created_at"))
    }
