"""The metadata corpus through every real upload path, over HTTP, read back from the URL where each file is
served: no marker in the bytes (nor inside what they compress), and nothing a parser still reads as metadata.

- a teacher's profile photo: `POST /profile/partner/photo/`, served at `/people/<id>/photo/`;
- validation evidence of a pending member: `POST /account/status/evidence/`, served to the national team at
  `/nso/validations/<pk>/evidence/`;
- a space's materials: `POST /spaces/<id>/materials/upload/`, served at `.../materials/<pk>/file/` and
  `.../thumbnail/`, and — for an image a published page shows — to visitors at
  `/gallery/<project>/pages/<page>/images/<material>/`;
- a group's resources: `POST /groups/<id>/resources/add/`, served at `.../resources/<pk>/file/`;
- a national team's news image: `POST /countries/<code>/newsroom/new/`, served to visitors at
  `/countries/<code>/news/<pk>/image/`;
- a school label application's eSafety policy: `POST /labels/school/`, served to the school's members and its
  national team at `/labels/school/<pk>/policy/`;
- a course task's file: `POST /courses/<id>/activities/<pk>/`, served to the course lead at
  `/courses/<id>/submissions/<pk>/file/`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from comenius.core.tests import metadata_corpus as corpus
from comenius.core.tests.test_upload_metadata import audio_metadata, image_metadata, office_metadata, pdf_metadata
from comenius.core.uploads import PROFILE_PHOTO, SPACE_MATERIAL, VALIDATION_EVIDENCE, ZIP_TYPES
from comenius.devdata.testing import Cast
from comenius.spaces.models import Material
from comenius.spaces.services import content

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Any:
    client = Client()
    client.force_login(user)
    return client


def served(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_clean(name: str, data: bytes, content_type: str) -> None:
    assert corpus.leftovers(corpus.unpacked(data)) == [], name
    if content_type.startswith("image/"):
        assert image_metadata(data) == [], name
    elif content_type == "application/pdf":
        assert pdf_metadata(data) == [], name
    elif content_type in ZIP_TYPES:
        assert office_metadata(data) == [], name
    elif content_type.startswith("audio/"):
        assert audio_metadata(data) == [], name


def names_for(policy: Any) -> list[str]:
    return [name for name, (content_type, _build) in corpus.CORPUS.items() if policy.allows(content_type)]


@pytest.mark.parametrize("name", names_for(PROFILE_PHOTO))
def test_profile_photo(cast: Cast, name: str):
    owner = signed_in(cast.mette)
    response = owner.post(
        reverse("network:upload_photo"), {"photo": SimpleUploadedFile(name, corpus.CORPUS[name][1]())}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    data = served(signed_in(cast.lucia).get(reverse("network:photo", args=[cast.mette.pk])))
    assert_clean(name, data, "image/jpeg")


@pytest.fixture
def nina_reads_english(cast: Cast) -> None:
    cast.nina.language = "en"
    cast.nina.save(update_fields=["language"])


def upload_evidence(cast: Cast, name: str, data: bytes, **extra: str) -> Any:
    return signed_in(cast.nina).post(
        reverse("accounts:upload_evidence"), {"evidence": SimpleUploadedFile(name, data), **extra}
    )


def evidence_served(cast: Cast) -> bytes:
    request = cast.nina.validation_requests.get()
    return served(signed_in(cast.jonas).get(reverse("accounts:evidence", args=[request.pk])))


@pytest.mark.parametrize("name", names_for(VALIDATION_EVIDENCE))
def test_validation_evidence(cast: Cast, nina_reads_english: None, name: str):
    content_type, build = corpus.CORPUS[name]
    response = upload_evidence(cast, name, build())
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_clean(name, evidence_served(cast), content_type)


def test_signed_evidence_is_kept_only_after_a_warning(cast: Cast, nina_reads_english: None):
    signed = corpus.pdf(signed=True)
    response = upload_evidence(cast, "contract.pdf", signed)
    assert response.status_code == 400
    assert "This PDF is signed" in response.content.decode()
    assert not cast.nina.validation_requests.get().evidence
    assert upload_evidence(cast, "contract.pdf", signed, keep_details="on").status_code == 302
    assert evidence_served(cast) == signed  # the signature still holds


def test_the_evidence_limit_shown_is_the_setting(cast: Cast, nina_reads_english: None, settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    page = signed_in(cast.nina).get(reverse("accounts:status")).content.decode()
    assert "At most 2.0\xa0MB." in page and "5 MB" not in page


def upload_material(client: Any, space_id: int, name: str, data: bytes, **extra: str) -> Any:
    return client.post(
        reverse("spaces:material_upload", args=[space_id]), {"upload-file": SimpleUploadedFile(name, data), **extra}
    )


@pytest.mark.parametrize("name", names_for(SPACE_MATERIAL))
def test_space_material(cast: Cast, name: str):
    content_type, build = corpus.CORPUS[name]
    space = cast.project.space
    response = upload_material(signed_in(cast.lucia), space.pk, name, build())
    assert response.status_code == 302, response.content.decode()[:3000]
    material = Material.objects.get()
    assert material.content_type == content_type
    reader = signed_in(cast.mette)
    data = served(reader.get(reverse("spaces:material_file", args=[space.pk, material.pk])))
    assert_clean(name, data, content_type)
    assert material.size == len(data)
    if content_type.startswith("image/"):
        thumbnail = served(reader.get(reverse("spaces:material_thumbnail", args=[space.pk, material.pk])))
        assert_clean(f"{name} thumbnail", thumbnail, "image/jpeg")


@pytest.mark.parametrize(
    "name", [name for name in names_for(SPACE_MATERIAL) if name.endswith(("jpg", "png", "gif", "webp"))]
)
def test_an_image_in_a_published_page(cast: Cast, name: str):
    space = cast.project.space
    assert upload_material(signed_in(cast.mette), space.pk, name, corpus.CORPUS[name][1]()).status_code == 302
    image = Material.objects.get()
    body = f'<p>Our river:</p><img src="/spaces/{space.pk}/materials/{image.pk}/file/" alt="The river">'
    page = content.save_page(cast.mette, space, content.PageData(title="The river", body=body, is_draft=False))
    content.publish_page(cast.mette, page, shows_no_pupil=True)
    data = served(Client().get(reverse("spaces:public_page_image", args=[cast.project.pk, page.pk, image.pk])))
    assert_clean(name, data, corpus.CORPUS[name][0])


def test_a_signed_pdf_material_is_shared_only_after_a_warning(cast: Cast):
    space = cast.project.space
    client = signed_in(cast.lucia)  # Lucía reads English
    signed = corpus.pdf(signed=True)
    response = upload_material(client, space.pk, "signed.pdf", signed)
    assert response.status_code == 400
    assert "This PDF is signed" in response.content.decode() and not Material.objects.exists()
    response = upload_material(client, space.pk, "signed.pdf", signed, **{"upload-keep_details": "on"})
    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert "is shared with these details about who made it" in shown
    material = Material.objects.get()
    assert served(client.get(reverse("spaces:material_file", args=[space.pk, material.pk]))) == signed


@pytest.mark.parametrize("name", names_for(SPACE_MATERIAL))
def test_group_resource(cast: Cast, name: str):
    from comenius.groups import services as groups
    from comenius.groups.models import Resource
    from comenius.groups.tests.people import approved_group

    content_type, build = corpus.CORPUS[name]
    group = approved_group(cast.mette, cast.carla)
    groups.join(cast.lucia, group)
    client = signed_in(cast.lucia)
    response = client.post(
        reverse("groups:add_resource", args=[group.pk]),
        {"kind": "file", "file-title": "Plan", "file-file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    resource = Resource.objects.exclude(file="").get()
    data = served(signed_in(cast.mette).get(reverse("groups:resource_file", args=[group.pk, resource.pk])))
    assert_clean(name, data, content_type)


def test_a_signed_pdf_in_a_group_is_kept_only_after_the_warning(cast: Cast):
    from comenius.groups import services as groups
    from comenius.groups.models import Resource
    from comenius.groups.tests.people import approved_group

    group = approved_group(cast.mette, cast.carla)
    groups.join(cast.lucia, group)
    client = signed_in(cast.lucia)
    signed = corpus.pdf(signed=True)
    address = reverse("groups:add_resource", args=[group.pk])
    fields = {"kind": "file", "file-title": "Contract"}
    refused = client.post(address, {**fields, "file-file": SimpleUploadedFile("signed.pdf", signed)})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "This PDF is signed" in page and 'name="file-keep_details"' in page  # the box the message names
    assert not Resource.objects.exists()
    kept = client.post(
        address, {**fields, "file-file": SimpleUploadedFile("signed.pdf", signed), "file-keep_details": "on"}
    )
    assert kept.status_code == 302
    resource = Resource.objects.get()
    assert served(signed_in(cast.mette).get(reverse("groups:resource_file", args=[group.pk, resource.pk]))) == signed


def news_image_names() -> list[str]:
    from comenius.countries.forms import NEWS_IMAGE

    return names_for(NEWS_IMAGE)


@pytest.mark.parametrize("name", news_image_names())
def test_national_news_image(cast: Cast, name: str):
    """Jonas, of the Danish national team, posts news with a picture; a visitor reads it where it is served."""
    from comenius.countries.models import NewsPost

    response = signed_in(cast.jonas).post(
        reverse("countries:new_news", args=["dk"]),
        {
            "title": "Vores flod", "body": "<p>Se billedet.</p>", "publish": "on", "image_alt": "En flod",
            "image": SimpleUploadedFile(name, corpus.CORPUS[name][1]()),
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    post = NewsPost.objects.get()
    data = served(Client().get(reverse("countries:news_image", args=["dk", post.pk])))
    assert_clean(name, data, "image/jpeg")


def open_school_application(cast: Cast) -> Any:
    """An eligible institution (Vestbyskolen) in an open call, Mette's application started."""
    from datetime import timedelta

    from django.utils import timezone

    from comenius.recognition.services import school
    from comenius.recognition.tests.test_school import _eligible

    _eligible(cast)
    today = timezone.localdate()
    school.open_call(cast.carla, today, today + timedelta(days=30))
    return school.start(cast.mette)


def upload_esafety_policy(cast: Cast, name: str, data: bytes, **extra: str) -> Any:
    from comenius.recognition import rules

    answers = {f"principle_{code}": "Det gør vi." for code in rules.PRINCIPLE_CODES}
    return signed_in(cast.mette).post(
        reverse("recognition:school"),
        {
            **answers, "action": "send", "head_email": "rektor@vestbyskolen.dk.example",
            "esafety_policy": SimpleUploadedFile(name, data), **extra,
        },
    )  # fmt: skip


@pytest.mark.parametrize("name", names_for(VALIDATION_EVIDENCE))
def test_esafety_policy(cast: Cast, name: str):
    """Mette adds the school's eSafety policy to the school label application and sends it to the head; Otto (same
    school) and Jonas (its national team) read it where it is served."""
    content_type, build = corpus.CORPUS[name]
    application = open_school_application(cast)
    response = upload_esafety_policy(cast, name, build())
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.esafety_content_type == content_type
    for reader in (cast.otto, cast.jonas):
        data = served(signed_in(reader).get(reverse("recognition:school_policy", args=[application.pk])))
        assert_clean(name, data, content_type)


def open_task(cast: Cast) -> Any:
    """A published course led by Mette, Lucía enrolled: its task activity."""
    from comenius.courses import services as courses
    from comenius.courses.tests.people import activity, make_course

    course = make_course(cast.carla, cast.mette)
    courses.enrol(cast.lucia, course)
    return activity(course, "task")


def upload_task_file(cast: Cast, task: Any, name: str, data: bytes, **extra: str) -> Any:
    return signed_in(cast.lucia).post(
        reverse("courses:activity", args=[task.module.course_id, task.pk]),
        {"text": "", "file": SimpleUploadedFile(name, data), **extra},
    )


@pytest.mark.parametrize("name", names_for(SPACE_MATERIAL))
def test_course_task_file(cast: Cast, name: str):
    """Lucía sends a file as her answer to a course task; Mette, the course lead, reads it where it is served."""
    from comenius.courses.models import TaskSubmission

    content_type, build = corpus.CORPUS[name]
    task = open_task(cast)
    response = upload_task_file(cast, task, name, build())
    assert response.status_code == 302, response.content.decode()[:3000]
    submission = TaskSubmission.objects.get()
    assert submission.content_type == content_type
    address = reverse("courses:submission_file", args=[task.module.course_id, submission.pk])
    data = served(signed_in(cast.mette).get(address))
    assert_clean(name, data, content_type)
    assert submission.size == len(data)


def test_a_signed_pdf_task_file_is_kept_only_after_the_warning(cast: Cast):
    """The warning names a box to tick: the task form has it (it did not, and the message named a box nowhere)."""
    from comenius.courses.models import TaskSubmission

    task = open_task(cast)
    signed = corpus.pdf(signed=True)
    refused = upload_task_file(cast, task, "signed.pdf", signed)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "This PDF is signed" in page and 'name="keep_details"' in page
    assert not TaskSubmission.objects.exists()
    assert upload_task_file(cast, task, "signed.pdf", signed, keep_details="on").status_code == 302
    submission = TaskSubmission.objects.get()
    address = reverse("courses:submission_file", args=[task.module.course_id, submission.pk])
    assert served(signed_in(cast.mette).get(address)) == signed  # the signature still holds
