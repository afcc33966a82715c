"""Pupils log in with the username and password from their login card (they have no e-mail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from comenius.accounts.models import Role, User


class PupilBackend(ModelBackend):
    """Acts only when called with `pupil=True` (the pupil login page), so members' e-mail logins never reach
    pupil accounts and pupils never log in through the members' page."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if not kwargs.get("pupil") or not username or not password:
            return None
        user = User.objects.filter(username__iexact=username.strip(), role=Role.PUPIL).first()
        if user is None:
            User().set_password(password)  # the same work as a real check: timing tells nothing
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
