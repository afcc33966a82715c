from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

# The only pages a signed-in pupil may open outside their project spaces (every `spaces:` URL, where
# `spaces.access` checks that the pupil belongs to that space). Everything else answers 404 for them.
PUPIL_ALLOWED_URL_NAMES = {
    "site:front",
    "core:healthz",
    "core:privacy",
    "account_logout",
    "accounts:set_language",
    # Pupils get in-app notifications (replies to them, a chat room opened): the centre, never the preferences.
    "notifications:centre",
    "notifications:open",
    "notifications:read",
    "notifications:read_all",
}
PUPIL_ALLOWED_NAMESPACES = {"spaces"}


class PupilBoundaryMiddleware:
    """Pupils see their spaces and nothing else of the platform: enforced here once, not per view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "is_pupil", False):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            allowed = match is not None and (
                match.view_name in PUPIL_ALLOWED_URL_NAMES or match.namespace in PUPIL_ALLOWED_NAMESPACES
            )
            if not allowed:
                raise Http404
        return self.get_response(request)
