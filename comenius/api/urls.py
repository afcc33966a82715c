from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, include, path
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import conditional_page

from comenius.api import views
from comenius.api.api import api

app_name = "api"


def _cacheable(view: Any) -> Any:
    """Every API answer gets an ETag (a matching If-None-Match gets 304); public GETs are open to any origin
    (no credentials) and cacheable for a minute, answers to a token are private."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_cache=True)
        elif request.method in {"GET", "HEAD"}:
            response["Access-Control-Allow-Origin"] = "*"
            if response.status_code == 200:
                patch_cache_control(response, public=True, max_age=60)
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        return response

    return conditional_page(wrapper)


def _wrapped(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _wrapped(pattern.url_patterns)
        else:
            pattern.callback = _cacheable(pattern.callback)
    return patterns


api_patterns, _app, _namespace = api.urls

urlpatterns = [
    path("api/v1/", include(_wrapped(api_patterns))),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
