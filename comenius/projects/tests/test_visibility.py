"""Who sees which project (projects/access.py): drafts only for the founders, the NSO queue only for one's own
country, member search only approved projects, the public gallery only what the founders chose to show."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.devdata.testing import active_project, founded_project, project_data
from comenius.projects import services
from comenius.projects.models import Project, ProjectState
from comenius.projects.tests.helpers import approval, make_contacts, officer, teacher

pytestmark = pytest.mark.django_db


def detail(client, user, project: Project) -> int:
    client.force_login(user)
    return client.get(reverse("projects:detail", args=[project.pk])).status_code


def test_a_draft_is_the_founders_until_the_cofounder_is_invited(client, cast):
    draft = services.create_draft(cast.mette, project_data("Seasons"), cast.lucia, "seasons")
    assert detail(client, cast.mette, draft) == 200
    for outsider in (cast.lucia, cast.otto):  # Lucía is only named so far
        assert detail(client, outsider, draft) == 404
        assert client.get(reverse("projects:edit", args=[draft.pk])).status_code == 404
    services.submit_project(cast.mette, draft)
    assert detail(client, cast.lucia, draft) == 200
    assert detail(client, cast.otto, draft) == 404
    services.answer_invitation(cast.lucia, draft, accept=True)  # now waiting for approval
    assert detail(client, cast.lucia, draft) == 200
    assert detail(client, cast.otto, draft) == 404
    # Officers and central support read projects in their queue, not through member pages.
    for officer_user in (cast.jonas, cast.carla):
        assert detail(client, officer_user, draft) == 404
    # Nor does Otto find it in My projects or the search.
    client.force_login(cast.otto)
    assert not client.get(reverse("projects:mine")).context["has_projects"]
    assert draft not in client.get(reverse("projects:search")).context["page"].object_list


def test_the_nso_queue_shows_the_own_country_only(client, cast):
    france = officer("FR", "Camille")
    amelie = teacher("FR", france, "Amélie")
    hugo = teacher("FR", france, "Hugo", contact_of=amelie)
    french = founded_project(amelie, hugo, "Les saisons")
    services.answer_invitation(hugo, french, accept=True)
    european = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, european, accept=True)

    def queue(user) -> set[tuple[str, str]]:
        client.force_login(user)
        response = client.get(reverse("projects:approvals"))
        assert response.status_code == 200
        return {(row.project.title, row.country_id) for row in response.context["page"].object_list}

    assert queue(cast.jonas) == {("Seasons", "DK")}
    assert queue(cast.ana) == {("Seasons", "ES")}
    assert queue(france) == {("Les saisons", "FR")}
    assert queue(cast.carla) == {("Seasons", "DK"), ("Seasons", "ES"), ("Les saisons", "FR")}
    client.force_login(cast.jonas)
    assert "Les saisons" not in client.get(reverse("projects:approvals")).content.decode()
    # Decided rows too: Jonas sees his country's decisions on the cast's project, not Spain's.
    decided = client.get(reverse("projects:approvals"), {"status": "decided"}).context["page"].object_list
    assert {(row.project_id, row.country_id) for row in decided} == {(cast.project.pk, "DK")}

    # Review pages: 404 outside one's country; central support opens them all.
    def review(user, row) -> int:
        client.force_login(user)
        return client.get(reverse("projects:review", args=[row.pk])).status_code

    assert review(cast.jonas, approval(european, "DK")) == 200
    assert review(cast.ana, approval(european, "DK")) == 404
    assert review(cast.jonas, approval(french, "FR")) == 404
    assert review(france, approval(european, "ES")) == 404
    assert review(cast.carla, approval(french, "FR")) == review(cast.carla, approval(european, "DK")) == 200


def test_project_search_lists_approved_projects_only_and_its_filters_work(client, cast):
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    year = timezone.localdate().year - 1
    active_project(
        cast.mette, karen, [cast.jonas], "Viking ships",
        subjects=["history"], age_min=13, age_max=15, languages=["da"],
        starts_on=date(year, 2, 1), ends_on=date(year, 6, 1), summary="Building a longship in the woodwork room.",
    )  # fmt: skip
    music = active_project(
        cast.lucia, cast.mette, [cast.jonas, cast.ana], "Songs of the sea",
        subjects=["music"], age_min=6, age_max=8, languages=["es"], summary="Sea shanties from both coasts.",
    )  # fmt: skip
    services.close_project(cast.lucia, music)
    # Never listed: a draft, a project waiting for the co-founder and one waiting for approval, all on science.
    services.create_draft(cast.mette, project_data("Draft water"), cast.lucia, "draft")
    founded_project(cast.mette, cast.lucia, "Invited water")
    waiting = founded_project(cast.mette, karen, "Waiting water")
    services.answer_invitation(karen, waiting, accept=True)

    client.force_login(cast.otto)

    def found(**filters: object) -> set[str]:
        response = client.get(reverse("projects:search"), filters)
        assert response.status_code == 200
        return {project.title for project in response.context["page"].object_list}

    everything = {"Water in our cities", "Viking ships", "Songs of the sea"}
    assert found() == everything
    assert found(subject="science") == {"Water in our cities"}
    assert found(subject="history") == {"Viking ships"}
    assert found(age=14) == {"Viking ships"}
    assert found(age=11) == {"Water in our cities"}
    assert found(age=7) == {"Songs of the sea"}
    assert found(country="ES") == {"Water in our cities", "Songs of the sea"}
    assert found(country="DK") == everything
    assert found(country="FR") == set()
    assert found(language="da") == {"Viking ships"}
    assert found(language="en") == {"Water in our cities"}
    assert found(state="closed") == {"Songs of the sea"}
    assert found(state="active") == {"Water in our cities", "Viking ships"}
    assert found(state="draft") == everything  # not a choice: the filter is ignored, drafts stay out
    assert found(year=year) == {"Viking ships"}
    assert found(q="longship") == {"Viking ships"}
    assert found(q="water") == {"Water in our cities"}
    assert found(subject="science", country="DK", age=11, language="en") == {"Water in our cities"}
    assert found(subject="science", age=14) == set()


def test_the_public_gallery_shows_chosen_approved_projects_only(client, cast):
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    hidden = active_project(cast.mette, karen, [cast.jonas], "Private vikings", show_in_gallery=False)
    draft = services.create_draft(cast.mette, project_data("Draft water"), cast.lucia, "draft")  # shown once approved
    invited = founded_project(cast.mette, cast.lucia, "Invited water")
    waiting = founded_project(cast.lucia, cast.mette, "Waiting water")
    services.answer_invitation(cast.mette, waiting, accept=True)
    closed = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Closed songs")
    services.close_project(cast.lucia, closed)
    archived = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Archived songs")
    services.close_project(cast.lucia, archived)
    services.archive_project(cast.lucia, archived)

    response = client.get(reverse("projects:gallery"))  # a visitor
    assert response.status_code == 200
    titles = {project.title for project in response.context["page"].object_list}
    assert titles == {"Water in our cities", "Closed songs", "Archived songs"}
    for project in (cast.project, closed, archived):
        assert client.get(reverse("site:gallery_project", args=[project.pk])).status_code == 200
    for project in (hidden, draft, invited, waiting):
        assert client.get(reverse("site:gallery_project", args=[project.pk])).status_code == 404
    assert {p.title for p in client.get(reverse("projects:gallery"), {"q": "cities"}).context["page"].object_list} == {
        "Water in our cities"
    }
    assert not client.get(reverse("projects:gallery"), {"subject": "history"}).context["page"].object_list

    # No pupil, no e-mail address, no private plan on public pages.
    for page in (
        client.get(reverse("projects:gallery")),
        client.get(reverse("site:gallery_project", args=[cast.project.pk])),
    ):
        html = page.content.decode()
        assert cast.pia.username not in html and "Pia" not in html
        assert cast.mette.email not in html and cast.lucia.email not in html
        assert cast.project.work_process not in html and cast.project.description not in html


def test_pending_members_and_pupils_are_kept_out(client, cast):
    draft = services.create_draft(cast.mette, project_data("Draft"), cast.lucia, "draft")
    pages = [
        reverse("projects:mine"),
        reverse("projects:search"),
        reverse("projects:new"),
        reverse("projects:detail", args=[cast.project.pk]),
        reverse("projects:detail", args=[draft.pk]),
    ]
    client.force_login(cast.nina)
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response.url == reverse("accounts:status"), page
    assert client.post(reverse("projects:new"), {"title": "Nina's", "creation_key": "x"}).status_code == 302
    client.force_login(cast.pia)
    for page in [*pages, reverse("projects:gallery")]:
        assert client.get(page).status_code == 404, page
    assert not Project.objects.filter(title="Nina's").exists()
    client.logout()
    response = client.get(reverse("projects:detail", args=[cast.project.pk]))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_members_see_approved_projects_but_not_pending_invitations(client, cast):
    lucia_row_pk = cast.project.members.get(user=cast.lucia).pk
    make_contacts(cast.mette, cast.otto)
    services.invite_member(cast.mette, cast.project, cast.otto, "teacher")
    karen = teacher("DK", cast.jonas, "Karen")
    client.force_login(karen)
    response = client.get(reverse("projects:detail", args=[cast.project.pk]))
    assert response.status_code == 200
    assert {member.user_id for member in response.context["members"]} == {cast.mette.pk, cast.lucia.pk}
    assert response.context["history"] == [] and not response.context["insider"]
    assert "Otto" not in response.content.decode()
    # Nor can an outsider manage the rows.
    assert client.post(reverse("projects:member_remove", args=[cast.project.pk, lucia_row_pk])).status_code == 404
    assert Project.objects.get(pk=cast.project.pk).state == ProjectState.ACTIVE
