"""allauth events that move a member along."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import email_confirmed, password_changed, password_reset, password_set
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from comenius.accounts import services


@receiver(email_confirmed)
def put_member_in_queue(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    services.open_validation_request(email_address.user)


# --- sessions end everywhere at once (issue 17) ---------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="comenius.accounts.remember_login_address")
def remember_login_address(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from comenius.accounts import throttling

    if request is not None and user is not None and user.pk:
        throttling.remember_member_login(request, user)


@receiver(password_changed, dispatch_uid="comenius.accounts.password_changed")
@receiver(password_set, dispatch_uid="comenius.accounts.password_set")
@receiver(password_reset, dispatch_uid="comenius.accounts.password_reset")
def password_changed_ends_sessions(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    # Django's session check already logs out every other session (their hash was made from the old
    # password); the open sockets are closed here (the current page reconnects with its updated session).
    if user is not None and user.pk:
        services.end_live_connections(user)
