"""Permission-matrix rows of recognition (merged into site/tests/test_permission_matrix.py).

The objects are made through the services once per matrix run and found again by the later rows: Mette's
National Quality Label application for the cast's project (sent, then awarded), Lucía's (refused: she may
appeal), a school label application of Vestbyskolen waiting for its head, and an open prize round with Otto on
its jury."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from comenius.devdata.testing import Cast
from comenius.recognition.models import Label, NQLApplication, PrizeRound, SchoolLabelApplication, SchoolLabelCall

MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]
ROLES = ["anon", *MEMBERS, "nina", "pia", *OFFICERS]


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    table = {"anon": anon, "nina": nina, "pia": pia}
    table.update(dict.fromkeys(MEMBERS, members))
    table.update(dict.fromkeys(OFFICERS, officers))
    table.update(overrides)
    return table


def statuses(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


def _applications(cast: Cast) -> tuple[NQLApplication, NQLApplication]:
    from comenius.recognition.services import nql
    from comenius.recognition.tests.helpers import SCORES_PASS, submitted

    mettes = NQLApplication.objects.filter(applicant=cast.mette).first()
    if mettes is None:
        mettes = submitted(cast.mette, cast.project)
        nql.decide(cast.jonas, mettes, award=True, scores=SCORES_PASS, reasons={})
        lucias = submitted(cast.lucia, cast.project)
        nql.decide(cast.ana, lucias, award=False, scores=SCORES_PASS, reasons={"results": "Too little."})
    return mettes, NQLApplication.objects.get(applicant=cast.lucia)


def mettes_application(cast: Cast) -> dict[str, Any]:
    return {"pk": _applications(cast)[0].pk}


def ottos_assessment(cast: Cast) -> dict[str, Any]:
    """Otto assesses Mette's application (made directly: the cast has no ambassador)."""
    from comenius.recognition.models import Assessment

    found = Assessment.objects.filter(assessor=cast.otto).first()
    if found is None:
        found = Assessment.objects.create(application=_applications(cast)[0], assessor=cast.otto)
    return {"pk": found.pk}


def lucias_refused(cast: Cast) -> dict[str, Any]:
    return {"pk": _applications(cast)[1].pk}


def mettes_label(cast: Cast) -> dict[str, Any]:
    _applications(cast)
    return {"pk": Label.objects.get(holder=cast.mette).pk}


def the_project(cast: Cast) -> dict[str, Any]:
    return {"project_pk": cast.project.pk}


def _school_application(cast: Cast) -> SchoolLabelApplication:
    found = SchoolLabelApplication.objects.filter(institution=cast.vestbyskolen).first()
    if found is not None:
        return found
    today = timezone.localdate()
    call = SchoolLabelCall.objects.create(
        school_year=today.year, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30)
    )
    # Made directly: the cast's school is not eligible (its teachers are new); the pages are what is checked.
    from django.core.files.base import ContentFile

    found = SchoolLabelApplication(
        call=call,
        institution=cast.vestbyskolen,
        applicant=cast.mette,
        state="awaiting_head",
        self_assessment={"shared_leadership": "We plan together."},
        head_email="rektor@vestbyskolen.dk.example",
        esafety_content_type="application/pdf",
    )
    found.esafety_policy.save("policy", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    found.save()
    return found


def school_application(cast: Cast) -> dict[str, Any]:
    return {"pk": _school_application(cast).pk}


def head_token(cast: Cast) -> dict[str, Any]:
    from comenius.recognition.services import school

    return {"token": school.head_token(_school_application(cast))}


def prize_round(cast: Cast) -> dict[str, Any]:
    from comenius.recognition.services import prizes

    found = PrizeRound.objects.first()
    if found is None:
        found = prizes.open_round(cast.carla, "Comenius Prizes", ["Citizenship"])
        prizes.add_juror(cast.carla, found, cast.otto)
    return {"pk": found.pk}


NO_ARGS: Any = lambda cast: {}  # noqa: E731
MEMBER_PAGE = per_group(302, 200, 302, 404, 404)
OFFICER_PAGE = per_group(302, 404, 404, 404, 200)

ROWS: dict[str, tuple[Any, dict[str, int]]] = {
    # The teacher's pages (validated members; pending members are sent to their status page).
    "recognition:mine": (NO_ARGS, MEMBER_PAGE),
    "recognition:start": (the_project, per_group(302, 405, 302, 404, 404)),
    "recognition:application": (mettes_application, per_group(302, 404, 302, 404, 404, mette=200)),
    "recognition:assessments": (NO_ARGS, MEMBER_PAGE),
    "recognition:assess": (ottos_assessment, per_group(302, 404, 302, 404, 404, otto=200)),
    "recognition:appeal": (lucias_refused, per_group(302, 404, 302, 404, 404, lucia=200)),
    "recognition:profile_badge": (mettes_label, per_group(302, 405, 302, 404, 404)),
    # The NSO (MFA): another country's application is 404.
    "recognition:queue": (NO_ARGS, OFFICER_PAGE),
    "recognition:review": (mettes_application, per_group(302, 404, 404, 404, 200, ana=404)),
    "recognition:eql": (NO_ARGS, OFFICER_PAGE),
    # School label: the institution's members and its country's NSO; the head's link needs no login.
    "recognition:school": (NO_ARGS, MEMBER_PAGE),
    "recognition:school_policy": (school_application, per_group(404, 200, 404, 404, 200, lucia=404, ana=404)),
    "recognition:school_head": (head_token, statuses(200, pia=404)),
    "recognition:school_queue": (NO_ARGS, OFFICER_PAGE),
    "recognition:school_calls": (NO_ARGS, per_group(302, 404, 404, 404, 404, carla=200)),
    "recognition:school_review": (school_application, per_group(302, 404, 404, 404, 200, ana=404)),
    # Prizes: central support runs them (NSOs read); members enter while open; the jury scores.
    "recognition:prizes": (NO_ARGS, OFFICER_PAGE),
    "recognition:prize_manage": (prize_round, OFFICER_PAGE),
    "recognition:prize_round": (prize_round, per_group(404, 200, 404, 404, 404)),
    "recognition:prize_jury": (prize_round, per_group(302, 404, 404, 404, 404, otto=200)),
    # Public: the labelled projects.
    "recognition:labelled": (NO_ARGS, statuses(200, pia=404)),
}
