"""The National Quality Label: eligibility, the yearly limit, the school-year boundary, the rubric, the NSO's
scope, evaluator access to the space, the decision and the one appeal."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, active_project, client_for
from comenius.recognition import access, rules
from comenius.recognition.models import ApplicationState, Label, LabelKind, RuleSet
from comenius.recognition.services import nql
from comenius.recognition.tests.helpers import (
    SCORES_PASS,
    complete_draft,
    contact,
    evidence_page,
    submitted,
    teacher,
)

pytestmark = pytest.mark.django_db


# --- eligibility --------------------------------------------------------------------------------------------


def test_a_national_project_is_refused_even_with_foreign_partners_added_later(cast: Cast):
    from comenius.projects import services as projects

    karen = teacher(cast, "karen@nord.dk.example", "Karen")
    contact(cast.mette, karen)
    national = active_project(cast.mette, karen, [cast.jonas], "Danish birds")
    assert national.kind == "national"
    # Lucía joins later: the project stays national (its kind comes from the founders).
    projects.invite_member(cast.mette, national, cast.lucia, "teacher")
    projects.answer_invitation(cast.lucia, national, accept=True)
    national.refresh_from_db()
    with pytest.raises(DomainError, match="Only European projects"):
        nql.start_application(cast.mette, national)
    with pytest.raises(DomainError, match="Only European projects"):
        nql.start_application(cast.lucia, national)


def test_each_teacher_applies_for_their_own_label(cast: Cast):
    mettes = submitted(cast.mette, cast.project)
    lucias = submitted(cast.lucia, cast.project)
    assert mettes.pk != lucias.pk
    assert (mettes.country_id, lucias.country_id) == ("DK", "ES")
    with pytest.raises(DomainError, match="Only teachers of the project"):
        nql.start_application(cast.otto, cast.project)


def test_the_fifth_application_of_a_school_year_is_refused(cast: Cast):
    submitted(cast.mette, cast.project)
    for number in range(3):
        submitted(cast.mette, _another(cast, number))
    assert access.counted_applications(cast.mette, rules.current_school_year()) == 4
    fifth = _another(cast, 9)
    with pytest.raises(DomainError, match="You have sent 4 applications this school year"):
        nql.start_application(cast.mette, fifth)


def _another(cast: Cast, number: int):
    from comenius.devdata.testing import active_project as make

    return make(cast.mette, cast.lucia, [cast.jonas, cast.ana], f"Another project {number}")


def test_a_draft_counts_only_once_sent_and_the_limit_is_a_rule_of_the_year(cast: Cast):
    year = rules.current_school_year()
    RuleSet.objects.create(school_year=year, **{**_defaults(year), "max_applications": 1})
    draft = complete_draft(cast.mette, cast.project)
    assert access.counted_applications(cast.mette, year) == 0
    nql.submit(cast.mette, draft)
    with pytest.raises(DomainError, match="You have sent 1 applications"):
        nql.start_application(cast.mette, _another(cast, 1))


def _defaults(year: int) -> dict[str, int]:
    from comenius.recognition.services.rulesets import initial

    return initial(year)


def test_school_year_boundary_is_a_setting(settings):
    assert rules.school_year_of(date(2026, 8, 31)) == 2025
    assert rules.school_year_of(date(2026, 9, 1)) == 2026
    settings.RECOGNITION_SCHOOL_YEAR_START_MONTH = 8
    settings.RECOGNITION_SCHOOL_YEAR_START_DAY = 15
    assert rules.school_year_of(date(2026, 8, 14)) == 2025
    assert rules.school_year_of(date(2026, 8, 15)) == 2026
    assert rules.year_label(2026) == "2026/27"


def test_a_closed_project_may_apply_in_the_year_after_it_closed_not_later(cast: Cast):
    project = cast.project
    year = rules.current_school_year()
    project.state = "closed"
    start = rules.year_start(year - 1)
    project.closed_at = timezone.make_aware(datetime(start.year, start.month, start.day, 12))
    assert access.project_in_window(project, year)
    project.closed_at = project.closed_at - timedelta(days=2)  # the school year before the previous one
    assert not access.project_in_window(project, year)


# --- the rubric -------------------------------------------------------------------------------------------------


def test_sum_and_minimums_are_computed():
    minimums = {"pupil_collaboration": 3, "ict_choice": 3, "safety": 3}
    scored = rules.score(SCORES_PASS, minimums)
    assert scored.total == 21 and scored.meets_minimums
    low = rules.score({**SCORES_PASS, "safety": 2, "ict_choice": 1}, minimums)
    assert low.total == 21 and low.below_minimum == ("ict_choice", "safety")


@pytest.mark.parametrize("bad", [6, -1, "4.5", "", None, "x"])
def test_a_score_out_of_range_is_refused(bad):
    with pytest.raises(DomainError, match="a score from 0 to 5"):
        nql.check_scores({**SCORES_PASS, "results": bad})


def test_award_needs_every_minimum_and_refusal_needs_reasons(cast: Cast):
    application = submitted(cast.mette, cast.project)
    with pytest.raises(DomainError, match="below the minimum"):
        nql.decide(cast.jonas, application, award=True, scores={**SCORES_PASS, "safety": 1}, reasons={})
    with pytest.raises(DomainError, match="reasons"):
        nql.decide(cast.jonas, application, award=False, scores=SCORES_PASS, reasons={})
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})
    application.refresh_from_db()
    assert application.state == ApplicationState.AWARDED and application.total == 21
    label = Label.objects.get(kind=LabelKind.NQL, holder=cast.mette)
    assert label.project_id == cast.project.pk and label.institution_id == cast.vestbyskolen.pk
    assert AuditEvent.objects.filter(action="label.nql_awarded", target_id=str(application.pk)).exists()


def test_another_countrys_nso_gets_404_and_cannot_decide(cast: Cast):
    application = submitted(cast.mette, cast.project)
    url = reverse("recognition:review", args=[application.pk])
    ana, jonas = client_for(cast.ana), client_for(cast.jonas)
    assert ana.get(url).status_code == 404
    assert jonas.get(url).status_code == 200
    assert client_for(cast.carla).get(url).status_code == 200
    with pytest.raises(DomainError, match="national team of the applicant"):
        nql.decide(cast.ana, application, award=True, scores=SCORES_PASS, reasons={})


def test_the_review_page_scores_and_awards(cast: Cast):
    application = submitted(cast.mette, cast.project)
    url = reverse("recognition:review", args=[application.pk])
    jonas = client_for(cast.jonas)
    form = {f"score_{code}": str(value) for code, value in SCORES_PASS.items()}
    response = jonas.post(url, {**form, "score_results": "7", "action": "award"})
    assert response.status_code == 400  # out of range: the form refuses, nothing decided
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    response = jonas.post(url, {**form, "action": "award"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.AWARDED


# --- assessors and their reading access --------------------------------------------------------------------------


def _second_danish_officer(cast: Cast):
    from comenius.accounts import services
    from comenius.accounts.models import Role

    return services.create_officer(
        role=Role.NSO, email="freja@nso.dk.example", first_name="Freja", last_name="Holm",
        country=cast.jonas.country, password="x-comenius-1",
    )  # fmt: skip


def test_evaluator_access_opens_with_the_assignment_and_closes_with_the_decision(cast: Cast):
    page = evidence_page(cast.mette, cast.project)
    application = complete_draft(cast.mette, cast.project, page)
    nql.submit(cast.mette, application)
    freja = _second_danish_officer(cast)
    space_url = reverse("spaces:page", args=[cast.project.space.pk, page.pk])
    pupils_url = reverse("spaces:members", args=[cast.project.space.pk])
    visitor = client_for(freja)
    assert visitor.get(space_url).status_code == 404  # before: not assigned
    assessment = nql.assign(cast.jonas, application, freja)
    assert visitor.get(space_url).status_code == 200  # while assessing: read-only
    members = visitor.get(pupils_url)
    assert members.status_code == 200
    assert "pia.vestby" not in members.content.decode()  # never a pupil's username, only first names
    assert AuditEvent.objects.filter(action="label.space_read", actor=freja, reason=space_url).exists()
    # Read-only: writing a page is refused.
    assert visitor.get(reverse("spaces:page_new", args=[cast.project.space.pk])).status_code == 404
    nql.record_scores(freja, assessment, SCORES_PASS, {"results": "Well documented."})
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})
    assert visitor.get(space_url).status_code == 404  # after the decision: closed
    assessment.refresh_from_db()
    assert assessment.closed_at is not None


def test_a_second_assessor_is_shown_side_by_side(cast: Cast):
    application = submitted(cast.mette, cast.project)
    freja = _second_danish_officer(cast)
    first = nql.assign(cast.jonas, application, cast.jonas)
    second = nql.assign(cast.jonas, application, freja, second=True)
    nql.record_scores(cast.jonas, first, SCORES_PASS, {})
    nql.record_scores(freja, second, {**SCORES_PASS, "results": 2}, {})
    response = client_for(cast.jonas).get(reverse("recognition:review", args=[application.pk]))
    assert [a.total for a in response.context["assessments"]] == [21, 19]
    with pytest.raises(DomainError, match="already has a second assessor"):
        nql.assign(cast.jonas, application, _third(cast), second=True)


def _third(cast: Cast):
    from comenius.accounts import services
    from comenius.accounts.models import Role

    return services.create_officer(
        role=Role.NSO, email="bo@nso.dk.example", first_name="Bo", last_name="Lund", country=cast.jonas.country,
        password="x-comenius-1",
    )  # fmt: skip


def test_only_officers_of_the_country_assess(cast: Cast):
    application = submitted(cast.mette, cast.project)
    with pytest.raises(DomainError, match="officer of the national team"):
        nql.assign(cast.jonas, application, cast.ana)
    with pytest.raises(DomainError, match="officer of the national team"):
        nql.assign(cast.jonas, application, cast.otto)


# --- the appeal ----------------------------------------------------------------------------------------------------


def test_appeal_once_and_to_another_assessor(cast: Cast):
    application = submitted(cast.mette, cast.project)
    first = nql.assign(cast.jonas, application, cast.jonas)
    nql.record_scores(cast.jonas, first, {**SCORES_PASS, "safety": 1}, {})
    nql.decide(
        cast.jonas, application, award=False, scores={**SCORES_PASS, "safety": 1}, reasons={"safety": "No eSafety."}
    )
    with pytest.raises(DomainError, match="Name the criteria"):
        nql.appeal(cast.mette, application, [], "")
    nql.appeal(cast.mette, application, ["safety"], "See the page 'Our rules online'.")
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED and application.in_appeal
    with pytest.raises(DomainError, match="another assessor"):
        nql.assign(cast.jonas, application, cast.jonas)
    freja = _second_danish_officer(cast)
    appeal_assessment = nql.assign(cast.jonas, application, freja)
    assert appeal_assessment.stage == "appeal"
    nql.decide(
        cast.jonas, application, award=False, scores={**SCORES_PASS, "safety": 2}, reasons={"safety": "Still thin."}
    )
    with pytest.raises(DomainError, match="appealed once"):
        nql.appeal(cast.mette, application, ["safety"], "Again.")
    assert client_for(cast.mette).get(reverse("recognition:appeal", args=[application.pk])).status_code == 404


def test_the_teacher_applies_through_the_pages(cast: Cast):
    page = evidence_page(cast.mette, cast.project)
    mette = client_for(cast.mette)
    response = mette.post(reverse("recognition:start", args=[cast.project.pk]))
    assert response.status_code == 302
    application = access.my_applications(cast.mette).get()
    url = reverse("recognition:application", args=[application.pk])
    form = {f"text_{code}": "We did it together." for code in rules.SUM_CODES}
    response = mette.post(url, {**form, "pages": [page.pk], "action": "submit"})
    assert response.status_code == 400  # no declaration yet: nothing sent
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT and application.evidence_pages.count() == 1
    response = mette.post(url, {**form, "pages": [page.pk], "declared": "on", "action": "submit"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert client_for(cast.otto).get(url).status_code == 404


def test_the_export_has_applications_and_labels(cast: Cast):
    application = submitted(cast.mette, cast.project)
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})
    part = access.own_data(cast.mette)
    assert part.data["label_applications"][0]["total"] == 21  # type: ignore[index]
    assert part.data["labels"][0]["kind"] == "nql"  # type: ignore[index]


def test_the_badge_shows_on_the_project_and_on_the_profile_if_chosen(cast: Cast):
    from comenius.certificates.models import Certificate

    application = submitted(cast.mette, cast.project)
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})
    label = Label.objects.get(holder=cast.mette)
    certificate = Certificate.objects.get(member=cast.mette, kind="recognition.nql")
    assert label.certificate_id == certificate.pk
    assert client_for(None).get(reverse("certificates:verify", args=[certificate.code])).status_code == 200
    year = rules.year_label(application.school_year)
    project_page = client_for(cast.otto).get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    assert f"National Quality Label {year}" in project_page
    gallery = client_for(None).get(reverse("site:gallery_project", args=[cast.project.pk])).content.decode()
    assert f"National Quality Label {year}" in gallery
    profile_url = reverse("network:person", args=[cast.mette.pk])
    assert "National Quality Label" not in client_for(cast.otto).get(profile_url).content.decode()
    client_for(cast.mette).post(reverse("recognition:profile_badge", args=[label.pk]), {"shown": "1"})
    assert f"National Quality Label {year}" in client_for(cast.otto).get(profile_url).content.decode()
    listed = client_for(None).get(reverse("recognition:labelled"), {"country": "DK", "label": "nql"})
    assert cast.project.title in listed.content.decode()
    assert (
        cast.project.title
        not in client_for(None).get(reverse("recognition:labelled"), {"label": "eql"}).content.decode()
    )


def test_an_ambassador_assesses_reads_the_space_and_loses_access_with_the_decision(cast: Cast):
    from comenius.ambassadors.models import Appointment

    page = evidence_page(cast.mette, cast.project)
    application = complete_draft(cast.mette, cast.project, page)
    nql.submit(cast.mette, application)
    karen = teacher(cast, "karen@nord.dk.example", "Karen")
    today = timezone.localdate()
    Appointment.objects.create(
        user=karen, country_id="DK", state="active", starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=300),
    )  # fmt: skip
    assert karen in access.assessor_candidates(application)
    assert cast.otto not in access.assessor_candidates(application)  # not an ambassador
    assessment = nql.assign(cast.jonas, application, karen)
    visitor = client_for(karen)
    space_page = reverse("spaces:page", args=[cast.project.space.pk, page.pk])
    assert visitor.get(space_page).status_code == 200
    url = reverse("recognition:assess", args=[assessment.pk])
    form = {f"score_{code}": str(value) for code, value in SCORES_PASS.items()}
    assert visitor.post(url, form).status_code == 302
    assessment.refresh_from_db()
    assert assessment.scores["results"] == 4
    assert client_for(cast.otto).get(url).status_code == 404
    nql.decide(cast.jonas, application, award=True, scores=assessment.scores, reasons={})
    assert visitor.get(space_page).status_code == 404
    assert visitor.post(url, form).status_code == 404


def test_an_account_merge_moves_applications_and_labels(cast: Cast):
    from comenius.core import lifecycle
    from comenius.recognition.models import NQLApplication

    mette2 = teacher(cast, "mette.s@private.dk.example", "Mette")
    contact(mette2, cast.lucia)
    other = active_project(mette2, cast.lucia, [cast.jonas, cast.ana], "Second account's project")
    nql.decide(cast.jonas, submitted(mette2, other), award=True, scores=SCORES_PASS, reasons={})
    submitted(cast.mette, cast.project)
    lifecycle.run_merge(cast.mette, mette2)
    assert NQLApplication.objects.filter(applicant=cast.mette).count() == 2
    assert Label.objects.get(holder=cast.mette).project == other
    assert not NQLApplication.objects.filter(applicant=mette2).exists()
