"""The school label: eligibility from data (3 teachers, 2 years, a recent NQL), the call and its invitations,
the head's link (valid, expired, tampered), the NSO's decision and the two years of validity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.uploads import CheckedFile
from comenius.devdata.testing import Cast, client_for, register, validated
from comenius.recognition import access, rules
from comenius.recognition.models import Label, LabelKind, SchoolApplicationState
from comenius.recognition.services import nql, school
from comenius.recognition.tests.helpers import SCORES_PASS, submitted

pytestmark = pytest.mark.django_db


def _long_standing(*users: User) -> None:
    User.objects.filter(pk__in=[u.pk for u in users]).update(date_joined=timezone.now() - timedelta(days=800))


def _third_teacher(cast: Cast) -> User:
    return validated(register("ida@vestbyskolen.dk.example", "Ida", "Bak", cast.vestbyskolen), cast.jonas)


def _eligible(cast: Cast) -> None:
    ida = _third_teacher(cast)
    _long_standing(cast.mette, cast.otto, ida)
    application = submitted(cast.mette, cast.project)
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})


def test_eligibility_is_computed_from_data(cast: Cast):
    school_id = cast.vestbyskolen.pk
    assert not access.school_eligibility(school_id).eligible
    ida = _third_teacher(cast)
    _long_standing(cast.mette, cast.otto)
    application = submitted(cast.mette, cast.project)
    nql.decide(cast.jonas, application, award=True, scores=SCORES_PASS, reasons={})
    found = access.school_eligibility(school_id)
    assert (found.teachers, found.recent_nqls, found.eligible) == (2, 1, False)  # Ida is new
    _long_standing(ida)
    assert access.school_eligibility(school_id).eligible
    # An NQL older than the last two school years does not count.
    Label.objects.filter(kind=LabelKind.NQL).update(school_year=rules.current_school_year() - 2)
    assert not access.school_eligibility(school_id).eligible
    assert cast.vestbyskolen not in school.eligible_institutions()


def test_the_call_invites_eligible_institutions_members(cast: Cast, django_capture_on_commit_callbacks):
    _eligible(cast)
    today = timezone.localdate()
    with pytest.raises(DomainError):
        school.open_call(cast.jonas, today, today + timedelta(days=30))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call = school.open_call(cast.carla, today, today + timedelta(days=30))
    assert call.invited == 3
    assert {message.to[0] for message in mail.outbox} >= {cast.mette.email, cast.otto.email}
    page = client_for(cast.otto).get(reverse("recognition:school"))
    assert "Start the application" in page.content.decode() or "Påbegynd" in page.content.decode()


def _ready_application(cast: Cast):
    _eligible(cast)
    today = timezone.localdate()
    school.open_call(cast.carla, today, today + timedelta(days=30))
    application = school.start(cast.mette)
    answers = {code: f"We live {code}." for code in rules.PRINCIPLE_CODES}
    policy = CheckedFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    school.save(cast.mette, application, answers, policy, "rektor@vestbyskolen.dk.example")
    return school.ask_head(cast.mette, application)


def test_head_link_valid_expired_and_tampered(cast: Cast, settings):
    application = _ready_application(cast)
    token = school.head_token(application)
    url = reverse("recognition:school_head", args=[token])
    anonymous = client_for(None)
    assert anonymous.get(url).status_code == 200
    assert anonymous.get(reverse("recognition:school_head", args=[token[:-2] + "xx"])).status_code == 404
    forged = signing.dumps(
        {"application": application.pk, "head": "someone@else.example"}, salt=school.HEAD_DECLARATION_SALT
    )
    assert anonymous.get(reverse("recognition:school_head", args=[forged])).status_code == 404
    settings.HEAD_CONFIRMATION_MAX_AGE_DAYS = 0
    with pytest.raises(Exception, match="expired"):
        import time

        time.sleep(1.1)
        school.application_from_head_token(token)
    assert anonymous.get(url).status_code == 410
    settings.HEAD_CONFIRMATION_MAX_AGE_DAYS = 14
    assert anonymous.post(url, {"answer": "declare"}).status_code == 200
    application.refresh_from_db()
    assert application.state == SchoolApplicationState.SUBMITTED


def test_the_nso_decides_and_the_label_is_valid_two_years(cast: Cast):
    application = _ready_application(cast)
    school.head_declares(school.head_token(application))
    with pytest.raises(DomainError, match="national team of the institution"):
        school.decide(cast.ana, application, award=True, reason="")
    assert client_for(cast.ana).get(reverse("recognition:school_review", args=[application.pk])).status_code == 404
    school.decide(cast.jonas, application, award=True, reason="")
    application.refresh_from_db()
    label = application.label
    assert label is not None and label.kind == LabelKind.SCHOOL
    today = timezone.localdate()
    assert label.valid_until == today.replace(year=today.year + 2)
    assert [badge.kind for badge in access.badges_of_institution(cast.vestbyskolen.pk)] == ["nql", "school"]
    # After the two years it no longer shows.
    Label.objects.filter(pk=label.pk).update(valid_until=today - timedelta(days=1))
    assert [badge.kind for badge in access.badges_of_institution(cast.vestbyskolen.pk)] == ["nql"]


def test_a_signed_esafety_policy_is_kept_only_after_the_warning(cast: Cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from comenius.core.tests import metadata_corpus as corpus

    _eligible(cast)
    today = timezone.localdate()
    school.open_call(cast.carla, today, today + timedelta(days=30))
    application = school.start(cast.mette)
    signed = corpus.pdf(signed=True)
    answers = {f"principle_{code}": "We do." for code in rules.PRINCIPLE_CODES}
    client = client_for(cast.mette)
    post = {**answers, "action": "save", "head_email": ""}
    refused = client.post(
        reverse("recognition:school"), {**post, "esafety_policy": SimpleUploadedFile("p.pdf", signed)}
    )
    assert refused.status_code == 400
    assert 'name="keep_details"' in refused.content.decode()  # Mette reads Danish: the box the warning names
    application.refresh_from_db()
    assert not application.esafety_policy
    kept = client.post(
        reverse("recognition:school"),
        {**post, "keep_details": "on", "esafety_policy": SimpleUploadedFile("p.pdf", signed)},
    )
    assert kept.status_code == 302
    application.refresh_from_db()
    assert application.esafety_policy
