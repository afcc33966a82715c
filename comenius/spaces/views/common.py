"""What every space page shares: finding the viewer's seat (404 outside the space) and the space layout."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from comenius.accounts.models import User
from comenius.spaces import access
from comenius.spaces.access import Seat

SpaceView = Callable[..., HttpResponseBase]


def space_view(right: str = "read") -> Callable[[SpaceView], Callable[..., HttpResponseBase]]:
    """Decorate a view `(request, seat, **kwargs)` of URLs with `space_id`: anonymous visitors are sent to log
    in, everyone outside the space (or without `right`) gets 404."""

    def decorate(view: SpaceView) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapper(request: HttpRequest, space_id: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            seat = access.seat_for(request.user, space_id, request.path)
            access.require(seat, right)
            return view(request, seat, *args, **kwargs)

        return wrapper

    return decorate


def render_space(
    request: HttpRequest, seat: Seat, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """Render a page inside the space layout (`spaces/_layout.html`), which needs the seat and the rights."""
    rights = {right: access.can(seat, right) for right in access.RIGHTS}
    full = {"seat": seat, "space": seat.space, "project": seat.space.project, "rights": rights, **(context or {})}
    return render(request, template, full, status=status)


def viewer(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]
