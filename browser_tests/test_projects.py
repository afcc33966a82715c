"""Two members found a project and both national support organisations approve it — in a real browser, in
English and in Danish, with axe-core on every page of the way.

Lucía (Spain) writes the project with the guided form and sends it to her contact Mette (Denmark); Mette sees
the invitation in the header and accepts; Jonas (Danish NSO) and Ana (Spanish NSO) log in with password and
authenticator code and approve; both founders then see the project active. Pages are reached by URL, id and
name, never by the wording of the project pages (their Danish translations are written separately).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from browser_tests.conftest import assert_accessible, open_account_menu, open_page
from comenius.devdata.testing import CAST_PASSWORD, Cast, totp_now
from comenius.projects.models import ApprovalState, MemberState, Project, ProjectApproval

TITLE = "Birds on our school roofs"


def switch_language(page: Page, language: str) -> None:
    """The header's language switcher; for a signed-in person it also becomes their language."""
    if page.locator("html").get_attribute("lang") == language:
        return
    open_account_menu(page)
    page.select_option("#language-select", language)
    page.locator(".lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def logged_in(browser: Browser, site: str, email: str, language: str, *, check: bool = False) -> Page:
    """A fresh browser: choose the language on the login page, log in (officers with their authenticator code).
    `check`: run axe on the login pages too (once per test is enough: they are the same for everyone)."""
    page = open_page(browser, site)
    page.goto("/accounts/login/")
    switch_language(page, language)
    if check:
        assert_accessible(page)
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/home/$|/accounts/2fa/authenticate/$|/nso/"))
    if "/2fa/authenticate/" in page.url:
        if check:
            assert_accessible(page)
        page.fill("input[name=code]", totp_now())
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/nso/"))
    switch_language(page, language)  # the member's own language wins once signed in
    return page


def projects_badge(page: Page) -> Locator:
    """The count of invitations next to "Projects" in the header."""
    return page.locator(".main-nav a[href='/projects/'] .badge")


def assert_active_with_every_step_done(page: Page, language: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    header = page.locator("main .page-header")
    expect(header.locator(".badge--success")).to_have_count(1)
    if language == "en":
        expect(header.locator(".badge--success")).to_have_text("Active")
    steps = page.locator("#status-title + ol.steps > li")
    # Founder, co-founder, the NSO of Denmark, the NSO of Spain, the space open: all done.
    expect(steps).to_have_count(5)
    expect(page.locator("#status-title + ol.steps > li.steps__item--done")).to_have_count(5)
    if language == "en":  # a screen reader hears the state, not only the tick
        expect(steps.last).to_contain_text("(done)")


@pytest.mark.parametrize("language", ["en", "da"])
def test_two_members_found_a_project_and_both_nsos_approve(browser: Browser, site: str, cast: Cast, language: str):
    today = timezone.localdate()
    starts, ends = today + timedelta(days=21), today + timedelta(days=240)

    # --- Lucía starts the project from her projects page -------------------------------------------------
    lucia = logged_in(browser, site, cast.lucia.email or "", language, check=True)
    assert_accessible(lucia)  # her home page
    lucia.locator(".main-nav a[href='/projects/']").click()
    lucia.wait_for_url(re.compile(r"/projects/$"))
    assert_accessible(lucia)
    lucia.locator("main a[href='/projects/new/']").first.click()
    lucia.wait_for_url(re.compile(r"/projects/new/$"))
    assert_accessible(lucia)

    lucia.fill("#id_title", TITLE)
    lucia.fill("#id_summary", "Pupils count the birds nesting on the school roofs and compare Sevilla with Hjørring.")
    lucia.fill("#id_description", "Each class keeps a bird diary through spring, with drawings, photos and counts.")
    lucia.locator("input[name=subjects][value=science]").check()
    lucia.locator("input[name=subjects][value=environment]").check()
    lucia.select_option("#id_age_min", "10")
    lucia.select_option("#id_age_max", "12")
    lucia.fill("#id_pupils_count", "46")
    lucia.select_option("#id_languages", ["en", "es"])
    lucia.fill("#id_aims", "Notice the nature around the school; write and speak English with real partners.")
    lucia.fill("#id_work_process", "March: nest boxes. April–May: counting. June: a shared bird map.")
    lucia.fill("#id_tools", "Binoculars, a shared spreadsheet and the project space's pages.")
    lucia.fill("#id_expected_results", "A bilingual bird map of both towns and a short video per class.")
    # First a mistake: the end before the start, so the form comes back with the error next to the field.
    lucia.fill("#id_starts_on", starts.isoformat())
    lucia.fill("#id_ends_on", (starts - timedelta(days=1)).isoformat())
    # The co-founder picker: she types part of Mette's name and the list follows (htmx), then picks her.
    lucia.fill("#id_cofounder_query", "Mette")
    cofounder_choice = lucia.locator(f"#cofounder-options input[name=cofounder][value='{cast.mette.pk}']")
    expect(cofounder_choice).to_be_visible()
    cofounder_choice.check()
    lucia.locator("#id_show_in_gallery").check()
    lucia.locator("button[name=send]").click()
    expect(lucia.locator("#field-ends_on .field__error")).to_be_visible()
    assert_accessible(lucia)
    expect(lucia.locator("#id_title")).to_have_value(TITLE)  # nothing typed is lost
    expect(lucia.locator(f"input[name=cofounder][value='{cast.mette.pk}']")).to_be_checked()
    lucia.fill("#id_ends_on", ends.isoformat())
    lucia.locator("button[name=send]").click()
    lucia.wait_for_url(re.compile(r"/projects/\d+/$"))
    expect(lucia.locator(".alert--success").first).to_be_visible()
    assert_accessible(lucia)
    project_url = lucia.url

    project = Project.objects.get(title=TITLE)
    assert project.state == "awaiting_cofounder"
    assert (project.founder, project.cofounder, project.kind) == (cast.lucia, cast.mette, "european")
    assert sorted(project.subjects) == ["environment", "science"] and sorted(project.languages) == ["en", "es"]
    assert (project.age_min, project.age_max, project.pupils_count) == (10, 12, 46)
    assert (project.starts_on, project.ends_on, project.show_in_gallery) == (starts, ends, True)
    assert project.tools.startswith("Binoculars") and project.expected_results.startswith("A bilingual")
    assert project.aims and project.work_process and project.description and project.summary
    assert project_url.endswith(f"/projects/{project.pk}/")

    # --- Mette sees the invitation in the header, reads the project and accepts ---------------------------
    mette = logged_in(browser, site, cast.mette.email or "", language)
    expect(projects_badge(mette)).to_contain_text("1")
    assert_accessible(mette)  # her home page, the badge in the header
    mette.locator(".main-nav a[href='/projects/']").click()
    mette.wait_for_url(re.compile(r"/projects/$"))
    invitations = mette.locator("section[aria-labelledby=invitations-title]")
    expect(invitations).to_contain_text(TITLE)
    assert_accessible(mette)
    invitations.locator(f"a[href='/projects/{project.pk}/']").first.click()
    mette.wait_for_url(re.compile(rf"/projects/{project.pk}/$"))
    expect(mette.locator("button[name=answer][value=accept]")).to_be_visible()
    assert_accessible(mette)
    mette.locator("button[name=answer][value=accept]").click()
    expect(mette.locator(".alert--success").first).to_be_visible()
    expect(mette.locator("button[name=answer]")).to_have_count(0)
    expect(projects_badge(mette)).to_have_count(0)
    assert_accessible(mette)
    project.refresh_from_db()
    assert project.state == "awaiting_approval"
    assert project.members.get(user=cast.mette).state == MemberState.ACTIVE

    # --- Jonas, then Ana, find it in their queue, review it and approve -----------------------------------
    for officer in (cast.jonas, cast.ana):
        approval = ProjectApproval.objects.get(project=project, country=officer.country)
        nso = logged_in(browser, site, officer.email or "", language, check=officer == cast.jonas)
        nso.locator(".main-nav a[href='/nso/projects/']").click()
        nso.wait_for_url(re.compile(r"/nso/projects/$"))
        expect(nso.locator("main table")).to_contain_text(TITLE)
        assert_accessible(nso)
        nso.locator(f"main a[href='/nso/projects/{approval.pk}/']").click()
        nso.wait_for_url(re.compile(rf"/nso/projects/{approval.pk}/$"))
        expect(nso.locator("main")).to_contain_text("Lucía García")
        expect(nso.locator("main")).to_contain_text("Mette Sørensen")
        assert_accessible(nso)
        nso.locator("button[name=decision][value=approve]").click()
        nso.wait_for_url(re.compile(r"/nso/projects/$"))
        expect(nso.locator(".alert--success").first).to_be_visible()
        expect(nso.locator(f"main a[href='/nso/projects/{approval.pk}/']")).to_have_count(0)
        assert_accessible(nso)
        nso.context.close()
        approval.refresh_from_db()
        assert (approval.state, approval.decided_by) == (ApprovalState.APPROVED, officer)

    project.refresh_from_db()
    assert project.state == "active"

    # --- Both founders see it active, every step of the status panel done ---------------------------------
    for founder in (lucia, mette):
        founder.goto(project_url)
        assert_active_with_every_step_done(founder, language)
        expect(founder.locator(f"main a[href='/projects/{project.pk}/invite/']")).to_be_visible()
        assert_accessible(founder)
        founder.goto("/projects/")
        expect(founder.locator(f"main a[href='/projects/{project.pk}/']")).to_have_count(1)
        assert_accessible(founder)
    lucia.context.close()
    mette.context.close()


@pytest.mark.parametrize(
    "language",
    [
        "en",
        "da",
    ],
)
def test_saving_the_edit_page_keeps_the_dates(browser: Browser, site: str, cast: Cast, language: str):
    starts, ends = cast.project.starts_on, cast.project.ends_on
    assert starts and ends
    mette = logged_in(browser, site, cast.mette.email or "", language)
    mette.goto(f"/projects/{cast.project.pk}/edit/")
    mette.locator("button[name=save]").click()
    mette.wait_for_url(re.compile(rf"/projects/{cast.project.pk}/$"))
    mette.context.close()
    cast.project.refresh_from_db()
    assert (cast.project.starts_on, cast.project.ends_on) == (starts, ends)
