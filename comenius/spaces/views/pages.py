"""Pages of a space: the tree, reading a page, writing (sanitised HTML), publishing to the public gallery with
the no-pupil-data confirmation, and the public view of a published page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.core.errors import DomainError
from comenius.core.params import positive_id
from comenius.spaces import access_content
from comenius.spaces.access import Seat
from comenius.spaces.access_content import PageTree
from comenius.spaces.forms_content import PageForm, PublishForm
from comenius.spaces.services import content as services
from comenius.spaces.views.common import render_space, space_view, viewer
from comenius.spaces.views.feed import act, posted


@space_view()
def pages(request: HttpRequest, seat: Seat) -> HttpResponse:
    tree = access_content.page_tree(seat)
    return render_space(request, seat, "spaces/content/pages.html", {"tree": tree})


@space_view()
def page(request: HttpRequest, seat: Seat, page_id: int) -> HttpResponse:
    tree = access_content.page_tree(seat)
    shown = access_content.get_page_for(seat, page_id, tree)
    context = {
        "tree": tree,
        "page": shown,
        "body": access_content.page_html(shown),
        "ancestors": tree.ancestors(shown.pk),
        "children": [node.page for node in tree.by_id[shown.pk].children],
        "sees_hidden": access_content.sees_hidden(seat),
    }
    return render_space(request, seat, "spaces/content/page.html", context)


def _page_data(form: PageForm, tree: PageTree) -> services.PageData:
    parent_pk = form.cleaned_data["parent"]
    return services.PageData(
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
        parent=tree.by_id[parent_pk].page if parent_pk in tree.by_id else None,
        position=form.cleaned_data["position"],
        is_draft=form.cleaned_data["is_draft"],
    )


@space_view("write_pages")
@require_http_methods(["GET", "POST"])
def page_new(request: HttpRequest, seat: Seat) -> HttpResponse:
    tree = access_content.page_tree(seat)
    parent = positive_id(request.GET.get("parent"))
    initial = {"parent": parent} if parent in tree.by_id else {}
    form = PageForm(posted(request), tree=tree, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.save_page(seat.user, seat.space, _page_data(form, tree))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The page is saved."))
            return redirect("spaces:page", space_id=seat.space.pk, page_id=created.pk)
    context = {"form": form, "editing": None}
    return render_space(request, seat, "spaces/content/page_form.html", context, status=400 if form.errors else 200)


@space_view("write_pages")
@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, seat: Seat, page_id: int) -> HttpResponse:
    tree = access_content.page_tree(seat)
    editing = access_content.get_page_for(seat, page_id, tree)
    initial = {
        "title": editing.title,
        "body": editing.body,
        "parent": editing.parent_id,
        "position": editing.position,
        "is_draft": editing.is_draft,
    }
    exclude = {editing.pk} | tree.descendant_ids(editing.pk)
    form = PageForm(posted(request), tree=tree, exclude=exclude, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_page(seat.user, seat.space, _page_data(form, tree), editing)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The page is saved."))
            return redirect("spaces:page", space_id=seat.space.pk, page_id=editing.pk)
    context = {"form": form, "editing": editing}
    return render_space(request, seat, "spaces/content/page_form.html", context, status=400 if form.errors else 200)


@space_view("write_pages")
@require_http_methods(["GET", "POST"])
def page_delete(request: HttpRequest, seat: Seat, page_id: int) -> HttpResponse:
    """A page is deleted after a confirmation step (it cannot be undone)."""
    doomed = access_content.get_page_for(seat, page_id)
    if request.method == "GET":
        return render_space(request, seat, "spaces/content/page_delete.html", {"page": doomed})
    try:
        services.delete_page(seat.user, doomed)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("spaces:page", space_id=seat.space.pk, page_id=doomed.pk)
    messages.success(request, _("The page is deleted."))
    return redirect("spaces:pages", space_id=seat.space.pk)


@space_view("publish_pages")
@require_http_methods(["GET", "POST"])
def page_publish(request: HttpRequest, seat: Seat, page_id: int) -> HttpResponse:
    """The warning step: the teacher administrator looks at the page and confirms it shows no pupil."""
    tree = access_content.page_tree(seat)
    shown = access_content.get_page_for(seat, page_id, tree)
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_page(seat.user, shown, shows_no_pupil=form.cleaned_data["shows_no_pupil"])
        except DomainError as error:
            form.add_error("shows_no_pupil" if not form.cleaned_data["shows_no_pupil"] else None, error.message)
        else:
            messages.success(request, _("The page is in the public gallery."))
            return redirect("spaces:page", space_id=seat.space.pk, page_id=shown.pk)
    context = {"form": form, "page": shown, "body": access_content.page_html(shown)}
    return render_space(request, seat, "spaces/content/page_publish.html", context, status=400 if form.errors else 200)


@space_view("publish_pages")
@require_POST
def page_unpublish(request: HttpRequest, seat: Seat, page_id: int) -> HttpResponse:
    shown = access_content.get_page_for(seat, page_id)
    act(request, lambda: services.unpublish_page(seat.user, shown), _("The page is no longer public."))
    return redirect("spaces:page", space_id=seat.space.pk, page_id=shown.pk)


def public_page(request: HttpRequest, project_pk: int, page_pk: int) -> HttpResponse:
    """A published page, for everyone (visitors included). Pupils see their spaces and nothing else of the
    platform, like the gallery itself (core.middleware)."""
    if request.user.is_authenticated and viewer(request).is_pupil:
        raise Http404
    project, shown = access_content.public_page(project_pk, page_pk)
    others = access_content.public_pages_of(project).exclude(pk=shown.pk).only("id", "title")[:20]
    body = access_content.public_page_html(project, shown)
    context = {"project": project, "page": shown, "body": body, "others": others}
    return render(request, "spaces/content/public_page.html", context)


def public_page_image(request: HttpRequest, project_pk: int, page_pk: int, material_pk: int) -> HttpResponseBase:
    """An image shown on a published page, for visitors (only images that page shows)."""
    from comenius.spaces.views.materials import serve_file

    if request.user.is_authenticated and viewer(request).is_pupil:
        raise Http404
    image = access_content.public_page_image(project_pk, page_pk, material_pk)
    return serve_file(request, image.file, image.content_type, image.filename, inline=True)
