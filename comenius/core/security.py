"""Security headers on every response (HTML, JSON, files and errors alike)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

# Everything comes from the platform itself: no CDN, no analytics, no external fonts, no inline scripts.
# Images may be data: URIs (the TOTP QR code). Styles stay 'self' only: htmx's injected indicator styles are
# switched off in the base template.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        # Embeds from the allowed hosts (SPACE_EMBED_HOSTS), loaded only when a member clicks one.
        "frame-src 'self' " + " ".join(f"https://{host}" for host in settings.SPACE_EMBED_HOSTS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    """Adds CSP and Permissions-Policy (Django's SecurityMiddleware covers HSTS, nosniff, referrer policy)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# More digits than Python turns into an int (sys.get_int_max_str_digits(), 4300 by default): in a field that
# carries JSON (allauth's WebAuthn `credential`) such a number made the parser raise, a 500. Our own forms
# refuse long numbers themselves, with their own messages.
ENDLESS_NUMBER = re.compile(r"\d{4300,}")
JSON_FIELDS = frozenset({"credential"})


class RejectNulBytesMiddleware:
    """A NUL byte never belongs in a form or a URL parameter (and PostgreSQL refuses it in text), nor does a
    number of thousands of digits in a JSON field: answer 400 before any view or query sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method in {"POST", "PUT", "PATCH"} and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            parameters = [request.GET, request.POST]
        else:
            parameters = [request.GET]
        for query_dict in parameters:
            for key, values in query_dict.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return _bad_request(request)
                if key in JSON_FIELDS and any(ENDLESS_NUMBER.search(value) for value in values):
                    return _bad_request(request)
        return self.get_response(request)


def _bad_request(request: HttpRequest) -> HttpResponseBase:
    from django.shortcuts import render

    if request.path.startswith(settings.API_PATH_PREFIX):  # the API answers in its JSON shape
        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        message = _("The request could not be understood.")
        return JsonResponse({"code": "bad_request", "message": message}, status=400)
    return render(request, "400.html", status=400)


# The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class RejectOutOfRangeIdsMiddleware:
    """A number in a URL's path is an object's id, and Django's `int` converter takes any digits: an id no
    column can hold finds nothing, so answer 404 before a view looks it up. (Django range-checks `pk=`
    lookups, but not lookups through a relation such as `user_id=`, which crashed on SQLite.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., object], args: tuple[object, ...], kwargs: dict[str, object]
    ) -> None:
        if any(type(value) is int and not 0 <= value <= MAX_ID for value in (*args, *kwargs.values())):
            from django.http import Http404

            raise Http404
