"""Every page a visitor, a member or an officer reaches from the header, and every page of a project space (for
a teacher administrator and for a pupil), passes axe-core and reflows to 320 px (no sideways scrolling, WCAG
1.4.10), in both languages."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from browser_tests.conftest import assert_accessible, assert_reflows
from comenius.devdata.testing import CAST_PASSWORD, Cast, active_project, founded_project, project_data, totp_now

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
    "/account/my-data/",
]
OFFICER_PAGES = [
    "/nso/validations/",
    "/nso/validations/?status=validated",
    "/nso/audit/",
    "/nso/country/DK/",
    "/accounts/2fa/recovery-codes/",
    "/moderation/",
    "/moderation/?state=decided",
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
    # A report from Otto about a Danish member: in the Danish NSO's moderation queue.
    from comenius.moderation import services as moderation

    report = moderation.report(cast.otto, "member", cast.mette.pk, "inappropriate", "Rude in a message")
    log_in(page, cast.otto.email or "")
    member_report_form = f"/report/member/{cast.lucia.pk}/"
    visit_all(page, [*MEMBER_PAGES, f"/projects/{cast.project.pk}/", member_report_form])  # a partner
    page.context.clear_cookies()
    log_in(page, cast.mette.email or "")
    visit_all(page, project_pages.founder)
    page.context.clear_cookies()
    log_in(page, cast.jonas.email or "")
    visit_all(page, [*OFFICER_PAGES, *project_pages.officer, f"/moderation/{report.pk}/"])
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


@dataclass
class SpacePages:
    """The pages of the cast's space, with something on each, for a teacher administrator and for a pupil."""

    teacher: list[str]
    pupil: list[str]


def space_with_everything(cast: Cast) -> SpacePages:
    """The cast's space in use: a pinned post with a comment, a page tree (a published page with a sub-page, a
    draft), a forum thread with replies, a teachers' bulletin post, an open pupils' room and a teachers' room
    with messages, a running and a scheduled meeting, materials (a folder with a link, an embed, an image), a
    report by Pia waiting for the teachers — and a second project of Mette's, with Pia in it too (so that she
    chooses her project) and Oskar (whom Mette may bring into the first)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from comenius.moderation import services as moderation
    from comenius.moderation.models import ReportReason
    from comenius.spaces.models import Board, SpacePupil
    from comenius.spaces.services import chat, content, materials, meetings
    from comenius.spaces.services.content import PageData
    from comenius.spaces.services.meetings import MeetingData
    from comenius.spaces.services.pupils import add_existing_pupils, add_pupils

    space = cast.project.space
    s = f"/spaces/{space.pk}"
    post = content.create_post(cast.lucia, space, "¡Hola! Our class sends greetings from Sevilla.")
    content.add_comment(cast.pia, post, "Hej from Hjørring!")
    content.set_pinned(cast.mette, post, True)
    content.create_post(cast.mette, space, "Welcome to our project space! https://example.org/water")
    schools = content.save_page(
        cast.mette,
        space,
        PageData(title="Our two schools", body="<h2>Vestbyskolen</h2><p>We are <strong>4.b</strong>.</p>",
                 is_draft=False),
    )  # fmt: skip
    content.publish_page(cast.mette, schools, shows_no_pupil=True)
    rivers = content.save_page(
        cast.lucia,
        space,
        PageData(title="Our rivers", body="<ul><li>Guadalquivir</li><li>Vidkær Å</li></ul>", parent=schools,
                 is_draft=False),
    )  # fmt: skip
    draft = content.save_page(cast.lucia, space, PageData(title="Water tests (draft)", body="<p>Soon.</p>"))
    thread = content.start_thread(cast.mette, space, Board.FORUM, "What do you drink at school?", "Tell us!")
    tap_water = content.reply(cast.pia, thread, "Tap water from the fountain.")
    content.reply(cast.lucia, thread, "We have bottles in Sevilla.")
    bulletin = content.start_thread(cast.lucia, space, Board.BULLETIN, "Planning the spring", "Video call in May?")
    content.reply(cast.mette, bulletin, "Yes, in the second week.")
    room = chat.create_room(cast.mette, space.pk, name="Water club", for_pupils=True, open_now=True)
    hola = chat.post_message(cast.lucia, space.pk, room.pk, "¡Hola a todos!")
    chat.post_message(cast.pia, space.pk, room.pk, "Hej! We measured the river today.")
    teachers = chat.create_room(cast.lucia, space.pk, name="Teachers' corner", for_pupils=False)
    chat.post_message(cast.mette, space.pk, teachers.pk, "The pupils loved it.")
    now = timezone.now()
    running = meetings.schedule_meeting(cast.mette, space.pk, MeetingData("Say hello", now, 45))
    meetings.start_meeting(cast.mette, space.pk, running.pk)
    meetings.schedule_meeting(cast.lucia, space.pk, MeetingData("River results", now + timedelta(days=7), 60))
    folder = materials.create_folder(cast.mette, space, "Measurements")
    materials.add_link(cast.mette, space, "https://example.org/water-data", title="Water data", folder=folder)
    materials.add_embed(cast.lucia, space, "https://www.youtube-nocookie.com/embed/abc123", title="Our river")
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(picture, format="PNG")
    image = materials.upload_material(
        cast.lucia, space, SimpleUploadedFile("river.png", picture.getvalue()), title="The river in May"
    ).material
    report = moderation.report(cast.pia, "chat_message", hola.pk, ReportReason.INAPPROPRIATE, "Not nice")
    other = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], "Bees and flowers")
    add_existing_pupils(cast.mette, other.space, [SpacePupil.objects.get(user=cast.pia).pk], consent_confirmed=True)
    add_pupils(cast.mette, other.space, ["Oskar"], consent_confirmed=True)
    shared = [
        f"{s}/",
        f"{s}/pages/",
        f"{s}/pages/{schools.pk}/",
        f"{s}/pages/{rivers.pk}/",
        f"{s}/forum/",
        f"{s}/forum/{thread.pk}/",
        f"{s}/chat/",
        f"{s}/chat/{room.pk}/",
        f"{s}/meetings/",
        f"{s}/materials/",
        f"{s}/materials/folders/{folder.pk}/",
        f"{s}/materials/{image.pk}/",
        f"{s}/members/",
    ]
    return SpacePages(
        teacher=[
            *shared,
            f"{s}/pages/{draft.pk}/",
            f"{s}/pages/{draft.pk}/delete/",
            f"{s}/pages/{rivers.pk}/publish/",  # with the no-pupils check
            f"{s}/pages/new/",
            f"{s}/pages/{schools.pk}/edit/",  # published: with the warning
            f"/gallery/{cast.project.pk}/pages/{schools.pk}/",  # as visitors see it
            f"{s}/forum/new/",
            f"{s}/report/reply/{tap_water.pk}/",  # the members' report form
            f"{s}/bulletin/",
            f"{s}/bulletin/new/",
            f"{s}/bulletin/{bulletin.pk}/",
            f"{s}/chat/{teachers.pk}/",
            f"{s}/members/add/",  # with Oskar to bring in from the other project
            f"{s}/members/pupils/{SpacePupil.objects.get(space=space, user=cast.pia).pk}/remove/",  # asks first
            f"{s}/reports/",
            f"{s}/reports/{report.pk}/",
            f"{s}/export/",
        ],
        pupil=[
            "/pupil/",  # two projects: she chooses
            *shared,
            f"{s}/report/thread/{thread.pk}/",  # "Tell a teacher"
        ],
    )


def outside_the_event_loop(build: Callable[[Cast], SpacePages], cast: Cast) -> SpacePages:
    """Run `build` in a thread of its own: Playwright's event loop runs in this one, where the chat's broadcasts
    to the channel layer (async_to_sync, on commit) cannot run. The thread's database connection is closed after
    (the data is committed: the test database is transactional)."""
    from django.db import connections

    def run() -> SpacePages:
        try:
            return build(cast)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def pupil_log_in(page: Page, username: str) -> None:
    page.goto("/pupil/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", CAST_PASSWORD)
    page.locator("main form.pupil-login button[type=submit]").click()
    page.wait_for_url(re.compile(r"/pupil/$|/spaces/\d+/$"))


@pytest.mark.parametrize("language", ["en", "da"])
def test_space_pages_pass_axe(page: Page, cast: Cast, settings: Any, tmp_path: Path, language: str):
    """Every page of a project space, for a teacher administrator (Mette) and for a pupil (Pia)."""
    settings.JITSI_URL = "https://meet.example.org"  # the join link is shown, never opened
    settings.MEDIA_ROOT = tmp_path / "media"
    for user in (cast.mette, cast.pia):
        user.language = language
        user.save(update_fields=["language"])
    pages = outside_the_event_loop(space_with_everything, cast)
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    visit_all(page, ["/pupil/login/"])
    log_in(page, cast.mette.email or "")
    visit_all(page, pages.teacher)
    page.context.clear_cookies()
    pupil_log_in(page, cast.pia.username or "")
    visit_all(page, pages.pupil)
