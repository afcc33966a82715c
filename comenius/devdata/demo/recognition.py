"""Demo data of issue 14: labelled projects in several countries (NQLs from both founders' NSOs, their
certificates and badges), an application waiting in Jonas's queue (Mette's, for the cast's project), an open
European Quality Label round over last school year's labels, an eligible school with an open school label call,
and a prize round whose jury is scoring a shortlist. Everything goes through the services; only the school year
of last year's labels and the members' joining dates are moved afterwards (demo data only)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from comenius.accounts.models import User
from comenius.devdata.testing import register, validated
from comenius.projects.models import Project, ProjectKind, ProjectState
from comenius.recognition import access, rules
from comenius.recognition.models import Label, NQLApplication
from comenius.recognition.services import eql, nql, prizes, school
from comenius.spaces.models import Space
from comenius.spaces.services.content import PageData, save_page

TEXTS = {
    "pedagogy": "Pupils chose the questions themselves and worked in mixed teams across the two schools.",
    "curriculum": "The project covered our science and language goals for the autumn term.",
    "collaboration": "Every product was made by mixed teams; we planned each month in a shared meeting.",
    "technology": "A shared spreadsheet, video calls and the space's pages, chosen for what the pupils needed.",
    "results": "A bilingual exhibition and a map, documented on the pages linked below.",
}
# Scores per label (criteria and sub-criteria), varied so the EQL averages differ.
SCORES = [
    {"pedagogy": 5, "curriculum": 4, "collaboration": 5, "technology": 4, "results": 5,
     "pupil_collaboration": 5, "ict_choice": 4, "safety": 4},
    {"pedagogy": 4, "curriculum": 4, "collaboration": 4, "technology": 4, "results": 4,
     "pupil_collaboration": 4, "ict_choice": 4, "safety": 3},
    {"pedagogy": 4, "curriculum": 3, "collaboration": 4, "technology": 3, "results": 4,
     "pupil_collaboration": 3, "ict_choice": 3, "safety": 3},
]  # fmt: skip


def seed(officers: dict[str, User], cast: Any) -> None:
    this_year = rules.current_school_year()
    european = list(
        Project.objects.filter(kind=ProjectKind.EUROPEAN, state=ProjectState.ACTIVE)
        .exclude(pk=cast.project.pk)
        .select_related("founder", "cofounder")
        .order_by("pk")[:6]
    )
    # Labelled projects: both founders apply, both NSOs award (the first three last school year, for the EQL).
    labelled: list[Project] = []
    for index, project in enumerate(european):
        founders = [person for person in (project.founder, project.cofounder) if person is not None]
        if not all(person.country_id in officers for person in founders):
            continue
        for person in founders:
            application = _sent(person, project)
            nql.decide(officers[person.country_id or ""], application, award=True, scores=SCORES[index % 3], reasons={})
        labelled.append(project)
    last_year = labelled[:3]
    NQLApplication.objects.filter(project__in=last_year).update(school_year=this_year - 1)
    Label.objects.filter(project__in=last_year).update(school_year=this_year - 1)

    # Jonas's queue: Mette's application for the cast's project; Lucía already has hers from the Spanish NSO.
    mettes = _sent(cast.mette, cast.project)
    nql.assign(cast.jonas, mettes, cast.jonas)
    lucias = _sent(cast.lucia, cast.project)
    nql.decide(cast.ana, lucias, award=True, scores=SCORES[1], reasons={})

    # The European round over last school year's labels, open for the NSOs' nominations.
    eql.open_round(cast.carla, this_year - 1)

    # An eligible school (Vestbyskolen) and the school label call that invites its members.
    _eligible_school(cast, officers)
    today = timezone.localdate()
    school.open_call(cast.carla, today - timedelta(days=3), today + timedelta(days=40))

    # A prize round whose jury scores the shortlist (the projects with this year's applications).
    round = prizes.open_round(cast.carla, f"Comenius Prizes {rules.year_label(this_year)}", ["Citizenship"])
    entered = [*labelled[3:], cast.project]
    categories = {category.age_band: category for category in round.categories.all()}
    for project in entered:
        teacher = _teacher_with_application(project, this_year)
        if teacher is None:
            continue
        band = _band(project)
        entry = prizes.enter(teacher, round, project, categories.get(band) or categories["7_11"])
        prizes.shortlist(cast.carla, entry)
    prizes.add_juror(cast.carla, round, cast.otto)
    prizes.add_juror(cast.carla, round, cast.jonas)
    prizes.start_judging(cast.carla, round)


def _evidence(person: User, project: Project) -> None:
    space = Space.objects.filter(project=project).first()
    if space is not None:
        save_page(person, space, PageData(title="What we made together", body="<p>Our results.</p>", is_draft=False))


def _sent(person: User, project: Project) -> NQLApplication:
    _evidence(person, project)
    application = nql.start_application(person, project)
    pages, _materials = access.evidence_choices(application)
    nql.save_draft(
        person,
        application,
        nql.ApplicationData(
            texts=TEXTS, pages=list(pages.values_list("pk", flat=True)[:3]), materials=[], declared=True
        ),
    )
    return nql.submit(person, application)


def _eligible_school(cast: Any, officers: dict[str, User]) -> None:
    """Vestbyskolen: Mette, Otto and a colleague with years on the platform, and an NQL of this school year."""
    colleague = validated(
        register("ida@vestbyskolen.dk.example", "Ida", "Bak", cast.vestbyskolen, language="da"), cast.jonas
    )
    three_years_ago = timezone.now() - timedelta(days=3 * 365)
    User.objects.filter(pk__in=[cast.mette.pk, cast.otto.pk, colleague.pk]).update(date_joined=three_years_ago)
    if not Label.objects.filter(institution=cast.vestbyskolen, school_year=rules.current_school_year()).exists():
        # Otto's project with Lucía, labelled by Jonas.
        from comenius.devdata.testing import active_project
        from comenius.network import services as network
        from comenius.network.access import are_contacts

        if not are_contacts(cast.otto, cast.lucia.pk):
            request = network.request_contact(cast.otto, cast.lucia, "")
            network.accept_contact(cast.lucia, request)
        project = active_project(cast.otto, cast.lucia, [cast.jonas, cast.ana], "Stories of our harbours")
        application = _sent(cast.otto, project)
        nql.decide(cast.jonas, application, award=True, scores=SCORES[0], reasons={})


def _teacher_with_application(project: Project, year: int) -> User | None:
    application = (
        NQLApplication.objects.filter(project=project, school_year=year, state__in=["submitted", "awarded", "refused"])
        .select_related("applicant")
        .first()
    )
    return application.applicant if application else None


def _band(project: Project) -> str:
    low, high = project.age_min or 0, project.age_max or 0
    for band, (start, end) in (("up_to_6", (0, 6)), ("7_11", (7, 11)), ("12_15", (12, 15)), ("16_19", (16, 19))):
        if start <= low <= end and high <= end + 2:
            return band
    return "7_11"
