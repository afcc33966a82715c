"""Temporary: index pages of the areas still being built (replaced area by area)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from comenius.spaces.access import Seat
from comenius.spaces.views.common import render_space, space_view


@space_view()
def area(request: HttpRequest, seat: Seat) -> HttpResponse:
    return render_space(request, seat, "spaces/placeholder.html")
