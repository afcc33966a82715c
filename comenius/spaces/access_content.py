"""Reads of the home feed, pages, forum and teachers' bulletin that depend on who is asking (DESIGN.md rule 1).

Every function takes the viewer's `Seat` (from `access.seat_for`: 404 for anyone outside the space) and answers
404 for what that seat may not see:
- content a moderator hid (`hidden_at`): only the space's moderators (teacher administrators) still see it,
  marked as hidden, so they can restore it;
- draft pages: only those who write pages (teachers, experts, pupil administrators) — and a page under a
  draft or hidden page is out of reach too, like the branch it hangs on;
- the teachers' bulletin: only the space's teachers.
Seeing follows the role, not the project's state: in a closed project the same people still see drafts and
hidden content; only the write rights end (`access.can`).

The public gallery view of a published page (`public_page`) needs no seat: it answers only for published,
non-draft, non-hidden pages of projects shown in the gallery (`projects.access.get_gallery_project`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Exists, F, Model, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from comenius.projects import access as projects_access
from comenius.projects.models import Project
from comenius.spaces import access
from comenius.spaces.access import Seat
from comenius.spaces.models import Board, Comment, Like, Material, MaterialKind, Page, Post, Reply, Thread
from comenius.spaces.sanitise import clean_html

M = TypeVar("M", bound=Model)


def sees_hidden(seat: Seat) -> bool:
    """Moderators of the space see what they (or the platform's moderators) hid, to restore it."""
    return seat.role in access.RIGHTS["moderate"]


def sees_drafts(seat: Seat) -> bool:
    return seat.role in access.RIGHTS["write_pages"]


def reads_board(seat: Seat, board: str) -> bool:
    return board == Board.FORUM or (board == Board.BULLETIN and access.can(seat, "read_bulletin"))


def _visible(queryset: QuerySet[M], seat: Seat) -> QuerySet[M]:
    return queryset if sees_hidden(seat) else queryset.filter(hidden_at__isnull=True)


# --- home feed -----------------------------------------------------------------------------------------


def feed(seat: Seat) -> QuerySet[Post]:
    """The space's posts, pinned first, then newest first; each with `like_count`, `liked` (by the viewer) and
    its visible comments in `shown_comments` (one query for the comments of a whole page of posts)."""
    likes = Like.objects.filter(post=OuterRef("pk")).order_by().values("post").annotate(n=Count("pk")).values("n")
    comments = _visible(Comment.objects.select_related("author"), seat).order_by("created_at", "id")
    return (
        _visible(Post.objects.filter(space=seat.space), seat)
        .select_related("author")
        .annotate(
            like_count=Coalesce(likes, 0),
            liked=Exists(Like.objects.filter(post=OuterRef("pk"), user=seat.user)),
        )
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="shown_comments"))
        .order_by(F("pinned_at").desc(nulls_last=True), "-created_at", "-id")
    )


def get_post_for(seat: Seat, pk: int) -> Post:
    return get_object_or_404(_visible(Post.objects.filter(space=seat.space), seat), pk=pk)


def recent_pages(seat: Seat, limit: int = 5) -> list[Page]:
    """The most recently changed pages the viewer may open (for the feed's "recently" box)."""
    reachable = {node.page.pk: node.page for node in page_tree(seat).nodes()}
    return sorted(reachable.values(), key=lambda page: page.updated_at, reverse=True)[:limit]


def recent_threads(seat: Seat, limit: int = 5) -> list[Thread]:
    found = threads(seat, Board.FORUM).select_related(None)
    return list(found.only("id", "space_id", "title", "created_at", "last_reply_at", "hidden_at")[:limit])


# --- pages ----------------------------------------------------------------------------------------------


@dataclass
class PageNode:
    page: Page
    depth: int
    children: list[PageNode] = field(default_factory=list)


@dataclass
class PageTree:
    roots: list[PageNode]
    by_id: dict[int, PageNode]
    parent_of: dict[int, int | None]

    def nodes(self) -> list[PageNode]:
        """Every reachable page in reading order (depth first), for lists and choice fields."""
        ordered: list[PageNode] = []

        def walk(nodes: list[PageNode]) -> None:
            for node in nodes:
                ordered.append(node)
                walk(node.children)

        walk(self.roots)
        return ordered

    def ancestors(self, pk: int) -> list[Page]:
        chain: list[Page] = []
        parent = self.parent_of.get(pk)
        while parent is not None:
            chain.append(self.by_id[parent].page)
            parent = self.parent_of.get(parent)
        return list(reversed(chain))

    def descendant_ids(self, pk: int) -> set[int]:
        found: set[int] = set()
        stack = list(self.by_id[pk].children) if pk in self.by_id else []
        while stack:
            node = stack.pop()
            found.add(node.page.pk)
            stack.extend(node.children)
        return found


def page_tree(seat: Seat) -> PageTree:
    """The pages the viewer may open, as a tree (one query; bodies are not loaded)."""
    pages = Page.objects.filter(space=seat.space).only(
        "id", "space_id", "parent_id", "title", "position", "is_draft", "hidden_at", "published_at", "updated_at"
    )
    if not sees_drafts(seat):
        pages = pages.filter(is_draft=False)
    rows = list(_visible(pages, seat).order_by("position", "title", "id"))
    present = {page.pk for page in rows}
    children: dict[int | None, list[Page]] = {}
    for page in rows:
        # A page whose parent the viewer cannot see is out of reach with its whole branch.
        if page.parent_id is None or page.parent_id in present:
            children.setdefault(page.parent_id, []).append(page)
    by_id: dict[int, PageNode] = {}
    parent_of: dict[int, int | None] = {}

    def build(parent: int | None, depth: int) -> list[PageNode]:
        nodes = []
        for page in children.get(parent, []):
            node = PageNode(page, depth)
            by_id[page.pk] = node
            parent_of[page.pk] = parent
            node.children = build(page.pk, depth + 1)
            nodes.append(node)
        return nodes

    return PageTree(build(None, 0), by_id, parent_of)


def get_page_for(seat: Seat, pk: int, tree: PageTree | None = None) -> Page:
    """A page the viewer may open (with its author, editor and publisher), else 404."""
    tree = tree or page_tree(seat)
    if pk not in tree.by_id:
        raise Http404
    return get_object_or_404(
        Page.objects.filter(space=seat.space).select_related("author", "updated_by", "published_by"), pk=pk
    )


def page_html(page: Page) -> SafeString:
    """The page's body for display. It was sanitised when saved; cleaning again on the way out also covers
    rows that reached the database another way (admin, imports)."""
    return mark_safe(clean_html(page.body, page.space_id))  # nh3 output


def public_pages_of(project: Project) -> QuerySet[Page]:
    """A gallery project's published pages (for the public gallery page). Call only with a project from
    `projects.access.get_gallery_project`."""
    return Page.objects.filter(
        space__project=project, published_at__isnull=False, is_draft=False, hidden_at__isnull=True
    ).order_by("position", "title", "id")


_MEMBERS_IMAGE = re.compile(r"/spaces/(?P<space>\d+)/materials/(?P<material>\d+)/(?:file|thumbnail)/")


def public_page_html(project: Project, page: Page) -> SafeString:
    """A published page for visitors: its images (from the space's materials, members-only addresses) point
    at the page's own public image route instead, which serves only images this page shows."""

    def public(match: re.Match[str]) -> str:
        if int(match.group("space")) != page.space_id:
            return match.group(0)
        return reverse("spaces:public_page_image", args=[project.pk, page.pk, int(match.group("material"))])

    return mark_safe(_MEMBERS_IMAGE.sub(public, str(page_html(page))))  # the addresses are our own routes


def public_page_image(project_pk: int, page_pk: int, material_pk: int) -> Material:
    """An image a published page shows, for visitors: a visible image material of the page's space that the
    page's body refers to; else 404 (the rest of the space's materials stay members-only)."""
    _project, page = public_page(project_pk, page_pk)
    material = get_object_or_404(
        Material.objects.filter(space_id=page.space_id, kind=MaterialKind.IMAGE, hidden_at__isnull=True).exclude(
            folder__hidden_at__isnull=False
        ),
        pk=material_pk,
    )
    referenced = {int(match.group("material")) for match in _MEMBERS_IMAGE.finditer(page.body)
                  if int(match.group("space")) == page.space_id}  # fmt: skip
    if material.pk not in referenced or not material.file:
        raise Http404
    return material


def public_page(project_pk: int, page_pk: int) -> tuple[Project, Page]:
    """A published page of a project in the public gallery, for visitors; else 404."""
    project = projects_access.get_gallery_project(project_pk)
    page = get_object_or_404(
        public_pages_of(project).only("id", "space_id", "title", "body", "published_at"), pk=page_pk
    )
    return project, page


# --- forum and teachers' bulletin ------------------------------------------------------------------------


def threads(seat: Seat, board: str) -> QuerySet[Thread]:
    """Threads of a board, most recently active first, each with `reply_count` (visible replies)."""
    if not reads_board(seat, board):
        raise Http404
    shown = Q() if sees_hidden(seat) else Q(replies__hidden_at__isnull=True)
    return (
        _visible(Thread.objects.filter(space=seat.space, board=board), seat)
        .select_related("author")
        .annotate(reply_count=Count("replies", filter=shown), active_at=Coalesce("last_reply_at", "created_at"))
        .order_by("-active_at", "-id")
    )


def get_thread_for(seat: Seat, board: str, pk: int) -> Thread:
    if not reads_board(seat, board):
        raise Http404
    return get_object_or_404(
        _visible(Thread.objects.filter(space=seat.space, board=board), seat).select_related("author"), pk=pk
    )


def replies_of(seat: Seat, thread: Thread) -> QuerySet[Reply]:
    """A thread's replies, oldest first. Call only with a thread from `get_thread_for`."""
    return _visible(Reply.objects.filter(thread=thread), seat).select_related("author").order_by("created_at", "id")


# --- moderation inside the space ------------------------------------------------------------------------

HIDEABLE: dict[str, type[Post | Comment | Page | Thread | Reply]] = {
    "post": Post,
    "comment": Comment,
    "page": Page,
    "thread": Thread,
    "reply": Reply,
}


def get_hideable_for(seat: Seat, kind: str, pk: int) -> Any:
    """A piece of this space's content for its moderators (hidden or not), else 404."""
    model = HIDEABLE.get(kind)
    if model is None or not sees_hidden(seat):
        raise Http404
    return get_object_or_404(model.objects.filter(space=seat.space), pk=pk)
