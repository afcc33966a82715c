"""The export of a whole project space as one ZIP (right "export": teacher administrators), so a school never
loses its work again (DOMAIN.md: spaces were lost in the reference system's 2022 migration).

The archive, built in a temporary file on disk (a big space never sits in memory; material files are copied in
1 MB steps), holds:
- `index.html` — a table of contents that opens in any browser, offline;
- `pages/NNN-title.html` — every page as a small standalone HTML file with its sanitised body; drafts are
  included and marked; images of the space's own materials point at the exported files;
- `materials/<folders>/<name>` — the files under their original names (sanitised, duplicates numbered), and
  `materials.html` / `materials.json` listing them with the links and embeds;
- `forum.html|json`, `bulletin.html|json` — threads with their replies; `feed.html|json` — posts, comments
  and likes;
- `members.html|json` — teachers with their names, roles and schools; pupils by first name only. No
  usernames, passwords, e-mail addresses or consent records;
- `manifest.json` — the project's fields, counts, export time and the list of files.

Hidden content (a moderator's `hidden_at`, and everything inside a hidden page, folder or thread) is left out of
every export, also of one made by a teacher administrator who can still see it in the space: an export is
what a school keeps and shares, and what a moderator took down must not travel on in it (issue #6). Chat
messages and meetings are not exported (classroom chat is ephemeral by design).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from datetime import date, datetime
from typing import IO, Any
from urllib.parse import quote

from django.db.models import Count, Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core import downloads, ratelimit
from comenius.core.errors import DomainError
from comenius.core.models import DownloadStatus, PreparedDownload
from comenius.core.uploads import clean_folder_name
from comenius.projects import access as projects_access
from comenius.projects.models import MemberState
from comenius.spaces import access, sanitise
from comenius.spaces.access import Seat, SpaceRole
from comenius.spaces.access_materials import folder_tree
from comenius.spaces.models import Board, Comment, Material, MaterialKind, Page, Post, Reply, Space, SpacePupil, Thread

FORMAT_VERSION = 1
EXPORTS_PER_HOUR = 5
COPY_CHUNK = 1024 * 1024
# What the export page promises (and the archive holds).
CONTENTS = [
    gettext_lazy("Every page as a web page that opens offline, drafts included and marked"),
    gettext_lazy("Every file under its own name, in its folders, and a list of the links and embeds"),
    gettext_lazy("The forum and the teachers' bulletin with all replies"),
    gettext_lazy("The home feed with comments"),
    gettext_lazy("The members: teachers with names and roles, pupils by first name only"),
    gettext_lazy("A manifest.json with the project's details, counts and the list of files"),
]
_OWN_IMAGE = re.compile(r'src="/spaces/(?P<space>\d+)/materials/(?P<pk>\d+)/(?:file|thumbnail)/"')
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r'alt="([^"]*)"')
_EMBED = re.compile(r'<div\b[^>]*\bdata-embed-src="([^"]+)"[^>]*>.*?</div>', re.IGNORECASE | re.DOTALL)


def _json_default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _name(user: User | None) -> str:
    """How a person appears in the export: a pupil by first name only."""
    if user is None:
        return str(_("Former member"))
    if user.is_pupil:
        return user.first_name
    return user.get_full_name()


def _zip_time(moment: datetime | None) -> tuple[int, int, int, int, int, int]:
    local = timezone.localtime(moment or timezone.now())
    return max(local.year, 1980), local.month, local.day, local.hour, local.minute, local.second


class _Archive:
    """Writes entries and remembers their names for the manifest."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.zip = zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED)
        self.names: list[str] = []
        self.taken: set[str] = set()

    def unique(self, path: str) -> str:
        """`path`, or `path` with " (2)", " (3)"… before the extension when taken (case-insensitively)."""
        stem, dot, extension = path.rpartition(".")
        if not dot or "/" in extension:
            stem, dot, extension = path, "", ""
        candidate, number = path, 1
        while candidate.lower() in self.taken:
            number += 1
            candidate = f"{stem} ({number}){dot}{extension}"
        self.taken.add(candidate.lower())
        return candidate

    def text(self, path: str, content: str) -> str:
        path = self.unique(path)
        info = zipfile.ZipInfo(path, _zip_time(None))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, content.encode("utf-8"))
        self.names.append(path)
        return path

    def json(self, path: str, data: Any) -> str:
        return self.text(path, json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))

    def html(self, path: str, template: str, context: dict[str, Any]) -> str:
        return self.text(path, render_to_string(f"spaces/materials/{template}", context))

    def stored_file(self, path: str, material: Material) -> str | None:
        """Copy a stored file in steps; None when it is missing from storage."""
        try:
            size = material.file.size
            source = material.file.open("rb")
        except (FileNotFoundError, OSError):
            return None
        path = self.unique(path)
        info = zipfile.ZipInfo(path, _zip_time(material.created_at))
        compressible = material.content_type.startswith("text/") or material.content_type == "application/pdf"
        info.compress_type = zipfile.ZIP_DEFLATED if compressible else zipfile.ZIP_STORED
        with source, self.zip.open(info, "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)
        self.names.append(path)
        return path

    def close(self) -> None:
        self.zip.close()


class _Exporter:
    def __init__(self, seat: Seat, archive: _Archive) -> None:
        self.seat, self.space, self.archive = seat, seat.space, archive
        self.project = seat.space.project
        self.counts: dict[str, int] = {}
        self.material_paths: dict[int, str] = {}
        self.missing: list[str] = []
        self.base = {"project": self.project, "language": get_language() or "en", "exported_at": timezone.now()}

    def run(self) -> None:
        members = self.members()
        materials = self.materials()
        pages = self.pages()
        forum = self.board(Board.FORUM, "forum")
        bulletin = self.board(Board.BULLETIN, "bulletin")
        feed = self.feed()
        self.archive.html(
            "index.html", "export_index.html",
            {**self.base, "root": "", "pages": pages, "counts": self.counts, "members": members,
             "materials": materials, "forum": forum, "bulletin": bulletin, "feed": feed},
        )  # fmt: skip
        self.manifest()

    # --- members ---

    def members(self) -> dict[str, list[dict[str, Any]]]:
        teachers = [
            {
                "name": _name(member.user),
                "role": str(SpaceRole.LABELS.get(member.role, member.role)),
                "school": member.institution.name if member.institution else "",
                "country": str(member.user.country.name) if member.user.country else "",
                "founder": member.is_founder,
            }
            for member in projects_access.members_of(self.project).filter(state=MemberState.ACTIVE)
        ]
        pupils = [
            {
                "first_name": place.user.first_name,
                "role": str(SpaceRole.LABELS[SpaceRole.PUPIL_ADMIN if place.is_admin else SpaceRole.PUPIL]),
            }
            for place in SpacePupil.objects.filter(space=self.space)
            .select_related("user")
            .order_by("user__first_name", "pk")
        ]
        data: dict[str, list[dict[str, Any]]] = {"teachers": teachers, "pupils": pupils}
        self.counts.update(teachers=len(teachers), pupils=len(pupils))
        self.archive.json("members.json", data)
        self.archive.html("members.html", "export_members.html", {**self.base, "root": "", **data})
        return data

    # --- materials ---

    def materials(self) -> list[dict[str, Any]]:
        tree = folder_tree(self.seat, include_hidden=False)
        rows = (
            Material.objects.filter(space=self.space, hidden_at__isnull=True)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        listed: list[dict[str, Any]] = []
        for material in rows.iterator(chunk_size=500):
            if material.folder_id is not None and material.folder_id not in tree.folders:
                continue  # inside a hidden folder
            path = tree.path(tree.folders.get(material.folder_id) if material.folder_id else None)
            folder_names = [clean_folder_name(folder.name) for folder in path]
            entry: dict[str, Any] = {
                "title": material.title,
                "kind": material.kind,
                "folder": "/".join(folder.name for folder in path),
                "author": _name(material.author),
                "created_at": material.created_at,
            }
            if material.kind in (MaterialKind.LINK, MaterialKind.EMBED):
                entry["url"] = material.url
            else:
                wanted = "/".join(["materials", *folder_names, material.filename or "file"])
                stored = self.archive.stored_file(wanted, material)
                if stored is None:
                    self.missing.append(material.filename)
                    continue
                self.material_paths[material.pk] = stored
                entry.update(
                    file=stored, filename=material.filename, content_type=material.content_type, size=material.size
                )
            listed.append(entry)
        self.counts.update(
            folders=len(tree.folders),
            files=sum(1 for entry in listed if "file" in entry),
            links=sum(1 for entry in listed if entry["kind"] == MaterialKind.LINK),
            embeds=sum(1 for entry in listed if entry["kind"] == MaterialKind.EMBED),
        )
        self.archive.json("materials.json", listed)
        self.archive.html("materials.html", "export_materials.html", {**self.base, "root": "", "materials": listed})
        return listed

    # --- pages ---

    def _local_body(self, body: str) -> str:
        """The sanitised body, with the space's own images pointing at the exported files and embeds as links
        (the exported page has no script to load them)."""
        html = sanitise.clean_html(body, self.space.pk)

        def image(match: re.Match[str]) -> str:
            tag = match.group(0)
            own = _OWN_IMAGE.search(tag)
            if own and int(own.group("space")) == self.space.pk and int(own.group("pk")) in self.material_paths:
                target = "../" + quote(self.material_paths[int(own.group("pk"))])
                return _OWN_IMAGE.sub(f'src="{escape(target)}"', tag)
            alt = _ALT.search(tag)
            return f"<span>[{alt.group(1)}]</span>" if alt and alt.group(1) else ""

        def embed(match: re.Match[str]) -> str:
            url = match.group(1)  # already escaped by the sanitiser
            return f'<p><a href="{url}" rel="noopener noreferrer">{url}</a></p>'

        return _EMBED.sub(embed, _IMG_TAG.sub(image, html))

    def pages(self) -> list[dict[str, Any]]:
        rows = list(
            Page.objects.filter(space=self.space).select_related("author", "updated_by").order_by("position", "title")
        )
        children: dict[int | None, list[Page]] = defaultdict(list)
        for page in rows:
            children[page.parent_id].append(page)
        ordered: list[tuple[Page, int, list[str]]] = []

        def walk(parent: int | None, depth: int, trail: list[str]) -> None:
            for page in children.get(parent, []):
                if page.hidden_at is not None or depth > 20:
                    continue  # hidden, with everything below it
                ordered.append((page, depth, trail))
                walk(page.pk, depth + 1, [*trail, page.title])

        walk(None, 0, [])
        listed = []
        for number, (page, depth, trail) in enumerate(ordered, start=1):
            slug = slugify(page.title)[:50] or "page"
            suffix = "-draft" if page.is_draft else ""
            entry = {
                "title": page.title,
                "draft": page.is_draft,
                "depth": depth,
                "parents": trail,
                "author": _name(page.author),
                "updated_by": _name(page.updated_by) if page.updated_by_id else "",
                "created_at": page.created_at,
                "updated_at": page.updated_at,
                "published": page.published_at is not None,
            }
            entry["file"] = self.archive.html(
                f"pages/{number:03d}-{slug}{suffix}.html", "export_page.html",
                {**self.base, "root": "../", "page": entry, "body": self._local_body(page.body)},
            )  # fmt: skip
            listed.append(entry)
        self.counts.update(pages=len(listed), drafts=sum(1 for entry in listed if entry["draft"]))
        return listed

    # --- forum and bulletin ---

    def board(self, board: str, name: str) -> list[dict[str, Any]]:
        replies = Reply.objects.filter(hidden_at__isnull=True).select_related("author").order_by("created_at", "pk")
        threads = (
            Thread.objects.filter(space=self.space, board=board, hidden_at__isnull=True)
            .select_related("author")
            .prefetch_related(Prefetch("replies", queryset=replies))
            .order_by("created_at", "pk")
        )
        listed: list[dict[str, Any]] = [
            {
                "title": thread.title,
                "body": thread.body,
                "author": _name(thread.author),
                "created_at": thread.created_at,
                "replies": [
                    {"body": reply.body, "author": _name(reply.author), "created_at": reply.created_at}
                    for reply in thread.replies.all()
                ],
            }
            for thread in threads
        ]
        self.counts[f"{name}_threads"] = len(listed)
        self.counts[f"{name}_replies"] = sum(len(thread["replies"]) for thread in listed)
        self.archive.json(f"{name}.json", listed)
        title = _("Forum") if board == Board.FORUM else _("Teachers' bulletin")
        self.archive.html(
            f"{name}.html", "export_board.html", {**self.base, "root": "", "title": title, "threads": listed}
        )
        return listed

    # --- home feed ---

    def feed(self) -> list[dict[str, Any]]:
        comments = Comment.objects.filter(hidden_at__isnull=True).select_related("author").order_by("created_at", "pk")
        posts = (
            Post.objects.filter(space=self.space, hidden_at__isnull=True)
            .select_related("author")
            .prefetch_related(Prefetch("comments", queryset=comments))
            .annotate(like_count=Count("likes"))
            .order_by("created_at", "pk")
        )
        listed = [
            {
                "body": post.body,
                "author": _name(post.author),
                "created_at": post.created_at,
                "pinned": post.pinned_at is not None,
                "likes": post.like_count,
                "comments": [
                    {"body": comment.body, "author": _name(comment.author), "created_at": comment.created_at}
                    for comment in post.comments.all()
                ],
            }
            for post in posts
        ]
        self.counts.update(posts=len(listed), comments=sum(len(post["comments"]) for post in listed))
        self.archive.json("feed.json", listed)
        self.archive.html("feed.html", "export_feed.html", {**self.base, "root": "", "posts": listed})
        return listed

    # --- manifest ---

    def manifest(self) -> None:
        project = self.project
        fields = [
            "title", "summary", "description", "languages", "age_min", "age_max", "pupils_count", "subjects",
            "tools", "aims", "work_process", "expected_results", "starts_on", "ends_on", "state", "kind",
            "activated_at", "closed_at", "archived_at",
        ]  # fmt: skip
        self.archive.json(
            "manifest.json",
            {
                "format": "comenius-space-export",
                "version": FORMAT_VERSION,
                "exported_at": self.base["exported_at"],
                "exported_by": _name(self.seat.user),
                "language": self.base["language"],
                "hidden_content": "excluded",
                "project": {name: getattr(project, name) for name in fields},
                "space_opened_at": self.space.opened_at,
                "counts": self.counts,
                "missing_files": self.missing,
                "files": sorted([*self.archive.names, "manifest.json"]),
            },
        )


def export_space(user: User, space: Space) -> tuple[IO[bytes], str]:
    """Build the whole space as a ZIP in a temporary file (positioned at its start; the caller reads and closes
    it), and a file name for it. Teacher administrators only (right "export", also once the project is closed
    or archived). Runs in the background (`request_export`); its language is the active one."""
    seat = access.seat_for(user, space.pk)
    if not access.can(seat, "export"):
        raise DomainError(_("Only the teacher administrators of this space can export it."))
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - returned open to the caller
    try:
        archive = _Archive(handle)
        _Exporter(seat, archive).run()
        archive.close()
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    stamp = timezone.localdate().isoformat()
    return handle, f"{slugify(seat.space.project.title)[:60] or 'project-space'}-{stamp}.zip"


# --- the export as a prepared download (core.downloads) ----------------------------------------------------------

DOWNLOAD_KIND = "space-export"


def request_export(user: User, space: Space) -> PreparedDownload:
    """A teacher administrator asks for the export: it is built in the background (`core.downloads`), the page
    shows its progress and the member gets an e-mail when it is ready. One already being prepared is returned
    as it is; a new one counts against EXPORTS_PER_HOUR per person, as each export reads every file."""
    seat = access.seat_for(user, space.pk)
    if not access.can(seat, "export"):
        raise DomainError(_("Only the teacher administrators of this space can export it."))
    current = downloads.latest(user, DOWNLOAD_KIND, str(space.pk))
    if current is not None and downloads.status_of(current) == DownloadStatus.PREPARING:
        return current
    if not ratelimit.hit(f"space-export:{user.pk}", EXPORTS_PER_HOUR, 3600):
        raise DomainError(_("You have exported several times in the last hour. Please wait a little and try again."))
    return downloads.request_download(user, DOWNLOAD_KIND, str(space.pk))


def latest_export(user: User, space: Space) -> PreparedDownload | None:
    return downloads.latest(user, DOWNLOAD_KIND, str(space.pk))


def _build(download: PreparedDownload) -> tuple[IO[bytes], str]:
    space = Space.objects.select_related("project").get(pk=int(download.subject_id))
    return export_space(download.owner, space)


def _may_download(user: User, download: PreparedDownload) -> bool:
    try:
        return access.can(access.seat_for(user, int(download.subject_id)), "export")
    except Http404:
        return False


def _title(download: PreparedDownload) -> str:
    space = Space.objects.select_related("project").filter(pk=int(download.subject_id)).first()
    title = space.project.title if space else ""
    return _("The export of the project space “%(title)s”") % {"title": title}


def register_download() -> None:
    """Called from `SpacesConfig.ready`."""
    downloads.register_kind(
        downloads.DownloadKind(
            name=DOWNLOAD_KIND,
            build=_build,
            page_path=lambda download: reverse("spaces:export", args=[int(download.subject_id)]),
            title=_title,
            may_download=_may_download,
        )
    )
