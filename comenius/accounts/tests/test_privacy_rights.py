"""GDPR rights: the export holds everything the member created and nothing of anyone else; deletion removes
or anonymises everything it promises to — checked by reading every row of every table."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from comenius.accounts.models import User
from comenius.core.models import PreparedDownload
from comenius.core.uploads import CheckedFile
from comenius.devdata.testing import CAST_PASSWORD, Cast
from comenius.network import services as network
from comenius.network.models import Message
from comenius.projects.models import MemberState, ProjectMember

pytestmark = pytest.mark.django_db


def png() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (40, 40), "teal").save(output, format="PNG")
    return output.getvalue()


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def export_of(user: User) -> tuple[dict, list[str]]:
    """Ask for the copy (a task assembles it: at once in tests), then download it from the data page."""
    client: Any = logged_in(user)
    response = client.post(reverse("accounts:export_data"))
    assert response.status_code == 302 and response.url == reverse("accounts:privacy_settings")
    prepared = PreparedDownload.objects.filter(owner=user, kind="my-data").latest("created_at")
    link = reverse("core:download", args=[prepared.pk])
    assert f'href="{link}"' in client.get(response.url).content.decode()
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="comenius-my-data-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return json.loads(archive.read("data.json")), archive.namelist()


def every_stored_value() -> str:
    """Every row of every table, as text: what a deletion promise is checked against."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names come from the database itself
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_export_contains_what_the_member_created_and_nothing_of_others(cast: Cast):
    network.set_photo(cast.mette, CheckedFile(png(), "image/png"))
    network.send_message(cast.lucia, cast.mette, "Lucía's private answer about her class")
    data, names = export_of(cast.mette)
    text = json.dumps(data, ensure_ascii=False)
    assert data["account"]["email"] == cast.mette.email
    assert "Jeg underviser 4.b i Hjørring." in text  # her introduction
    assert "Shall we start with a video about our schools?" in text  # her message
    assert "Hej Lucía!" in text  # her note on the contact request she sent
    assert [p["title"] for p in data["projects_founded"]] == ["Water in our cities"]
    assert data["project_memberships"][0]["role"] == "teacher_admin"
    assert "files/photo.jpg" in names
    for foreign in ("lucia@", "García", "Science teacher in Sevilla", "private answer", "Pupils measure and compare",
                    "Jonas", "Madsen"):  # fmt: skip
        assert foreign not in text, foreign


def test_export_of_a_pending_member_includes_their_evidence(cast: Cast):
    from comenius.accounts import services

    services.attach_evidence(cast.nina, CheckedFile(b"%PDF-1.4\n%%EOF\n", "application/pdf"), "My contract")
    data, names = export_of(cast.nina)
    assert "files/evidence-1.pdf" in names
    assert data["validation_requests"][0]["evidence_note"] == "My contract"


def test_deletion_needs_the_password_and_a_confirmation(cast: Cast):
    client = logged_in(cast.mette)
    wrong = client.post(reverse("accounts:delete_account"), {"password": "wrong", "confirm": "on"})
    unconfirmed = client.post(reverse("accounts:delete_account"), {"password": CAST_PASSWORD})
    assert wrong.status_code == unconfirmed.status_code == 400
    assert "Adgangskoden er ikke korrekt" in wrong.content.decode()  # Mette reads Danish
    cast.mette.refresh_from_db()
    assert cast.mette.is_active and cast.mette.email and cast.mette.deleted_at is None
    assert client.get(reverse("site:home")).status_code == 200
    # Officers are removed by an administrator.
    assert logged_in(cast.jonas).post(reverse("accounts:delete_account")).status_code == 404


def test_deletion_removes_everything_it_promises_from_every_table(cast: Cast):
    network.set_photo(cast.mette, CheckedFile(png(), "image/png"))
    photo = cast.mette.profile.photo.path
    client = logged_in(cast.mette)
    response = client.post(reverse("accounts:delete_account"), {"password": CAST_PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    stored = every_stored_value()
    for trace in ("mette@vestbyskolen.dk.example", "Sørensen", "Jeg underviser 4.b", "Hej Lucía!"):
        assert trace not in stored, trace
    import os

    assert not os.path.exists(photo)
    # Her session ended, she cannot log in, and she is "Former member" where she worked with others.
    assert client.get(reverse("site:home")).status_code == 302
    assert not Client().login(username="mette@vestbyskolen.dk.example", password=CAST_PASSWORD)
    message = Message.objects.get(body="Shall we start with a video about our schools?")
    lucia = logged_in(cast.lucia)
    page = lucia.get(reverse("network:conversation", args=[message.conversation_id])).content.decode()
    assert "Former member" in page and "Shall we start with a video" in page
    project_page = lucia.get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    assert "Former member" in project_page
    assert ProjectMember.objects.get(project=cast.project, user__deleted_at__isnull=False).state == MemberState.LEFT


def test_deletion_can_take_the_messages_too(cast: Cast):
    client = logged_in(cast.mette)
    data = {"password": CAST_PASSWORD, "confirm": "on", "delete_contributions": "on"}
    assert client.post(reverse("accounts:delete_account"), data).status_code == 302
    assert not Message.objects.filter(body__startswith="Shall we start").exists()
    assert "Shall we start with a video" not in every_stored_value()


def test_uploads_are_rate_limited(cast: Cast, settings):
    from django.core.cache import cache

    cache.clear()
    settings.UPLOADS_PER_HOUR = 2
    client = logged_in(cast.mette)
    for _attempt in range(2):
        response = client.post(
            reverse("network:upload_photo"), {"photo": SimpleUploadedFile("me.png", png(), "image/png")}
        )
        assert response.status_code == 302
    refused = client.post(reverse("network:upload_photo"), {"photo": SimpleUploadedFile("me.png", png(), "image/png")})
    assert refused.status_code == 400 and "uploadet mange filer" in refused.content.decode()  # in Danish


def test_space_contributions_are_exported_and_kept_or_deleted_on_request(cast: Cast):
    from comenius.spaces.models import Post
    from comenius.spaces.services import content

    content.create_post(cast.mette, cast.project.space, "Mette's post about the river")
    content.create_post(cast.lucia, cast.project.space, "Lucía's post about Sevilla")
    data, _names = export_of(cast.mette)
    posts = [post["body"] for post in data["space_posts"]]
    assert posts == ["Mette's post about the river"]

    # Deleting the account keeps her post under "Former member" (her partners' feed keeps its sense) …
    client = logged_in(cast.mette)
    assert (
        client.post(reverse("accounts:delete_account"), {"password": CAST_PASSWORD, "confirm": "on"}).status_code == 302
    )
    post = Post.objects.get(body="Mette's post about the river")
    assert post.author is not None and post.author.deleted_at is not None  # shown as "Former member"
    # … and Lucía's choice to delete what she wrote takes hers away.
    client = logged_in(cast.lucia)
    data = {"password": CAST_PASSWORD, "confirm": "on", "delete_contributions": "on"}
    assert client.post(reverse("accounts:delete_account"), data).status_code == 302
    assert not Post.objects.filter(body__startswith="Lucía's post").exists()


# --- the copy is prepared in the background ---------------------------------------------------------------


def test_the_copy_is_prepared_by_a_task_and_only_its_owner_downloads_it(
    cast: Cast, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from comenius.core import downloads

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run yet
    client = logged_in(cast.otto)
    client.post(reverse("accounts:export_data"))
    client.post(reverse("accounts:export_data"))  # a double click: one copy
    prepared = PreparedDownload.objects.get(owner=cast.otto)
    assert "Your file is being prepared" in client.get(reverse("accounts:privacy_settings")).content.decode()

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs it outside any transaction
        downloads.prepare_download.call(str(prepared.pk))
    page = client.get(reverse("accounts:privacy_settings")).content.decode()
    assert "Your file is ready" in page and "Prepare a new copy" in page
    [message] = mail.outbox
    assert message.to == [cast.otto.email] and "/account/my-data/" in message.body
    link = reverse("core:download", args=[prepared.pk])
    assert client.get(link).status_code == 200
    for other in (cast.mette, cast.nina, cast.pia, cast.carla):
        assert logged_in(other).get(link).status_code == 404


def test_a_failed_copy_says_so_and_can_be_asked_for_again(cast: Cast, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr("comenius.accounts.data_export.build_export", lambda user: 1 / 0)
        logged_in(cast.otto).post(reverse("accounts:export_data"))
    assert PreparedDownload.objects.get(owner=cast.otto).status == "failed"
    page = logged_in(cast.otto).get(reverse("accounts:privacy_settings")).content.decode()
    assert "Preparing your file failed. Please try again" in page and "Try again" in page
    data, _names = export_of(cast.otto)
    assert data["account"]["email"] == cast.otto.email


def test_a_deleted_account_loses_its_prepared_copy_at_once(cast: Cast, django_capture_on_commit_callbacks):
    from comenius.accounts import services

    export_of(cast.otto)
    prepared = PreparedDownload.objects.get(owner=cast.otto)
    storage, name = prepared.file.storage, prepared.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_account(cast.otto, CAST_PASSWORD)
    assert not PreparedDownload.objects.filter(owner=cast.otto).exists() and not storage.exists(name)
