"""Permission-matrix rows of the materials area and the export. Objects are made through the services, by
Mette (a teacher administrator of the cast's space)."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comenius.spaces.models import Folder, Material
from comenius.spaces.tests.matrix_common import inside, space

# POST-only pages: members get through the seat check and meet 405; the services decide the rest.
POST_ONLY = inside(405, 405)


def _folder(cast: Any) -> dict[str, Any]:
    from comenius.spaces.services import materials

    found = Folder.objects.filter(space=cast.project.space, name="Photos").first()
    folder = found or materials.create_folder(cast.mette, cast.project.space, "Photos", is_album=True)
    return {**space(cast), "folder_id": folder.pk}


def _image(cast: Any) -> dict[str, Any]:
    from comenius.spaces.services import materials

    found = Material.objects.filter(space=cast.project.space, title="Our school").first()
    if found is None:
        buffer = io.BytesIO()
        Image.new("RGB", (32, 24), "teal").save(buffer, format="PNG")
        upload = SimpleUploadedFile("school.png", buffer.getvalue(), "image/png")
        found = materials.upload_material(cast.mette, cast.project.space, upload, title="Our school").material
    return {**space(cast), "pk": found.pk}


ROWS = {
    "spaces:materials": (space, inside()),
    "spaces:material_upload": (space, POST_ONLY),
    "spaces:material_link": (space, POST_ONLY),
    "spaces:material_embed": (space, POST_ONLY),
    "spaces:folder_new": (space, POST_ONLY),
    "spaces:folder": (_folder, inside()),
    "spaces:folder_delete": (_folder, POST_ONLY),
    "spaces:material": (_image, inside()),
    "spaces:material_delete": (_image, POST_ONLY),
    "spaces:material_file": (_image, inside()),
    "spaces:material_thumbnail": (_image, inside()),
    # Teacher administrators only: Pia (a pupil) gets 404 like everyone outside.
    "spaces:export": (space, inside(200, 404)),
}
