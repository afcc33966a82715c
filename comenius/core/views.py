from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database (and Redis, if configured) answer."""
    state: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        state["database"] = "ok"
    except Exception:  # any failure means unhealthy; the details belong in logs, not in a public answer
        state["database"] = "unavailable"
        healthy = False
    if settings.REDIS_URL:
        try:
            cache.set("healthz", "ok", 5)
            state["redis"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
        except Exception:
            state["redis"] = "unavailable"
        healthy = healthy and state["redis"] == "ok"
    else:
        state["redis"] = "not configured"
    state["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(state, status=200 if healthy else 503)
