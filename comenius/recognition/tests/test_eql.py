"""The European Quality Label round: projects with NQLs in one country are excluded; the 25 % cap and the
threshold apply per NSO; central support confirms and every teacher holding the project's NQL gets the EQL."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, active_project, client_for
from comenius.projects.models import Project
from comenius.recognition import access, rules
from comenius.recognition.models import Label, LabelKind, NQLApplication, RuleSet
from comenius.recognition.services import eql, nql, rulesets
from comenius.recognition.tests.helpers import SCORES_PASS, contact, submitted, teacher

pytestmark = pytest.mark.django_db


def _award(officer: User, teacher_: User, project: Project, total_bonus: int = 0) -> None:
    application = submitted(teacher_, project)
    scores = {**SCORES_PASS, "results": SCORES_PASS["results"] + total_bonus}
    nql.decide(officer, application, award=True, scores=scores, reasons={})


def _round(cast: Cast):
    return eql.open_round(cast.carla, rules.current_school_year())


def test_single_country_nqls_are_excluded_and_two_country_ones_listed(cast: Cast):
    _award(cast.jonas, cast.mette, cast.project)  # only the Danish label so far
    round = _round(cast)
    assert access.eql_candidates(round) == []
    _award(cast.ana, cast.lucia, cast.project, total_bonus=1)
    [candidate] = access.eql_candidates(round)
    assert candidate.project == cast.project and candidate.countries == 2
    assert candidate.average == 21.5  # (21 + 22) / 2


def test_cap_and_threshold_per_nso(cast: Cast):
    year = rules.current_school_year()
    RuleSet.objects.create(school_year=year, **{**rulesets.initial(year), "eql_threshold": 21})
    # Four Danish-Spanish projects labelled in both countries; one below the threshold.
    projects = [cast.project] + [
        active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], f"Shared project {n}") for n in range(3)
    ]
    for number, project in enumerate(projects):
        low = -2 if number == 3 else 0
        _award(cast.jonas, cast.mette, project, total_bonus=low)
        _award(cast.ana, cast.lucia, project, total_bonus=low)
    round = _round(cast)
    assert access.nso_labelled_projects(round, "DK") == 4
    assert access.nomination_cap(round, "DK") == 1  # 25 % of 4
    candidates = access.nso_candidates(round, "DK")
    assert projects[3] not in [c.project for c in candidates]  # average 19 < 21
    eql.nominate(cast.jonas, round, candidates[0].project)
    with pytest.raises(DomainError, match="may nominate 1 projects"):
        eql.nominate(cast.jonas, round, candidates[1].project)
    with pytest.raises(DomainError, match="Only projects your team labelled"):
        eql.nominate(cast.ana, round, projects[3])
    # Spain's cap is its own.
    eql.nominate(cast.ana, round, candidates[1].project)
    with pytest.raises(DomainError, match="Only central support"):
        eql.confirm(cast.jonas, round)
    awarded = eql.confirm(cast.carla, round)
    # Each nominated project: every teacher who holds its NQL receives the EQL (Mette and Lucía).
    assert awarded == 4
    assert Label.objects.filter(kind=LabelKind.EQL, holder=cast.mette).count() == 2


def test_the_round_page_for_nso_and_central(cast: Cast):
    _award(cast.jonas, cast.mette, cast.project)
    _award(cast.ana, cast.lucia, cast.project)
    # The round opened from the page looks at the previous school year (labels one year, the EQL the next).
    last_year = rules.current_school_year() - 1
    NQLApplication.objects.update(school_year=last_year)
    Label.objects.update(school_year=last_year)
    carla = client_for(cast.carla)
    url = reverse("recognition:eql")
    assert carla.post(url, {"action": "open"}).status_code == 302
    jonas = client_for(cast.jonas)
    page = jonas.get(url)
    assert page.status_code == 200 and cast.project.title in page.content.decode()
    assert jonas.post(url, {"action": "nominate", "project": cast.project.pk}).status_code == 302
    assert access.nso_candidates(access.open_eql_round(), "DK")[0].nominated  # type: ignore[arg-type]
    assert carla.post(url, {"action": "confirm"}).status_code == 302
    assert Label.objects.filter(kind=LabelKind.EQL).count() == 2


def test_a_project_labelled_in_one_country_by_two_teachers_is_still_single_country(cast: Cast):
    karen = teacher(cast, "karen@nord.dk.example", "Karen")
    contact(cast.mette, karen)
    contact(karen, cast.lucia)
    project = active_project(karen, cast.lucia, [cast.jonas, cast.ana], "Birds across borders")
    _award(cast.jonas, karen, project)
    assert access.eql_candidates(_round(cast)) == []
