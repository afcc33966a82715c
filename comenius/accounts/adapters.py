"""How allauth fits Comenius: sign-up completes a member registration, mail goes out in the member's language."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from comenius.accounts import services
from comenius.accounts.forms import MemberSignupForm
from comenius.accounts.models import User
from comenius.core.emails import send_rendered_mail
from comenius.core.redirects import safe_target


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

    def render_mail(self, template_prefix: str, email: Any, context: dict[str, Any], headers: Any = None) -> Any:
        # allauth renders its messages with the request (here, in the member's language) and then sends them:
        # the sending goes to a task (`core.emails.send_rendered_mail`), so no page waits for the mail server.
        return _QueuedMessage.from_message(super().render_mail(template_prefix, email, context, headers))

    # Log-in throttling (accounts/throttling.py) instead of allauth's per-address and per-e-mail lock.
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        from comenius.accounts import throttling

        login = str(credentials.get("email") or credentials.get("username") or "")
        address = throttling.client_address(request)
        user = User.objects.filter(email__iexact=login.strip()).first() if login else None
        if throttling.blocked_until(user, throttling.member_keys(login, address), address):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        from comenius.accounts import throttling

        login = str(credentials.get("email") or credentials.get("username") or "")
        address = throttling.client_address(request)
        user = User.objects.filter(email__iexact=login.strip()).first() if login else None
        label = str(user) if user is not None else login[:200]
        throttling.note_failure(
            user,
            throttling.member_keys(login, address),
            address,
            labels={"pair": label, "account": label, "address": address},
        )

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("site:home")

    def is_safe_url(self, url: str | None) -> bool:
        # allauth's own `next` (login, sign-up, reauthentication, MFA) passes the platform's one check: a local
        # path of this site (allauth's check raised ValueError on `next=http://[::1`, a server error).
        from allauth.core import context

        return safe_target(context.request, url) is not None


class _QueuedMessage(EmailMultiAlternatives):
    """allauth's rendered message, whose `send()` enqueues the sending instead of talking to the mail server."""

    @classmethod
    def from_message(cls, message: EmailMessage) -> _QueuedMessage:
        queued = cls(
            message.subject, message.body, message.from_email, message.to, headers=message.extra_headers,
            cc=message.cc, bcc=message.bcc, reply_to=message.reply_to,
        )  # fmt: skip
        queued.content_subtype = message.content_subtype
        for content, mimetype in getattr(message, "alternatives", []):
            queued.attach_alternative(content, mimetype)
        return queued

    def send(self, fail_silently: bool = False) -> int:
        send_rendered_mail(self)
        return 1
