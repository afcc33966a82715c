from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from comenius.core import resilience


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring (normally answered earlier, by core.resilience.HealthCheckMiddleware)."""
    state, status = resilience.health()
    return JsonResponse(state, status=status)
