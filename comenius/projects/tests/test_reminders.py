"""Reminders (`send_project_reminders`): an invitation or an approval waiting longer than PROJECT_REMINDER_DAYS is
reminded once, then again only after as many days more."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from comenius.devdata.testing import founded_project
from comenius.projects import services
from comenius.projects.models import ProjectApproval, ProjectMember, ProjectRole
from comenius.projects.tests.helpers import in_language, make_contacts, officer, teacher

pytestmark = pytest.mark.django_db


def days(count: float) -> timedelta:
    return timedelta(days=count)


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Run the reminders (the command, or the service at a given time) and return the e-mails they sent."""

    def run(now=None) -> list:
        sent_before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            if now is None:
                out = StringIO()
                call_command("send_project_reminders", stdout=out)
                count = int(out.getvalue().split()[0])
            else:
                count = services.send_reminders(now=now)
        sent = mail.outbox[sent_before:]
        assert count == len(sent)
        return sent

    return run


def test_an_invited_cofounder_is_reminded_after_the_configured_days(cast, remind):
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    invitation = ProjectMember.objects.get(project=project, user=cast.lucia)
    now = timezone.now()
    assert remind() == []  # just invited

    ProjectMember.objects.filter(pk=invitation.pk).update(created_at=now - days(settings.PROJECT_REMINDER_DAYS - 1))
    assert remind() == []  # not yet

    ProjectMember.objects.filter(pk=invitation.pk).update(created_at=now - days(settings.PROJECT_REMINDER_DAYS + 1))
    (reminder,) = remind()
    assert reminder.to == [cast.lucia.email] and "Seasons" in reminder.subject
    invitation.refresh_from_db()
    assert invitation.reminded_at is not None

    assert remind() == []  # the same day
    assert remind(now + days(1)) == []  # the next day
    (again,) = remind(now + days(settings.PROJECT_REMINDER_DAYS + 0.5))  # after as many days again
    assert again.to == [cast.lucia.email]

    # Answered: no more reminders for Lucía (the NSOs now hold the next step).
    services.answer_invitation(cast.lucia, project, accept=True)
    later = remind(now + days(3 * settings.PROJECT_REMINDER_DAYS))
    assert sorted(m.to[0] for m in later) == sorted([cast.jonas.email, cast.ana.email])


def test_the_reminder_is_in_the_invitees_language(cast, remind):
    project = founded_project(cast.lucia, cast.mette, "Seasons")  # Mette works in Danish
    ProjectMember.objects.filter(project=project, user=cast.mette).update(created_at=timezone.now() - days(30))
    (reminder,) = remind()
    expected = in_language("da", 'Reminder: an invitation to "%(title)s" waits for your answer') % {"title": "Seasons"}
    assert reminder.subject == "[Comenius] " + expected and expected.startswith("Påmindelse")


def test_partner_invitations_are_reminded_while_they_can_be_answered(cast, remind):
    make_contacts(cast.otto, cast.mette)
    row = services.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    ProjectMember.objects.filter(pk=row.pk).update(created_at=timezone.now() - days(30))
    (reminder,) = remind()
    assert reminder.to == [cast.otto.email]
    # A closed project takes no new partners: no reminder to answer an invitation that would be refused.
    ProjectMember.objects.filter(pk=row.pk).update(reminded_at=None)
    services.close_project(cast.mette, cast.project)
    assert remind() == []


def test_the_nso_officers_are_reminded_of_waiting_approvals(cast, remind):
    second_dane = officer("DK", "Freja")
    france = officer("FR", "Camille")
    karen = teacher("DK", cast.jonas, "Karen", contact_of=cast.mette)
    european = founded_project(cast.mette, cast.lucia, "Seasons")
    services.answer_invitation(cast.lucia, european, accept=True)
    national = founded_project(cast.mette, karen, "Vikings")
    services.answer_invitation(karen, national, accept=True)
    now = timezone.now()
    assert remind() == []

    ProjectApproval.objects.filter(state="pending").update(created_at=now - days(settings.PROJECT_REMINDER_DAYS + 1))
    sent = remind()
    # One e-mail per officer of each country concerned, listing that country's projects; none to France or Carla.
    assert sorted(m.to[0] for m in sent) == sorted([cast.jonas.email, second_dane.email, cast.ana.email])
    to_jonas = next(m for m in sent if m.to == [cast.jonas.email])
    assert "Seasons" in to_jonas.body and "Vikings" in to_jonas.body
    to_ana = next(m for m in sent if m.to == [cast.ana.email])
    assert "Seasons" in to_ana.body and "Vikings" not in to_ana.body
    assert france.email not in [m.to[0] for m in sent] and cast.carla.email not in [m.to[0] for m in sent]

    assert remind() == []
    assert remind(now + days(1)) == []
    # Denmark decides on its part; only Spain is still waiting the next time.
    services.approve(cast.jonas, ProjectApproval.objects.get(project=european, country_id="DK"))
    services.approve(cast.jonas, ProjectApproval.objects.get(project=national, country_id="DK"))
    again = remind(now + days(settings.PROJECT_REMINDER_DAYS + 0.5))
    assert [m.to for m in again] == [[cast.ana.email]]


def test_the_reminder_days_come_from_the_settings(cast, remind, settings):
    settings.PROJECT_REMINDER_DAYS = 2
    project = founded_project(cast.mette, cast.lucia, "Seasons")
    ProjectMember.objects.filter(project=project, user=cast.lucia).update(created_at=timezone.now() - days(3))
    assert [m.to for m in remind()] == [[cast.lucia.email]]
