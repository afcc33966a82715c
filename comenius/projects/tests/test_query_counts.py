"""List pages make the same number of queries with few and with many rows (DESIGN.md rule 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import active_project, client_for, founded_project, measured_get, project_data
from comenius.projects import services
from comenius.projects.models import Project, ProjectRole
from comenius.projects.tests.helpers import make_contacts

pytestmark = pytest.mark.django_db


def rows_shown(response) -> int:
    page = response.context.get("page")
    if page is not None:
        return len(page.object_list)
    return len(response.context["invitations"]) + sum(len(projects) for _label, projects in response.context["groups"])


def add_projects(cast, numbers: range) -> None:
    """Projects in every state: drafts, invitations both ways, waiting for approval, active with a partner
    invited, closed with a partner. Otto (a contact of Mette) is invited to the active ones."""
    for number in numbers:
        services.create_draft(cast.mette, project_data(f"Draft {number}"), cast.lucia, f"draft-{number}")
        founded_project(cast.mette, cast.lucia, f"Invited {number}")
        founded_project(cast.lucia, cast.mette, f"Invitation {number}")  # waits for Mette's answer
        waiting = founded_project(cast.lucia, cast.mette, f"Waiting {number}")
        services.answer_invitation(cast.mette, waiting, accept=True)
        active = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], f"Active water {number}")
        services.invite_member(cast.mette, active, cast.otto, ProjectRole.TEACHER)
        if number % 2:
            services.answer_invitation(cast.otto, active, accept=True)
            services.close_project(cast.mette, active)


PAGES = [
    ("projects:mine", "mette", None),
    ("projects:mine", "otto", None),
    ("projects:search", "otto", None),
    ("projects:search", "otto", {"subject": "science", "age": 11, "country": "DK", "language": "en"}),
    ("projects:search", "otto", {"q": "water", "state": "active"}),
    ("projects:approvals", "jonas", None),
    ("projects:approvals", "jonas", {"status": "decided"}),
    ("projects:approvals", "carla", None),
    ("projects:gallery", None, None),
]


def test_list_pages_make_a_bounded_number_of_queries(cast):
    """Every page of PAGES, measured on the same data (building it is most of the cost): once with every kind
    of row once, then with eight of each. Each page that fails is named."""
    make_contacts(cast.otto, cast.mette)
    clients = {viewer: client_for(getattr(cast, viewer) if viewer else None) for _page, viewer, _params in PAGES}

    def measure() -> list[tuple[int, int]]:
        measured = []
        for page, viewer, params in PAGES:
            queries, response = measured_get(clients[viewer], reverse(page), params)
            measured.append((queries, rows_shown(response)))
        return measured

    add_projects(cast, range(1))  # every kind of row exists once
    before = measure()
    add_projects(cast, range(1, 8))
    after = measure()
    failures = []
    for (page, viewer, params), (queries_before, shown_before), (queries_after, shown_after) in zip(
        PAGES, before, after, strict=True
    ):
        name = f"{page} as {viewer or 'a visitor'} {params or ''}"
        if shown_after <= shown_before:
            failures.append(f"{name}: the rows added do not show")
        if queries_after != queries_before:
            failures.append(
                f"{name}: {queries_before} queries for {shown_before} rows, {queries_after} for {shown_after}"
            )
        if queries_after > 14:
            failures.append(f"{name}: {queries_after} queries")
    assert not failures, "\n".join(failures)
    assert Project.objects.count() > 30
