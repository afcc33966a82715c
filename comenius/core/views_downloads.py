"""Prepared downloads (`core.downloads`): the file, to its owner only, and the status fragment a page polls.

Anyone but the owner gets 404 (no existence leaks); pupils never reach these pages (`PupilBoundaryMiddleware`).
"""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.http import content_disposition_header

from comenius.core import downloads


@login_required
def download(request: HttpRequest, pk: UUID) -> HttpResponseBase:
    prepared = downloads.downloadable(request.user, pk)
    if prepared is None:
        raise Http404
    accel = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    response: HttpResponseBase
    if accel:
        response = HttpResponse(content_type="application/zip")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + quote(prepared.file.name or "")
    else:
        try:
            handle = prepared.file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, prepared.filename or "download.zip") or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def download_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The status fragment (`core/_download_status.html`); it polls itself while the file is being prepared."""
    prepared = downloads.owned(request.user, pk)
    if prepared is None:
        raise Http404
    return render(request, "core/_download_status.html", downloads.status_context(prepared))
