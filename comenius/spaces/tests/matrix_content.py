"""Permission-matrix rows of the home feed, pages, forum, teachers' bulletin and the public page view.

In the cast's space Mette and Lucía are teacher administrators (every right) and Pia is a pupil: she reads,
comments, likes and replies, but does not post, write pages, start threads, publish, moderate or see the
teachers' bulletin. POST-only views answer 405 to whoever passes their access checks."""

from __future__ import annotations

from typing import Any

from comenius.spaces.models import Board
from comenius.spaces.services import content
from comenius.spaces.tests.matrix_common import ROLES, inside, space


def _post(cast: Any) -> dict[str, Any]:
    post = content.create_post(cast.mette, cast.project.space, "Hej fra Hjørring!")
    return {**space(cast), "post_id": post.pk}


def _hide_post(cast: Any) -> dict[str, Any]:
    post = content.create_post(cast.mette, cast.project.space, "Something to hide")
    return {**space(cast), "kind": "post", "pk": post.pk}


def _page(cast: Any, *, published: bool = False) -> Any:
    page = content.save_page(
        cast.mette, cast.project.space, content.PageData(title="Our school", body="<p>Hello</p>", is_draft=False)
    )
    if published:
        page = content.publish_page(cast.mette, page, shows_no_pupil=True)
    return page


def _space_page(cast: Any) -> dict[str, Any]:
    return {**space(cast), "page_id": _page(cast).pk}


def _published_page(cast: Any) -> dict[str, Any]:
    return {**space(cast), "page_id": _page(cast, published=True).pk}


def _public_page(cast: Any) -> dict[str, Any]:
    return {"project_pk": cast.project.pk, "page_pk": _page(cast, published=True).pk}


def _public_page_image(cast: Any) -> dict[str, Any]:
    from comenius.spaces.tests.test_public_page_images import published_page_with_image

    page, image = published_page_with_image(cast)
    return {"project_pk": cast.project.pk, "page_pk": page.pk, "material_pk": image.pk}


def _thread(cast: Any) -> dict[str, Any]:
    thread = content.start_thread(cast.mette, cast.project.space, Board.FORUM, "Our rivers", "Where do you sample?")
    return {**space(cast), "thread_id": thread.pk}


def _bulletin_thread(cast: Any) -> dict[str, Any]:
    thread = content.start_thread(cast.mette, cast.project.space, Board.BULLETIN, "Planning", "Meet on Monday?")
    return {**space(cast), "thread_id": thread.pk}


ROWS = {
    "spaces:home": (space, inside()),
    "spaces:post_new": (space, inside(405, 404)),
    "spaces:post_comment": (_post, inside(405, 405)),
    "spaces:post_like": (_post, inside(405, 405)),
    "spaces:post_pin": (_post, inside(405, 404)),
    "spaces:content_hide": (_hide_post, inside(405, 404)),
    "spaces:pages": (space, inside()),
    "spaces:page_new": (space, inside(200, 404)),
    "spaces:page": (_space_page, inside()),
    "spaces:page_edit": (_space_page, inside(200, 404)),
    "spaces:page_delete": (_space_page, inside(200, 404)),
    "spaces:page_publish": (_space_page, inside(200, 404)),
    "spaces:page_unpublish": (_published_page, inside(405, 404)),
    "spaces:forum": (space, inside()),
    "spaces:thread_new": (space, inside(200, 404)),
    "spaces:thread": (_thread, inside()),
    "spaces:thread_reply": (_thread, inside(405, 405)),
    # The teachers' bulletin: Pia (a pupil) gets 404 like someone outside the space.
    "spaces:bulletin": (space, inside(200, 404)),
    "spaces:bulletin_new": (space, inside(200, 404)),
    "spaces:bulletin_thread": (_bulletin_thread, inside(200, 404)),
    "spaces:bulletin_reply": (_bulletin_thread, inside(405, 404)),
    # A published page of a gallery project: everyone, visitors included; pupils see only their spaces.
    "spaces:public_page": (_public_page, {**dict.fromkeys(ROLES, 200), "pia": 404}),
    "spaces:public_page_image": (_public_page_image, {**dict.fromkeys(ROLES, 200), "pia": 404}),
}
