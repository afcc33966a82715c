"""generate_scale_data on a small scale: it runs on PostgreSQL and refuses SQLite with a clear message."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F

from comenius.accounts.access import has_second_factor
from comenius.accounts.models import User
from comenius.network.access import PeopleFilters, search_people
from comenius.network.models import Profile, ProfileSubject, ProjectIdea
from comenius.projects.access import ProjectFilters, approvals_for, gallery, my_projects, search_projects
from comenius.projects.models import (
    VISIBLE_STATES,
    EventKind,
    MemberState,
    Project,
    ProjectApproval,
    ProjectEvent,
    ProjectMember,
    ProjectState,
)
from comenius.spaces.models import Space


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generate_scale_data_small(cast):
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            call_command("generate_scale_data", members=50)
        return
    call_command("generate_scale_data", members=400, institutions=40, ideas=20, conversations=30, projects=300, seed=1)
    scale = Profile.objects.filter(user__email__endswith="@scale.example")
    assert scale.count() == 400
    assert ProfileSubject.objects.filter(profile__in=scale).count() >= 400
    assert ProjectIdea.objects.filter(fingerprint__startswith="scale").count() == 20
    assert not scale.filter(search_vector__isnull=True).exists()
    # The generated members are found like any other member.
    name = scale.filter(listed=True).first().display_name  # type: ignore[union-attr]
    found = search_people(cast.otto, PeopleFilters(query=name.split()[-1]))
    assert found.filter(display_name=name).exists()

    # Projects: every state, two founders from two institutions, what each state implies.
    projects = Project.objects.filter(creation_key__startswith="scale-")
    assert projects.count() == 300
    assert set(projects.values_list("state", flat=True)) == set(ProjectState.values)
    assert projects.filter(state__in=VISIBLE_STATES).count() > 240  # mostly approved projects
    assert not projects.filter(search_vector__isnull=True).exists()
    assert not projects.filter(cofounder__isnull=False, cofounder_institution=F("founder_institution")).exists()
    for project in projects.exclude(cofounder=None).select_related("founder", "cofounder"):
        assert project.cofounder is not None
        european = project.founder.country_id != project.cofounder.country_id
        assert project.kind == ("european" if european else "national")
        assert f" c:{project.founder.country_id} " in project.tags
    ever_active = projects.filter(activated_at__isnull=False)
    assert set(ever_active.values_list("state", flat=True)) <= set(VISIBLE_STATES)
    assert Space.objects.filter(project__in=ever_active).count() == ever_active.count()
    founders = ProjectMember.objects.filter(project__in=ever_active, is_founder=True, state=MemberState.ACTIVE)
    assert founders.count() == 2 * ever_active.count()
    assert ProjectMember.objects.filter(project__in=projects, is_founder=False).exists()  # partners
    invited = ProjectMember.objects.filter(project__state=ProjectState.AWAITING_COFOUNDER, is_founder=True)
    assert invited.filter(state=MemberState.INVITED).count() == projects.filter(state="awaiting_cofounder").count()
    current = ProjectApproval.objects.filter(project__in=ever_active, round=F("project__approval_round"))
    assert current.exists() and not current.exclude(state="approved").exists()
    waiting = projects.filter(state=ProjectState.AWAITING_APPROVAL)
    assert ProjectApproval.objects.filter(project__in=waiting, state="pending").values(
        "project"
    ).distinct().count() == (waiting.count())
    events = ProjectEvent.objects.filter(project__in=projects)
    assert events.filter(kind=EventKind.CREATED).count() == 300
    assert events.filter(kind=EventKind.ACTIVATED).count() == ever_active.count()

    # They are found, shown and queued like any project.
    busy = User.objects.filter(email__endswith="@scale.example").order_by("pk").first()
    assert busy is not None and my_projects(busy).count() >= 5
    title_word = ever_active.first().title.split()[0]  # type: ignore[union-attr]
    assert search_projects(busy, ProjectFilters(query=title_word), "en").exists()
    subject = ever_active.first().subjects[0]  # type: ignore[union-attr]
    assert search_projects(busy, ProjectFilters(subject=subject), "en").exists()
    assert gallery(ProjectFilters(), "en").filter(creation_key__startswith="scale-").exists()
    queue = (
        ProjectApproval.objects.filter(state="pending", project__in=waiting)
        .values("country_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert queue is not None
    officer = User.objects.get(email=f"nso.{queue['country_id'].lower()}@scale.example")
    assert has_second_factor(officer)
    assert approvals_for(officer).filter(state="pending").count() == queue["n"]

    # Again with --if-empty: nothing to do; on members generated before projects existed, only projects.
    call_command("generate_scale_data", if_empty=True)
    assert projects.count() == 300
    projects.delete()
    call_command("generate_scale_data", if_empty=True, projects=40)
    assert projects.count() == 40
    assert scale.count() == 400
