"""Reports about space content go to the space's teacher administrators (and central support), not to the
NSO; pupils report in simple words; administrators hide, restore and delete, but cannot sanction members."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.moderation.models import Report
from comenius.spaces.models import ChatMessage, ChatRoom, Thread

pytestmark = pytest.mark.django_db


def test_a_pupil_reports_and_the_space_admins_decide(cast: Cast):
    space = cast.project.space
    thread = Thread.objects.create(space=space, author=cast.lucia, title="Our photos", body="A rude joke")
    cast.pia.language = "da"  # her teacher's language
    cast.pia.save(update_fields=["language"])
    pia = client_for(cast.pia)
    form = pia.get(reverse("spaces:report", args=[space.pk, "thread", thread.pk])).content.decode()
    assert "Nogen er uvenlig eller grov" in form  # simple words for pupils, in her teacher's language (Danish)
    response = pia.post(reverse("spaces:report", args=[space.pk, "thread", thread.pk]), {"reason": "inappropriate"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.space, report.reporter, report.author) == (space, cast.pia, cast.lucia)

    # The space's teacher administrators see it; the NSO of the author's country does not; central does.
    assert "A rude joke" in client_for(cast.mette).get(reverse("spaces:reports", args=[space.pk])).content.decode()
    assert client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).status_code == 404
    assert client_for(cast.carla).get(reverse("moderation:case", args=[report.pk])).status_code == 200
    assert client_for(cast.pia).get(reverse("spaces:reports", args=[space.pk])).status_code == 404

    mette = client_for(cast.mette)
    case = reverse("spaces:report_case", args=[space.pk, report.pk])
    refused = mette.post(case, {"action": "ban", "reason": "No"})
    assert refused.status_code == 400  # sanctions are for the NSO and central support
    assert mette.post(case, {"action": "hide", "reason": "Not kind"}).status_code == 302
    thread.refresh_from_db()
    assert thread.hidden_at is not None
    assert mette.post(case, {"action": "restore", "reason": "Talked with the class"}).status_code == 302
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_what_cannot_be_reported_in_a_space(cast: Cast):
    space = cast.project.space
    bulletin = Thread.objects.create(space=space, author=cast.lucia, title="Planning", body="x", board="bulletin")
    own = Thread.objects.create(space=space, author=cast.pia, title="Mine", body="x")
    teachers_room = ChatRoom.objects.create(space=space, author=cast.mette, name="Teachers")
    message = ChatMessage.objects.create(room=teachers_room, author=cast.lucia, body="Staff only")
    pia = client_for(cast.pia)
    assert pia.get(reverse("spaces:report", args=[space.pk, "thread", bulletin.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "thread", own.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "chat_message", message.pk])).status_code == 404
    assert pia.get(reverse("spaces:report", args=[space.pk, "nonsense", 1])).status_code == 404
    assert client_for(cast.otto).get(reverse("spaces:report", args=[space.pk, "thread", own.pk])).status_code == 404
    # A teacher can report a teachers' chat message; deleting it is the administrators' call.
    mette = client_for(cast.mette)
    assert (
        mette.post(
            reverse("spaces:report", args=[space.pk, "chat_message", message.pk]), {"reason": "spam"}
        ).status_code
        == 302
    )
    report = Report.objects.get(kind="chat_message")
    assert report.space == space
    assert (
        mette.post(
            reverse("spaces:report_case", args=[space.pk, report.pk]), {"action": "delete", "reason": "Off topic"}
        ).status_code
        == 302
    )
    assert not ChatMessage.objects.filter(pk=message.pk).exists()


def _content_of_every_kind(cast: Cast) -> dict[str, object]:
    from comenius.spaces.models import Comment, Material, Page, Post, Reply

    space = cast.project.space
    post = Post.objects.create(space=space, author=cast.lucia, body="A post")
    thread = Thread.objects.create(space=space, author=cast.lucia, title="A thread", body="Body")
    room = ChatRoom.objects.create(space=space, author=cast.lucia, name="Class", for_pupils=True, is_open=True)
    return {
        "post": post,
        "comment": Comment.objects.create(space=space, post=post, author=cast.lucia, body="A comment"),
        "page": Page.objects.create(space=space, author=cast.lucia, title="A page", body="<p>Hi</p>", is_draft=False),
        "material": Material.objects.create(
            space=space, author=cast.lucia, kind="link", title="A link", url="https://example.org/"
        ),
        "thread": thread,
        "reply": Reply.objects.create(space=space, thread=thread, author=cast.lucia, body="A reply"),
        "chat_message": ChatMessage.objects.create(room=room, author=cast.lucia, body="A chat line"),
    }


@pytest.mark.parametrize("kind", ["post", "comment", "page", "material", "thread", "reply", "chat_message"])
def test_every_kind_of_space_content_can_be_reported_hidden_and_restored(cast: Cast, kind: str):
    content = _content_of_every_kind(cast)[kind]
    space = cast.project.space
    url = reverse("spaces:report", args=[space.pk, kind, content.pk])  # type: ignore[attr-defined]
    assert client_for(cast.pia).post(url, {"reason": "inappropriate", "comment": "Not nice"}).status_code == 302
    report = Report.objects.get(kind=kind)
    assert report.space == space and report.author == cast.lucia
    case = reverse("spaces:report_case", args=[space.pk, report.pk])
    assert client_for(cast.mette).post(case, {"action": "hide", "reason": "Checking"}).status_code == 302
    content.refresh_from_db()  # type: ignore[attr-defined]
    hidden_mark = "deleted_at" if kind == "chat_message" else "hidden_at"
    assert getattr(content, hidden_mark) is not None
    # Once hidden, it cannot be reported again by others: it is gone for them.
    assert client_for(cast.pia).get(url).status_code == 404
    assert client_for(cast.mette).post(case, {"action": "restore", "reason": "Fine"}).status_code == 302
    content.refresh_from_db()  # type: ignore[attr-defined]
    assert getattr(content, hidden_mark) is None


def test_administrators_of_another_space_cannot_act_here(cast: Cast):
    from comenius.core.errors import DomainError
    from comenius.devdata.testing import active_project, register, validated
    from comenius.institutions.models import Institution
    from comenius.moderation import services as moderation
    from comenius.network import services as network

    # Otto founds another project with a Danish colleague: he administers that space, not Mette's.
    other_school = Institution.objects.create(
        name="Nordskolen", type="primary", city="Aalborg", country_id="DK", status="validated"
    )
    karen = validated(register("karen@nordskolen.dk.example", "Karen", "Lund", other_school), cast.jonas)
    network.accept_contact(karen, network.request_contact(cast.otto, karen))
    active_project(cast.otto, karen, [cast.jonas], "Birds over Aalborg")
    thread = Thread.objects.create(space=cast.project.space, author=cast.lucia, title="T", body="x")
    report = moderation.report(cast.pia, "thread", thread.pk, "spam")
    otto = client_for(cast.otto)
    assert otto.get(reverse("spaces:report_case", args=[cast.project.space.pk, report.pk])).status_code == 404
    with pytest.raises(DomainError):
        moderation.decide(cast.otto, report, "hide", "Not mine to decide")
    thread.refresh_from_db()
    assert thread.hidden_at is None


def test_writing_in_a_space_is_rate_limited(cast: Cast, settings):
    from comenius.core.errors import DomainError
    from comenius.spaces.models import Post
    from comenius.spaces.services import content

    settings.SPACE_WRITES_PER_10_MINUTES = 3
    space = cast.project.space
    post = content.create_post(cast.mette, space, "One")
    content.add_comment(cast.pia, post, "a")
    content.add_comment(cast.pia, post, "b")
    content.add_comment(cast.pia, post, "c")
    with pytest.raises(DomainError, match="writing very fast"):
        content.add_comment(cast.pia, post, "d")
    content.create_post(cast.mette, space, "Two")  # others are not held back
    assert Post.objects.filter(space=space).count() == 2
