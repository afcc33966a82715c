"""Issue 15: every e-mail of the platform comes from the notification service. Each flow that e-mails someone is
run here and every message in the outbox must carry the service's header (`X-Comenius-Notification`) naming a
registered type; a source scan fails on any new code that sends mail around the service. allauth's own
account-security mails (e-mail confirmation, password reset, login codes) are the deliberate exceptions."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command

from comenius.accounts import services as accounts
from comenius.devdata.testing import Cast, register
from comenius.moderation import services as moderation
from comenius.network import services as network
from comenius.network.models import Message
from comenius.notifications import registry
from comenius.notifications.mail import HEADER
from comenius.projects import services as projects

pytestmark = pytest.mark.django_db

# Every type that sends e-mail today. A new e-mailing type is added here (and to a flow below).
MAILING_TYPES = {
    "accounts.validation_decision",
    "accounts.head_confirmation",
    "accounts.account_status",
    "accounts.role_changed",
    "accounts.second_factor_reset",
    "accounts.merge_code",
    "accounts.member_moved",
    "network.contact_request",
    "network.new_messages",
    "projects.cofounder_invitation",
    "projects.cofounder_accepted",
    "projects.cofounder_declined",
    "projects.partner_invitation",
    "projects.partner_answered",
    "projects.project_active",
    "projects.project_returned",
    "projects.invitation_reminder",
    "projects.approval_reminder",
    "moderation.decision",
    "core.download_ready",
    "spaces.reply",
    "spaces.activity",
    "groups.decided",
    "groups.invitation",
    "groups.join_request",
    "groups.request_answered",
    "groups.activity",
    "groups.reply",
    "ambassadors.visitor_contact",
    "ambassadors.appointment",
    "ambassadors.help_offered",
    "certificates.certificate",
    "courses.task_reviewed",
    "events.registration",
    "events.offer",
    "events.change",
    "events.reminder",
    "recognition.assessment",
    "recognition.decided",
    "recognition.school_call",
    "recognition.school_head",
}
# Types that never e-mail anyone (in-app only for everyone, whatever the preferences).
NEVER_MAILED = {"spaces.chat_opened"}

# The only modules that may build or send an e-mail themselves.
MAIL_SENDERS = {
    "comenius/core/emails.py",  # the task that sends what the service (or allauth) rendered
    "comenius/core/mail.py",  # the .eml file backend
    "comenius/notifications/mail.py",  # the service's mails
    "comenius/notifications/digest.py",  # the digest
    "comenius/accounts/adapters.py",  # allauth's account-security mails: the deliberate exception
}
# Apps built at the same time as the notification service that still e-mail by themselves. Each must move onto
# `notify` (the lead engineer tracks it); this list only shrinks — a file not named here fails the scan.
NOT_YET_MOVED: set[str] = set()  # empty: every app e-mails through the service now
SENDING = re.compile(
    r"\b(send_mail|send_mass_mail|send_templated_mail|send_rendered_mail|EmailMessage|EmailMultiAlternatives|mail_admins)\b"
)


def test_no_code_sends_mail_around_the_service():
    root = Path(__file__).resolve().parents[3]
    offenders = []
    for path in sorted((root / "comenius").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative in MAIL_SENDERS | NOT_YET_MOVED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SENDING.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "E-mail must go through comenius.notifications.services.notify:\n" + "\n".join(offenders)


def test_every_mailing_type_is_registered():
    assert set(registry.TYPES) >= MAILING_TYPES


def test_the_list_names_every_registered_type():
    """A new type must be added above (and its e-mail shown to come from the service, here or in its app)."""
    assert set(registry.TYPES) == MAILING_TYPES | NEVER_MAILED
    assert all(registry.TYPES[key].required and registry.TYPES[key].default == "in_app" for key in NEVER_MAILED)


def _types_sent() -> set[str]:
    seen = set()
    for message in mail.outbox:
        header = message.extra_headers.get(HEADER)
        assert header in registry.TYPES, f"sent around the service: {message.subject!r} to {message.to}"
        seen.add(header)
    return seen


def test_each_flow_mails_through_the_service(cast: Cast, settings, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # accounts: a validation decision, the head's link, suspension/reinstatement, a role, a second factor
        anne = register("anne@vestbyskolen.dk.example", "Anne", "Lind", cast.vestbyskolen, language="da")
        accounts.validate_member(cast.jonas, anne.validation_requests.get())
        accounts.ask_head_to_confirm(cast.nina, "rektor@vestbyskolen.dk.example")
        accounts.suspend_account(cast.carla, cast.otto, days=3, reason="Spam")
        accounts.reinstate_account(cast.carla, cast.otto, reason="Ok")
        accounts.change_role(cast.carla, anne, role="nso", country=cast.mette.country, reason="New officer")
        accounts.reset_second_factor(cast.carla, cast.jonas, reason="Lost phone")
        # network: a contact request, unread messages (the batch)
        request = network.request_contact(cast.lucia, cast.otto, "Hola")
        network.accept_contact(cast.otto, request)
        network.send_message(cast.lucia, cast.otto, "Hello Otto")
        Message.objects.update(created_at=Message.objects.first().created_at.replace(year=2020))  # type: ignore[union-attr]
        network.send_message_notifications()
    types = _types_sent()
    assert {
        "accounts.validation_decision",
        "accounts.head_confirmation",
        "accounts.account_status",
        "accounts.role_changed",
        "accounts.second_factor_reset",
        "network.contact_request",
        "network.new_messages",
    } <= types


def test_project_flows_mail_through_the_service(cast: Cast, django_capture_on_commit_callbacks):
    from comenius.devdata.testing import founded_project

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = network.request_contact(cast.mette, cast.otto, "Hej")
        network.accept_contact(cast.otto, request)
        project = founded_project(cast.mette, cast.lucia, "Birds on the coast")
        projects.answer_invitation(cast.lucia, project, accept=False, reason="No time")
        projects.invite_member(cast.mette, cast.project, cast.otto, "teacher")
        projects.answer_invitation(cast.otto, cast.project, accept=True)
        call_command("send_project_reminders", stdout=StringIO())
    types = _types_sent()
    assert {
        "projects.cofounder_invitation",
        "projects.cofounder_declined",
        "projects.partner_invitation",
        "projects.partner_answered",
    } <= types


def test_moderation_decision_mails_through_the_service(cast: Cast, django_capture_on_commit_callbacks):
    from comenius.network.models import ProjectIdea

    idea = ProjectIdea.objects.get(author=cast.lucia)
    report = moderation.report(cast.otto, "idea", idea.pk, "spam")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.decide(cast.carla, report, "hide", reason="Spam")
    assert _types_sent() == {"moderation.decision"}


def test_approval_reminder_and_download_mails_come_from_the_service(cast: Cast, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from comenius.core import downloads
    from comenius.devdata.testing import founded_project
    from comenius.projects.models import ProjectApproval, ProjectMember

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = founded_project(cast.mette, cast.lucia, "Birds on the coast")
        projects.answer_invitation(cast.lucia, first, accept=True)  # cofounder_accepted
        danish = ProjectApproval.objects.get(project=first, country_id="DK")
        projects.reject(cast.jonas, danish, "Describe the pupils' work")  # project_returned
        second = founded_project(cast.mette, cast.lucia, "Trees of the town", key="trees")
        projects.answer_invitation(cast.lucia, second, accept=True)
        for approval in ProjectApproval.objects.filter(project=second):
            projects.approve(cast.jonas if approval.country_id == "DK" else cast.ana, approval)  # project_active
        third = founded_project(cast.mette, cast.lucia, "Rivers", key="rivers")
        long_ago = timezone.now() - timedelta(days=60)
        ProjectMember.objects.filter(project=third).update(created_at=long_ago)
        projects.send_reminders()  # invitation_reminder
        fourth = founded_project(cast.mette, cast.lucia, "Clouds", key="clouds")
        projects.answer_invitation(cast.lucia, fourth, accept=True)
        ProjectApproval.objects.filter(project=fourth).update(created_at=long_ago)
        projects.send_reminders()  # approval_reminder
        downloads.request_download(cast.otto, "my-data")  # core.download_ready (the task runs at once)
    assert {
        "projects.cofounder_accepted",
        "projects.project_returned",
        "projects.project_active",
        "projects.invitation_reminder",
        "projects.approval_reminder",
        "core.download_ready",
    } <= _types_sent()


def test_group_flows_mail_through_the_service(cast: Cast, django_capture_on_commit_callbacks):
    from comenius.groups import services as groups
    from comenius.groups.tests.people import data
    from comenius.notifications import services as notifications

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        group = groups.decide_group(cast.carla, groups.propose_group(cast.mette, data(join_policy="request")), True)
        groups.join(cast.lucia, group)  # join_request to Mette
        groups.decide_request(cast.mette, group.memberships.get(user=cast.lucia), accept=True)  # request_answered
        groups.invite(cast.mette, group, str(cast.otto.email))  # invitation
        groups.answer_invitation(cast.otto, group, accept=True)
        notifications.set_watch(cast.otto, "groups.group", group.pk, "watching")  # activity at once
        topic = groups.start_discussion(cast.lucia, group, "Tape measures", "Which ones last?")
        groups.reply(cast.mette, topic, "The steel ones.")  # reply to Lucía (she watches her discussion)
    assert {
        "groups.decided",
        "groups.join_request",
        "groups.request_answered",
        "groups.invitation",
        "groups.activity",
        "groups.reply",
    } <= _types_sent()
