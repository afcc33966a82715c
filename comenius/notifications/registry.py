"""What the notification system knows about the apps above it, filled from their `AppConfig.ready()`.

`notifications` sits directly above `core`: it may import nothing else, yet it must know which notification
types exist, whether a recipient is a pupil, whether a reader may still see the object an item is about, where
that object lives and what can be watched. Each app tells it here (the pattern of `core/lifecycle.py` and
`moderation/registry.py`):

- `register_type(NotificationType(...))`: every type an app emits, with its default delivery and whether it
  is *bulk* (sent to many at once: such e-mails carry a one-click unsubscribe header). A type must be
  registered before `services.notify` is called with it (an unknown type raises `LookupError`).
- `register_target(Target(...))`: for a kind of object (`"projects.project"`, the model's label), the queryset
  of those objects a reader may still see (through the owning app's `access`) and the path an item links to.
  The centre, the bell's count and the digest filter items with it in SQL (one `EXISTS` per kind, so the
  count is honest from the first page load and costs one query however many items wait). Items about a kind
  nobody registered link to the path stored with them and are always shown.
- `register_watch_kind(WatchKind(...))`: objects a member can watch or mute (projects, spaces, groups, forum
  threads and group discussions).
- `register_audience(function)`: `function(user) -> "pupil" | "member" | None`. A pupil gets in-app items
  only, never an e-mail, and has no preferences; `None` lets the next registered function (or the default:
  "member") decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a member hears of one type: always stored in-app (except OFF); e-mail at once, in the digest, or not."""

    IN_APP = "in_app", _("In Comenius only")
    EMAIL = "email", _("E-mail at once")
    DIGEST = "digest", _("In the digest")
    OFF = "off", _("Off")


@dataclass(frozen=True)
class NotificationType:
    """One kind of notification.

    - key: "<app>.<what>", e.g. "network.contact_request"; also the value of the mail header
      `X-Comenius-Notification` on every e-mail it causes.
    - label: what the preferences page calls it. description: a sentence under it (optional).
    - default: the delivery for members who chose nothing.
    - bulk: sent to many people at once (digest-like, activity): its e-mails carry RFC 8058 one-click unsubscribe.
    - required: the member cannot turn it off or out of e-mail (account decisions, security); the
      preferences page does not offer it. Pupils never get e-mail whatever this says.
    - watchable: the type is activity in a watched object (the `group` given to `notify`): "muted" silences it,
      "watching" sends it by e-mail at once.
    - for_pupils: pupils may receive it (in-app only). Other types are never stored for a pupil.
    - address_only: sent to an e-mail address with no in-app item: a non-member (the head of an institution), or
      words that must not be stored (a visitor's message to an ambassador).
    - why: the footer's sentence saying why the recipient got it (default: from the kind of type).
    """

    key: str
    label: Promise | str
    default: str = Delivery.IN_APP
    bulk: bool = False
    required: bool = False
    watchable: bool = False
    for_pupils: bool = False
    address_only: bool = False
    description: Promise | str = ""
    why: Promise | str = ""


@dataclass(frozen=True)
class Target:
    """A kind of object items can be about. `visible(user)` returns a queryset of the objects of this kind the
    user may still see (it is used as a correlated `EXISTS … WHERE pk = target_id`, so it must be a plain
    queryset of the kind's model: no slicing, no union); `path(object_id)` the local path an item opens (None:
    the stored path)."""

    kind: str
    visible: Callable[[Any], QuerySet[Any]]
    path: Callable[[int], str | None] | None = None

    def visible_ids(self, user: Any, ids: Iterable[int]) -> set[int]:
        """Which of `ids` the user may still see (one query)."""
        return set(self.visible(user).filter(pk__in=list(ids)).values_list("pk", flat=True))


@dataclass(frozen=True)
class WatchKind:
    """A kind of object a member can watch or mute (`kind` is the model label, as for `Target`);
    `label_of(ids)` gives {id: title} for the preferences page."""

    kind: str
    label: Promise | str
    label_of: Callable[[set[int]], dict[int, str]] = field(default=lambda ids: {})


TYPES: dict[str, NotificationType] = {}
TARGETS: dict[str, Target] = {}
WATCH_KINDS: dict[str, WatchKind] = {}
_AUDIENCES: list[Callable[[Any], str | None]] = []


def register_type(notification_type: NotificationType) -> None:
    if notification_type.default not in Delivery.values:
        raise ValueError(f"Unknown delivery {notification_type.default!r} for {notification_type.key}")
    TYPES[notification_type.key] = notification_type


def register_target(target: Target) -> None:
    TARGETS[target.kind] = target


def register_watch_kind(kind: WatchKind) -> None:
    WATCH_KINDS[kind.kind] = kind


def register_audience(function: Callable[[Any], str | None]) -> None:
    if function not in _AUDIENCES:
        _AUDIENCES.append(function)


def type_of(key: str) -> NotificationType:
    try:
        return TYPES[key]
    except KeyError:
        raise LookupError(f"Notification type {key!r} is not registered (see notifications/registry.py)") from None


def is_pupil(user: Any) -> bool:
    for function in _AUDIENCES:
        answer = function(user)
        if answer is not None:
            return answer == "pupil"
    return False


def kind_of(obj: models.Model | None) -> str:
    return obj._meta.label_lower if obj is not None else ""
