"""Every page a visitor, a member or an officer reaches from the header passes axe-core and reflows to 320 px
(no sideways scrolling, WCAG 1.4.10), in both languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from browser_tests.conftest import assert_accessible, assert_reflows
from comenius.core.testing import CAST_PASSWORD, Cast, active_project, founded_project, project_data, totp_now

VISITOR_PAGES = ["/", "/privacy/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
MEMBER_PAGES = [
    "/home/",
    "/account/profile/",
    "/account/status/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/people/",
    "/people/?subject=history&available=on",
    "/profile/partner/",
    "/contacts/",
    "/messages/",
    "/ideas/",
    "/ideas/new/",
    "/ideas/mine/",
    "/projects/",
    "/projects/search/?subject=science&state=active",
    "/projects/new/",
]
OFFICER_PAGES = [
    "/nso/validations/",
    "/nso/validations/?status=validated",
    "/nso/audit/",
    "/nso/country/DK/",
    "/accounts/2fa/recovery-codes/",
]


@dataclass
class ProjectPages:
    """Projects in the states the pages show differently, and the pages to visit for each viewer."""

    visitor: list[str]
    founder: list[str]
    officer: list[str]


def projects_in_every_state(cast: Cast) -> ProjectPages:
    """Mette, a founder of the cast's active project, with Otto in it as a teacher (so a role can be changed);
    a second active project she may invite Otto to; an invitation from Lucía waiting for her answer (the header
    badge); a project waiting for the NSOs (the queue); and a draft still missing fields."""
    from comenius.network import services as network
    from comenius.projects import services as projects
    from comenius.projects.models import ProjectApproval
    from comenius.projects.services import create_draft

    network.accept_contact(cast.mette, network.request_contact(cast.otto, cast.mette, "Hej Mette!"))
    projects.invite_member(cast.mette, cast.project, cast.otto, "teacher")
    projects.answer_invitation(cast.otto, cast.project, accept=True)
    second = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], "Bees and flowers")
    invitation = founded_project(cast.lucia, cast.mette, "Letters across Europe")
    waiting = founded_project(cast.mette, cast.lucia, "Our towns in maps")
    projects.answer_invitation(cast.lucia, waiting, accept=True)
    draft = create_draft(cast.mette, project_data("Songs of the sea", summary="", aims=""), None, "songs")
    pending = ProjectApproval.objects.get(project=waiting, country_id="DK")
    decided = ProjectApproval.objects.get(project=cast.project, country_id="DK")
    return ProjectPages(
        visitor=["/gallery/", "/gallery/?subject=science&age=11", f"/gallery/{cast.project.pk}/"],
        founder=[
            "/projects/",  # with the invitation on top
            f"/projects/{cast.project.pk}/",  # active: partners with their roles, close
            f"/projects/{cast.project.pk}/edit/",
            f"/projects/{second.pk}/invite/",
            f"/projects/{invitation.pk}/",  # accept or decline
            f"/projects/{draft.pk}/",  # what is still missing, discard
            f"/projects/{draft.pk}/edit/",  # with the co-founder to choose
        ],
        officer=[
            "/nso/projects/",
            "/nso/projects/?status=decided",
            f"/nso/projects/{pending.pk}/",  # with the decision form
            f"/nso/projects/{decided.pk}/",  # decided: no form
        ],
    )


def visit_all(page: Page, paths: list[str], shots: str | None = None) -> None:
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        assert_accessible(page)
        assert_reflows(page)
        if shots:
            page.screenshot(path=f"{shots}{re.sub(r'[^a-z0-9]+', '_', path)}.png", full_page=True)


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        assert_accessible(page)
        page.fill("input[name=code]", totp_now())
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "da"])
def test_pages_pass_axe(page: Page, cast: Cast, language: str):
    for user in (cast.otto, cast.mette, cast.jonas):
        user.language = language
        user.save(update_fields=["language"])
    project_pages = projects_in_every_state(cast)
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    visit_all(page, [*VISITOR_PAGES, *project_pages.visitor])
    log_in(page, cast.otto.email or "")
    visit_all(page, [*MEMBER_PAGES, f"/projects/{cast.project.pk}/"])  # a partner, not a founder
    page.context.clear_cookies()
    log_in(page, cast.mette.email or "")
    visit_all(page, project_pages.founder)
    page.context.clear_cookies()
    log_in(page, cast.jonas.email or "")
    visit_all(page, [*OFFICER_PAGES, *project_pages.officer])
    # The review page with its error: returning a project needs a reason.
    page.goto(project_pages.officer[2])
    page.locator("button[name=decision][value=reject]").click()
    page.locator("#field-reason .field__error").wait_for()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "da"])
def test_pages_outside_the_header_pass_axe(page: Page, cast: Cast, language: str):
    """The head of institution's link page (with and without an answer), the 404 page, and editing an idea."""
    from django.core import signing

    from comenius.accounts import services
    from comenius.network.models import ProjectIdea

    request = cast.nina.validation_requests.get()
    request.head_email = "rektor@vestbyskolen.dk.example"
    request.save(update_fields=["head_email"])
    token = signing.dumps({"request": request.pk, "head": request.head_email}, salt=services.HEAD_LINK_SALT)
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    response = page.goto(f"/confirm/{token}/")
    assert response is not None and response.status == 200
    assert_accessible(page)
    page.locator("button[name=answer][value=confirm]").click()
    assert_accessible(page)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert_accessible(page)
    cast.lucia.language = language
    cast.lucia.save(update_fields=["language"])
    log_in(page, cast.lucia.email or "")
    visit_all(page, [f"/ideas/{ProjectIdea.objects.get(author=cast.lucia).pk}/edit/"])
