"""Reports and moderation through the HTTP layer: each kind of content, routing to the right moderators,
hide/restore/delete/warn/suspend/ban, and what hidden content looks like to everyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comenius.accounts import services as accounts
from comenius.accounts.models import User
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import CAST_PASSWORD, DEMO_TOTP_SECRET, Cast, client_for
from comenius.moderation import services
from comenius.moderation.models import Report, ReportState
from comenius.network.access import IdeaFilters, PeopleFilters, search_people, visible_ideas
from comenius.network.models import Message, Profile, ProjectIdea

pytestmark = pytest.mark.django_db


def report_url(kind: str, object_id: int) -> str:
    return reverse("moderation:report", args=[kind, object_id])


def lucias_idea() -> ProjectIdea:
    return ProjectIdea.objects.get(title="Water in our cities")


def decide(officer: User, report: Report, action: str, reason: str = "Against the code of conduct", days: str = ""):
    return client_for(officer).post(
        reverse("moderation:case", args=[report.pk]), {"action": action, "reason": reason, "suspend_days": days}
    )


def test_every_kind_can_be_reported_and_reaches_the_authors_nso(cast: Cast):
    otto = client_for(cast.otto)
    message = Message.objects.filter(sender=cast.mette).first()
    assert message is not None
    targets = [
        ("member", cast.lucia.pk, cast.lucia, "ES"),
        ("idea", lucias_idea().pk, cast.lucia, "ES"),
        ("project", cast.project.pk, cast.mette, "DK"),
    ]
    for kind, object_id, author, country in targets:
        page = otto.get(report_url(kind, object_id))
        assert page.status_code == 200
        response = otto.post(report_url(kind, object_id), {"reason": "spam", "comment": "Selling things"})
        assert response.status_code == 302
        report = Report.objects.get(kind=kind, object_id=object_id)
        assert (report.author, report.country_id, report.reporter) == (author, country, cast.otto)
        assert report.snapshot
    # A message is reported by the person who received it.
    lucia = client_for(cast.lucia)
    assert lucia.post(report_url("message", message.pk), {"reason": "inappropriate"}).status_code == 302
    report = Report.objects.get(kind="message")
    assert report.snapshot == message.body and report.country_id == "DK"
    # Routing: the Danish NSO sees reports about Danes, the Spanish NSO about Spaniards, central all.
    jonas_queue = client_for(cast.jonas).get(reverse("moderation:queue")).content.decode()
    ana_queue = client_for(cast.ana).get(reverse("moderation:queue")).content.decode()
    assert "Shall we start" in jonas_queue and "Water in our cities" in ana_queue
    assert "Shall we start" not in ana_queue and "Pupils measure and compare" not in jonas_queue
    assert Report.objects.count() == 4
    assert client_for(cast.carla).get(reverse("moderation:queue")).content.decode().count("moderation/") >= 4


def test_what_cannot_be_reported(cast: Cast, settings):
    message = Message.objects.filter(sender=cast.mette).first()
    assert message is not None
    # One's own content, and what one cannot see: 404, nothing stored.
    assert client_for(cast.lucia).get(report_url("member", cast.lucia.pk)).status_code == 404
    assert client_for(cast.mette).get(report_url("message", message.pk)).status_code == 404  # her own
    assert client_for(cast.otto).get(report_url("message", message.pk)).status_code == 404  # not his conversation
    assert client_for(cast.otto).get(report_url("nonsense", 1)).status_code == 404
    assert client_for(cast.nina).get(report_url("member", cast.lucia.pk)).status_code == 302  # pending member
    # A bad reason is a form error; a double submit stores one report; the daily limit holds.
    otto = client_for(cast.otto)
    assert otto.post(report_url("member", cast.lucia.pk), {"reason": "<script>"}).status_code == 400
    otto.post(report_url("member", cast.lucia.pk), {"reason": "spam"})
    otto.post(report_url("member", cast.lucia.pk), {"reason": "spam"})
    assert Report.objects.count() == 1
    settings.REPORTS_PER_DAY = 1
    response = otto.post(report_url("idea", lucias_idea().pk), {"reason": "spam"})
    assert response.status_code == 400 and "many reports today" in response.content.decode()
    assert Report.objects.count() == 1


def test_moderators_of_another_country_cannot_act(cast: Cast):
    report = services.report(cast.otto, "idea", lucias_idea().pk, "spam")
    assert client_for(cast.jonas).get(reverse("moderation:case", args=[report.pk])).status_code == 404
    assert decide(cast.jonas, report, "hide").status_code == 404
    with pytest.raises(Exception, match="national support organisation"):
        services.decide(cast.jonas, report, "hide", "No")
    assert not ProjectIdea.objects.get(pk=report.object_id).hidden_at
    # Members never reach the queue.
    assert client_for(cast.mette).get(reverse("moderation:queue")).status_code == 404


def test_hidden_idea_is_gone_for_everyone_but_moderators_and_can_come_back(cast: Cast):
    idea = lucias_idea()
    report = services.report(cast.otto, "idea", idea.pk, "spam")
    mail.outbox.clear()
    assert decide(cast.ana, report, "hide", "Advertising is not allowed").status_code == 302
    idea.refresh_from_db()
    assert idea.hidden_at is not None
    for user in (cast.otto, cast.mette, cast.lucia):
        assert client_for(user).get(reverse("network:idea", args=[idea.pk])).status_code == 404
        assert idea not in visible_ideas(user, IdeaFilters())
    assert "Hidden by a moderator" in client_for(cast.lucia).get(reverse("network:my_ideas")).content.decode()
    # The moderator still sees it in context; the author got the reason in their language.
    case = client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).content.decode()
    assert "Pupils measure and compare" in case
    assert [m.to for m in mail.outbox] == [[cast.lucia.email]] and "Advertising is not allowed" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="moderation.hide")
    assert (event.actor, event.country_id, event.reason) == (cast.ana, "ES", "Advertising is not allowed")
    # Deciding the same report again is refused; restoring is possible.
    assert decide(cast.ana, report, "delete").status_code == 400
    assert decide(cast.ana, report, "restore", "Checked again: fine").status_code == 302
    idea.refresh_from_db()
    assert idea.hidden_at is None
    assert client_for(cast.otto).get(reverse("network:idea", args=[idea.pk])).status_code == 200


def test_hidden_message_shows_as_hidden_to_both_sides_and_deleted_content_is_gone(cast: Cast):
    message = Message.objects.filter(sender=cast.mette).first()
    assert message is not None
    report = services.report(cast.lucia, "message", message.pk, "inappropriate")
    assert decide(cast.jonas, report, "hide").status_code == 302
    for user, notice in ((cast.mette, "skjult af en moderator"), (cast.lucia, "hidden by a moderator")):
        page = client_for(user).get(reverse("network:conversation", args=[message.conversation_id])).content.decode()
        assert notice in page and message.body not in page
    idea = lucias_idea()
    report = services.report(cast.otto, "idea", idea.pk, "copyright")
    assert decide(cast.ana, report, "delete", "Copied from a book").status_code == 302
    assert not ProjectIdea.objects.filter(pk=idea.pk).exists()
    assert client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).status_code == 200


def test_hidden_member_and_project_leave_search(cast: Cast):
    report = services.report(cast.otto, "member", cast.lucia.pk, "inappropriate")
    assert decide(cast.ana, report, "hide").status_code == 302
    assert not Profile.objects.get(user=cast.lucia).listed
    assert cast.lucia.pk not in [p.user_id for p in search_people(cast.otto, PeopleFilters())]
    assert client_for(cast.otto).get(reverse("network:person", args=[cast.lucia.pk])).status_code == 404
    assert client_for(cast.lucia).get(reverse("network:edit_profile")).status_code == 200  # her own page works

    report = services.report(cast.otto, "project", cast.project.pk, "inappropriate")
    assert decide(cast.jonas, report, "hide").status_code == 302
    search = client_for(cast.otto).get(reverse("projects:search")).content.decode()
    gallery = Client().get(reverse("projects:gallery")).content.decode()
    assert "Water in our cities" not in search and "Water in our cities" not in gallery
    assert client_for(cast.otto).get(reverse("projects:detail", args=[cast.project.pk])).status_code == 404
    assert client_for(cast.mette).get(reverse("projects:detail", args=[cast.project.pk])).status_code == 200


def test_warning_suspension_and_ban(cast: Cast):
    report = services.report(cast.otto, "member", cast.mette.pk, "inappropriate")
    mail.outbox.clear()
    assert decide(cast.jonas, report, "warn", "Please keep a friendly tone").status_code == 302
    # Mette reads Danish: the e-mail is in Danish.
    assert mail.outbox[0].to == [cast.mette.email] and "Please keep a friendly tone" in mail.outbox[0].body
    assert "moderator" in mail.outbox[0].body.lower()

    report = services.report(cast.lucia, "member", cast.mette.pk, "inappropriate")
    mette = Client()
    assert mette.login(username=cast.mette.email, password=CAST_PASSWORD)
    assert mette.get(reverse("site:home")).status_code == 200
    assert decide(cast.jonas, report, "suspend", "Repeated insults", days="").status_code == 400  # days needed
    assert decide(cast.jonas, report, "suspend", "Repeated insults", days="7").status_code == 302
    cast.mette.refresh_from_db()
    assert not cast.mette.is_active
    assert cast.mette.suspended_until is not None and cast.mette.suspended_until > timezone.now() + timedelta(days=6)
    # Her open session ends at once, she cannot log in, and she leaves search.
    assert mette.get(reverse("site:home")).status_code == 302
    assert not Client().login(username=cast.mette.email, password=CAST_PASSWORD)
    assert not Profile.objects.get(user=cast.mette).listed
    assert accounts.lift_ended_suspensions() == 0
    assert accounts.lift_ended_suspensions(timezone.now() + timedelta(days=8)) == 1
    cast.mette.refresh_from_db()
    assert cast.mette.is_active and Profile.objects.get(user=cast.mette).listed

    report = services.report(cast.otto, "member", cast.lucia.pk, "child_safety")
    assert decide(cast.ana, report, "ban", "Grooming attempt").status_code == 302
    cast.lucia.refresh_from_db()
    assert not cast.lucia.is_active and cast.lucia.suspended_until is None
    assert accounts.lift_ended_suspensions(timezone.now() + timedelta(days=1000)) == 0
    assert AuditEvent.objects.filter(action__startswith="moderation.").count() == 3


def test_only_members_can_be_sanctioned_and_reports_settle_together(cast: Cast):
    first = services.report(cast.otto, "idea", lucias_idea().pk, "spam")
    second = services.report(cast.mette, "idea", lucias_idea().pk, "spam")
    assert decide(cast.ana, first, "dismiss", "").status_code == 302
    assert set(Report.objects.values_list("state", flat=True)) == {ReportState.DISMISSED}
    assert Report.objects.get(pk=second.pk).decided_by == cast.ana
    # A French officer (another country, with MFA) sees nothing of it.
    france = Country.objects.get(code="FR")
    officer = accounts.create_officer(
        role="nso", email="nso@fr.example", first_name="Luc", last_name="Petit", country=france, password="x"
    )
    accounts.enable_totp(officer, DEMO_TOTP_SECRET)
    assert client_for(officer).get(reverse("moderation:case", args=[first.pk])).status_code == 404
