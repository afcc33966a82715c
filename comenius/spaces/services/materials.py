"""Materials of a project space: files (images, video, audio, documents), links and embeds, in folders and photo
albums.

Reads are in `spaces.access_materials`. Writes take the acting user, find their seat, check `access.can` (which also
makes a closed project's space read-only), run in one transaction and raise `DomainError` with a translated
message when refused.

Rights: "upload" adds files, links, embeds and folders; the author deletes their own, a teacher administrator
("moderate") deletes anything. Uploads count against UPLOADS_PER_HOUR and are checked by content
(`core.uploads.SPACE_MATERIAL`). Stored files are removed from storage only after the deleting transaction commits.
An image's thumbnail is made afterwards, by a task (`make_thumbnail`, `spaces.tasks`): pages show none until it
is there. The checks themselves, the re-encoding of images and the blanking of MP4 metadata stay in the request:
what is stored must already be clean (and a refusal must reach the uploader), so no file with a phone's GPS
position ever sits in storage, not even for the seconds before a worker reaches it.
Sound files (MP3, Ogg) are stored with kind "video" — `MaterialKind` has no audio kind; their content type
tells the page to show a sound player.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core import ratelimit
from comenius.core.errors import DomainError
from comenius.core.uploads import SPACE_MATERIAL, TYPES, check, reencode_image
from comenius.spaces import access, sanitise
from comenius.spaces.access import Seat
from comenius.spaces.access_materials import can_delete, folder_tree, get_material_for
from comenius.spaces.models import Folder, Material, MaterialKind, Space

MAX_FOLDER_DEPTH = 5
# The request checks and cleans; the thumbnail comes later (`make_thumbnail`), from the stored, clean image.
_IN_THE_REQUEST = replace(SPACE_MATERIAL, thumbnails=False)
_THUMBNAIL_ONLY = replace(SPACE_MATERIAL, reencode_images=False, thumbnails=True)
ALBUM_KINDS = {MaterialKind.IMAGE, MaterialKind.VIDEO, MaterialKind.EMBED}


def _read_only() -> DomainError:
    return DomainError(_("This project is closed: its space can be read, but nothing can be added or changed."))


def _seat_to_add(user: User, space: Space) -> Seat:
    seat = access.seat_for(user, space.pk)
    if not access.can(seat, "upload"):
        if seat.read_only:
            raise _read_only()
        raise DomainError(_("Only teachers and pupil administrators can add materials."))
    return seat


def _target_folder(seat: Seat, folder: Folder | None, kind: str | None) -> Folder | None:
    """The folder to add to: one the seat can see; an album takes only ALBUM_KINDS (kind None: not known yet)."""
    if folder is None:
        return None
    if folder.space_id != seat.space.pk or folder.pk not in folder_tree(seat).folders:
        raise DomainError(_("This folder no longer exists. Please choose another one."))
    if folder.is_album and kind is not None and kind not in ALBUM_KINDS:
        raise DomainError(_("A photo album holds images, videos and embedded videos. Put this in a folder instead."))
    return folder


def _clean_title(title: str, fallback: str) -> str:
    cleaned = " ".join((title or "").split())
    return (cleaned or " ".join(fallback.split()) or _("Untitled"))[:150]


@dataclass(frozen=True)
class Added:
    """An added file, and — when its name claimed another type — the name it came with."""

    material: Material
    renamed_from: str | None = None
    type_label: str = ""
    kept_details: tuple[str, ...] = ()


def upload_material(
    user: User,
    space: Space,
    upload: UploadedFile,
    *,
    title: str = "",
    folder: Folder | None = None,
    keep_details: bool = False,
) -> Added:
    """Add an uploaded file. Checked by content (`core.uploads.check` under SPACE_MATERIAL); images are stored
    re-encoded without metadata, documents without their author details, and a task makes the images' JPEG
    thumbnails. A document whose details cannot be removed without damaging it is refused with a warning unless
    `keep_details` (the uploader agreed to share it as it is; `Added.kept_details` names them). Counts against
    UPLOADS_PER_HOUR. Nothing is stored when refused."""
    seat = _seat_to_add(user, space)
    _target_folder(seat, folder, None)
    ratelimit.check_uploads(user.pk, settings.UPLOADS_PER_HOUR)
    checked = check(upload, _IN_THE_REQUEST, keep_details=keep_details)
    try:
        if folder is not None and folder.is_album and checked.file_type.kind not in ALBUM_KINDS:
            raise DomainError(
                _("A photo album holds images, videos and embedded videos. Put this in a folder instead.")
            )
        material = Material(
            space=space,
            author=user,
            folder=folder,
            kind=checked.file_type.kind,
            title=_clean_title(title, PurePosixPath(checked.filename).stem),
            filename=checked.filename,
            content_type=checked.file_type.content_type,
            size=checked.size,
        )
        stored: list[str] = []
        try:
            material.file.save("file", checked.as_file(), save=False)
            stored.append(material.file.name)
            with transaction.atomic():
                material.save()
        except BaseException:
            for name in stored:
                material.file.storage.delete(name)
            raise
    finally:
        checked.close(upload)
    if material.kind == MaterialKind.IMAGE:
        from comenius.spaces.tasks import make_thumbnail

        # Enqueued directly, not after commit: the row is committed above unless a caller holds a transaction,
        # and then the database queue commits the task with it.
        make_thumbnail.enqueue(material.pk)
        material.refresh_from_db(fields=["thumbnail"])  # there already when tasks run at once (tests)
    return Added(
        material,
        renamed_from=(upload.name or "") if checked.renamed else None,
        type_label=str(checked.file_type.label),
        kept_details=checked.kept_details,
    )


def make_thumbnail(material_id: int) -> bool:
    """The JPEG thumbnail of a stored image (run by the `make_thumbnail` task). Decodes the stored file, which
    is clean already (`_THUMBNAIL_ONLY` keeps its bytes); a material deleted meanwhile keeps no stray file.
    True when a thumbnail was stored."""
    material = Material.objects.filter(pk=material_id, kind=MaterialKind.IMAGE).first()
    if material is None or material.thumbnail or not material.file or material.content_type not in TYPES:
        return False
    with material.file.open("rb") as handle:
        data = handle.read()
    _same, _type, thumbnail = reencode_image(data, TYPES[material.content_type], _THUMBNAIL_ONLY)
    if thumbnail is None:
        return False
    material.thumbnail.save("thumbnail", ContentFile(thumbnail), save=False)
    if not Material.objects.filter(pk=material.pk, thumbnail="").update(thumbnail=material.thumbnail.name):
        material.thumbnail.storage.delete(material.thumbnail.name)  # deleted, or made by another worker
        return False
    return True


def _checked_url(url: str) -> str:
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise DomainError(_("Enter a full web address starting with https:// or http://.")) from error
    if len(url) > 500:
        raise DomainError(_("This address is too long (at most 500 characters)."))
    return url


def add_link(user: User, space: Space, url: str, *, title: str = "", folder: Folder | None = None) -> Material:
    """Add a link to a web page (http or https only)."""
    seat = _seat_to_add(user, space)
    url = _checked_url(url)
    folder = _target_folder(seat, folder, MaterialKind.LINK)
    with transaction.atomic():
        return Material.objects.create(
            space=space, author=user, folder=folder, kind=MaterialKind.LINK, url=url,
            title=_clean_title(title, urlsplit(url).hostname or url),
        )  # fmt: skip


def add_embed(user: User, space: Space, url: str, *, title: str = "", folder: Folder | None = None) -> Material:
    """Add an embedded player or tool. Only https addresses on SPACE_EMBED_HOSTS (`sanitise.embed_allowed`);
    shown as a click-to-load placeholder, so nothing loads from that host until a member asks."""
    seat = _seat_to_add(user, space)
    url = _checked_url(url)
    if not sanitise.embed_allowed(url):
        raise DomainError(
            _("Only videos and tools from these sites can be embedded: %(hosts)s. Add other addresses as a link.")
            % {"hosts": ", ".join(settings.SPACE_EMBED_HOSTS)}
        )
    folder = _target_folder(seat, folder, MaterialKind.EMBED)
    with transaction.atomic():
        return Material.objects.create(
            space=space, author=user, folder=folder, kind=MaterialKind.EMBED, url=url,
            title=_clean_title(title, urlsplit(url).hostname or url),
        )  # fmt: skip


def _delete_files_on_commit(*files: object) -> None:
    names = [(f.storage, f.name) for f in files if f]  # type: ignore[attr-defined]

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def delete_material(user: User, material: Material) -> None:
    """The author (while they may upload) or a teacher administrator deletes a material and its files."""
    seat = access.seat_for(user, material.space_id)
    get_material_for(seat, material.pk)  # 404 for what the seat cannot see
    if not can_delete(seat, material):
        if seat.read_only:
            raise _read_only()
        raise DomainError(_("You can delete only what you added yourself."))
    with transaction.atomic():
        Material.objects.filter(pk=material.pk).delete()
        _delete_files_on_commit(material.file, material.thumbnail)


def create_folder(
    user: User, space: Space, name: str, *, parent: Folder | None = None, is_album: bool = False
) -> Folder:
    """A folder (or photo album) at the top level or inside a folder the user can see; at most
    MAX_FOLDER_DEPTH levels deep; names unique within their parent."""
    seat = _seat_to_add(user, space)
    name = " ".join((name or "").split())
    if not name or len(name) > 100 or any(ord(ch) < 32 for ch in name):
        raise DomainError(_("Give the folder a name of at most 100 characters."))
    if parent is not None:
        tree = folder_tree(seat)
        if parent.space_id != space.pk or parent.pk not in tree.folders:
            raise DomainError(_("This folder no longer exists. Please choose another one."))
        if parent.is_album:
            raise DomainError(_("A photo album cannot hold folders."))
        if len(tree.path(parent)) >= MAX_FOLDER_DEPTH:
            raise DomainError(_("Folders can be at most %(depth)s levels deep.") % {"depth": MAX_FOLDER_DEPTH})
    with transaction.atomic():
        if Folder.objects.filter(space=space, parent=parent, name__iexact=name).exists():
            raise DomainError(_("There is already a folder called “%(name)s” here.") % {"name": name})
        return Folder.objects.create(space=space, author=user, parent=parent, name=name, is_album=is_album)


def delete_folder(user: User, folder: Folder) -> None:
    """Delete an empty folder (its author or a teacher administrator)."""
    seat = access.seat_for(user, folder.space_id)
    folder_tree(seat).get(folder.pk)  # 404 for what the seat cannot see
    if not can_delete(seat, folder):
        if seat.read_only:
            raise _read_only()
        raise DomainError(_("You can delete only what you added yourself."))
    with transaction.atomic():
        if Material.objects.filter(folder=folder).exists() or Folder.objects.filter(parent=folder).exists():
            raise DomainError(_("Only empty folders can be deleted. Delete what is in it first."))
        Folder.objects.filter(pk=folder.pk).delete()
