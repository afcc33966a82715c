"""What of courses can be reported: contributions to a course discussion. Reports go to central support and
the NSO of the author's country (the moderation queue), like any member's content."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from comenius.courses import access, services
from comenius.courses.models import CoursePost
from comenius.moderation.registry import Kind, register_kind


def _post_for(viewer: Any, pk: int) -> CoursePost:
    post = CoursePost.objects.select_related("activity__module").filter(pk=pk, hidden_at__isnull=True).first()
    if post is None:
        raise Http404
    seat = access.seat_for(viewer, post.activity.module.course_id)
    access.require(seat.reads_content)
    return post


def register() -> None:
    register_kind(
        Kind(
            "course_post",
            _("Contribution to a course discussion"),
            fetch_for=_post_for,
            fetch=lambda pk: CoursePost.objects.filter(pk=pk).first(),
            author=lambda post: post.author,
            describe=lambda post: post.body,
            set_hidden=services.set_hidden,
            delete=services.delete_post,
        )
    )
