"""List pages make the same number of queries with few and with many rows (DESIGN.md rule 7)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comenius.devdata.testing import active_project, founded_project, project_data
from comenius.projects import services
from comenius.projects.models import Project, ProjectRole
from comenius.projects.tests.helpers import make_contacts

pytestmark = pytest.mark.django_db


def count_queries(client, url: str, params: dict[str, object] | None = None) -> tuple[int, int]:
    """(queries, rows shown) of a second request: the first warms what a running server has warm."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    page = response.context.get("page")
    shown = (
        len(page.object_list)
        if page is not None
        else len(response.context["invitations"])
        + sum(len(projects) for _label, projects in response.context["groups"])
    )
    return len(queries), shown


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


@pytest.mark.parametrize(
    ("page", "viewer", "params"),
    [
        ("projects:mine", "mette", None),
        ("projects:mine", "otto", None),
        ("projects:search", "otto", None),
        ("projects:search", "otto", {"subject": "science", "age": 11, "country": "DK", "language": "en"}),
        ("projects:search", "otto", {"q": "water", "state": "active"}),
        ("projects:approvals", "jonas", None),
        ("projects:approvals", "jonas", {"status": "decided"}),
        ("projects:approvals", "carla", None),
        ("projects:gallery", None, None),
    ],
)
def test_list_pages_make_a_bounded_number_of_queries(client, cast, page, viewer, params):
    make_contacts(cast.otto, cast.mette)
    if viewer is not None:
        client.force_login(getattr(cast, viewer))
    url = reverse(page)
    add_projects(cast, range(1))  # every kind of row exists once
    before, shown_before = count_queries(client, url, params)
    add_projects(cast, range(1, 8))
    after, shown_after = count_queries(client, url, params)
    assert shown_after > shown_before, f"{page}: the rows added do not show"
    assert after == before, f"{page} {params}: {before} queries for {shown_before} rows, {after} for {shown_after}"
    assert after <= 14, f"{page} {params}: {after} queries"
    assert Project.objects.count() > 30
