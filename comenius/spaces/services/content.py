"""Writing in a space: home-feed posts, comments, likes and pins; pages (sanitised, drafts, publishing to the
public gallery); forum and teachers' bulletin threads and replies; moderators hiding and restoring content.

Every service takes the person acting and checks their seat and right (`spaces.access.can`): outsiders,
missing rights and closed or archived projects (read-only) are refused with a translated `DomainError` and
nothing changes. Content a moderator hid cannot be answered, liked or pinned by anyone but a moderator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.ratelimit import hit
from comenius.core.services import record_audit
from comenius.spaces import access, access_content, notifying
from comenius.spaces.access import Seat
from comenius.spaces.models import Board, Comment, Like, Page, Post, Reply, Space, Thread
from comenius.spaces.sanitise import clean_html

POST_MAX = 5000
COMMENT_MAX = 2000
TEXT_MAX = 5000
TITLE_MAX = 150
PAGE_MAX = 200_000  # characters of HTML: a long page with many embeds, far from a database problem


def _seat(user: User, space: Space, right: str, refusal: str) -> Seat:
    """The actor's seat with `right`, or a DomainError saying why not."""
    try:
        seat = access.seat_for(user, space.pk)
    except Http404:
        raise DomainError(_("You are not a member of this project space.")) from None
    if access.can(seat, right):
        return seat
    if seat.role in access.RIGHTS[right] and seat.read_only:
        raise DomainError(_("This project is closed: its space can be read, but nothing can be added or changed."))
    raise DomainError(refusal)


def _not_flooding(user: User) -> None:
    """Posts, comments, threads and replies together: SPACE_WRITES_PER_10_MINUTES per person (a class can
    write a lot; a script or a stuck key cannot)."""
    if not hit(f"space-write:{user.pk}", settings.SPACE_WRITES_PER_10_MINUTES, 600):
        raise DomainError(_("You are writing very fast. Wait a few minutes, then try again."))


def _text(value: str, maximum: int, empty: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(empty)
    if len(text) > maximum:
        raise DomainError(_("Please keep it to at most %(count)d characters.") % {"count": maximum})
    return text


def _title(value: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise DomainError(_("Give it a title."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("Please keep the title to at most %(count)d characters.") % {"count": TITLE_MAX})
    return title


def _not_hidden(seat: Seat, content: Post | Thread | Page) -> None:
    if content.hidden_at is not None and not access_content.sees_hidden(seat):
        raise DomainError(_("This has been hidden by a moderator."))


# --- home feed -----------------------------------------------------------------------------------------


def create_post(user: User, space: Space, body: str) -> Post:
    """A post on the home feed: teachers, experts and pupil administrators (right "post")."""
    _seat(user, space, "post", _("Only teachers and pupil administrators can write posts."))
    _not_flooding(user)
    post = Post.objects.create(space=space, author=user, body=_text(body, POST_MAX, _("Write something first.")))
    notifying.new_activity(user, post, kind="post")
    return post


def add_comment(user: User, post: Post, body: str) -> Comment:
    """A comment under a post: every member of the space but observers (right "comment")."""
    seat = _seat(user, post.space, "comment", _("Observers can read but not comment."))
    _not_hidden(seat, post)
    text = _text(body, COMMENT_MAX, _("Write your comment first."))
    _not_flooding(user)
    comment = Comment.objects.create(space=post.space, post=post, author=user, body=text)
    notifying.replied(user, comment, post, kind="post")
    return comment


def toggle_like(user: User, post: Post) -> bool:
    """Like a post, or take the like back: one like per person. Returns whether the person now likes it."""
    seat = _seat(user, post.space, "comment", _("Observers can read but not like posts."))
    _not_hidden(seat, post)
    with transaction.atomic():
        removed, _count = Like.objects.filter(post=post, user=user).delete()
        if removed:
            return False
        try:
            with transaction.atomic():
                Like.objects.create(post=post, user=user)
        except IntegrityError:  # a double click: the first one already liked it
            pass
    return True


def set_pinned(user: User, post: Post, pinned: bool) -> Post:
    """Pin a post to the top of the feed, or unpin it (teacher administrators and teachers: right "pin")."""
    seat = _seat(user, post.space, "pin", _("Only the space's teachers can pin posts."))
    _not_hidden(seat, post)
    post.pinned_at = timezone.now() if pinned else None
    post.save(update_fields=["pinned_at"])
    return post


# --- pages ----------------------------------------------------------------------------------------------


@dataclass
class PageData:
    title: str
    body: str
    parent: Page | None = None
    position: int = 0
    is_draft: bool = True


def save_page(user: User, space: Space, data: PageData, page: Page | None = None) -> Page:
    """Create a page (page None) or change one (right "write_pages"). The body is sanitised for this space
    (`spaces.sanitise.clean_html`). The parent must be a page of the same space the writer can see, and not
    the page itself or one below it. Changing a published page takes it out of the public gallery: what is
    public is only ever what a teacher administrator checked (see `publish_page`)."""
    seat = _seat(user, space, "write_pages", _("Only teachers and pupil administrators can write pages."))
    if page is not None:
        if page.space_id != space.pk:
            raise DomainError(_("This page belongs to another space."))
        _not_hidden(seat, page)
    title = _title(data.title)
    if len(data.body or "") > PAGE_MAX:
        raise DomainError(_("This page is too long. Split it into several pages."))
    body = clean_html(data.body or "", space.pk)
    if data.position < 0 or data.position > 10_000:
        raise DomainError(_("Choose a position between 0 and 10000."))
    parent = data.parent
    if parent is not None:
        tree = access_content.page_tree(seat)
        if parent.space_id != space.pk or parent.pk not in tree.by_id:
            raise DomainError(_("Choose a page of this space as the parent."))
        if page is not None and (parent.pk == page.pk or parent.pk in tree.descendant_ids(page.pk)):
            raise DomainError(_("A page cannot be placed below itself or one of its own sub-pages."))
    with transaction.atomic():
        if page is None:
            return Page.objects.create(
                space=space, author=user, updated_by=user, title=title, body=body, parent=parent,
                position=data.position, is_draft=data.is_draft,
            )  # fmt: skip
        locked = Page.objects.select_for_update().get(pk=page.pk)
        was_public = locked.published_at is not None
        locked.title, locked.body, locked.parent, locked.position = title, body, parent, data.position
        locked.is_draft, locked.updated_by = data.is_draft, user
        locked.published_at, locked.published_by = None, None
        locked.save(
            update_fields=[
                "title", "body", "parent", "position", "is_draft", "updated_by", "updated_at", "published_at",
                "published_by",
            ]
        )  # fmt: skip
        if was_public:
            record_audit(user, "space.page_unpublished", locked, reason="changed")
    return locked


def delete_page(user: User, page: Page) -> None:
    """Delete a page that has no sub-pages and is not in the public gallery (right "write_pages")."""
    seat = _seat(user, page.space, "write_pages", _("Only teachers and pupil administrators can delete pages."))
    _not_hidden(seat, page)
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        if Page.objects.filter(parent=locked).exists():
            raise DomainError(_("This page has sub-pages. Move or delete them first."))
        if locked.published_at is not None:
            raise DomainError(_("This page is in the public gallery. A teacher administrator takes it out first."))
        locked.delete()


def publish_page(user: User, page: Page, *, shows_no_pupil: bool) -> Page:
    """A teacher administrator (right "publish_pages") shows a page in the public gallery. They must confirm
    that it shows no pupil's face, full name or personal details (DOMAIN.md: never pupil data in public);
    without that confirmation nothing is published. Drafts and hidden pages cannot be published. Audited."""
    _seat(user, page.space, "publish_pages", _("Only the space's teacher administrators can publish pages."))
    if not shows_no_pupil:
        raise DomainError(_("Check the page and confirm that it shows no pupil's face, full name or personal details."))
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        if locked.hidden_at is not None:
            raise DomainError(_("A hidden page cannot be published."))
        if locked.is_draft:
            raise DomainError(_("This page is still a draft. Finish it first, then publish it."))
        if locked.published_at is None:
            locked.published_at, locked.published_by = timezone.now(), user
            locked.save(update_fields=["published_at", "published_by"])
            record_audit(user, "space.page_published", locked)
    return locked


def unpublish_page(user: User, page: Page) -> Page:
    """Take a page out of the public gallery (right "publish_pages"). Audited."""
    _seat(user, page.space, "publish_pages", _("Only the space's teacher administrators can unpublish pages."))
    with transaction.atomic():
        locked = Page.objects.select_for_update().get(pk=page.pk)
        if locked.published_at is not None:
            locked.published_at, locked.published_by = None, None
            locked.save(update_fields=["published_at", "published_by"])
            record_audit(user, "space.page_unpublished", locked)
    return locked


# --- forum and teachers' bulletin ------------------------------------------------------------------------


def _board_right(board: str, action: str) -> str:
    if board == Board.BULLETIN:
        return "write_bulletin"
    if board == Board.FORUM:
        return action
    raise DomainError(_("Choose the forum or the teachers' bulletin."))


def start_thread(user: User, space: Space, board: str, title: str, body: str) -> Thread:
    """A forum thread (right "start_thread": teachers, experts, pupil administrators) or a post on the
    teachers' bulletin (right "write_bulletin": the space's teachers but observers)."""
    refusal = (
        _("Only the space's teachers can write on the teachers' bulletin.")
        if board == Board.BULLETIN
        else _("Only teachers and pupil administrators can start threads. You can reply to one.")
    )
    _seat(user, space, _board_right(board, "start_thread"), refusal)
    _not_flooding(user)
    thread = Thread.objects.create(
        space=space, author=user, board=board, title=_title(title), body=_text(body, TEXT_MAX, _("Write something."))
    )
    notifying.thread_started(user, thread)
    notifying.new_activity(user, thread, kind="thread")
    return thread


def reply(user: User, thread: Thread, body: str) -> Reply:
    """A reply in a forum thread (right "reply": everyone but observers) or on the bulletin
    ("write_bulletin"). Moves the thread to the top of its board."""
    refusal = (
        _("Only the space's teachers can write on the teachers' bulletin.")
        if thread.board == Board.BULLETIN
        else _("Observers can read but not reply.")
    )
    seat = _seat(user, thread.space, _board_right(thread.board, "reply"), refusal)
    _not_hidden(seat, thread)
    text = _text(body, TEXT_MAX, _("Write your reply first."))
    _not_flooding(user)
    with transaction.atomic():
        answer = Reply.objects.create(space=thread.space, thread=thread, author=user, body=text)
        Thread.objects.filter(pk=thread.pk).update(last_reply_at=answer.created_at)
        notifying.replied(user, answer, thread, kind="thread")
    return answer


# --- moderators -----------------------------------------------------------------------------------------


def set_hidden(user: User, content: Post | Comment | Page | Thread | Reply, hidden: bool) -> None:
    """A moderator of the space (teacher administrator, right "moderate") hides content from everyone else,
    or restores it. Audited. Reports from members go through `moderation.services` instead."""
    _seat(user, content.space, "moderate", _("Only the space's teacher administrators can hide content."))
    with transaction.atomic():
        type(content).objects.filter(pk=content.pk).update(hidden_at=timezone.now() if hidden else None)
        content.refresh_from_db(fields=["hidden_at"])
        if hidden and isinstance(content, Page) and content.published_at is not None:
            Page.objects.filter(pk=content.pk).update(published_at=None, published_by=None)
        record_audit(user, "space.content_hidden" if hidden else "space.content_restored", content)
