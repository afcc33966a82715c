"""Materials pages (folders, albums, one material, adding and deleting), the files themselves, and the export.

Files are never in a public folder: every download passes `space_view` (the viewer's seat; 404 outside the
space) and `access_materials.get_material_for` (404 for hidden material, except for moderators), then
`core.private_files.send_private_file` (the web server sends the bytes when MEDIA_ACCEL_REDIRECT is set).
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.core import downloads
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.params import positive_id
from comenius.core.private_files import send_private_file
from comenius.core.uploads import TYPES
from comenius.spaces import access, access_materials, sanitise
from comenius.spaces.access import Seat
from comenius.spaces.forms_materials import EmbedForm, FolderForm, LinkForm, UploadForm
from comenius.spaces.models import Folder, Material, MaterialKind
from comenius.spaces.services import export as export_service
from comenius.spaces.services import materials as services
from comenius.spaces.views.common import render_space, space_view, viewer

PAGE_SIZE = 30
ALBUM_PAGE_SIZE = 60


def _forms(folder: Folder | None) -> dict[str, Any]:
    """The four empty forms of a folder page (a view swaps in the one just sent, with its errors)."""
    initial = {"folder": folder.pk if folder else None}
    return {
        "upload_form": UploadForm(prefix="upload", initial=initial),
        "link_form": LinkForm(prefix="link", initial=initial),
        "embed_form": EmbedForm(prefix="embed", initial=initial),
        "folder_form": FolderForm(prefix="folder", initial={"parent": folder.pk if folder else None}),
    }


def type_label(item: Material) -> str:
    file_type = TYPES.get(item.content_type)
    return str(file_type.label) if file_type else ""


def _with_placeholders(materials: list[Material]) -> list[Material]:
    for material in materials:
        if material.kind == MaterialKind.EMBED:
            # embed_placeholder escapes the address and the title itself.
            material.placeholder = mark_safe(sanitise.embed_placeholder(material.url, material.title))  # type: ignore[attr-defined]
    return materials


def _listing(
    request: HttpRequest,
    seat: Seat,
    folder: Folder | None,
    tree: access_materials.FolderTree,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or _forms(folder)
    # Without the right to add, the forms are not on the page: a refusal is shown on its own.
    refusals = (
        []
        if access.can(seat, "upload")
        else [
            str(error)
            for form in forms.values()
            if form.is_bound
            for errors in form.errors.values()
            for error in errors
        ]
    )
    size = ALBUM_PAGE_SIZE if folder and folder.is_album else PAGE_SIZE
    page = CappedPaginator(access_materials.materials_in(seat, folder), size).get_page(request.GET.get("page"))
    context = {
        "folder": folder,
        "path": tree.path(folder),
        "subfolders": tree.subfolders(folder),
        "page_obj": page,
        "materials": _with_placeholders(list(page.object_list)),
        "can_delete_folder": folder is not None and access_materials.can_delete(seat, folder),
        "embed_hosts": settings.SPACE_EMBED_HOSTS,
        "limits": {"image": settings.SPACE_IMAGE_MAX_MB, "file": settings.SPACE_FILE_MAX_MB},
        "refusals": refusals,
        **forms,
    }
    return render_space(request, seat, "spaces/materials/folder.html", context, status=status)


@space_view()
def materials(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _listing(request, seat, None, access_materials.folder_tree(seat))


@space_view()
def folder(request: HttpRequest, seat: Seat, folder_id: int) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    return _listing(request, seat, tree.get(folder_id), tree)


def _back(folder: Folder | None, space_id: int) -> HttpResponse:
    if folder is not None:
        return redirect("spaces:folder", space_id=space_id, folder_id=folder.pk)
    return redirect("spaces:materials", space_id=space_id)


def _posted_folder(tree: access_materials.FolderTree, pk: int | None) -> Folder | None:
    return tree.get(pk) if pk else None


@space_view()
@require_POST
def material_upload(request: HttpRequest, seat: Seat) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    form = UploadForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        target = _posted_folder(tree, positive_id(request.POST.get("upload-folder")))
        return _listing(request, seat, target, tree, {**_forms(target), "upload_form": form}, status=400)
    target = _posted_folder(tree, form.cleaned_data["folder"])
    files: list[UploadedFile] = form.cleaned_data["file"]
    added: list[str] = []
    for upload in files:
        name = upload.name or _("file")
        try:
            result = services.upload_material(
                viewer(request), seat.space, upload, title=form.cleaned_data["title"] if len(files) == 1 else "",
                folder=target, keep_details=form.cleaned_data["keep_details"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error("file", f"{name}: {error.message}" if len(files) > 1 else error.message)
            continue
        added.append(result.material.filename)
        if result.kept_details:
            messages.warning(
                request,
                _("“%(name)s” is shared with these details about who made it: %(details)s.")
                % {"name": result.material.filename, "details": ", ".join(result.kept_details)},
            )
        if result.renamed_from:
            messages.info(
                request,
                _("“%(original)s” is really a file of another kind (%(kind)s), so it was saved as “%(name)s”.")
                % {
                    "original": result.renamed_from,
                    "kind": result.type_label,
                    "name": result.material.filename,
                },
            )
    if added:
        messages.success(request, _("Added: %(names)s.") % {"names": ", ".join(added)})
    if form.errors:
        return _listing(request, seat, target, tree, {**_forms(target), "upload_form": form}, status=400)
    return _back(target, seat.space.pk)


def _add_address(request: HttpRequest, seat: Seat, bound: str) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    form = (LinkForm if bound == "link" else EmbedForm)(request.POST, prefix=bound)
    target = _posted_folder(tree, positive_id(request.POST.get(f"{bound}-folder")))
    if form.is_valid():
        add = services.add_link if bound == "link" else services.add_embed
        try:
            material = add(
                viewer(request), seat.space, form.cleaned_data["url"], title=form.cleaned_data["title"], folder=target
            )
        except DomainError as error:
            form.add_error("url", error.message)
        else:
            messages.success(request, _("Added: %(names)s.") % {"names": material.title})
            return _back(target, seat.space.pk)
    return _listing(request, seat, target, tree, {**_forms(target), f"{bound}_form": form}, status=400)


@space_view()
@require_POST
def material_link(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _add_address(request, seat, "link")


@space_view()
@require_POST
def material_embed(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _add_address(request, seat, "embed")


@space_view()
@require_POST
def folder_new(request: HttpRequest, seat: Seat) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    form = FolderForm(request.POST, prefix="folder")
    parent = _posted_folder(tree, positive_id(request.POST.get("folder-parent")))
    if form.is_valid():
        try:
            created = services.create_folder(
                viewer(request), seat.space, form.cleaned_data["name"], parent=parent,
                is_album=form.cleaned_data["is_album"],
            )  # fmt: skip
        except DomainError as error:
            form.add_error("name", error.message)
        else:
            messages.success(request, _("The folder “%(name)s” is ready.") % {"name": created.name})
            return redirect("spaces:folder", space_id=seat.space.pk, folder_id=created.pk)
    return _listing(request, seat, parent, tree, {**_forms(parent), "folder_form": form}, status=400)


@space_view()
@require_POST
def folder_delete(request: HttpRequest, seat: Seat, folder_id: int) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    target = tree.get(folder_id)
    try:
        services.delete_folder(viewer(request), target)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("spaces:folder", space_id=seat.space.pk, folder_id=target.pk)
    messages.success(request, _("The folder “%(name)s” is deleted.") % {"name": target.name})
    parent = tree.folders.get(target.parent_id) if target.parent_id else None
    return _back(parent, seat.space.pk)


@space_view()
def material(request: HttpRequest, seat: Seat, pk: int) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    item = access_materials.get_material_for(seat, pk, tree)
    context = {
        "material": _with_placeholders([item])[0],
        "path": tree.path(tree.folders.get(item.folder_id) if item.folder_id else None),
        "can_delete": access_materials.can_delete(seat, item),
        "is_audio": item.content_type.startswith("audio/"),
        "type_label": type_label(item),
    }
    return render_space(request, seat, "spaces/materials/material.html", context)


@space_view()
@require_POST
def material_delete(request: HttpRequest, seat: Seat, pk: int) -> HttpResponse:
    tree = access_materials.folder_tree(seat)
    item = access_materials.get_material_for(seat, pk, tree)
    try:
        services.delete_material(viewer(request), item)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("spaces:material", space_id=seat.space.pk, pk=item.pk)
    messages.success(request, _("“%(title)s” is deleted.") % {"title": item.title})
    return _back(tree.folders.get(item.folder_id) if item.folder_id else None, seat.space.pk)


# --- the files ---------------------------------------------------------------------------------------------------


def serve_file(request: HttpRequest, stored: FieldFile, content_type: str, filename: str, inline: bool) -> HttpResponse:
    response = send_private_file(request, stored, content_type, filename=filename, inline=inline)
    # `space_view` is typed for HttpResponse; a FileResponse streams (HttpResponseBase), which Django accepts.
    return cast(HttpResponse, response)


@space_view()
def material_file(request: HttpRequest, seat: Seat, pk: int) -> HttpResponse:
    item = access_materials.get_material_for(seat, pk)
    if not item.file:
        raise Http404
    inline = item.kind in (MaterialKind.IMAGE, MaterialKind.VIDEO)
    return serve_file(request, item.file, item.content_type, item.filename, inline)


@space_view()
def material_thumbnail(request: HttpRequest, seat: Seat, pk: int) -> HttpResponse:
    item = access_materials.get_material_for(seat, pk)
    if not item.thumbnail:
        raise Http404
    stem = item.filename.rsplit(".", 1)[0] or "image"
    return serve_file(request, item.thumbnail, "image/jpeg", f"{stem}-small.jpg", inline=True)


# --- export ------------------------------------------------------------------------------------------------------


@space_view("export")
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest, seat: Seat) -> HttpResponse:
    """Teacher administrators ask for the whole space as a ZIP; it is prepared in the background and this page
    shows how far it got (`services.export.request_export`, `core.downloads`)."""
    if request.method == "POST":
        try:
            export_service.request_export(viewer(request), seat.space)
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("spaces:export", space_id=seat.space.pk)
    latest = export_service.latest_export(viewer(request), seat.space)
    context = {"contents": export_service.CONTENTS, **downloads.status_context(latest)}
    return render_space(request, seat, "spaces/materials/export.html", context)
