"""Shared set-ups of the recognition tests, built through the services."""

from __future__ import annotations

from typing import Any

from comenius.accounts.models import User
from comenius.core.models import Country
from comenius.devdata.testing import Cast, active_project, make_institution, register, validated
from comenius.institutions.models import InstitutionType
from comenius.projects.models import Project
from comenius.recognition.models import NQLApplication
from comenius.recognition.services import nql
from comenius.spaces.models import Page
from comenius.spaces.services.content import PageData, save_page

SCORES_PASS = {
    "pedagogy": 4, "curriculum": 4, "collaboration": 5, "technology": 4, "results": 4,
    "pupil_collaboration": 4, "ict_choice": 4, "safety": 3,
}  # fmt: skip


def evidence_page(teacher: User, project: Project, title: str = "Our water map") -> Page:
    return save_page(teacher, project.space, PageData(title=title, body="<p>Results</p>", is_draft=False))


def complete_draft(teacher: User, project: Project, page: Page | None = None) -> NQLApplication:
    application = nql.start_application(teacher, project)
    page = page or evidence_page(teacher, project)
    nql.save_draft(
        teacher,
        application,
        nql.ApplicationData(
            texts={
                code: f"What we did for {code}."
                for code in ("pedagogy", "curriculum", "collaboration", "technology", "results")
            },
            pages=[page.pk],
            materials=[],
            declared=True,
        ),
    )
    return application


def submitted(teacher: User, project: Project) -> NQLApplication:
    application = complete_draft(teacher, project)
    return nql.submit(teacher, application)


def contact(a: User, b: User) -> None:
    from comenius.network import services as network

    request = network.request_contact(a, b, "Hello!")
    network.accept_contact(b, request)


def teacher(cast: Cast, email: str, first: str, country: str = "DK", **kwargs: Any) -> User:
    officer = cast.jonas if country == "DK" else cast.ana
    school = make_institution(Country.objects.get(code=country), f"School of {first}", InstitutionType.PRIMARY, "Town")
    return validated(register(email, first, "Test", school), officer)


def european_project(cast: Cast, founder: User, title: str) -> Project:
    """A new active European project of `founder` (Danish) with Lucía."""
    contact(founder, cast.lucia)
    return active_project(founder, cast.lucia, [cast.jonas, cast.ana], title)
