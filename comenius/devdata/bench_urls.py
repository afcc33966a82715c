"""The benchmark's URLconf: the platform plus a trivial view, the framework floor every figure is compared to."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("__floor__/", floor), path("", include("comenius.urls"))]
