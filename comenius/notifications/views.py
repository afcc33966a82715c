"""The notification centre, the preferences, watch levels and the one-click unsubscribe. Thin: reads through
`access`, writes through `services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comenius.core.params import positive_id
from comenius.core.redirects import safe_redirect
from comenius.notifications import access, registry, services
from comenius.notifications.forms import PreferencesForm, WatchForm
from comenius.notifications.models import WatchLevel


def _signed_in(request: HttpRequest) -> HttpResponseBase | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def centre(request: HttpRequest) -> HttpResponseBase:
    """`/notifications/`: the reader's items, newest first, by day (works without JavaScript)."""
    if (refusal := _signed_in(request)) is not None:
        return refusal
    before = positive_id(request.GET.get("before"))
    days, next_before = access.page_for(request.user, before)
    return render(
        request,
        "notifications/centre.html",
        {
            "days": [(day, [(item, services.render_text(item)) for item in items]) for day, items in days],
            "next_before": next_before,
            "unread": access.unread_count(request.user),
            "can_choose": not registry.is_pupil(request.user),
        },
    )


def open_item(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Follow an item to its object (marks it read). 404 if it is not the reader's or the object is gone or
    no longer visible to them."""
    if (refusal := _signed_in(request)) is not None:
        return refusal
    item = access.visible_item(request.user, pk)
    if item is None:
        raise Http404
    services.mark_read(request.user, item.pk)
    return redirect(access.link_of(item))


@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponseBase:
    if (refusal := _signed_in(request)) is not None:
        return refusal
    if not services.mark_read(request.user, pk):
        raise Http404
    return redirect("notifications:centre")


@require_POST
def read_all(request: HttpRequest) -> HttpResponseBase:
    if (refusal := _signed_in(request)) is not None:
        return refusal
    services.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponseBase:
    """What the member wants to hear of, and how. Pupils have none (404)."""
    if (refusal := _signed_in(request)) is not None:
        return refusal
    user = request.user
    if registry.is_pupil(user):
        raise Http404
    types = sorted(services.configurable_types(), key=lambda t: t.key)
    current = services.settings_for(user)
    chosen = services.preferences_of(user)
    initial: dict[str, Any] = {"digest_frequency": current.digest_frequency, "time_zone": current.time_zone}
    initial.update({f"type__{key}": value for key, value in chosen.items()})
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial, types=types)
    email = str(getattr(user, "email", "") or "")
    if request.method == "POST" and form.is_valid():
        services.set_preferences(user, form.choices())
        services.set_digest(user, form.cleaned_data["digest_frequency"], form.cleaned_data["time_zone"])
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "suppressed": bool(email) and services.is_suppressed(email),
            "watches": services.watches_of(user),
        },
    )


@require_POST
def watch(request: HttpRequest, kind: str, object_id: int) -> HttpResponseBase:
    """Watch / normal / mute one object the member can see (a project, a space…)."""
    if (refusal := _signed_in(request)) is not None:
        return refusal
    target = registry.TARGETS.get(kind)
    if kind not in registry.WATCH_KINDS or target is None or registry.is_pupil(request.user):
        raise Http404
    if object_id not in set(target.visible_ids(request.user, {object_id})):
        raise Http404
    form = WatchForm(request.POST)
    if form.is_valid():
        services.set_watch(request.user, kind, object_id, form.cleaned_data["level"])
        messages.success(request, str(WatchLevel(form.cleaned_data["level"]).label))
    else:
        messages.error(request, _("Choose watching, normal or muted."))
    fallback = (target.path(object_id) if target.path else None) or "notifications:preferences"
    return safe_redirect(request, request.POST.get("next"), fallback)


@csrf_exempt  # RFC 8058: the mail client POSTs with no session and no CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a page with a button (a link scanner's GET changes nothing); POST unsubscribes."""
    if request.method == "GET":
        return render(request, "notifications/unsubscribe.html", {"token": token, "done": False})
    result = services.unsubscribe(token)
    if result is None:
        return render(request, "notifications/unsubscribe.html", {"token": token, "invalid": True}, status=400)
    return render(request, "notifications/unsubscribe.html", {"done": True, "digest": result[1] == services.DIGEST})
