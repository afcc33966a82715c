"""E-mails of the notification system, rendered and sent by tasks (the worker; tests run them at once).

One template pair per e-mail (`<template>_subject.txt`, `<template>_body.txt`). The plain-text part is the body
plus the footer; the HTML part is the *same* rendered body, escaped, its links made clickable, inside the
platform's mail layout (`notifications/email/layout.html`: a heading, the button to the object, the footer). So
the two versions can never say different things. Everything is rendered in the recipient's language (and the
digest in their time zone). Every e-mail carries `X-Comenius-Notification: <type>`; bulk types and the digest
carry RFC 8058 one-click unsubscribe (`List-Unsubscribe: <https://…>` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`). Nothing is sent to a suppressed address.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comenius.core.emails import MAIL_BACKOFF, MAIL_RETRIES, absolute_url, decode_context
from comenius.core.tasks import background
from comenius.notifications import registry
from comenius.notifications.models import Notification
from comenius.notifications.services import DIGEST, is_suppressed, render_text, unsubscribe_token

HEADER = "X-Comenius-Notification"
GENERIC = "notifications/email/generic"


def compose(
    *,
    to: str,
    language: str,
    template: str,
    values: dict[str, Any],
    type_key: str,
    why: str,
    unsubscribe_user_id: int | None,
    reply_to: str = "",
) -> EmailMultiAlternatives:
    """The message, rendered in `language` (call inside the recipient's time zone for dates)."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", values).split())
        body = render_to_string(f"{template}_body.txt", values).strip()
        preferences = absolute_url(reverse("notifications:preferences")) if unsubscribe_user_id is not None else ""
        unsubscribe = (
            absolute_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(unsubscribe_user_id, type_key)]))
            if unsubscribe_user_id is not None and _is_bulk(type_key)
            else ""
        )
        footer_values = {"why": why, "preferences_url": preferences, "unsubscribe_url": unsubscribe}
        text = body + "\n\n-- \n" + render_to_string("notifications/email/footer.txt", footer_values).strip() + "\n"
        html = render_to_string(
            "notifications/email/layout.html",
            {
                **footer_values,
                "subject": subject,
                "body_html": mark_safe(linebreaks(urlize(body, autoescape=True), autoescape=False)),
                "action_url": values.get("url") or "",
                "language": language,
                "direction": "rtl" if translation.get_language_bidi() else "ltr",
                "platform_name": settings.PLATFORM_NAME,
            },
        )
    headers = {HEADER: type_key}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        headers=headers,
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    return message


def _is_bulk(type_key: str) -> bool:
    return type_key == DIGEST or (type_key in registry.TYPES and registry.TYPES[type_key].bulk)


def why_text(type_key: str) -> str:
    """The footer's "why you got this", in the active language."""
    if type_key == DIGEST:
        return translation.gettext("You get this digest because you chose digests of what happened on Comenius.")
    ntype = registry.TYPES.get(type_key)
    if ntype is not None and ntype.why:
        return str(ntype.why)
    if ntype is None or ntype.address_only:
        return translation.gettext("You get this e-mail because a member of Comenius gave us your address for it.")
    if ntype.required:
        return translation.gettext("You get this e-mail because it is about your account on Comenius.")
    return translation.gettext("You get this e-mail because e-mails about “%(type)s” are on in your preferences.") % {
        "type": ntype.label
    }


@background(retries=MAIL_RETRIES, backoff=MAIL_BACKOFF)
def deliver(notification_id: int, template: str, context: dict[str, Any]) -> bool:
    """E-mail one stored notification to its recipient (unless it was e-mailed already, the address is
    suppressed, or the recipient is a pupil or has no address). True if sent."""
    item = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if item is None or item.emailed_at is not None:
        return False
    user = item.recipient
    email = getattr(user, "email", None)
    required = item.type in registry.TYPES and registry.TYPES[item.type].required
    if not email or registry.is_pupil(user) or not (user.is_active or required) or is_suppressed(email):
        return False
    values = decode_context(context) if template else {}
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    if not template:
        with translation.override(language):
            values = {"member": user, "text": render_text(item), "url": absolute_url(_open_path(item))}
        template = GENERIC
    with translation.override(language):
        why = why_text(item.type)
    message = compose(
        to=email, language=language, template=template, values=values, type_key=item.type, why=why,
        unsubscribe_user_id=user.pk,
    )  # fmt: skip
    message.send()
    Notification.objects.filter(pk=item.pk).update(emailed_at=timezone.now())
    return True


def _open_path(item: Notification) -> str:
    return reverse("notifications:open", args=[item.pk])


@background(retries=MAIL_RETRIES, backoff=MAIL_BACKOFF)
def deliver_to_address(
    email: str, language: str, type_key: str, template: str, context: dict[str, Any], reply_to: str = ""
) -> bool:
    if is_suppressed(email):
        return False
    values = decode_context(context)
    with translation.override(language):
        why = why_text(type_key)
    compose(
        to=email, language=language, template=template, values=values, type_key=type_key, why=why,
        unsubscribe_user_id=None, reply_to=reply_to,
    ).send()  # fmt: skip
    return True
