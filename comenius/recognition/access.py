"""Reads about recognition that depend on who asks. Anything outside someone's reach answers 404.

- A teacher sees their own applications and labels.
- An NSO officer sees the applications of their country (central support: every country); another country's
  officer gets 404.
- An assessor with an open assessment may read the project's space, read-only, until the decision
  (`reads_space`, registered with spaces as a `ReaderProvider`; every look audited by `record_look`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comenius.accounts.access import is_officer
from comenius.accounts.models import MemberStatus, Role, User
from comenius.core.badges import Badge
from comenius.core.lifecycle import ExportPart
from comenius.institutions.models import Membership
from comenius.projects import access as projects_access
from comenius.projects.models import MemberState, Project, ProjectKind, ProjectMember, ProjectState
from comenius.recognition import rules
from comenius.recognition.models import (
    COUNTED_STATES,
    ApplicationState,
    Assessment,
    EQLNomination,
    EQLRound,
    JuryMember,
    JuryScore,
    Label,
    LabelKind,
    NQLApplication,
    PrizeEntry,
    PrizeState,
    SchoolLabelApplication,
)
from comenius.spaces.models import Material, Page, Space

# --- eligibility --------------------------------------------------------------------------------------------


def project_in_window(project: Project, year: int) -> bool:
    """Active now, or closed (and maybe archived since) in school year `year` or the one before."""
    if project.state == ProjectState.ACTIVE:
        return True
    if project.state in (ProjectState.CLOSED, ProjectState.ARCHIVED) and project.closed_at is not None:
        closed_in = rules.school_year_of(timezone.localtime(project.closed_at).date())
        return closed_in >= year - 1
    return False


def counted_applications(user: User, year: int) -> int:
    """Applications the teacher sent in school year `year` (drafts and withdrawn ones do not count)."""
    return NQLApplication.objects.filter(applicant=user, school_year=year, state__in=COUNTED_STATES).count()


def why_not_eligible(user: User, project: Project, year: int | None = None) -> str:
    """Why this teacher may not apply for an NQL for this project now ("" when they may)."""
    year = rules.current_school_year() if year is None else year
    limit = rules.rules_for(year).max_applications
    return _why_not(
        user, project, year, limit, counted_applications(user, year), projects_access.is_member(user, project)
    )


def _why_not(user: User, project: Project, year: int, limit: int, sent: int, member: bool) -> str:
    from django.utils.translation import gettext as _

    if not user.is_validated_member or user.country_id is None:
        return _("Only validated members can apply for a quality label.")
    if project.kind != ProjectKind.EUROPEAN:
        # The kind comes from the founders' countries: partners from abroad added later do not change it.
        return _("Only European projects (founders from two countries) can apply for a quality label.")
    if not project_in_window(project, year):
        return _("A project can apply while it is active or in the school year after it closed.")
    if not member:
        return _("Only teachers of the project can apply.")
    if sent >= limit:
        return _(
            "You have sent %(limit)s applications this school year, the most one teacher may send. "
            "You can apply again from the next school year."
        ) % {"limit": limit}
    return ""


def eligible_projects(user: User) -> list[tuple[Project, str]]:
    """The teacher's projects with the reason each may not apply ("" when it may): three queries however many."""
    year = rules.current_school_year()
    limit = rules.rules_for(year).max_applications
    sent = counted_applications(user, year)
    projects = (
        Project.objects.filter(members__user=user, members__state=MemberState.ACTIVE)
        .exclude(state__in=[ProjectState.DRAFT, ProjectState.AWAITING_COFOUNDER, ProjectState.AWAITING_APPROVAL])
        .order_by("title")
    )
    return [(project, _why_not(user, project, year, limit, sent, True)) for project in projects]


# --- the teacher's own --------------------------------------------------------------------------------------


def my_applications(user: User) -> QuerySet[NQLApplication]:
    return (
        NQLApplication.objects.filter(applicant=user)
        .exclude(state=ApplicationState.WITHDRAWN)
        .select_related("project")
        .order_by("-school_year", "-created_at")
    )


def get_own_application(user: User, pk: int) -> NQLApplication:
    return get_object_or_404(my_applications(user), pk=pk)


def my_labels(user: User) -> QuerySet[Label]:
    return Label.objects.filter(holder=user).select_related("project", "country").order_by("-school_year", "kind")


def get_own_label(user: User, pk: int) -> Label:
    return get_object_or_404(my_labels(user), pk=pk)


def evidence_choices(application: NQLApplication) -> tuple[QuerySet[Page], QuerySet[Material]]:
    """What the applicant may link as evidence: the space's pages (not drafts) and materials, none hidden."""
    space = Space.objects.filter(project_id=application.project_id).first()
    if space is None:
        return Page.objects.none(), Material.objects.none()
    pages = Page.objects.filter(space=space, is_draft=False, hidden_at__isnull=True).order_by("title", "pk")
    materials = Material.objects.filter(space=space, hidden_at__isnull=True).order_by("title", "pk")
    return pages, materials


# --- the NSO ------------------------------------------------------------------------------------------------


def in_scope(officer: User, country_id: str | None) -> bool:
    if not is_officer(officer):
        return False
    return officer.role == Role.CENTRAL or (country_id is not None and officer.country_id == country_id)


def applications_for(officer: User) -> QuerySet[NQLApplication]:
    """Sent applications of the officer's country (central support: all)."""
    if not is_officer(officer):
        return NQLApplication.objects.none()
    rows = NQLApplication.objects.exclude(state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN])
    if officer.role != Role.CENTRAL:
        rows = rows.filter(country_id=officer.country_id)
    return rows.select_related("project", "applicant", "country")


def get_application_for_officer(officer: User, pk: int) -> NQLApplication:
    return get_object_or_404(applications_for(officer), pk=pk)


def assessor_candidates(application: NQLApplication) -> QuerySet[User]:
    """Who may assess: the NSO officers of the application's country and its ambassadors in their term — never
    a teacher of the project itself."""
    from comenius.ambassadors.models import AmbassadorKind, Appointment

    ambassadors = Appointment.objects.current().filter(
        country_id=application.country_id, kind=AmbassadorKind.AMBASSADOR
    )
    in_project = ProjectMember.objects.filter(project_id=application.project_id).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.NSO, country_id=application.country_id)
            | Q(role=Role.MEMBER, status=MemberStatus.VALIDATED, pk__in=ambassadors.values("user_id"))
        )
        .exclude(pk__in=in_project)
        .order_by("role", "first_name", "last_name", "pk")
    )


def my_assessments(user: User) -> QuerySet[Assessment]:
    """A member's (an ambassador's) assessments, open ones first."""
    return (
        Assessment.objects.filter(assessor=user)
        .select_related("application__project", "application__applicant", "application__country")
        .order_by("closed_at", "-assigned_at")
    )


def get_my_assessment(user: User, pk: int) -> Assessment:
    return get_object_or_404(my_assessments(user), pk=pk)


def assessments_of(application: NQLApplication) -> list[Assessment]:
    return list(application.assessments.select_related("assessor").order_by("stage", "is_second", "assigned_at"))


def open_assessment(user: User, application: NQLApplication) -> Assessment | None:
    return (
        Assessment.objects.filter(application=application, assessor=user, closed_at__isnull=True)
        .order_by("-assigned_at")
        .first()
    )


# --- evaluators' reading access (spaces.access.ReaderProvider) -----------------------------------------------


def reads_space(user: User, space: Space) -> bool:
    """An open assessment of an application being assessed for this space's project, or a seat on a jury whose
    round is judging a shortlisted entry of it."""
    if not user.is_authenticated or not user.is_active:
        return False
    assessing = Assessment.objects.filter(
        assessor=user,
        closed_at__isnull=True,
        application__project_id=space.project_id,
        application__state=ApplicationState.SUBMITTED,
    )
    if assessing.exists():
        return True
    return PrizeEntry.objects.filter(
        project_id=space.project_id,
        shortlisted=True,
        round__state=PrizeState.JUDGING,
        round__jury__user=user,
    ).exists()


# --- labels shown ---------------------------------------------------------------------------------------------


def badges_of_project(project_id: int) -> list[Badge]:
    """A project's labels: one badge per kind and school year (however many of its teachers hold it)."""
    rows = (
        Label.objects.filter(project_id=project_id, kind__in=[LabelKind.NQL, LabelKind.EQL])
        .values_list("kind", "school_year")
        .distinct()
        .order_by("-school_year", "kind")
    )
    return [Badge(kind, str(LabelKind(kind).label), rules.year_label(year)) for kind, year in rows]


def badges_of_institution(institution_id: int) -> list[Badge]:
    """An institution's school label while it is valid, and its teachers' quality labels by year."""
    today = timezone.localdate()
    rows = (
        Label.objects.filter(institution_id=institution_id)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-school_year", "kind")
    )
    found: dict[tuple[str, int], Badge] = {}
    for label in rows:
        key = (label.kind, label.school_year)
        found.setdefault(key, Badge(label.kind, label.get_kind_display(), label.year_label, label.valid_until))
    return list(found.values())


def badges_of_members_institution(user_id: int) -> list[Badge]:
    """The school label of the member's institution (shown next to its name on the member's profile)."""
    institution_id = (
        Membership.objects.filter(user_id=user_id)
        .order_by("created_at")
        .values_list("institution_id", flat=True)
        .first()
    )
    if institution_id is None:
        return []
    return [badge for badge in badges_of_institution(institution_id) if badge.kind == LabelKind.SCHOOL]


def badges_on_profile(user_id: int) -> list[Badge]:
    """The labels a teacher chose to show on their profile."""
    return [
        Badge(label.kind, label.get_kind_display(), label.year_label)
        for label in Label.objects.filter(holder_id=user_id, on_profile=True).order_by("-school_year", "kind")
    ]


# --- EQL --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    project: Project
    average: float
    countries: int
    nominated: bool = False


def eql_candidates(round: EQLRound) -> list[Candidate]:
    """Projects with NQLs of the round's school year in at least `eql_min_countries` countries, with the
    average total of their NQL decisions, best first."""
    the_rules = rules.rules_for(round.school_year)
    found = (
        NQLApplication.objects.filter(school_year=round.school_year, state=ApplicationState.AWARDED)
        .values("project_id")
        .annotate(average=Avg("total"), countries=Count("country", distinct=True))
        .filter(countries__gte=the_rules.eql_min_countries)
        .order_by("-average", "project_id")
    )
    rows = list(found)
    projects = Project.objects.in_bulk([row["project_id"] for row in rows])
    nominated = set(EQLNomination.objects.filter(round=round).values_list("project_id", flat=True))
    return [
        Candidate(
            projects[row["project_id"]],
            round_to_tenth(row["average"]),
            row["countries"],
            row["project_id"] in nominated,
        )
        for row in rows
    ]


def round_to_tenth(value: float | None) -> float:
    return round(float(value or 0), 1)


def nso_labelled_projects(round: EQLRound, country_id: str) -> int:
    """How many projects the country's NSO labelled in the round's school year (the base of the 25 %)."""
    return (
        NQLApplication.objects.filter(
            school_year=round.school_year, state=ApplicationState.AWARDED, country_id=country_id
        )
        .values("project_id")
        .distinct()
        .count()
    )


def nomination_cap(round: EQLRound, country_id: str) -> int:
    """Up to `eql_share_percent` of the country's labelled projects (rounded down, at least one if any)."""
    labelled = nso_labelled_projects(round, country_id)
    if labelled == 0:
        return 0
    share = rules.rules_for(round.school_year).eql_share_percent
    return max(1, labelled * share // 100)


def nso_candidates(round: EQLRound, country_id: str) -> list[Candidate]:
    """The candidates an NSO may nominate: projects it labelled, with NQLs in enough countries and an average
    at or above the threshold."""
    threshold = rules.rules_for(round.school_year).eql_threshold
    labelled_here = set(
        NQLApplication.objects.filter(
            school_year=round.school_year, state=ApplicationState.AWARDED, country_id=country_id
        ).values_list("project_id", flat=True)
    )
    mine = set(EQLNomination.objects.filter(round=round, country_id=country_id).values_list("project_id", flat=True))
    return [
        Candidate(c.project, c.average, c.countries, c.project.pk in mine)
        for c in eql_candidates(round)
        if c.project.pk in labelled_here and c.average >= threshold
    ]


def open_eql_round() -> EQLRound | None:
    from comenius.recognition.models import RoundState

    return EQLRound.objects.filter(state=RoundState.OPEN).order_by("-school_year").first()


# --- school label -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolEligibility:
    teachers: int
    teachers_needed: int
    recent_nqls: int

    @property
    def eligible(self) -> bool:
        return self.teachers >= self.teachers_needed and self.recent_nqls > 0


def school_eligibility(institution_id: int, year: int | None = None) -> SchoolEligibility:
    """Computed from data: validated, active members of the institution with `school_min_years` of membership,
    and NQLs of its teachers in the last `school_nql_years` school years."""
    year = rules.current_school_year() if year is None else year
    the_rules = rules.rules_for(year)
    since = timezone.now() - timedelta(days=round(365.25 * the_rules.school_min_years))
    teachers = User.objects.filter(
        memberships__institution_id=institution_id,
        memberships__left_at__isnull=True,  # a member who moved on no longer counts for their old school
        role=Role.MEMBER,
        status=MemberStatus.VALIDATED,
        is_active=True,
        date_joined__lte=since,
    ).count()
    recent = Label.objects.filter(
        kind=LabelKind.NQL,
        institution_id=institution_id,
        school_year__gt=year - the_rules.school_nql_years,
        school_year__lte=year,
    ).count()
    return SchoolEligibility(teachers, the_rules.school_min_teachers, recent)


def institution_of(user: User) -> int | None:
    return Membership.objects.filter(user=user).order_by("created_at").values_list("institution_id", flat=True).first()


def school_applications_for(officer: User) -> QuerySet[SchoolLabelApplication]:
    if not is_officer(officer):
        return SchoolLabelApplication.objects.none()
    rows = SchoolLabelApplication.objects.exclude(state="draft").select_related("institution", "applicant", "call")
    if officer.role != Role.CENTRAL:
        rows = rows.filter(institution__country_id=officer.country_id)
    return rows.order_by("-created_at")


def get_school_application_for_officer(officer: User, pk: int) -> SchoolLabelApplication:
    return get_object_or_404(school_applications_for(officer), pk=pk)


def get_own_school_application(user: User, pk: int) -> SchoolLabelApplication:
    institution_id = institution_of(user)
    if institution_id is None:
        raise Http404
    return get_object_or_404(
        SchoolLabelApplication.objects.select_related("institution", "call"), pk=pk, institution_id=institution_id
    )


# --- prizes --------------------------------------------------------------------------------------------------------


def is_juror(user: User, round_id: int) -> bool:
    return user.is_authenticated and JuryMember.objects.filter(round_id=round_id, user=user).exists()


def prize_eligible_projects(user: User, year: int) -> QuerySet[Project]:
    """The teacher's projects with an NQL application this school year (sent: being assessed or decided)."""
    return (
        Project.objects.filter(
            label_applications__school_year=year,
            label_applications__state__in=COUNTED_STATES,
            members__user=user,
            members__state=MemberState.ACTIVE,
        )
        .distinct()
        .order_by("title")
    )


# --- the member's own data -----------------------------------------------------------------------------------------


def own_data(user: User) -> ExportPart:
    """Applications (with the NSO's scores and reasons), assessments made, labels held, nominations, school label
    applications, prize entries and jury scores of the member."""
    applications = [
        {
            "project": application.project.title,
            "school_year": application.year_label,
            "state": application.state,
            "texts": application.texts,
            "evidence_pages": [page.title for page in application.evidence_pages.all()],
            "evidence_materials": [material.title for material in application.evidence_materials.all()],
            "declared": application.declared,
            "submitted_at": application.submitted_at,
            "decided_at": application.decided_at,
            "scores": application.scores,
            "total": application.total,
            "reasons": application.reasons,
            "appealed_at": application.appealed_at,
            "appeal_criteria": application.appeal_criteria,
            "appeal_text": application.appeal_text,
        }
        for application in NQLApplication.objects.filter(applicant=user)
        .select_related("project")
        .prefetch_related("evidence_pages", "evidence_materials")
        .order_by("created_at")
    ]
    data: dict[str, object] = {
        "label_applications": applications,
        "label_assessments": list(
            Assessment.objects.filter(assessor=user)
            .order_by("assigned_at")
            .values(
                "application__project__title",
                "stage",
                "is_second",
                "scores",
                "notes",
                "assigned_at",
                "scored_at",
                "closed_at",
            )
        ),
        "labels": list(
            Label.objects.filter(holder=user)
            .order_by("awarded_at")
            .values(
                "kind", "school_year", "project__title", "awarded_at", "valid_until", "on_profile", "certificate__code"
            )
        ),
        "eql_nominations": list(
            EQLNomination.objects.filter(nominated_by=user).values("round__school_year", "project__title", "created_at")
        ),
        "school_label_applications": list(
            SchoolLabelApplication.objects.filter(applicant=user).values(
                "institution__name", "state", "self_assessment", "head_email", "created_at", "decided_at", "reason"
            )
        ),
        "prize_entries": list(
            PrizeEntry.objects.filter(entered_by=user).values(
                "round__title", "category__name", "category__age_band", "project__title", "result"
            )
        ),
        "prize_jury_scores": list(
            JuryScore.objects.filter(juror=user).values(
                "entry__round__title", "entry__project__title", "score", "scored_at"
            )
        ),
    }
    files: dict[str, object] = {}
    for application in SchoolLabelApplication.objects.filter(applicant=user).exclude(esafety_policy=""):
        files[f"recognition/esafety-policy-{application.pk}"] = application.esafety_policy
    return ExportPart(data, files)


def officer_or_404(user: User) -> None:
    if not is_officer(user):
        raise Http404
