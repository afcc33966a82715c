"""Reads about projects that depend on who is asking. Views never filter projects by hand.

- Drafts: the founder only; once the co-founder is invited, the co-founder too.
- A project waiting for approval: its founders, and the NSO officers of the founders' countries (central
  support: every country).
- Active, closed and archived projects: their members in full; other validated members see the project's
  presentation (search, project page); visitors see only what the founders chose to show in the gallery.
Everything outside someone's reach answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.fields import ArrayField
from django.db.models import Exists, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from comenius.accounts.access import has_second_factor, is_officer
from comenius.accounts.models import Role, User
from comenius.core.lifecycle import ExportPart
from comenius.core.search import filter_text, is_postgres
from comenius.network.access import blocked_user_ids, contact_ids, is_network_member
from comenius.projects.models import (
    LIVE_MEMBER_STATES,
    VISIBLE_STATES,
    ApprovalState,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectMember,
    ProjectRole,
    ProjectState,
)

# --- membership ---------------------------------------------------------------------------------------


def live_membership(user: User, project: Project) -> ProjectMember | None:
    """The user's row in the project if they are a member or invited, else None."""
    if not user.is_authenticated:
        return None
    return ProjectMember.objects.filter(project=project, user=user, state__in=LIVE_MEMBER_STATES).first()


def is_member(user: User, project: Project) -> bool:
    member = live_membership(user, project)
    return member is not None and member.state == MemberState.ACTIVE


def is_admin(user: User, project: Project) -> bool:
    """Teacher administrators (the founders among them) manage partners, close and reopen."""
    member = live_membership(user, project)
    return member is not None and member.state == MemberState.ACTIVE and member.role == ProjectRole.TEACHER_ADMIN


def is_founder(user: User, project: Project) -> bool:
    return user.pk in (project.founder_id, project.cofounder_id) and is_member(user, project)


# --- what a person may open ---------------------------------------------------------------------------


def _member_of(user: User) -> Q:
    return Q(Exists(ProjectMember.objects.filter(project=OuterRef("pk"), user=user, state__in=LIVE_MEMBER_STATES)))


def projects_visible_to(user: User) -> QuerySet[Project]:
    """Every project whose page the user may open (see the module docstring)."""
    projects = Project.objects.all()
    if not user.is_authenticated or not user.is_active:
        return projects.none()
    if is_officer(user):
        awaiting_or_later = ~Q(state__in=[ProjectState.DRAFT, ProjectState.AWAITING_COFOUNDER])
        if user.role == Role.CENTRAL:
            return projects.filter(awaiting_or_later)
        return projects.filter(awaiting_or_later).filter(
            Q(founder__country_id=user.country_id) | Q(cofounder__country_id=user.country_id)
        )
    if not is_network_member(user):
        return projects.none()
    mine = _member_of(user)
    return projects.filter(mine | Q(state__in=VISIBLE_STATES, hidden_at__isnull=True))


def get_project_for(user: User, pk: int) -> Project:
    return get_object_or_404(
        projects_visible_to(user).select_related(
            "founder__country", "cofounder__country", "founder_institution", "cofounder_institution"
        ),
        pk=pk,
    )


def get_managed_project(user: User, pk: int) -> Project:
    """A project the user administers (teacher administrator), else 404."""
    project = get_project_for(user, pk)
    if not is_admin(user, project):
        raise Http404
    return project


def my_projects(user: User) -> QuerySet[Project]:
    """Every project the member belongs to or is invited to, in every state, most recently changed first."""
    if not is_network_member(user):
        return Project.objects.none()
    rows = ProjectMember.objects.filter(user=user, state__in=LIVE_MEMBER_STATES)
    return (
        Project.objects.filter(pk__in=rows.values("project_id"))
        .select_related("founder__country", "cofounder__country")
        .prefetch_related(
            Prefetch("members", queryset=rows, to_attr="my_rows"),
            Prefetch(
                "approvals",
                queryset=ProjectApproval.objects.filter(
                    state=ApprovalState.PENDING, project__state=ProjectState.AWAITING_APPROVAL
                ).select_related("country"),
                to_attr="pending_approvals",
            ),
        )
        .order_by("-state_since", "-id")
    )


def invitations_for(user: User) -> QuerySet[ProjectMember]:
    """Invitations waiting for the user's answer (co-founder or partner)."""
    if not is_network_member(user):
        return ProjectMember.objects.none()
    return (
        ProjectMember.objects.filter(user=user, state=MemberState.INVITED)
        .select_related("project", "invited_by", "project__founder__country")
        .order_by("-created_at")
    )


def members_of(project: Project) -> QuerySet[ProjectMember]:
    """Members and open invitations, founders first. Call only with a project from `get_project_for`."""
    return (
        ProjectMember.objects.filter(project=project, state__in=LIVE_MEMBER_STATES)
        .select_related("user__country", "institution")
        .order_by("-is_founder", "state", "created_at")
    )


def history_of(project: Project) -> QuerySet[ProjectEvent]:
    return ProjectEvent.objects.filter(project=project).select_related("actor", "subject", "country")


def invitable_contacts(user: User, project: Project) -> QuerySet[User]:
    """The inviter's contacts who are validated and not already in (or invited to) the project."""
    already = ProjectMember.objects.filter(project=project, state__in=LIVE_MEMBER_STATES).values("user_id")
    return (
        User.objects.filter(pk__in=contact_ids(user), role=Role.MEMBER, status="validated", is_active=True)
        .exclude(pk__in=already)
        .exclude(pk__in=blocked_user_ids(user))
        .select_related("country")
        .order_by("first_name", "last_name")
    )


def cofounder_candidates(user: User) -> QuerySet[User]:
    """The founder's validated contacts (DOMAIN.md: the co-founder is one of your contacts)."""
    return (
        User.objects.filter(pk__in=contact_ids(user), role=Role.MEMBER, status="validated", is_active=True)
        .exclude(pk__in=blocked_user_ids(user))
        .select_related("country")
        .order_by("first_name", "last_name")
    )


# --- the status panel ---------------------------------------------------------------------------------


@dataclass
class Step:
    label: str
    state: str  # "done", "current", "waiting", "stopped"
    holder: str = ""
    since: datetime | None = None
    note: str = ""


def status_steps(project: Project) -> list[Step]:
    """Each step of the way to an active project: done or not, who holds it and since when."""
    from comenius.projects.models import EventKind

    events = list(ProjectEvent.objects.filter(project=project).order_by("created_at", "id"))

    def last(*kinds: str) -> ProjectEvent | None:
        found = [event for event in events if event.kind in kinds]
        return found[-1] if found else None

    state = project.state
    founder_name = project.founder.get_full_name()
    steps = [
        Step(
            _("The founder writes the project"),
            "done" if state != ProjectState.DRAFT else "current",
            founder_name,
            project.created_at,
        )
    ]
    returned = last(EventKind.REJECTED, EventKind.COFOUNDER_DECLINED, EventKind.COFOUNDER_WITHDRAWN)
    if state == ProjectState.DRAFT and returned is not None:
        steps[0].since = returned.created_at
        steps[0].note = str(returned.get_kind_display()) + (f": {returned.reason}" if returned.reason else "")
    cofounder_name = project.cofounder.get_full_name() if project.cofounder else str(_("not named yet"))
    invited = last(EventKind.COFOUNDER_INVITED)
    accepted = last(EventKind.COFOUNDER_ACCEPTED)
    if state == ProjectState.AWAITING_COFOUNDER:
        steps.append(
            Step(_("The co-founder accepts"), "current", cofounder_name, invited.created_at if invited else None)
        )
    elif state == ProjectState.DRAFT:
        steps.append(
            Step(
                _("The co-founder accepts"),
                "done" if accepted and project.cofounder_institution_id else "waiting",
                cofounder_name,
            )
        )
    else:
        steps.append(
            Step(_("The co-founder accepts"), "done", cofounder_name, accepted.created_at if accepted else None)
        )
    approvals = (
        list(
            ProjectApproval.objects.filter(project=project, round=project.approval_round)
            .select_related("country", "decided_by")
            .order_by("country_id")
        )
        if project.approval_round
        else []
    )
    if not approvals:
        steps.append(
            Step(_("The national support organisations approve"), "waiting", _("the NSO of each founder's country"))
        )
    for approval in approvals:
        country = approval.country.display_name
        label = _("Approval by the NSO of %(country)s") % {"country": country}
        if approval.state == ApprovalState.APPROVED:
            steps.append(
                Step(
                    label,
                    "done",
                    approval.decided_by.get_full_name() if approval.decided_by else "",
                    approval.decided_at,
                )
            )
        elif approval.state == ApprovalState.REJECTED:
            steps.append(
                Step(
                    label,
                    "stopped",
                    approval.decided_by.get_full_name() if approval.decided_by else "",
                    approval.decided_at,
                    approval.reason,
                )
            )
        elif approval.state == ApprovalState.PENDING and state == ProjectState.AWAITING_APPROVAL:
            steps.append(Step(label, "current", _("NSO of %(country)s") % {"country": country}, approval.created_at))
        else:
            steps.append(Step(label, "waiting", _("NSO of %(country)s") % {"country": country}))
    if state in VISIBLE_STATES:
        steps.append(Step(_("The project is active and its space open"), "done", "", project.activated_at))
    else:
        steps.append(Step(_("The project is active and its space open"), "waiting"))
    if project.closed_at and state != ProjectState.ACTIVE:
        steps.append(Step(_("Closed"), "done", "", project.closed_at))
    if state == ProjectState.ARCHIVED:
        steps.append(Step(_("Archived (read-only)"), "done", "", project.archived_at))
    return steps


def waiting_on(project: Project) -> str:
    """One line for lists: what the project waits for and who holds it. Needs the `pending_approvals`
    prefetched by `my_projects` (no query of its own)."""
    if project.state == ProjectState.DRAFT:
        return _("Waiting for the founder to send it on (%(name)s)") % {"name": project.founder.get_full_name()}
    if project.state == ProjectState.AWAITING_COFOUNDER and project.cofounder is not None:
        return _("Waiting for the co-founder to accept (%(name)s)") % {"name": project.cofounder.get_full_name()}
    if project.state == ProjectState.AWAITING_APPROVAL:
        pending: list[ProjectApproval] = getattr(project, "pending_approvals", [])
        countries = ", ".join(approval.country.display_name for approval in pending)
        return _("Waiting for the approval of the NSO of %(countries)s") % {"countries": countries}
    return ""


# --- NSO approval queue -------------------------------------------------------------------------------


def approvals_for(officer: User) -> QuerySet[ProjectApproval]:
    """The approvals an officer may see: their own country's (NSO) or all (central support)."""
    approvals = ProjectApproval.objects.select_related(
        "project__founder__country",
        "project__cofounder__country",
        "project__founder_institution",
        "project__cofounder_institution",
        "country",
        "decided_by",
    )
    if not is_officer(officer):
        return approvals.none()
    if officer.role == Role.CENTRAL:
        return approvals
    return approvals.filter(country_id=officer.country_id)


def get_approval_for(officer: User, pk: int) -> ProjectApproval:
    return get_object_or_404(approvals_for(officer), pk=pk)


@dataclass
class FounderForReview:
    user: User
    institution_name: str
    institution_status: str
    validated_at: datetime | None


def founders_for_review(project: Project) -> list[FounderForReview]:
    """What the NSO checks before approving: each founder's validation and institution.
    Call only with a project reached through `get_approval_for`."""
    from comenius.accounts.models import RequestStatus, ValidationRequest

    founders = [user for user in (project.founder, project.cofounder) if user is not None]
    decided = {
        request.user_id: request.decided_at
        for request in ValidationRequest.objects.filter(user__in=founders, status=RequestStatus.VALIDATED).order_by(
            "decided_at"
        )
    }
    institutions = {
        project.founder_id: project.founder_institution,
        project.cofounder_id: project.cofounder_institution,
    }
    result = []
    for user in founders:
        institution = institutions.get(user.pk)
        result.append(
            FounderForReview(
                user=user,
                institution_name=str(institution) if institution else "",
                institution_status=institution.get_status_display() if institution else "",
                validated_at=decided.get(user.pk),
            )
        )
    return result


def can_decide_approval(officer: User, approval: ProjectApproval) -> bool:
    """NSO officers of the approval's country, or central support; MFA required."""
    if not is_officer(officer) or not has_second_factor(officer):
        return False
    return officer.role == Role.CENTRAL or officer.country_id == approval.country_id


# --- search and gallery -------------------------------------------------------------------------------


@dataclass
class ProjectFilters:
    query: str = ""
    subject: str = ""
    age: int | None = None
    country: str = ""
    language: str = ""
    state: str = ""
    year: int | None = None


def _tagged(projects: QuerySet[Project], tags: list[str]) -> QuerySet[Project]:
    """Keep projects that carry every tag. PostgreSQL: one containment test on the tag tokens, answered by
    their GIN index (migration 0004), whose statistics per token tell the planner how rare a filter is;
    SQLite: a text match per tag."""
    if not tags:
        return projects
    if not is_postgres():
        for tag in tags:
            projects = projects.filter(tags__contains=f" {tag} ")
        return projects
    tokens = Func(
        Func("tags", function="BTRIM"), Value(" "), function="STRING_TO_ARRAY", output_field=ArrayField(TextField())
    )
    return projects.alias(tag_tokens=tokens).filter(tag_tokens__contains=tags)


def _apply_filters(projects: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    tags = [f"s:{filters.subject}"] if filters.subject else []
    if filters.language:
        tags.append(f"l:{filters.language}")
    if filters.country:
        tags.append(f"c:{filters.country}")
    if filters.year:
        tags.append(f"y:{filters.year}")
    projects = _tagged(projects, tags)
    if filters.age is not None:
        projects = projects.filter(age_min__lte=filters.age, age_max__gte=filters.age)
    return projects


def search_projects(viewer: User, filters: ProjectFilters, language: str) -> QuerySet[Project]:
    """Project search for validated members: active, closed and archived projects."""
    if not is_network_member(viewer):
        return Project.objects.none()
    states = [filters.state] if filters.state in VISIBLE_STATES else list(VISIBLE_STATES)
    projects = _apply_filters(Project.objects.filter(state__in=states, hidden_at__isnull=True), filters)
    projects = projects.select_related("founder__country", "cofounder__country")
    if not filters.query.strip():
        return projects.order_by("-activated_at", "-id")
    projects = filter_text(projects, filters.query, language, name_field="title")
    return projects.order_by("-relevance", "-activated_at", "-id")


def gallery(filters: ProjectFilters, language: str) -> QuerySet[Project]:
    """The public gallery: projects whose founders chose to show them, once approved. Open to visitors."""
    projects = Project.objects.filter(show_in_gallery=True, state__in=VISIBLE_STATES, hidden_at__isnull=True)
    projects = _apply_filters(projects, filters).select_related("founder__country", "cofounder__country")
    if not filters.query.strip():
        return projects.order_by("-activated_at", "-id")
    projects = filter_text(projects, filters.query, language, name_field="title")
    return projects.order_by("-relevance", "-activated_at", "-id")


def get_gallery_project(pk: int) -> Project:
    return get_object_or_404(
        Project.objects.filter(show_in_gallery=True, state__in=VISIBLE_STATES, hidden_at__isnull=True).select_related(
            "founder__country", "cofounder__country"
        ),
        pk=pk,
    )


# --- the member's own data (privacy export) -----------------------------------------------------------


def own_data(user: User) -> ExportPart:
    """The projects the member founded (what the founders wrote) and their place in every project."""
    founded = Project.objects.filter(Q(founder=user) | Q(cofounder=user)).order_by("created_at")
    data: dict[str, object] = {
        "projects_founded": [
            {
                "title": project.title,
                "summary": project.summary,
                "description": project.description,
                "languages": project.languages,
                "age_min": project.age_min,
                "age_max": project.age_max,
                "pupils_count": project.pupils_count,
                "subjects": project.subjects,
                "tools": project.tools,
                "aims": project.aims,
                "work_process": project.work_process,
                "expected_results": project.expected_results,
                "starts_on": project.starts_on,
                "ends_on": project.ends_on,
                "state": project.state,
                "created_at": project.created_at,
            }
            for project in founded
        ],
        "project_memberships": list(
            ProjectMember.objects.filter(user=user)
            .order_by("created_at")
            .values("project__title", "role", "state", "is_founder", "reason", "created_at", "decided_at")
        ),
    }
    return ExportPart(data, {})


@dataclass
class HomeProject:
    pk: int
    title: str
    state: str
    invited: bool
    space_id: int | None


def projects_for_home(user: User, limit: int = 6) -> list[HomeProject]:
    """The member's projects for the home page, invitations and active ones first: one query."""
    if not is_network_member(user):
        return []
    rows = (
        ProjectMember.objects.filter(user=user, state__in=LIVE_MEMBER_STATES)
        .order_by("state", "-project__state_since")
        .values("project_id", "project__title", "project__state", "state", "project__space__id")[: limit * 2]
    )
    order = {ProjectState.ACTIVE: 0, ProjectState.AWAITING_APPROVAL: 1, ProjectState.AWAITING_COFOUNDER: 1}
    found = [
        HomeProject(
            pk=row["project_id"],
            title=row["project__title"],
            state=row["project__state"],
            invited=row["state"] == MemberState.INVITED,
            space_id=row["project__space__id"],
        )
        for row in rows
    ]
    found.sort(key=lambda item: (not item.invited, order.get(item.state, 2)))  # type: ignore[call-overload]
    return found[:limit]
