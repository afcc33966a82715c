"""A published page shows its images to visitors through its own route; every other material stays
members-only."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import Cast
from comenius.spaces.models import Material, Page
from comenius.spaces.services import content, materials
from comenius.spaces.services import moderation as space_moderation

pytestmark = pytest.mark.django_db


def image_upload(name: str) -> SimpleUploadedFile:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (30, 20), "navy").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), "image/png")


def published_page_with_image(cast: Any) -> tuple[Page, Material]:
    space = cast.project.space
    image = materials.upload_material(cast.mette, space, image_upload("river.png"), title="Our river").material
    body = f'<p>Our river:</p><img src="/spaces/{space.pk}/materials/{image.pk}/file/" alt="The river">'
    page = content.save_page(cast.mette, space, content.PageData(title="The river", body=body, is_draft=False))
    content.publish_page(cast.mette, page, shows_no_pupil=True)
    return page, image


def test_visitors_see_the_images_of_a_published_page_and_nothing_else(cast: Cast):
    page, image = published_page_with_image(cast)
    other = materials.upload_material(cast.mette, cast.project.space, image_upload("class.png")).material
    visitor = Client()
    html = visitor.get(reverse("spaces:public_page", args=[cast.project.pk, page.pk])).content.decode()
    public_src = reverse("spaces:public_page_image", args=[cast.project.pk, page.pk, image.pk])
    assert f'src="{public_src}"' in html and "/materials/" not in html
    response = visitor.get(public_src)
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    # An image the page does not show, the members-only address, and the image once hidden: not for visitors.
    assert (
        visitor.get(reverse("spaces:public_page_image", args=[cast.project.pk, page.pk, other.pk])).status_code == 404
    )
    assert visitor.get(reverse("spaces:material_file", args=[cast.project.space.pk, image.pk])).status_code == 302
    space_moderation.set_hidden(image, True)
    assert visitor.get(public_src).status_code == 404


def test_the_route_closes_with_the_page(cast: Cast):
    page, image = published_page_with_image(cast)
    public_src = reverse("spaces:public_page_image", args=[cast.project.pk, page.pk, image.pk])
    content.unpublish_page(cast.mette, page)
    assert Client().get(public_src).status_code == 404
