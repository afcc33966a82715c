"""The public API: /api/v1/, typed with django-ninja, its OpenAPI document generated from the code and its
interactive docs served from our own static files (ninja ships Swagger UI; no CDN, the CSP stays strict).

Two doors, one rule: every read goes through the same `access` functions as the pages, every write through the
same services. Public endpoints need no token; the others take a personal access token (`Authorization: Bearer
cmn_…`) that carries the scope the endpoint names."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from comenius.api.auth import AddressThrottle, TokenThrottle
from comenius.api.endpoints import events, groups, national, own, public
from comenius.api.errors import ApiError
from comenius.core.errors import DomainError

api = NinjaAPI(
    title="Comenius API",
    version="1",
    description=(
        "Open data and your own data from Comenius. Public endpoints need no token. For your own data, create a "
        "personal access token on your account page and send it as `Authorization: Bearer <token>`. Errors "
        "have one shape: `{code, message}`. Lists are paginated by cursor: pass `next_cursor` as `cursor`."
    ),
    urls_namespace="api",
    throttle=[AddressThrottle(), TokenThrottle()],
)


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    response = _error(request, error.status, error.code, error.message)
    for name, value in error.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "unauthorized", _("Send a valid personal access token to use this."))
    response["WWW-Authenticate"] = 'Bearer realm="comenius"'
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    return _error(request, 429, "rate_limited", _("Too many requests. Please wait a little and try again."))


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    details = [
        {"loc": [str(part) for part in item.get("loc", [])], "msg": str(item.get("msg", ""))} for item in error.errors
    ]
    return _error(request, 422, "invalid_request", _("Some of the request's values are not valid."), details=details)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("There is nothing here, or you may not see it."))


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    return _error(request, 400, "refused", error.message)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "too_large", _("The request is too large."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _error(request, error.status_code, "error", str(error))


api.add_router("/", public.router)
api.add_router("/", national.router)
api.add_router("/", events.router)
api.add_router("/", groups.router)
api.add_router("/", own.router)
