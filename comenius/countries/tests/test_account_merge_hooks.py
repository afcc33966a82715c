"""Account merge (issue 12): each app's `merge` hook with real rows on both accounts.

Otto's account is merged into Mette's (both validated teachers at Vestbyskolen) by their NSO. Before the merge
both accounts hold rows in the same places — the same contact, the same project, the same like, the same event,
the same certificate, the same report — so every hook has to settle a duplicate instead of just moving rows.
After the merge no row of any app points at Otto's account (the deletion tests' check), nothing was lost, and
the audit entry names what was settled.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from comenius.accounts import merge
from comenius.accounts.models import KnownLoginAddress, User
from comenius.core.models import AuditEvent
from comenius.countries.tests.test_account_merge import _rows_of
from comenius.events import services as events
from comenius.events.models import Registration
from comenius.events.tests.helpers import central_webinar, danish_event
from comenius.institutions.models import Membership
from comenius.network import services as network
from comenius.network.models import ContactRequest, Conversation, Message, Profile
from comenius.projects.models import ProjectMember

pytestmark = pytest.mark.django_db


def _merge(cast: Any) -> str:
    merge.merge_accounts(cast.jonas, cast.mette, cast.otto, reason="same person, checked by phone")
    cast.otto.refresh_from_db()
    assert cast.otto.deleted_at is not None and not cast.otto.is_active
    assert _rows_of(cast.otto) == []
    entry = AuditEvent.objects.get(action="member.accounts_merged", target_id=str(cast.mette.pk))
    return entry.reason


def test_network_contacts_conversations_blocks_and_profile(cast):
    request = network.request_contact(cast.otto, cast.lucia, "Hola")
    network.accept_contact(cast.lucia, request)  # the same contact as Mette's
    network.send_message(cast.otto, cast.lucia, "From the old account")
    network.send_message(cast.mette, cast.otto, "To myself")
    messages_with_lucia = Message.objects.filter(sender__in=[cast.otto, cast.lucia, cast.mette]).exclude(
        body="To myself"
    )
    expected = messages_with_lucia.count()
    stranger = User.objects.get(pk=cast.nina.pk)
    network.block(cast.otto, stranger)
    network.block(cast.mette, stranger)
    Profile.objects.filter(user=cast.mette).update(introduction="")
    Profile.objects.filter(user=cast.otto).update(introduction="Matematik og natur")

    reason = _merge(cast)

    live = ContactRequest.objects.filter(state__in=["pending", "accepted"])
    pair = live.filter(from_user__in=[cast.mette, cast.lucia], to_user__in=[cast.mette, cast.lucia])
    assert pair.count() == 1 and pair.get().state == "accepted"
    assert ContactRequest.objects.filter(from_user=cast.mette, to_user=cast.lucia, state="removed").exists()
    low, high = sorted([cast.mette.pk, cast.lucia.pk])
    conversation = Conversation.objects.get(first_id=low, second_id=high)
    assert conversation.messages.count() == expected  # every message with Lucía, in one conversation
    assert conversation.messages.filter(body="From the old account", sender=cast.mette).exists()
    assert not Message.objects.filter(body="To myself").exists()
    assert "conversation between the two accounts removed (1 message(s))" in reason
    from comenius.network.models import Block

    assert Block.objects.filter(blocker=cast.mette, blocked=stranger).count() == 1
    profile = Profile.objects.get(user=cast.mette)
    assert profile.introduction == "Matematik og natur"
    assert "Matematik og natur" in profile.search_text


def test_projects_two_places_in_one_project_become_one(cast):
    from comenius.devdata.testing import founded_project
    from comenius.projects.services import founding, partners
    from comenius.projects.tests.helpers import make_contacts

    make_contacts(cast.mette, cast.otto)
    partners.invite_member(cast.mette, cast.project, cast.otto, "teacher")
    founding.answer_invitation(cast.otto, cast.project, accept=True)
    make_contacts(cast.otto, cast.lucia)
    own = founded_project(cast.otto, cast.lucia, "Birds on our roofs")

    reason = _merge(cast)

    live = ProjectMember.objects.filter(project=cast.project, user=cast.mette, state__in=["invited", "active"])
    assert live.count() == 1 and live.get().is_founder and live.get().role == "teacher_admin"
    assert ProjectMember.objects.filter(project=cast.project, user=cast.mette, state="left").count() == 1
    own.refresh_from_db()
    assert own.founder_id == cast.mette.pk
    assert own.founder_institution_id == cast.vestbyskolen.pk  # the school it was founded with stays
    assert f"project #{cast.project.pk}: two places became one" in reason


def test_spaces_a_post_liked_by_both_accounts_keeps_one_like(cast):
    from comenius.devdata.testing import active_project
    from comenius.projects.tests.helpers import make_contacts
    from comenius.spaces.models import Like, Post
    from comenius.spaces.services import content

    make_contacts(cast.otto, cast.lucia)
    project = active_project(cast.lucia, cast.otto, [cast.jonas, cast.ana], "Our rivers")
    lucia_post = content.create_post(cast.lucia, project.space, "Welcome!")
    otto_post = content.create_post(cast.otto, project.space, "Hello from Hjørring")
    content.toggle_like(cast.otto, lucia_post)
    cast_post = content.create_post(cast.lucia, cast.project.space, "Water!")
    content.toggle_like(cast.mette, cast_post)
    Like.objects.create(post=cast_post, user=cast.otto)  # as if before the accounts were one

    reason = _merge(cast)

    assert Post.objects.get(pk=otto_post.pk).author_id == cast.mette.pk
    assert Like.objects.filter(post=cast_post).count() == 1
    assert Like.objects.filter(post=lucia_post, user=cast.mette).exists()
    assert "1 like(s)" in reason


def test_events_the_same_registration_twice_becomes_one_and_frees_a_place(cast):
    event = central_webinar(cast, capacity=2)
    events.register(cast.otto, event)
    events.register(cast.mette, event)
    lucia = events.register(cast.lucia, event)
    assert lucia.state == "waiting"
    events.ensure_feed(cast.otto)

    reason = _merge(cast)

    assert Registration.objects.filter(event=event, user=cast.mette).count() == 1
    assert Registration.objects.get(event=event, user=cast.mette).state == "confirmed"
    lucia.refresh_from_db()
    assert lucia.state == "offered"  # the place the second account held goes to the waiting list
    assert f"event #{event.pk}: two registrations became one" in reason
    assert cast.mette.event_feed is not None


def test_certificates_the_same_certificate_twice_keeps_the_older_valid(cast):
    from comenius.certificates import services as certificates
    from comenius.certificates.models import Certificate

    event = danish_event(cast)
    older = certificates.issue(
        cast.mette, "events.attendance", event, title="Workshop", hours=2, achieved_on=date(2026, 1, 5), issuer="NSO"
    )
    newer = certificates.issue(
        cast.otto, "events.attendance", event, title="Workshop", hours=2, achieved_on=date(2026, 1, 5), issuer="NSO"
    )

    reason = _merge(cast)

    mine = Certificate.objects.filter(member=cast.mette, subject_id=event.pk)
    assert mine.count() == 2  # nothing lost
    assert mine.get(revoked_at__isnull=True).code == _code(older)
    assert f"certificate {_code(newer)} revoked as a duplicate of {_code(older)}" in reason


def _code(issued: Any) -> str:
    return getattr(issued, "certificate", issued).code


def test_moderation_the_same_report_from_both_accounts_becomes_one(cast):
    from comenius.moderation import services as moderation
    from comenius.moderation.models import Report

    idea = network.post_idea(cast.lucia, _idea())
    moderation.report(cast.mette, "idea", idea.pk, "spam", "Looks like an advert")
    moderation.report(cast.otto, "idea", idea.pk, "spam", "Posted three times")
    about_otto = moderation.report(cast.lucia, "member", cast.otto.pk, "other", "Two accounts?")

    reason = _merge(cast)

    report = Report.objects.get(kind="idea", object_id=idea.pk)
    assert report.reporter_id == cast.mette.pk
    assert "Looks like an advert" in report.comment and "Posted three times" in report.comment
    about_otto.refresh_from_db()
    assert about_otto.object_id == cast.mette.pk
    assert "joined report" in reason


def _idea() -> Any:
    from datetime import timedelta

    from django.utils import timezone

    from comenius.network.services import IdeaData

    today = timezone.localdate()
    return IdeaData(
        title="Partner for a water project",
        description="We look for a primary school that wants to measure rain together this spring.",
        subjects=["science"],
        age_min=8,
        age_max=11,
        languages=["en"],
        countries_wanted=[],
        starts_on=today + timedelta(days=30),
        ends_on=today + timedelta(days=120),
        partners_wanted=1,
        expires_on=today + timedelta(days=60),
    )


def test_accounts_one_workplace_per_school_and_known_addresses(cast):
    Membership.objects.filter(user=cast.otto, institution=cast.vestbyskolen).update(role="head")
    from django.utils import timezone

    KnownLoginAddress.objects.create(user=cast.otto, address_hash="a" * 64, last_login_at=timezone.now())
    KnownLoginAddress.objects.create(user=cast.mette, address_hash="a" * 64, last_login_at=timezone.now())
    KnownLoginAddress.objects.create(user=cast.otto, address_hash="b" * 64, last_login_at=timezone.now())
    import uuid

    from comenius.core.models import SubmissionKey

    SubmissionKey.objects.create(user=cast.otto, key=uuid.uuid4(), scope="network.message")  # core: goes
    role = Membership.objects.get(user=cast.mette, institution=cast.vestbyskolen).role

    reason = _merge(cast)

    assert Membership.objects.get(user=cast.mette, institution=cast.vestbyskolen).role == role
    assert f"the kept role {role} stays (head went)" in reason
    assert set(KnownLoginAddress.objects.filter(user=cast.mette).values_list("address_hash", flat=True)) == {
        "a" * 64,
        "b" * 64,
    }


def test_a_suspended_account_cannot_be_merged(cast):
    from comenius.accounts import services as accounts
    from comenius.core.errors import DomainError

    accounts.ban_member(cast.otto)
    with pytest.raises(DomainError):
        merge.merge_accounts(cast.jonas, cast.mette, cast.otto, reason="x")
    cast.otto.refresh_from_db()
    assert cast.otto.deleted_at is None


def test_a_waiting_account_kept_takes_the_validated_ones_standing_and_profile(cast):
    Profile.objects.filter(user=cast.otto).update(introduction="Natur og teknik")
    merge.merge_accounts(cast.jonas, cast.nina, cast.otto, reason="same person")
    cast.nina.refresh_from_db()
    assert cast.nina.is_validated_member
    profile = Profile.objects.get(user=cast.nina)
    assert profile.listed and profile.introduction == "Natur og teknik"
    assert profile.display_name == cast.nina.get_full_name()
    assert _rows_of(cast.otto) == []
