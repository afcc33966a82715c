"""Prepared downloads (`core.downloads`): the file, to its owner only, and the status fragment a page polls.

Anyone but the owner gets 404 (no existence leaks); pupils never reach these pages (`PupilBoundaryMiddleware`).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from comenius.core import downloads
from comenius.core.private_files import send_private_file


@login_required
def download(request: HttpRequest, pk: UUID) -> HttpResponseBase:
    prepared = downloads.downloadable(request.user, pk)
    if prepared is None:
        raise Http404
    return send_private_file(
        request,
        prepared.file,
        "application/zip",
        filename=prepared.filename or "download.zip",
        inline=False,
        cache_control="private, no-store",
    )


@login_required
def download_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The status fragment (`core/_download_status.html`); it polls itself while the file is being prepared."""
    prepared = downloads.owned(request.user, pk)
    if prepared is None:
        raise Http404
    return render(request, "core/_download_status.html", downloads.status_context(prepared))
