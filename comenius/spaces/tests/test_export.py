"""The export: teacher administrators download the whole space as a ZIP — pages (drafts marked), material files
under clean, unique names, links and embeds, forum, bulletin, feed, members (pupils by first name only) and a
manifest. Hidden content is never in it; nobody else can export."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import Cast
from comenius.projects import services as projects
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
    response = client.post(reverse("spaces:export", args=[space_id]))
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
    assert "Download the ZIP file" in signed_in(cast.lucia).get(url).content.decode()
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
