"""The API's one error shape, `{"code": …, "message": …}`: a stable code for programs, a sentence in the
caller's language for people. Django's own 400/404/500 answers under /api/ take the same shape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, **extra}, status=status)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(settings.API_PATH_PREFIX)


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(400, "bad_request", _("The request could not be understood."))
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return error_response(404, "not_found", _("There is nothing here, or you may not see it."))
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    """Like Django's server_error (no request context, nothing that queries), plus the request's id
    (core/observability.py): the reference a member can pass on, which leads to the log lines."""
    request_id = getattr(request, "request_id", "")
    if _is_api(request):
        message = _("Something went wrong on our side. Please try again later.")
        return error_response(500, "server_error", message, request_id=request_id)
    try:
        page = loader.get_template("500.html").render({"request_id": request_id})
    except Exception:  # the template itself failing must not hide the error page
        return defaults.server_error(request)
    return HttpResponseServerError(page)
