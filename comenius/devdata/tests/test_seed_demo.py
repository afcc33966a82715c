"""seed_demo: the demo has projects in every state, and every demo account finds something to look at."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from comenius.accounts.models import User
from comenius.projects import access
from comenius.projects.models import (
    ApprovalState,
    MemberState,
    Project,
    ProjectApproval,
    ProjectKind,
    ProjectMember,
    ProjectRole,
    ProjectState,
)


def user(email_start: str) -> User:
    return User.objects.get(email__startswith=email_start)


@pytest.mark.django_db
def test_demo_data(migrated_db):
    # One test: seeding takes seconds, so it runs once.
    call_command("seed_demo", stdout=StringIO())
    check_projects_in_every_state()
    check_partners_in_every_role_and_a_pending_invitation()
    check_the_cast_finds_something_everywhere()
    check_the_cast_space_is_in_use()
    check_groups_and_the_course()
    check_recognition()
    check_events()


def check_events() -> None:
    from django.utils import timezone

    from comenius.certificates.models import Certificate
    from comenius.events.models import Event, Registration

    now = timezone.now()
    upcoming, past = Event.objects.filter(starts_at__gt=now), Event.objects.filter(ends_at__lt=now)
    assert upcoming.exclude(country=None).values("country").distinct().count() >= 3  # several countries
    assert past.exists() and upcoming.filter(kind="fair").count() == 3
    full = Event.objects.get(title__startswith="Webinar: AI tools")
    assert Registration.objects.filter(event=full, state__in=["confirmed", "offered"]).count() == full.capacity
    assert Registration.objects.filter(event=full, state="waiting").exists()
    assert Registration.objects.filter(event=full, state="offered").exists()
    assert Event.objects.filter(mode="application", registrations__state="applied").exists()
    assert Certificate.objects.filter(member=user("mette@"), kind="events.attendance").exists()


def check_recognition() -> None:
    from comenius.recognition import access as recognition
    from comenius.recognition.models import EQLRound, Label, PrizeRound, SchoolLabelCall

    assert Label.objects.filter(kind="nql").values("country").distinct().count() >= 3
    waiting = recognition.applications_for(user("jonas@")).filter(state="submitted")
    assert waiting.filter(applicant=user("mette@")).exists()
    round = EQLRound.objects.get(state="open")
    assert recognition.eql_candidates(round)
    assert SchoolLabelCall.objects.exists()
    assert any(
        recognition.school_eligibility(i).eligible for i in Label.objects.values_list("institution", flat=True) if i
    )
    prize = PrizeRound.objects.get(state="judging")
    assert prize.entries.filter(shortlisted=True).count() >= 2 and prize.jury.exists()


def check_groups_and_the_course() -> None:
    from comenius.courses.models import Course, Enrolment, TaskSubmission
    from comenius.groups import access as groups_access
    from comenius.groups.models import Group, GroupMember

    theme = groups_access.featured_theme()
    assert theme is not None and theme.group.member_count >= 5
    assert set(Group.objects.values_list("state", flat=True)) == {"proposed", "approved", "declined"}
    assert set(Group.objects.filter(state="approved").values_list("join_policy", flat=True)) == {
        "open", "request", "invitation"
    }  # fmt: skip
    assert GroupMember.objects.filter(state="requested").exists() and GroupMember.objects.filter(state="invited")
    assert set(groups_access.public_directory().values_list("title", flat=True)) == {
        "Udeskole – learning outdoors", "STEAM con materiales cotidianos"
    }  # fmt: skip
    course = Course.objects.get(is_published=True)
    enrolments = Enrolment.objects.filter(course=course)
    assert enrolments.count() >= 4 and enrolments.filter(completed_at__isnull=False).exists()
    assert TaskSubmission.objects.filter(state="submitted").exists()


def check_the_cast_space_is_in_use() -> None:
    from comenius.spaces.models import ChatMessage, Material, Page, Post, SpacePupil, Thread

    space = Project.objects.get(title="Water in our cities").space
    assert SpacePupil.objects.filter(space=space).count() == 8  # Pia and a class from each school
    assert Post.objects.filter(space=space, pinned_at__isnull=False).exists()
    assert Page.objects.filter(space=space, published_at__isnull=False).exists()
    assert Page.objects.filter(space=space, is_draft=True).exists()
    assert Thread.objects.filter(space=space, board="forum").exists()
    assert Thread.objects.filter(space=space, board="bulletin").exists()
    assert ChatMessage.objects.filter(room__space=space, room__is_open=True).exists()
    assert Material.objects.filter(space=space).count() == 2


def check_projects_in_every_state() -> None:
    assert set(Project.objects.values_list("state", flat=True)) == set(ProjectState.values)
    # Reopened once; returned by an NSO and re-sent; one NSO approved while the other still waits.
    assert Project.objects.filter(state=ProjectState.ACTIVE, reopened_at__isnull=False).exists()
    assert Project.objects.filter(state=ProjectState.AWAITING_APPROVAL, approval_round=2).exists()
    assert ProjectApproval.objects.filter(state=ApprovalState.REJECTED).exclude(reason="").count() >= 2
    half_approved = Project.objects.filter(
        state=ProjectState.AWAITING_APPROVAL, approvals__state=ApprovalState.APPROVED
    ).filter(approvals__state=ApprovalState.PENDING)
    assert half_approved.exists()
    assert {ProjectKind.EUROPEAN, ProjectKind.NATIONAL} <= set(Project.objects.values_list("kind", flat=True))
    countries = set(Project.objects.values_list("founder__country", flat=True))
    countries |= set(Project.objects.values_list("cofounder__country", flat=True))
    assert len(countries - {None}) >= 12
    assert access.gallery(access.ProjectFilters(), "en").count() >= 3
    # PostgreSQL enforces these lengths; SQLite would not tell.
    for title, summary in Project.objects.values_list("title", "summary"):
        assert len(title) <= 150 and len(summary) <= 500


def check_partners_in_every_role_and_a_pending_invitation() -> None:
    partners = ProjectMember.objects.filter(is_founder=False)
    active_roles = set(partners.filter(state=MemberState.ACTIVE).values_list("role", flat=True))
    assert {ProjectRole.TEACHER, ProjectRole.EXPERT, ProjectRole.OBSERVER} <= active_roles
    assert partners.filter(state=MemberState.INVITED).exists()


def check_the_cast_finds_something_everywhere() -> None:
    mette = user("mette@")
    mine = list(access.my_projects(mette))
    assert access.invitations_for(mette).exists()
    assert {ProjectState.DRAFT, ProjectState.ACTIVE, ProjectState.CLOSED} <= {
        project.state
        for project in mine
        if project.my_rows[0].state == MemberState.ACTIVE  # type: ignore[attr-defined]
    }
    for officer in (user("jonas@"), user("ana@")):
        waiting = access.approvals_for(officer).filter(
            state=ApprovalState.PENDING, project__state=ProjectState.AWAITING_APPROVAL
        )
        assert waiting.count() >= 2


def test_refuses_a_database_with_data(cast):
    with pytest.raises(CommandError, match="not empty"):
        call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "keeping it" in out.getvalue()
