"""The one way back to a caller-supplied place (`next` fields and parameters): only a local path of this site.

A target comes from the request, so it is never trusted: it must be a path on this host (`/…`, not `//host`
or `/\\host`), pass Django's `url_has_allowed_host_and_scheme` for the request's own host (HTTPS only when the
request came over HTTPS), hold no control characters or blanks and stay short. It is never resolved as a view
name (`django.shortcuts.redirect("a b")` would try, and fail with a server error). Anything else sends the
person to a fixed page chosen by the view.
"""

from __future__ import annotations

import unicodedata

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme

# Far above any page address of ours (with its query string), far below what a proxy refuses in a header.
MAX_TARGET_LENGTH = 2000


def safe_target(request: HttpRequest, target: object, *, within: str = "/") -> str | None:
    """`target` if it is a safe local path on this site starting with `within`, else None."""
    if not isinstance(target, str) or not target or len(target) > MAX_TARGET_LENGTH:
        return None
    if not target.startswith("/") or target.startswith(("//", "/\\")) or not target.startswith(within):
        return None
    if any(character.isspace() or unicodedata.category(character)[0] == "C" for character in target):
        return None
    host = request.get_host()
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={host}, require_https=request.is_secure()):
        return None
    return target


def safe_redirect(
    request: HttpRequest, target: object, fallback: str, *, within: str = "/", **fallback_kwargs: object
) -> HttpResponseRedirect:
    """Redirect to the caller-supplied `target` when `safe_target` accepts it, else to `fallback`: a URL or a
    URL name written in the code (never one from the request), reversed with `fallback_kwargs`."""
    accepted = safe_target(request, target, within=within)
    if accepted is not None:
        return HttpResponseRedirect(iri_to_uri(accepted))
    return HttpResponseRedirect(resolve_url(fallback, **fallback_kwargs))


def next_target(request: HttpRequest, *, within: str = "/") -> str:
    """The safe `next` of a form (POST) or a link (GET), or "" when there is none or it is not safe."""
    return safe_target(request, request.POST.get("next") or request.GET.get("next"), within=within) or ""
