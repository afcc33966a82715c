"""Reads of a space's materials that depend on who is asking (DESIGN.md rule 1).

Every function takes the viewer's `Seat` (from `access.seat_for`: 404 for anyone outside the space) and answers
404 for what that seat may not see: another space's objects, and — except for the space's moderators (teacher
administrators) — hidden materials and anything inside a hidden folder. Seeing follows the role, not the
project's state: in a closed project the moderators still see hidden materials (marked); only the write
rights end (`access.can`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.models import Folder, Material


def sees_hidden(seat: Seat) -> bool:
    """Moderators of the space see hidden materials (marked as hidden), to restore them."""
    return seat.role in access.RIGHTS["moderate"]


@dataclass
class FolderTree:
    """Every folder of a space the seat may see, fetched in one query (spaces hold tens of folders, not
    thousands), so paths and subfolders cost no further queries."""

    folders: dict[int, Folder] = field(default_factory=dict)
    children: dict[int | None, list[Folder]] = field(default_factory=lambda: defaultdict(list))

    def get(self, pk: int) -> Folder:
        folder = self.folders.get(pk)
        if folder is None:
            raise Http404
        return folder

    def path(self, folder: Folder | None) -> list[Folder]:
        """From the top folder down to `folder` itself."""
        trail: list[Folder] = []
        while folder is not None:
            trail.insert(0, folder)
            folder = self.folders.get(folder.parent_id) if folder.parent_id else None
        return trail

    def subfolders(self, folder: Folder | None) -> list[Folder]:
        return self.children.get(folder.pk if folder else None, [])

    def walk(self, folder: Folder | None = None) -> list[Folder]:
        """Every folder below `folder` (all folders for None), parents before children."""
        found: list[Folder] = []
        for child in self.subfolders(folder):
            found.append(child)
            found.extend(self.walk(child))
        return found


def folder_tree(seat: Seat, *, include_hidden: bool | None = None) -> FolderTree:
    """The folders the seat may see. A folder inside a hidden folder is hidden with it."""
    if include_hidden is None:
        include_hidden = sees_hidden(seat)
    rows = list(Folder.objects.filter(space=seat.space).order_by("name", "pk"))
    by_pk = {folder.pk: folder for folder in rows}
    tree = FolderTree()

    def visible(folder: Folder, depth: int = 0) -> bool:
        if folder.hidden_at is not None and not include_hidden:
            return False
        if folder.parent_id is None:
            return True
        parent = by_pk.get(folder.parent_id)
        return parent is not None and depth < 50 and visible(parent, depth + 1)

    for folder in rows:
        if visible(folder):
            tree.folders[folder.pk] = folder
    for folder in tree.folders.values():
        tree.children[folder.parent_id].append(folder)
    return tree


def materials_in(seat: Seat, folder: Folder | None) -> QuerySet[Material]:
    """The materials of one folder (None: the top level), newest first. Call with a folder from the seat's
    `folder_tree`."""
    materials = Material.objects.filter(space=seat.space, folder=folder).select_related("author")
    if not sees_hidden(seat):
        materials = materials.filter(hidden_at__isnull=True)
    return materials.order_by("-created_at", "-pk")


def get_material_for(seat: Seat, pk: int, tree: FolderTree | None = None) -> Material:
    """A material of the seat's space that the seat may see, or 404."""
    material = Material.objects.filter(space=seat.space, pk=pk).select_related("author", "folder").first()
    if material is None:
        raise Http404
    if not sees_hidden(seat):
        if material.hidden_at is not None:
            raise Http404
        if material.folder_id is not None and material.folder_id not in (tree or folder_tree(seat)).folders:
            raise Http404
    return material


def can_delete(seat: Seat, item: Material | Folder) -> bool:
    """The author while they may upload, or a teacher administrator; never in a read-only space."""
    return access.can(seat, "moderate") or (access.can(seat, "upload") and item.author_id == seat.user.pk)
