"""Sending a private file (space materials, profile photos, validation evidence) after a view checked access.

Files are never in a public folder. In production the web server sends the bytes: MEDIA_ACCEL_REDIRECT names
the internal location that maps to MEDIA_ROOT (nginx: `location /protected-media/ { internal; alias
<MEDIA_ROOT>/; }`, docs/operations.md), and the answer is an empty response with an `X-Accel-Redirect` header.
Without it Django streams the file itself and answers byte ranges (video players ask for them; Safari
insists). Either way the headers keep the file inert: nosniff and a sandboxing CSP.
"""

from __future__ import annotations

import re
from typing import IO
from urllib.parse import quote

from django.conf import settings
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import content_disposition_header

# Files are data, never a document of this site: nothing in them may run, even if a browser tried, and no other
# site may frame them.
FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'; sandbox"
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class _Range:
    """A window of an open file, for a 206 answer."""

    def __init__(self, handle: IO[bytes], start: int, length: int) -> None:
        self.handle, self.remaining = handle, length
        handle.seek(start)

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        wanted = self.remaining if size < 0 else min(size, self.remaining)
        chunk = self.handle.read(wanted)
        self.remaining -= len(chunk)
        return chunk

    def close(self) -> None:
        self.handle.close()


def accel_path(stored: FieldFile) -> str:
    """The internal address the web server sends `stored` from (MEDIA_ACCEL_REDIRECT must be set)."""
    return settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(stored.name or "")


def _stream(request: HttpRequest, stored: FieldFile, content_type: str) -> HttpResponseBase:
    try:
        size = stored.size
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response: HttpResponseBase
    match = RANGE.match(request.headers.get("Range", "").strip())
    if match and match.group(1) + match.group(2):
        first, last = match.groups()
        start = max(0, size - int(last)) if not first else int(first)
        end = size - 1 if not first or not last else min(int(last), size - 1)
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        response = FileResponse(_Range(handle, start, end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(handle, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    return response


def send_private_file(
    request: HttpRequest,
    stored: FieldFile,
    content_type: str,
    *,
    filename: str = "",
    inline: bool = True,
    cache_control: str = "private, max-age=600",
) -> HttpResponseBase:
    """The answer that sends `stored` — call it only after checking that the viewer may have it. A file missing
    from storage is 404 (when Django sends it; the web server answers that itself otherwise)."""
    response: HttpResponseBase
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_path(stored)
    else:
        response = _stream(request, stored, content_type)
    if filename:
        response["Content-Disposition"] = content_disposition_header(not inline, filename) or "attachment"
    else:
        response["Content-Disposition"] = "inline" if inline else "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = cache_control
    return response
