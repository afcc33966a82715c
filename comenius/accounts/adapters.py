"""How allauth fits Comenius: sign-up completes a member registration, mail goes out in the member's language."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from comenius.accounts import services
from comenius.accounts.forms import MemberSignupForm
from comenius.accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=False)
            if isinstance(form, MemberSignupForm):
                language = translation.get_language() or "en"
                services.register_member(user, form.registration(language))
            elif commit:
                user.save()
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Members receive account mail in their own language, whatever page language triggered it.
        user = User.objects.filter(email__iexact=email).only("language").first()
        language = user.language if user else translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("site:home")
