"""Groups and courses in a real browser, in English and Danish, with axe-core and the 320 px reflow check on
every new page (issue 13).

A course participant works through a module — reads its page, passes the quiz, writes in the discussion, sends
the task — a course lead reviews and accepts it, and the participant sees the course completed with the
certificate. A member proposes a group, central support approves it, another member joins, posts and
reports; the moderator handles the group's pages and the report.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, assert_reflows
from browser_tests.test_projects import logged_in
from comenius.courses.models import Enrolment
from comenius.courses.tests.people import activity, make_course
from comenius.devdata.testing import Cast
from comenius.groups import services as groups
from comenius.groups.models import Group, GroupPost
from comenius.moderation.models import Report


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_participant_completes_a_module_and_gets_the_certificate(
    browser: Browser, site: str, cast: Cast, language: str
):
    course = make_course(cast.carla, cast.mette)
    base = f"/courses/{course.pk}/"
    otto = logged_in(browser, site, cast.otto.email or "", language)
    otto.goto("/courses/")
    check(otto)
    otto.locator(f"main a[href='{base}']").click()
    check(otto)
    otto.locator(f"form[action='{base}enrol/'] button").click()
    expect(otto.locator("#course-progress")).to_be_visible()
    check(otto)
    # The reading page (its script removed by the sanitiser, its heading kept).
    otto.locator(f"main a[href^='{base}pages/']").first.click()
    expect(otto.locator(".page-body h2")).to_have_count(1)
    assert "<script" not in otto.locator(".page-body").inner_html()
    check(otto)
    # The quiz: every right answer.
    quiz = activity(course, "quiz")
    otto.goto(f"{base}activities/{quiz.pk}/")
    check(otto)
    for question in quiz.questions.all():
        otto.locator(f"input[name='q{question.pk}'][value='{question.choices.get(is_correct=True).pk}']").check()
    submit(otto)
    expect(otto.locator(".alert--success").first).to_be_visible()
    check(otto)
    # The discussion.
    otto.goto(f"{base}activities/{activity(course, 'discussion').pk}/")
    otto.fill("#id_body", "We count the trees on the way to school.")
    submit(otto)
    expect(otto.locator(".comment-list")).to_contain_text("We count the trees")
    check(otto)
    # The task, then the lead reviews it.
    otto.goto(f"{base}activities/{activity(course, 'task').pk}/")
    check(otto)
    otto.fill("#id_text", "A maths lesson in the schoolyard for 4th grade.")
    submit(otto)
    expect(otto.locator("#submission-title")).to_be_visible()
    check(otto)
    assert Enrolment.objects.get(user=cast.otto).completed_at is None

    mette = logged_in(browser, site, cast.mette.email or "", language)
    mette.goto(f"{base}participants/")
    expect(mette.locator("main table")).to_contain_text("Otto Berg")
    check(mette)
    mette.goto(f"{base}review/")
    check(mette)
    mette.locator("main .card__title a").first.click()
    check(mette)
    mette.select_option("#id_decision", "accept")
    submit(mette)
    mette.goto(f"{base}manage/")
    check(mette)
    mette.context.close()

    otto.goto(base)
    expect(otto.locator(".alert--success")).to_be_visible()
    expect(otto.locator("a[href$='/pdf/']")).to_be_visible()
    check(otto)
    assert Enrolment.objects.get(user=cast.otto).completed_at is not None
    otto.context.close()


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_group_is_proposed_approved_joined_and_moderated(browser: Browser, site: str, cast: Cast, language: str):
    otto = logged_in(browser, site, cast.otto.email or "", language)
    otto.goto("/groups/")
    check(otto)
    otto.goto("/groups/propose/")
    check(otto)
    otto.fill("#id_title", "Outdoor maths")
    otto.fill("#id_description", "Measuring and mapping outside.")
    otto.locator("#id_subjects input[value='mathematics']").check()
    otto.select_option("#id_join_policy", "open")
    submit(otto)
    group = Group.objects.get(title="Outdoor maths")
    expect(otto.locator("main [role=status]").first).to_be_visible()
    check(otto)

    carla = logged_in(browser, site, cast.carla.email or "", language)
    carla.goto("/groups/proposals/")
    check(carla)
    carla.locator(f"a[href='/groups/proposals/{group.pk}/']").click()
    check(carla)
    carla.select_option("#id_decision", "approve")
    submit(carla)
    carla.goto("/groups/themes/")
    check(carla)
    carla.context.close()
    group.refresh_from_db()
    assert group.state == "approved"

    lucia = logged_in(browser, site, cast.lucia.email or "", language)
    lucia.goto(f"/groups/{group.pk}/")
    check(lucia)  # the about page of a group she is not in
    lucia.locator(f"form[action='/groups/{group.pk}/join/'] button").click()
    lucia.fill("#id_body", "Buy my worksheets at example.com")
    lucia.locator(f"form[action='/groups/{group.pk}/posts/'] button").click()
    expect(lucia.locator("main article")).to_contain_text("Buy my worksheets")
    check(lucia)
    lucia.goto("/groups/mine/")
    check(lucia)
    lucia.context.close()

    post = GroupPost.objects.get(group=group)
    groups.join(cast.mette, group)
    groups.comment(cast.mette, post, "Please do not advertise here.")
    otto.goto(f"/groups/{group.pk}/")
    otto.locator(f"#post-{post.pk} .feed-post__actions .more-menu summary").click()  # the "more" menu (issue 20)
    otto.locator(f"#post-{post.pk} a[href^='/report/group_post/']").click()
    check(otto)  # moderation's report page (the moderator reports too, then decides as moderator)
    otto.locator("input[name=reason][value=spam]").check()
    submit(otto)
    report = Report.objects.get(kind="group_post")
    for path in ("members/", "discussions/", "resources/", "edit/", "reports/"):
        otto.goto(f"/groups/{group.pk}/{path}")
        check(otto)
    otto.goto(f"/groups/{group.pk}/discussions/")
    otto.fill("#id_title", "Rainy days")
    otto.fill("#id_body", "What do you do outside when it rains?")
    submit(otto)
    expect(otto.locator("h1")).to_have_text("Rainy days")
    check(otto)
    otto.goto(f"/groups/{group.pk}/reports/{report.pk}/")
    check(otto)
    otto.locator("input[name=action][value=hide]").check()
    otto.fill("#id_reason", "Advertising")
    submit(otto)
    post.refresh_from_db()
    assert post.hidden_at is not None
    otto.context.close()
