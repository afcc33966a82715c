"""Background work of project spaces. Core imports this module at start-up (`core.apps`), which registers
the periodic task and the space export (a prepared download, `core.downloads`); thumbnails of new images are
made here too."""

from __future__ import annotations

from datetime import timedelta

from comenius.core.tasks import background, register_periodic
from comenius.spaces.services import export


@background(retries=2, backoff=300)
def delete_expired_pupils() -> list[int]:
    """Periodic (daily): delete pupils PUPIL_RETENTION_MONTHS after their project's archive
    (`manage.py delete_expired_pupils`). Returns [places removed, accounts deleted]."""
    from comenius.spaces.services import pupils

    places, accounts = pupils.delete_expired_pupils()
    return [places, accounts]


@background(retries=2, backoff=30)
def make_thumbnail(material_id: int) -> bool:
    """After an image is added: its small JPEG for folder pages and albums (`services.materials.make_thumbnail`)."""
    from comenius.spaces.services import materials

    return materials.make_thumbnail(material_id)


register_periodic("spaces.delete_expired_pupils", delete_expired_pupils, timedelta(days=1))
export.register_download()
