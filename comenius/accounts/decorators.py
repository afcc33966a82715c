"""Who may open a page. Pages outside someone's reach answer 404, so nothing's existence leaks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from comenius.accounts import access

View = Callable[..., HttpResponseBase]


def login_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def member_account_required(view: View) -> View:
    """Any member account, validated or still waiting (the waiting page and what it offers)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != "member":
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def member_required(view: View) -> View:
    """Validated members only. Pending members are sent to the page that says what they wait for."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.is_pending_member:
            return redirect("accounts:status")
        if not user.is_validated_member:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def officer_required(view: View) -> View:
    """NSO officers and central support, and only once they have a second factor (MFA) set up."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_officer(user):
            raise Http404
        if not access.has_second_factor(user):
            messages.warning(request, _("Set up two-factor authentication before you work on members' data."))
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper
