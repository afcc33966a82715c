"""The forum (pupils reply; teachers and pupil administrators start threads) and the teachers' bulletin (the
same threads on a board only the space's teachers see). One set of views serves both boards."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator, HonestPaginator
from comenius.spaces import access_content
from comenius.spaces.access import Seat, can
from comenius.spaces.forms_content import ReplyForm, ThreadForm
from comenius.spaces.models import Board, Reply, Thread
from comenius.spaces.services import content as services
from comenius.spaces.views.common import render_space, space_view
from comenius.spaces.views.feed import posted

THREADS_PAGE_SIZE = 25
REPLIES_PAGE_SIZE = 50

# Per board: its URL names, and the rights to start a thread and to answer one.
BOARDS: dict[str, dict[str, str]] = {
    Board.FORUM: {"list": "spaces:forum", "new": "spaces:thread_new", "thread": "spaces:thread",
                  "reply": "spaces:thread_reply", "start": "start_thread", "answer": "reply"},
    Board.BULLETIN: {"list": "spaces:bulletin", "new": "spaces:bulletin_new", "thread": "spaces:bulletin_thread",
                     "reply": "spaces:bulletin_reply", "start": "write_bulletin", "answer": "write_bulletin"},
}  # fmt: skip


def _board_context(seat: Seat, board: str) -> dict[str, object]:
    names = BOARDS[board]
    return {
        "board": board,
        "urls": names,
        "is_bulletin": board == Board.BULLETIN,
        "may_start": can(seat, names["start"]),
        "may_answer": can(seat, names["answer"]),
        "sees_hidden": access_content.sees_hidden(seat),
    }


def _list(request: HttpRequest, seat: Seat, board: str) -> HttpResponse:
    found = access_content.threads(seat, board)
    page = CappedPaginator(found, THREADS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render_space(request, seat, "spaces/content/forum.html", {"page": page, **_board_context(seat, board)})


def _new(request: HttpRequest, seat: Seat, board: str) -> HttpResponse:
    form = ThreadForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            title, body, key = (form.cleaned_data[name] for name in ("title", "body", "submission"))
            thread = submissions.once(
                seat.user.pk,
                key,
                "spaces.thread",
                Thread,
                lambda: services.start_thread(seat.user, seat.space, board, title, body),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your thread is started."))
            return redirect(BOARDS[board]["thread"], space_id=seat.space.pk, thread_id=thread.pk)
    context = {"form": form, **_board_context(seat, board)}
    return render_space(request, seat, "spaces/content/thread_form.html", context, status=400 if form.errors else 200)


def _thread(
    request: HttpRequest, seat: Seat, board: str, thread_id: int, form: ReplyForm | None = None
) -> HttpResponse:
    thread = access_content.get_thread_for(seat, board, thread_id)
    # Every reply of a thread stays reachable: counting one thread's replies is cheap (index on thread_id).
    paginator = HonestPaginator(access_content.replies_of(seat, thread), REPLIES_PAGE_SIZE)
    number = request.GET.get("page")
    replies = paginator.get_page(paginator.num_pages if number == "last" else number)
    context = {"thread": thread, "page": replies, "form": form or ReplyForm(), **_board_context(seat, board)}
    return render_space(
        request, seat, "spaces/content/thread.html", context, status=400 if form is not None and form.errors else 200
    )


def _reply(request: HttpRequest, seat: Seat, board: str, thread_id: int) -> HttpResponse:
    thread = access_content.get_thread_for(seat, board, thread_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
            answer = submissions.once(
                seat.user.pk, key, "spaces.reply", Reply, lambda: services.reply(seat.user, thread, body)
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your reply is posted."))
            url = redirect(BOARDS[board]["thread"], space_id=seat.space.pk, thread_id=thread.pk).url
            return redirect(f"{url}?page=last#reply-{answer.pk}")
    return _thread(request, seat, board, thread_id, form)


@space_view()
def forum(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _list(request, seat, Board.FORUM)


@space_view("start_thread")
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _new(request, seat, Board.FORUM)


@space_view()
def thread(request: HttpRequest, seat: Seat, thread_id: int) -> HttpResponse:
    return _thread(request, seat, Board.FORUM, thread_id)


@space_view("reply")
@require_POST
def thread_reply(request: HttpRequest, seat: Seat, thread_id: int) -> HttpResponse:
    return _reply(request, seat, Board.FORUM, thread_id)


@space_view("read_bulletin")
def bulletin(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _list(request, seat, Board.BULLETIN)


@space_view("write_bulletin")
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _new(request, seat, Board.BULLETIN)


@space_view("read_bulletin")
def bulletin_thread(request: HttpRequest, seat: Seat, thread_id: int) -> HttpResponse:
    return _thread(request, seat, Board.BULLETIN, thread_id)


@space_view("write_bulletin")
@require_POST
def bulletin_reply(request: HttpRequest, seat: Seat, thread_id: int) -> HttpResponse:
    return _reply(request, seat, Board.BULLETIN, thread_id)
