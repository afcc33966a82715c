"""The one way to tell someone something: `notify(recipient, type, obj, text=…, params=…)`.

Who may call: any app's service, inside its own transaction (the item is stored in it, so a rolled-back request
leaves nothing). What it does:

1. looks up the type (`registry.type_of`; the app registered it from its `AppConfig.ready()`), the recipient's
   preference for it (or the type's default), the watch level of `group` for watchable types, and whether the
   recipient is a pupil (pupils: in-app only, and only types marked `for_pupils`);
2. stores a `Notification` unless the result is "off" / muted (then returns None);
3. after commit: pushes it to the recipient's open pages (channel-layer group `notifications.user.<id>`, the
   bell's WebSocket `/ws/notifications/`) and, for "e-mail at once", enqueues the e-mail task
   (`notifications.mail.deliver`), which renders the mail in the recipient's language and sends it. "Digest"
   items wait for the periodic task `notifications.send_digests`.

    from django.utils.translation import gettext_lazy as _
    from comenius.notifications.services import Mail, notify

    notify(recipient, "network.contact_request", contact_request,
           text=_("%(name)s would like to be your contact"), params={"name": sender.get_full_name()},
           url=reverse("network:contacts"),
           mail=Mail("network/email/contact_request", {"sender": sender, "message": message, "url": …}))

- `text` should be a lazy translation (`gettext_lazy`) with `%(name)s` parameters: it is stored as its message
  id and shown in the reader's language. `params` values are stored as strings.
- `url` is the local path the item opens (a registered `Target` for the object's kind may give it instead).
- `group` is the project / group / space the item belongs to: the digest's heading, and the object whose watch
  level applies.
- `mail`: the templates (`<template>_subject.txt`, `<template>_body.txt`; the HTML version is made from the same
  body) and their context (model instances are fine: they travel by reference). Without it the e-mail is the
  generic one (the item's text and a link).

`notify_many(recipient_ids, …)` fans out to many (a group, a country) in the task worker, in batches of
`FAN_OUT_BATCH`. `notify_address(email, language, type, mail)` e-mails an address that is no member (the head of
an institution) through the same mail path, with no in-app item.

Everything else here is the member's own settings (preferences, digest, watch levels), read marks, one-click
unsubscribe, suppressed addresses and the member lifecycle. No function here locks rows except the digest claim
(`digest.py`), which relies on a unique constraint instead of locks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from comenius.core.emails import decode_context, encode_context
from comenius.core.lifecycle import Deletion, ExportPart
from comenius.core.tasks import background
from comenius.notifications import registry
from comenius.notifications.models import (
    DigestClaim,
    DigestFrequency,
    Notification,
    NotificationSettings,
    Preference,
    SuppressedAddress,
    Watch,
    WatchLevel,
)
from comenius.notifications.registry import Delivery, NotificationType

logger = logging.getLogger("comenius.notifications")

FAN_OUT_BATCH = 500
UNSUBSCRIBE_SALT = "comenius.notifications.unsubscribe"
DIGEST = "digest"  # the unsubscribe token's "type" for the digest itself


@dataclass(frozen=True)
class Mail:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def user_group(user_id: int) -> str:
    """The channel-layer group of one member's open pages."""
    return f"notifications.user.{user_id}"


# --- deciding ---------------------------------------------------------------------------------------------------


def _effective(ntype: NotificationType, preference: str | None, watch: str | None, pupil: bool) -> str | None:
    """The delivery for one recipient, or None when nothing is to be stored."""
    if pupil:
        return Delivery.IN_APP if ntype.for_pupils else None
    delivery = ntype.default if ntype.required or preference is None else preference
    if ntype.watchable and watch == WatchLevel.MUTED and not ntype.required:
        return None
    if ntype.watchable and watch == WatchLevel.WATCHING and delivery in (Delivery.IN_APP, Delivery.DIGEST):
        delivery = Delivery.EMAIL
    return None if delivery == Delivery.OFF else delivery


WatchChain = Sequence[tuple[str, int]]


def _chain(watch: Sequence[models.Model | None] | None, group: models.Model | None) -> list[tuple[str, int]]:
    """The objects whose watch levels apply, most specific first (a thread, its group or space, its project);
    by default the item's `group`."""
    objects = list(watch) if watch is not None else [group]
    return [(registry.kind_of(obj), obj.pk) for obj in objects if obj is not None and isinstance(obj.pk, int)]


def delivery_for(
    user: Any, type_key: str, group: models.Model | None = None, watch: Sequence[models.Model] | None = None
) -> str | None:
    """What `notify` would do for this recipient now (None: nothing)."""
    ntype = registry.type_of(type_key)
    return _deliveries([user], ntype, _chain(watch, group))[user.pk]


def _deliveries(users: Sequence[Any], ntype: NotificationType, chain: WatchChain) -> dict[int, str | None]:
    """Two queries for any number of recipients: their preferences for the type, and (watchable types) their
    watch levels of the chain's objects. The most specific level that is not "normal" wins: a muted thread in a
    watched group is silent, a watched thread in a muted group is heard."""
    ids = [user.pk for user in users]
    preferences = dict(Preference.objects.filter(user_id__in=ids, type=ntype.key).values_list("user_id", "delivery"))
    watches: dict[int, str] = {}
    if ntype.watchable and chain:
        which = models.Q()
        for kind, object_id in chain:
            which |= models.Q(kind=kind, object_id=object_id)
        rank = {key: position for position, key in enumerate(chain)}
        found: dict[int, tuple[int, str]] = {}
        for user_id, kind, object_id, level in Watch.objects.filter(which, user_id__in=ids).values_list(
            "user_id", "kind", "object_id", "level"
        ):
            position = rank[(kind, object_id)]
            if user_id not in found or position < found[user_id][0]:
                found[user_id] = (position, level)
        watches = {user_id: level for user_id, (_position, level) in found.items()}
    return {
        user.pk: _effective(ntype, preferences.get(user.pk), watches.get(user.pk), registry.is_pupil(user))
        for user in users
    }


def _int_pk(obj: models.Model | None) -> int | None:
    """Items point at objects with integer keys (a registered Target checks them); others are not linked."""
    return obj.pk if obj is not None and isinstance(obj.pk, int) else None


def _message(text: Promise | str, params: dict[str, Any] | None) -> dict[str, Any]:
    return {"text": encode_context(text), "params": {str(k): str(v) for k, v in (params or {}).items()}}


def render_text(notification: Notification) -> str:
    """The item's sentence in the active language."""
    message = notification.message or {}
    text = str(decode_context(message.get("text", "")))
    params = message.get("params") or {}
    if params:
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            return text
    return text


# --- notifying --------------------------------------------------------------------------------------------------


def notify(
    recipient: Any,
    type_key: str,
    obj: models.Model | None = None,
    *,
    text: Promise | str,
    params: dict[str, Any] | None = None,
    url: str = "",
    group: models.Model | None = None,
    watch: Sequence[models.Model | None] | None = None,
    mail: Mail | None = None,
) -> Notification | None:
    """Tell one member (see the module docstring). Returns the stored item, or None (off, muted, a pupil and a
    type not for pupils, an inactive or deleted account). `watch`: the objects whose watch levels apply, most
    specific first (default: `group`)."""
    ntype = registry.type_of(type_key)
    if getattr(recipient, "deleted_at", None) is not None:
        return None
    if not getattr(recipient, "is_active", True) and not ntype.required:
        return None
    group_kind, group_id = registry.kind_of(group), (group.pk if group is not None else None)
    delivery = _deliveries([recipient], ntype, _chain(watch, group))[recipient.pk]
    if delivery is None:
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        type=ntype.key,
        message=_message(text, params),
        url=url[:500],
        target_kind=registry.kind_of(obj),
        target_id=_int_pk(obj),
        group_kind=group_kind,
        group_id=group_id,
        group_label=str(group)[:300] if group is not None else "",
        delivery=delivery,
    )
    _after_commit(notification, recipient, mail)
    return notification


def _after_commit(notification: Notification, recipient: Any, mail: Mail | None) -> None:
    from comenius.notifications import mail as mailing

    notification_id, user_id = notification.pk, recipient.pk
    transaction.on_commit(lambda: push(user_id, notification_id))
    if (
        notification.delivery == Delivery.EMAIL
        and getattr(recipient, "email", None)
        and not registry.is_pupil(recipient)
    ):
        template = mail.template if mail else ""
        context = encode_context(mail.context) if mail else {}
        transaction.on_commit(lambda: mailing.deliver.enqueue(notification_id, template, context))


def notify_many(
    recipient_ids: Iterable[int],
    type_key: str,
    obj: models.Model | None = None,
    *,
    text: Promise | str,
    params: dict[str, Any] | None = None,
    url: str = "",
    group: models.Model | None = None,
    watch: Sequence[models.Model | None] | None = None,
    mail: Mail | None = None,
) -> int:
    """Tell many members (a group, a country) from the task worker: one `fan_out` task per `FAN_OUT_BATCH`
    recipients, enqueued after commit. Returns the number of batches."""
    ids = sorted({int(pk) for pk in recipient_ids})
    registry.type_of(type_key)  # fail now, in the caller, on an unknown type
    payload = {
        "type": type_key,
        "obj": encode_context(obj) if obj is not None else None,
        "text": encode_context(text),
        "params": {str(k): str(v) for k, v in (params or {}).items()},
        "url": url,
        "group": encode_context(group) if group is not None else None,
        "watch": _chain(watch, group),
        "mail": [mail.template, encode_context(mail.context)] if mail else None,
    }
    batches = [ids[start : start + FAN_OUT_BATCH] for start in range(0, len(ids), FAN_OUT_BATCH)]
    for batch in batches:
        transaction.on_commit(lambda batch=batch: fan_out.enqueue(batch, payload))  # type: ignore[misc]
    return len(batches)


@background(retries=3, backoff=60)
def fan_out(recipient_ids: list[int], payload: dict[str, Any]) -> int:
    """One batch of `notify_many`: decide every recipient's delivery with two queries, store the items with one
    insert, then push and enqueue the e-mails. Returns the number stored."""
    ntype = registry.type_of(payload["type"])
    obj = decode_context(payload["obj"]) if payload["obj"] else None
    group = decode_context(payload["group"]) if payload["group"] else None
    group_kind, group_id = registry.kind_of(group), (group.pk if group is not None else None)
    users = list(get_user_model().objects.filter(pk__in=recipient_ids, is_active=True))
    chain = [(str(kind), int(pk)) for kind, pk in payload.get("watch", _chain(None, group))]
    decided = _deliveries(users, ntype, chain)
    message = {"text": payload["text"], "params": payload["params"]}
    with transaction.atomic():
        items = Notification.objects.bulk_create(
            [
                Notification(
                    recipient=user,
                    type=ntype.key,
                    message=message,
                    url=payload["url"][:500],
                    target_kind=registry.kind_of(obj),
                    target_id=_int_pk(obj),
                    group_kind=group_kind,
                    group_id=group_id,
                    group_label=str(group)[:300] if group is not None else "",
                    delivery=decided[user.pk] or Delivery.IN_APP,  # None is filtered out below
                )
                for user in users
                if decided[user.pk] is not None and getattr(user, "deleted_at", None) is None
            ]
        )
        mail = Mail(payload["mail"][0], decode_context(payload["mail"][1])) if payload["mail"] else None
        by_id = {user.pk: user for user in users}
        for item in items:
            if item.pk is None:  # a backend that does not return ids from bulk inserts
                continue
            _after_commit(item, by_id[item.recipient_id], mail)
    return len(items)


def notify_address(email: str, language: str, type_key: str, mail: Mail, *, reply_to: str = "") -> None:
    """E-mail an address with no in-app item (the head of an institution, who is no member; an ambassador
    receiving a visitor's words, which are not stored), through the same mail path (headers, HTML, footer,
    suppression). `reply_to`: the address an answer goes to. Call inside the caller's transaction: it is enqueued
    after commit."""
    from comenius.notifications import mail as mailing

    ntype = registry.type_of(type_key)
    if not ntype.address_only:
        raise ValueError(f"{type_key} is not an address-only type")
    context = encode_context(mail.context)
    transaction.on_commit(
        lambda: mailing.deliver_to_address.enqueue(email, language, type_key, mail.template, context, reply_to)
    )


def _in_event_loop() -> bool:
    """True in a thread that runs an event loop (code that called a service from async code by mistake, or a
    test driving a browser): `async_to_sync` cannot work there, and the pages reload the count anyway."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def push(user_id: int, notification_id: int | None = None) -> None:
    """Tell the member's open pages the new unread count (and the new item, in their language). Never raises:
    a channel layer that is down must not undo what was stored."""
    from comenius.notifications import access

    layer = get_channel_layer()
    if layer is None or _in_event_loop():
        return
    try:
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is None:
            return
        event: dict[str, Any] = {"type": "notification.changed", "unread": access.unread_count(user, fresh=True)}
        if notification_id is not None:
            item = access.visible_item(user, notification_id)
            if item is not None:
                with translation.override(getattr(user, "language", None) or "en"):
                    event["item"] = {
                        "id": item.pk,
                        "text": render_text(item),
                        "url": reverse("notifications:open", args=[item.pk]),
                    }
        async_to_sync(layer.group_send)(user_group(user_id), event)
    except Exception:
        logger.warning("Could not push notification %s to member %s", notification_id, user_id, exc_info=True)


# --- reading ----------------------------------------------------------------------------------------------------


def mark_read(user: Any, notification_id: int) -> bool:
    """The reader's own item, read now. False if it is not theirs (nothing changes)."""
    changed = Notification.objects.filter(pk=notification_id, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if changed:
        transaction.on_commit(lambda: push(user.pk))
    return bool(Notification.objects.filter(pk=notification_id, recipient=user).exists())


def mark_all_read(user: Any) -> int:
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
    transaction.on_commit(lambda: push(user.pk))
    return changed


# --- the member's settings ----------------------------------------------------------------------------------------


def settings_for(user: Any) -> NotificationSettings:
    found = NotificationSettings.objects.filter(user=user).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return NotificationSettings.objects.create(user=user)
    except IntegrityError:
        return NotificationSettings.objects.get(user=user)


def configurable_types() -> list[NotificationType]:
    """The types a member may choose about (not required ones, not address-only ones)."""
    return [t for t in registry.TYPES.values() if not t.required and not t.address_only]


def preferences_of(user: Any) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("type", "delivery"))
    return {t.key: chosen.get(t.key, t.default) for t in configurable_types()}


def set_preferences(user: Any, choices: dict[str, str]) -> None:
    """Save the member's choices (only configurable types, only known deliveries; a pupil has none)."""
    if registry.is_pupil(user):
        raise PermissionError("Pupils have no notification preferences.")
    allowed = {t.key: t for t in configurable_types()}
    with transaction.atomic():
        for key, delivery in choices.items():
            if key not in allowed or delivery not in Delivery.values:
                continue
            if delivery == allowed[key].default:
                Preference.objects.filter(user=user, type=key).delete()
            else:
                Preference.objects.update_or_create(user=user, type=key, defaults={"delivery": delivery})


def set_digest(user: Any, frequency: str, time_zone: str) -> NotificationSettings:
    from zoneinfo import available_timezones

    if frequency not in DigestFrequency.values:
        raise ValueError(frequency)
    if time_zone not in available_timezones():
        raise ValueError(time_zone)
    current = settings_for(user)
    current.digest_frequency, current.time_zone = frequency, time_zone
    current.save(update_fields=["digest_frequency", "time_zone"])
    return current


def watch_level(user: Any, kind: str, object_id: int) -> str:
    found = Watch.objects.filter(user=user, kind=kind, object_id=object_id).values_list("level", flat=True).first()
    return found or WatchLevel.NORMAL


WATCH_LIST_LIMIT = 200


def watches_of(user: Any) -> list[dict[str, Any]]:
    """What the member watches or muted (the preferences page lists it, so nothing stays muted by accident):
    one query for the watches and one per kind for their titles. Objects gone or out of sight are left out."""
    rows = list(
        Watch.objects.filter(user=user, kind__in=list(registry.WATCH_KINDS)).order_by("kind", "-pk")[:WATCH_LIST_LIMIT]
    )
    by_kind: dict[str, set[int]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, set()).add(row.object_id)
    titles: dict[str, dict[int, str]] = {}
    for kind, ids in by_kind.items():
        target = registry.TARGETS.get(kind)
        seen = target.visible_ids(user, ids) if target is not None else ids
        titles[kind] = {pk: title for pk, title in registry.WATCH_KINDS[kind].label_of(seen).items() if pk in seen}
    return [
        {
            "kind": row.kind,
            "object_id": row.object_id,
            "kind_label": registry.WATCH_KINDS[row.kind].label,
            "title": titles[row.kind][row.object_id],
            "level": WatchLevel(row.level).label,
            "muted": row.level == WatchLevel.MUTED,
        }
        for row in rows
        if row.object_id in titles.get(row.kind, {})
    ]


def set_watch(user: Any, kind: str, object_id: int, level: str) -> None:
    """Watch, mute or return to normal for one object of a registered watch kind. The caller (the view) has
    checked that the member can see the object."""
    if kind not in registry.WATCH_KINDS or level not in WatchLevel.values:
        raise ValueError(f"{kind}/{level}")
    if level == WatchLevel.NORMAL:
        Watch.objects.filter(user=user, kind=kind, object_id=object_id).delete()
    else:
        Watch.objects.update_or_create(user=user, kind=kind, object_id=object_id, defaults={"level": level})


# --- one-click unsubscribe ------------------------------------------------------------------------------------------


def unsubscribe_token(user_id: int, type_key: str) -> str:
    return signing.dumps({"u": user_id, "t": type_key}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe(token: str) -> tuple[Any, str] | None:
    """RFC 8058: the POST from a mail client. A valid token turns that type's e-mail off (the item stays in
    Comenius) or, for the digest, stops digests. A tampered or unknown token changes nothing (None)."""
    if not isinstance(token, str) or len(token) > 500:
        return None
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user_id, type_key = int(data["u"]), str(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    if type_key == DIGEST:
        current = settings_for(user)
        current.digest_frequency = DigestFrequency.NEVER
        current.save(update_fields=["digest_frequency"])
        return user, type_key
    ntype = registry.TYPES.get(type_key)
    if ntype is None or ntype.required:
        return None
    Preference.objects.update_or_create(user=user, type=type_key, defaults={"delivery": Delivery.IN_APP})
    return user, type_key


# --- undeliverable addresses ----------------------------------------------------------------------------------------


def is_suppressed(email: str) -> bool:
    return SuppressedAddress.objects.filter(email=email.strip().lower()).exists()


def mark_undeliverable(email: str, reason: str = "bounce", detail: str = "") -> SuppressedAddress:
    """A bounce or a complaint (from the mail provider's webhook or `manage.py mark_undeliverable`): nothing is
    e-mailed to the address any more; its member sees a warning on their next login."""
    address, _created = SuppressedAddress.objects.update_or_create(
        email=email.strip().lower(), defaults={"reason": reason[:20], "detail": detail[:500]}
    )
    return address


def clear_undeliverable(email: str) -> None:
    SuppressedAddress.objects.filter(email=email.strip().lower()).delete()


# --- the member lifecycle -----------------------------------------------------------------------------------------


def own_data(user: Any) -> ExportPart:
    items = [
        {
            # Type, link and times: the sentence names other people (who asked, who invited), so it stays out.
            "type": item.type,
            "url": item.url,
            "created_at": item.created_at.isoformat(),
            "read_at": item.read_at.isoformat() if item.read_at else None,
        }
        for item in Notification.objects.filter(recipient=user).order_by("created_at")[:10_000]
    ]
    current = NotificationSettings.objects.filter(user=user).first()
    return ExportPart(
        {
            "notifications": {
                "items": items,
                "preferences": dict(Preference.objects.filter(user=user).values_list("type", "delivery")),
                "digest": current.digest_frequency if current else DigestFrequency.DAILY,
                "time_zone": current.time_zone if current else None,
                "watches": list(Watch.objects.filter(user=user).values("kind", "object_id", "level")),
            }
        },
        {},
    )


def forget_member(user: Any, deletion: Deletion) -> None:
    """Delete the member's items and choices, and take their name out of other people's items ("X would like to
    be your contact" becomes "Former member would like…")."""
    names = {name for name in (user.get_full_name(), user.get_short_name()) if name and len(name) > 1}
    for key in ("name", "names"):
        for name in sorted(names, key=len, reverse=True):
            found = Notification.objects.filter(**{f"message__params__{key}__icontains": name}).exclude(recipient=user)
            for item in found.only("pk", "message"):
                params = dict(item.message.get("params") or {})
                params[key] = str(params.get(key, "")).replace(name, deletion.former_name)
                Notification.objects.filter(pk=item.pk).update(message={**item.message, "params": params})
    for model in (Notification, Preference, Watch, DigestClaim):
        model.objects.filter(**({"recipient": user} if model is Notification else {"user": user})).delete()
    NotificationSettings.objects.filter(user=user).delete()


def notify_from_core(recipient: Any, type_key: str, obj: Any = None, **kwargs: Any) -> Notification | None:
    """`core.notices`' notifier: core passes `mail` as a (template, context) pair."""
    mail = kwargs.pop("mail", None)
    return notify(recipient, type_key, obj, mail=Mail(*mail) if mail else None, **kwargs)


def merge_member(kept: Any, merged: Any) -> None:
    """One person's two accounts become one: `merged`'s items move to `kept`; its preferences and watch levels
    only where `kept` chose nothing (kept's own choices win); its digest claims and settings go."""
    Notification.objects.filter(recipient=merged).update(recipient=kept)
    kept_types = set(Preference.objects.filter(user=kept).values_list("type", flat=True))
    Preference.objects.filter(user=merged).exclude(type__in=kept_types).update(user=kept)
    Preference.objects.filter(user=merged).delete()
    kept_watches = set(Watch.objects.filter(user=kept).values_list("kind", "object_id"))
    for watch in Watch.objects.filter(user=merged):
        if (watch.kind, watch.object_id) in kept_watches:
            watch.delete()
        else:
            Watch.objects.filter(pk=watch.pk).update(user=kept)
    DigestClaim.objects.filter(user=merged).delete()
    if NotificationSettings.objects.filter(user=kept).exists():
        NotificationSettings.objects.filter(user=merged).delete()
    else:
        NotificationSettings.objects.filter(user=merged).update(user=kept)
