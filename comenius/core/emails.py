"""E-mail in the recipient's language, sent by a background task.

`send_templated_mail` enqueues `deliver_templated_mail`, which renders the templates in the recipient's language
and sends; a request that e-mails many people (a bulk validation) enqueues one task per message and returns.
Task arguments are JSON, so the context is encoded: model instances travel as references and are read again when
the task runs; dates as ISO strings; lazy translations stay lazy, so they too come out in the recipient's
language. `send_rendered_mail` sends a message that is already rendered (allauth renders its own, with the
request) the same way. A failing send is retried with backoff (`core.tasks.background`) and logged at ERROR
when it gives up.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.functional import Promise

from comenius.core.tasks import background

MAIL_RETRIES = 4
MAIL_BACKOFF = 60  # seconds; then 2, 4 and 8 minutes


def absolute_url(path: str) -> str:
    """A link for an e-mail: e-mails are read outside the platform, so links carry SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


# --- the context, as JSON -------------------------------------------------------------------------------------

_MODEL, _DATETIME, _DATE = "__model__", "__datetime__", "__date__"
_GETTEXT, _PGETTEXT = "__gettext__", "__pgettext__"


def encode_context(value: Any) -> Any:
    """`value` as JSON-compatible data that `decode_context` turns back (models by reference)."""
    if isinstance(value, models.Model):
        if value.pk is None:
            raise TypeError(f"An unsaved {type(value).__name__} cannot be sent to a task.")
        return {_MODEL: value._meta.label_lower, "pk": value.pk}
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, Promise):
        return _encode_lazy(value)
    if isinstance(value, dict):
        return {str(key): encode_context(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode_context(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{type(value).__name__} cannot be sent to a task; pass ids or strings.")


def _encode_lazy(value: Promise) -> Any:
    """A lazy translation stays lazy: the task translates it in the recipient's language (a role's label, say,
    which the request would otherwise resolve in the language of whoever acted). Anything else lazy is resolved."""
    try:
        reduced: Any = value.__reduce__()  # how Django pickles lazy objects: (unpickle, (function, args, kwargs…))
        function, args, kwargs = reduced[1][:3]
    except (TypeError, ValueError, IndexError):
        return str(value)
    if function is translation.gettext and len(args) == 1 and not kwargs:
        return {_GETTEXT: str(args[0])}
    if function is translation.pgettext and len(args) == 2 and not kwargs:
        return {_PGETTEXT: [str(args[0]), str(args[1])]}
    return str(value)


def decode_context(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_GETTEXT}:
            return translation.gettext_lazy(value[_GETTEXT])
        if set(value) == {_PGETTEXT}:
            return translation.pgettext_lazy(*value[_PGETTEXT])
        if _MODEL in value and set(value) == {_MODEL, "pk"}:
            model = apps.get_model(value[_MODEL])
            return model._base_manager.filter(pk=value["pk"]).first()
        if set(value) == {_DATETIME}:
            return parse_datetime(value[_DATETIME])
        if set(value) == {_DATE}:
            return parse_date(value[_DATE])
        return {key: decode_context(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_context(item) for item in value]
    return value


# --- sending ---------------------------------------------------------------------------------------------------


def send_templated_mail(to: str, language: str, template: str, context: dict[str, Any]) -> None:
    """E-mail `<template>_subject.txt` and `<template>_body.txt`, rendered in `language`, by a task. Call it
    after commit (the services do, with `transaction.on_commit`): the task reads the context's objects again."""
    deliver_templated_mail.enqueue(to, language, template, encode_context(context))


@background(retries=MAIL_RETRIES, backoff=MAIL_BACKOFF)
def deliver_templated_mail(to: str, language: str, template: str, context: dict[str, Any]) -> None:
    values = decode_context(context)
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", values).strip()
        body = render_to_string(f"{template}_body.txt", values)
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
    )


def send_rendered_mail(message: EmailMessage) -> None:
    """Send a message rendered already (text, and HTML alternatives if any) by a task."""
    alternatives = [
        [str(content), mimetype]
        for content, mimetype in getattr(message, "alternatives", [])
        if isinstance(content, str)
    ]
    deliver_rendered_mail.enqueue(
        {
            "subject": str(message.subject),
            "body": str(message.body),
            "from_email": message.from_email,
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": {str(key): str(value) for key, value in (message.extra_headers or {}).items()},
            "content_subtype": message.content_subtype,
            "alternatives": alternatives,
        }
    )


@background(retries=MAIL_RETRIES, backoff=MAIL_BACKOFF)
def deliver_rendered_mail(message: dict[str, Any]) -> None:
    email = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        cc=message["cc"],
        bcc=message["bcc"],
        reply_to=message["reply_to"],
        headers=message["headers"],
    )
    email.content_subtype = message["content_subtype"]
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    email.send()
