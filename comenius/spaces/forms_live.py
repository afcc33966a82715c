"""Forms of the chat rooms and the online meetings (the services check everything again)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comenius.core.submissions import SubmissionKeyField
from comenius.spaces.services import chat

# The time zone a teacher most likely means when they type a time: their country's (the main one where a
# country has several). They can choose another; everyone else sees the meeting in their own time zone.
COUNTRY_TIME_ZONES = {
    "AL": "Europe/Tirane", "AM": "Asia/Yerevan", "AT": "Europe/Vienna", "AZ": "Asia/Baku",
    "BA": "Europe/Sarajevo", "BE": "Europe/Brussels", "BG": "Europe/Sofia", "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague", "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid", "FI": "Europe/Helsinki", "FR": "Europe/Paris", "GE": "Asia/Tbilisi",
    "GR": "Europe/Athens", "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
    "IS": "Atlantic/Reykjavik", "IT": "Europe/Rome", "JO": "Asia/Amman", "LB": "Asia/Beirut",
    "LI": "Europe/Vaduz", "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga",
    "MD": "Europe/Chisinau", "ME": "Europe/Podgorica", "MK": "Europe/Skopje", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "NO": "Europe/Oslo", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest", "RS": "Europe/Belgrade", "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava", "TN": "Africa/Tunis", "TR": "Europe/Istanbul", "UA": "Europe/Kyiv",
}  # fmt: skip
TIME_ZONES = [*sorted({*COUNTRY_TIME_ZONES.values(), settings.TIME_ZONE}), "UTC"]


def time_zone_for(country_code: str | None) -> str:
    return COUNTRY_TIME_ZONES.get(country_code or "", settings.TIME_ZONE)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name of the room"), max_length=100)
    for_pupils = forms.BooleanField(
        label=_("Pupils may join this room"),
        required=False,
        help_text=_("Without this, the room is for the space's teachers only."),
    )
    open_now = forms.BooleanField(
        label=_("Open it for the pupils now"),
        required=False,
        help_text=_("Pupils can write only while a teacher has opened the room. You can open and close it later."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=chat.MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": chat.MAX_LENGTH}),
    )
    # The plain form (no WebSocket) is a page POST, which a browser may resend; the socket never resends.
    submission = SubmissionKeyField()


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    time_zone = forms.ChoiceField(
        label=_("Time zone of this time"),
        choices=[(zone, zone.replace("_", " ")) for zone in TIME_ZONES],
        help_text=_("Everyone in the space sees the meeting in their own time zone."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=10, max_value=480, initial=45, widget=forms.NumberInput()
    )

    def __init__(self, *args: Any, country_code: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = time_zone_for(country_code)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date") and data.get("time") and data.get("time_zone"):
            data["starts_at"] = datetime.combine(data["date"], data["time"], tzinfo=ZoneInfo(data["time_zone"]))
        return data
