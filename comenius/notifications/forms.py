from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.notifications.models import DigestFrequency, WatchLevel
from comenius.notifications.registry import Delivery, NotificationType


def _zones() -> list[tuple[str, str]]:
    zones = sorted(
        z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    )
    return [(z, z.replace("_", " ")) for z in zones]


class PreferencesForm(forms.Form):
    """One choice per configurable type, the digest frequency and the time zone."""

    digest_frequency = forms.ChoiceField(
        label=_("How often should we send the digest?"), choices=DigestFrequency.choices
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), help_text=_("The digest arrives in the morning of this time zone."), choices=()
    )

    def __init__(self, *args: Any, types: list[NotificationType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = _zones()  # type: ignore[attr-defined]
        self.types = types
        for ntype in types:
            self.fields[f"type__{ntype.key}"] = forms.ChoiceField(
                label=str(ntype.label),
                help_text=str(ntype.description),
                choices=Delivery.choices,
                widget=forms.RadioSelect,
            )

    def type_fields(self) -> list[forms.BoundField]:
        return [self[f"type__{ntype.key}"] for ntype in self.types]

    def choices(self) -> dict[str, str]:
        return {ntype.key: self.cleaned_data[f"type__{ntype.key}"] for ntype in self.types}


class WatchForm(forms.Form):
    level = forms.ChoiceField(label=_("Notifications about this"), choices=WatchLevel.choices)
