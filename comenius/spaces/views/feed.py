"""The space's home feed: posts (pinned first, then newest), comments, likes, and what is new elsewhere in the
space; and the moderators' hide/restore button used on every kind of content of this area."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.redirects import safe_redirect
from comenius.spaces import access_content
from comenius.spaces.access import Seat, can
from comenius.spaces.forms_content import CommentForm, PostForm
from comenius.spaces.models import Comment, Post
from comenius.spaces.services import content as services
from comenius.spaces.views.common import render_space, space_view

FEED_PAGE_SIZE = 20


def back(request: HttpRequest, seat: Seat, fallback: str) -> HttpResponse:
    """Back where the form was (its `next` field), if that is a page of this space; else `fallback`."""
    prefix = reverse("spaces:home", kwargs={"space_id": seat.space.pk})
    return safe_redirect(request, request.POST.get("next"), fallback, within=prefix)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (an unticked checkbox sends nothing); None for a GET."""
    return request.POST if request.method == "POST" else None


def act(request: HttpRequest, action: Callable[[], object], success: str = "") -> None:
    """Run a service: its refusal becomes an error message, success an optional confirmation."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if success:
            messages.success(request, success)


def _home(request: HttpRequest, seat: Seat, post_form: PostForm | None, status: int = 200) -> HttpResponse:
    page = CappedPaginator(access_content.feed(seat), FEED_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "post_form": post_form if post_form is not None else (PostForm() if can(seat, "post") else None),
        "recent_pages": access_content.recent_pages(seat),
        "recent_threads": access_content.recent_threads(seat),
        "sees_hidden": access_content.sees_hidden(seat),
    }
    return render_space(request, seat, "spaces/content/home.html", context, status=status)


@space_view()
def home(request: HttpRequest, seat: Seat) -> HttpResponse:
    return _home(request, seat, None)


@space_view("post")
@require_POST
def post_new(request: HttpRequest, seat: Seat) -> HttpResponse:
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
            submissions.once(
                seat.user.pk, key, "spaces.post", Post, lambda: services.create_post(seat.user, seat.space, body)
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your post is on the home page."))
            return redirect("spaces:home", space_id=seat.space.pk)
    return _home(request, seat, form, status=400)


@space_view("comment")
@require_POST
def post_comment(request: HttpRequest, seat: Seat, post_id: int) -> HttpResponse:
    post = access_content.get_post_for(seat, post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
        act(
            request,
            lambda: submissions.once(
                seat.user.pk, key, "spaces.comment", Comment, lambda: services.add_comment(seat.user, post, body)
            ),
        )
    else:
        messages.error(request, _("Write a comment of at most 2000 characters."))
    return back(request, seat, reverse("spaces:home", kwargs={"space_id": seat.space.pk}) + f"#post-{post.pk}")


@space_view("comment")
@require_POST
def post_like(request: HttpRequest, seat: Seat, post_id: int) -> HttpResponse:
    post = access_content.get_post_for(seat, post_id)
    act(request, lambda: services.toggle_like(seat.user, post))
    return back(request, seat, reverse("spaces:home", kwargs={"space_id": seat.space.pk}) + f"#post-{post.pk}")


@space_view("pin")
@require_POST
def post_pin(request: HttpRequest, seat: Seat, post_id: int) -> HttpResponse:
    post = access_content.get_post_for(seat, post_id)
    pinned = request.POST.get("pinned") == "1"
    act(
        request,
        lambda: services.set_pinned(seat.user, post, pinned),
        _("The post is pinned to the top.") if pinned else _("The post is no longer pinned."),
    )
    return redirect("spaces:home", space_id=seat.space.pk)


@space_view("moderate")
@require_POST
def content_hide(request: HttpRequest, seat: Seat, kind: str, pk: int) -> HttpResponse:
    """Teacher administrators hide a post, comment, page, thread or reply from everyone else, or restore it."""
    content = access_content.get_hideable_for(seat, kind, pk)
    hidden = request.POST.get("hidden") == "1"
    act(
        request,
        lambda: services.set_hidden(seat.user, content, hidden),
        _("Hidden: only the space's teacher administrators see it now.") if hidden else _("Shown again."),
    )
    return back(request, seat, reverse("spaces:home", kwargs={"space_id": seat.space.pk}))
