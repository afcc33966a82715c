"""The export: teacher administrators download the whole space as a ZIP — pages (drafts marked), material files
under clean, unique names, links and embeds, forum, bulletin, feed, members (pupils by first name only) and a
manifest. Hidden content is never in it; nobody else can export. The ZIP is prepared by a task (immediate in
tests): the page shows its progress, an e-mail says when it is ready, only its owner downloads it, a failure
says so and lets them try again, and old exports expire."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comenius.core import downloads
from comenius.core.models import PreparedDownload
from comenius.devdata.testing import Cast
from comenius.projects import services as projects
from comenius.projects.tests.helpers import make_contacts
from comenius.spaces import sanitise
from comenius.spaces.models import Comment, Like, Page, Post, Reply, Thread
from comenius.spaces.services import export as export_service
from comenius.spaces.services import materials
from comenius.spaces.services.moderation import set_hidden
from comenius.spaces.tests.test_materials_folders import otto_teaches
from comenius.spaces.tests.test_materials_uploads import add_file, png, signed_in

pytestmark = pytest.mark.django_db

HIDDEN_WORDS = ["Secret page", "Under the secret", "Hidden photo", "Rude reply", "Hidden thread", "Hidden comment",
                "Hidden post", "secret-trip.png", "Hidden folder"]  # fmt: skip


def fill_space(cast: Cast) -> dict[str, object]:
    """A bit of everything, some of it hidden. Content of other areas is made directly: this test is about
    what the export reads, not how pages or threads are written."""
    space = cast.project.space
    trip = materials.create_folder(cast.mette, space, "Trip")
    day = materials.create_folder(cast.mette, space, "Day 1", parent=trip)
    photo = add_file(cast.mette, space, "river.png", png(), folder=day, title="The river")
    add_file(cast.lucia, space, "notes.txt", b"first notes")
    add_file(cast.mette, space, "notes.txt", b"second notes")
    secret_folder = materials.create_folder(cast.mette, space, "Hidden folder")
    add_file(cast.mette, space, "secret-trip.png", png(), folder=secret_folder)
    set_hidden(secret_folder, True)
    set_hidden(add_file(cast.mette, space, "hidden.png", png(), title="Hidden photo"), True)
    materials.add_link(cast.lucia, space, "https://www.dmi.dk/vand", title="Water data")
    materials.add_embed(cast.mette, space, "https://www.youtube-nocookie.com/embed/abc", title="Our song")

    body = sanitise.clean_html(
        f'<p>Hello partners!</p><img src="/spaces/{space.pk}/materials/{photo.pk}/file/" alt="The river">'
        '<iframe src="https://player.vimeo.com/video/42"></iframe><script>alert(1)</script>',
        space.pk,
    )
    welcome = Page.objects.create(space=space, author=cast.mette, title="Welcome", body=body, is_draft=False)
    Page.objects.create(space=space, author=cast.lucia, parent=welcome, title="Our plan", body="<p>Soon</p>")
    secret = Page.objects.create(space=space, author=cast.mette, title="Secret page", body="<p>x</p>", is_draft=False)
    Page.objects.create(space=space, author=cast.mette, parent=secret, title="Under the secret", body="<p>y</p>")
    set_hidden(secret, True)

    thread = Thread.objects.create(space=space, author=cast.mette, title="Our rivers", body="Tell us <b>all</b>!")
    Reply.objects.create(space=space, thread=thread, author=cast.pia, body="Our river is cold.")
    Reply.objects.create(space=space, thread=thread, author=cast.lucia, body="<script>alert(1)</script>")
    set_hidden(Reply.objects.create(space=space, thread=thread, author=cast.pia, body="Rude reply"), True)
    set_hidden(Thread.objects.create(space=space, author=cast.pia, title="Hidden thread", body="x"), True)
    Thread.objects.create(space=space, author=cast.lucia, board="bulletin", title="Planning meeting", body="Tuesday")

    post = Post.objects.create(space=space, author=cast.mette, body="Welcome everyone")
    Comment.objects.create(space=space, post=post, author=cast.pia, body="Hej!")
    set_hidden(Comment.objects.create(space=space, post=post, author=cast.pia, body="Hidden comment"), True)
    Like.objects.create(post=post, user=cast.pia)
    set_hidden(Post.objects.create(space=space, author=cast.lucia, body="Hidden post"), True)
    return {"photo": photo}


def download(client: Any, space_id: int) -> zipfile.ZipFile:
    """Ask for the export (a task builds it: at once in tests), then fetch it from the link the page shows."""
    page = reverse("spaces:export", args=[space_id])
    response = client.post(page)
    assert response.status_code == 302 and response.url == page, response.status_code
    prepared = PreparedDownload.objects.filter(kind="space-export", subject_id=str(space_id)).latest("created_at")
    assert prepared.status == "ready"
    link = reverse("core:download", args=[prepared.pk])
    assert link in client.get(page).content.decode()
    response = client.get(link)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="water-in-our-cities-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_the_export_holds_the_whole_space(cast: Cast):
    made = fill_space(cast)
    space = cast.project.space
    archive = download(signed_in(cast.lucia), space.pk)
    names = archive.namelist()
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "comenius-space-export" and manifest["version"] == 1
    assert manifest["project"]["title"] == "Water in our cities" and manifest["project"]["state"] == "active"
    assert manifest["hidden_content"] == "excluded" and manifest["exported_by"] == "Lucía García"
    assert manifest["files"] == sorted(names)
    assert manifest["counts"] == {
        "teachers": 2, "pupils": 1, "folders": 2, "files": 3, "links": 1, "embeds": 1, "pages": 2, "drafts": 1,
        "forum_threads": 1, "forum_replies": 2, "bulletin_threads": 1, "bulletin_replies": 0, "posts": 1,
        "comments": 1,
    }  # fmt: skip

    # Materials: original names, in their folders, duplicates numbered; the stored bytes.
    assert archive.read("materials/notes.txt") == b"first notes"
    assert archive.read("materials/notes (2).txt") == b"second notes"
    with made["photo"].file.open("rb") as handle:  # type: ignore[attr-defined]
        assert archive.read("materials/Trip/Day 1/river.png") == handle.read()
    listed = json.loads(archive.read("materials.json"))
    assert {entry["url"] for entry in listed if "url" in entry} == {
        "https://www.dmi.dk/vand",
        "https://www.youtube-nocookie.com/embed/abc",
    }
    assert "Water data" in archive.read("materials.html").decode()

    # Pages: standalone, sanitised, drafts marked, own images pointing at the exported file, embeds as links.
    pages = sorted(name for name in names if name.startswith("pages/"))
    assert pages == ["pages/001-welcome.html", "pages/002-our-plan-draft.html"]
    welcome = archive.read(pages[0]).decode()
    assert welcome.startswith("<!DOCTYPE html>") and "Hello partners!" in welcome
    assert 'src="../materials/Trip/Day%201/river.png"' in welcome and "<script" not in welcome
    assert '<a href="https://player.vimeo.com/video/42" rel="noopener noreferrer">' in welcome  # embed as a link
    assert "<iframe" not in welcome
    draft = archive.read(pages[1]).decode()
    assert "Draft" in draft and "Welcome" in draft  # marked, and placed under its parent

    # Forum, bulletin and feed, with replies and comments, text escaped.
    forum = json.loads(archive.read("forum.json"))
    assert [thread["title"] for thread in forum] == ["Our rivers"]
    assert [reply["author"] for reply in forum[0]["replies"]] == ["Pia", "Lucía García"]
    forum_html = archive.read("forum.html").decode()
    assert "Our river is cold." in forum_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in forum_html
    assert "<script>" not in forum_html and "Tell us &lt;b&gt;all&lt;/b&gt;!" in forum_html
    assert json.loads(archive.read("bulletin.json"))[0]["title"] == "Planning meeting"
    feed = json.loads(archive.read("feed.json"))
    assert feed[0]["body"] == "Welcome everyone" and feed[0]["likes"] == 1
    assert [comment["body"] for comment in feed[0]["comments"]] == ["Hej!"]

    # Members: teachers with names and roles, pupils by first name only.
    members = json.loads(archive.read("members.json"))
    assert {(t["name"], t["role"]) for t in members["teachers"]} == {
        ("Mette Sørensen", "Teacher administrator"),
        ("Lucía García", "Teacher administrator"),
    }
    assert members["pupils"] == [{"first_name": "Pia", "role": "Pupil"}]
    assert "index.html" in names and "members.html" in names


def test_no_hidden_content_and_no_pupil_credentials(cast: Cast):
    fill_space(cast)
    archive = download(signed_in(cast.mette), cast.project.space.pk)  # a moderator, who sees hidden content
    text = everything(archive)
    for word in HIDDEN_WORDS:
        assert word not in text, word
    assert not [name for name in archive.namelist() if "secret" in name.lower() or "hidden" in name.lower()]
    cast.pia.refresh_from_db()
    for private in ("pia.vestby", cast.pia.password, "consent", "comenius-demo", "@vestbyskolen", "@iesguadalquivir"):
        assert private not in text, private


def test_only_teacher_administrators_export(cast: Cast):
    otto_teaches(cast)  # Otto is a teacher of the space, not an administrator
    space = cast.project.space
    url = reverse("spaces:export", args=[space.pk])
    assert "Prepare the ZIP file" in signed_in(cast.lucia).get(url).content.decode()
    for user in (cast.otto, cast.pia, cast.nina, cast.jonas, cast.carla):
        client = signed_in(user)
        assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    visitor: Any = Client().post(url)
    assert visitor.status_code == 302 and "/login/" in visitor.url
    with pytest.raises(Exception) as refused:
        export_service.export_space(cast.otto, space)
    assert "Only the teacher administrators" in str(refused.value)
    listing = signed_in(cast.otto).get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert url not in listing
    assert url in signed_in(cast.lucia).get(reverse("spaces:materials", args=[space.pk])).content.decode()


def test_a_closed_or_archived_space_can_still_be_exported(cast: Cast):
    add_file(cast.mette, cast.project.space, "class.png", png())
    projects.close_project(cast.mette, cast.project)
    archive = download(signed_in(cast.lucia), cast.project.space.pk)
    assert json.loads(archive.read("manifest.json"))["project"]["state"] == "closed"
    assert "materials/class.png" in archive.namelist()


def test_exports_are_limited_per_hour(cast: Cast, monkeypatch):
    monkeypatch.setattr(export_service, "EXPORTS_PER_HOUR", 1)
    client = signed_in(cast.lucia)
    download(client, cast.project.space.pk)
    response = client.post(reverse("spaces:export", args=[cast.project.space.pk]))
    assert response.status_code == 302
    assert "exported several times in the last hour" in client.get(response.url).content.decode()


def test_a_missing_file_is_noted_not_fatal(cast: Cast):
    photo = add_file(cast.mette, cast.project.space, "gone.png", png())
    photo.file.storage.delete(photo.file.name)
    archive = download(signed_in(cast.lucia), cast.project.space.pk)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["missing_files"] == ["gone.png"] and manifest["counts"]["files"] == 0


def test_folder_names_become_safe_directories(cast: Cast):
    space = cast.project.space
    folder = materials.create_folder(cast.mette, space, "2024/25: Water ../..")
    add_file(cast.mette, space, "plan.txt", b"plan", folder=folder)
    archive = download(signed_in(cast.lucia), space.pk)
    assert "materials/2024_25_ Water .._/plan.txt" in archive.namelist()
    assert all(".." not in name.split("/") for name in archive.namelist())


# --- prepared in the background ------------------------------------------------------------------------------

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_page_shows_the_export_being_prepared_then_ready_and_e_mails_a_link(
    cast: Cast, settings, django_capture_on_commit_callbacks
):
    from comenius.accounts import services as accounts

    accounts.set_language(cast.mette, "da")  # the e-mail goes out in her language, whatever the page's
    settings.TASKS = QUEUED_ONLY  # enqueued, not run: as on a server whose worker has not reached it yet
    space = cast.project.space
    page = reverse("spaces:export", args=[space.pk])
    client = signed_in(cast.mette)
    assert client.post(page).status_code == 302
    assert client.post(page).status_code == 302  # a double click: still one export
    prepared = PreparedDownload.objects.get(kind="space-export")
    status_url = reverse("core:download_status", args=[prepared.pk])
    waiting = client.get(page).content.decode()
    assert "Din fil er ved at blive klargjort" in waiting and f'hx-get="{status_url}"' in waiting
    assert f'href="{reverse("core:download", args=[prepared.pk])}"' not in waiting
    assert client.get(reverse("core:download", args=[prepared.pk])).status_code == 404

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):  # the notice's e-mail is enqueued after commit
        downloads.prepare_download.call(str(prepared.pk))  # what the worker does (and the e-mail task it enqueues)
    fragment = client.get(status_url).content.decode()
    assert "Din fil er klar" in fragment and "hx-get" not in fragment  # polling stops
    assert f'href="{reverse("core:download", args=[prepared.pk])}"' in fragment
    [message] = mail.outbox
    assert message.to == [cast.mette.email]
    assert "Din download er klar" in message.subject  # Mette reads Danish
    assert f"/spaces/{space.pk}/export/" in message.body and "Eksporten af projektrummet" in message.body
    assert "Water in our cities" in message.body


def test_only_its_owner_downloads_an_export_and_only_while_they_may_export(cast: Cast):
    from comenius.projects.models import ProjectMember

    make_contacts(cast.mette, cast.otto)
    projects.invite_member(cast.mette, cast.project, cast.otto, "teacher_admin")
    projects.answer_invitation(cast.otto, cast.project, accept=True)
    space = cast.project.space
    otto = signed_in(cast.otto)
    otto.post(reverse("spaces:export", args=[space.pk]))
    prepared = PreparedDownload.objects.get(owner=cast.otto)
    link = reverse("core:download", args=[prepared.pk])
    status_url = reverse("core:download_status", args=[prepared.pk])
    assert otto.get(link).status_code == 200
    for user in (cast.mette, cast.lucia, cast.pia, cast.nina, cast.jonas, cast.carla):
        client = signed_in(user)
        assert client.get(link).status_code == 404 and client.get(status_url).status_code == 404, user
    visitor: Any = Client().get(link)
    assert visitor.status_code == 302 and "/login/" in visitor.url
    projects.change_role(cast.mette, ProjectMember.objects.get(project=cast.project, user=cast.otto), "teacher")
    assert otto.get(link).status_code == 404  # no longer a teacher administrator: the file is out of reach


def test_a_failing_export_is_retried_then_shown_as_failed_and_can_be_tried_again(cast: Cast, monkeypatch, caplog):
    calls = []

    def broken(user, space):
        calls.append(1)
        raise OSError("disk full")

    page = reverse("spaces:export", args=[cast.project.space.pk])
    client = signed_in(cast.lucia)
    with monkeypatch.context() as patched, caplog.at_level("ERROR", logger="comenius.tasks"):
        patched.setattr(export_service, "export_space", broken)
        client.post(page)
    assert len(calls) == 3  # the first attempt and two retries
    assert any("giving up" in record.getMessage() for record in caplog.records if record.levelname == "ERROR")
    prepared = PreparedDownload.objects.get(kind="space-export")
    assert prepared.status == "failed" and not prepared.file
    shown = client.get(page).content.decode()
    assert "Preparing your file failed. Please try again" in shown and "Try again" in shown

    client.post(page)
    assert PreparedDownload.objects.get(kind="space-export").status == "ready"  # the failed one is replaced


def test_an_export_whose_worker_was_lost_shows_as_failed(cast: Cast, settings):
    settings.TASKS = QUEUED_ONLY
    page = reverse("spaces:export", args=[cast.project.space.pk])
    client = signed_in(cast.lucia)
    client.post(page)
    PreparedDownload.objects.update(created_at=timezone.now() - downloads.STALE_AFTER - timedelta(minutes=1))
    assert "Preparing your file failed" in client.get(page).content.decode()


def test_old_exports_expire(cast: Cast, settings, django_capture_on_commit_callbacks):
    settings.PREPARED_DOWNLOAD_HOURS = 2
    client = signed_in(cast.lucia)
    client.post(reverse("spaces:export", args=[cast.project.space.pk]))
    prepared = PreparedDownload.objects.get()
    storage, name = prepared.file.storage, prepared.file.name
    assert storage.exists(name)
    assert downloads.delete_expired_downloads.call() == 0  # not yet
    PreparedDownload.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("core:download", args=[prepared.pk])).status_code == 404  # expired: gone at once
    with django_capture_on_commit_callbacks(execute=True):  # the files go once the deletion commits
        assert downloads.delete_expired_downloads.call() == 1
    assert not PreparedDownload.objects.exists() and not storage.exists(name)


def test_behind_nginx_the_web_server_sends_the_export(cast: Cast, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    client = signed_in(cast.lucia)
    client.post(reverse("spaces:export", args=[cast.project.space.pk]))
    prepared = PreparedDownload.objects.get()
    response = client.get(reverse("core:download", args=[prepared.pk]))
    assert response["X-Accel-Redirect"] == f"/protected-media/{prepared.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
