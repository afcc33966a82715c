"""Forms for events. The services check everything again; these give the person clear errors first."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import PlainTextField, TextAreaField, country_choices
from comenius.core.models import Country
from comenius.core.vocabulary import Language, Subject, alphabetical
from comenius.events import access
from comenius.events.access import EventFilters
from comenius.events.models import Event, EventKind, Level, Mode, Organiser
from comenius.events.services import EventData
from comenius.events.zones import zone_choices, zone_for_country

LANGUAGE_CHOICES = alphabetical(Language.choices)
SUBJECT_CHOICES = alphabetical(Subject.choices)
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker; the value is the wall-clock time in the event's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format=LOCAL_FORMAT)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time without a zone (the form puts it in the event's time zone in `clean`)."""

    widget = LocalDateTimeInput
    input_formats = [LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for pattern in self.input_formats:
            try:
                return datetime.strptime(text, pattern)
            except ValueError:
                continue
        raise forms.ValidationError(_("Enter a date and time, for example 2027-03-12 15:00."), code="invalid")

    def prepare_value(self, value: Any) -> Any:
        return value.strftime(LOCAL_FORMAT) if isinstance(value, datetime) else value


class EventForm(forms.Form):
    creation_key = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    title = PlainTextField(label=_("Title"), max_length=200)
    description = TextAreaField(label=_("What it is about"), max_length=5000, rows=6)
    kind = forms.ChoiceField(label=_("Kind of event"), choices=EventKind.choices)
    organiser = forms.ChoiceField(label=_("Organised by"), choices=Organiser.choices)
    country = forms.ChoiceField(
        label=_("Country"), required=False, help_text=_("A national event is for the members of this country.")
    )
    group = forms.TypedChoiceField(label=_("Group"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    levels = forms.MultipleChoiceField(
        label=_("School levels"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A partner-finding fair is for exactly one level."),
    )
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), choices=SUBJECT_CHOICES, required=False, widget=forms.SelectMultiple({"size": 6})
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), help_text=_("The times below are in this time zone."))
    starts = LocalDateTimeField(label=_("Starts"))
    ends = LocalDateTimeField(label=_("Ends"))
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("The meeting room (Jitsi or any other); shown to registered participants only."),
    )
    place = PlainTextField(
        label=_("Place"), required=False, max_length=300, help_text=_("Address, for an event in person.")
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, max_value=100000, help_text=_("Leave empty for no limit.")
    )
    mode = forms.ChoiceField(label=_("Registration"), choices=Mode.choices, widget=forms.RadioSelect, initial=Mode.OPEN)
    application_deadline = LocalDateTimeField(label=_("Applications until"), required=False)
    hours = forms.DecimalField(
        label=_("Hours on the certificate"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("500"),
        decimal_places=1,
        help_text=_("Leave empty to use the event's length."),
    )
    is_public = forms.BooleanField(
        label=_("Public: visitors see it and it is in the public calendar"), required=False, initial=True
    )

    def __init__(self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.event = user, event
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = zone_choices()
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices(str(_("Choose a country")))
        groups = access.organiser_groups(user)
        if user.is_central_support:
            from comenius.groups.models import Group, GroupState

            groups = list(Group.objects.filter(state=GroupState.APPROVED).order_by("title")[:500])
        cast(forms.ChoiceField, self.fields["group"]).choices = [("", _("Choose a group"))] + [
            (g.pk, g.title) for g in groups
        ]
        organiser = cast(forms.ChoiceField, self.fields["organiser"])
        if user.is_central_support:
            pass
        elif user.is_nso_officer:
            organiser.choices = [(Organiser.NSO, Organiser.NSO.label)]
            cast(forms.ChoiceField, self.fields["country"]).choices = [(user.country_id, user.country.display_name)]
            del self.fields["group"]
        else:
            organiser.choices = [(Organiser.GROUP, Organiser.GROUP.label)]
            del self.fields["country"]
        if event is not None:  # the organiser of an event does not change
            for name in ("organiser", "country", "group"):
                self.fields.pop(name, None)
        if not self.is_bound:
            if "creation_key" not in self.initial:
                self.initial["creation_key"] = uuid.uuid4().hex
            self.initial.setdefault("time_zone", zone_for_country(getattr(user, "country_id", "") or ""))
            if user.is_nso_officer:
                self.initial.setdefault("organiser", Organiser.NSO)
                self.initial.setdefault("country", user.country_id)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("time_zone")
        if not name:
            return cleaned
        zone = ZoneInfo(name)
        for field in ("starts", "ends", "application_deadline"):
            value = cleaned.get(field)
            if value is not None:
                cleaned[field] = value.replace(tzinfo=zone)
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The event must end after it starts."))
        if starts and self.event is None and starts <= timezone.now():
            self.add_error("starts", _("The event must start in the future."))
        if not cleaned.get("online_url") and not cleaned.get("place"):
            self.add_error("place", _("Give an online link or a place (or both)."))
        if cleaned.get("mode") == Mode.APPLICATION and not cleaned.get("application_deadline"):
            self.add_error("application_deadline", _("Applications need a deadline."))
        organiser = cleaned.get("organiser") or (self.event.organiser if self.event else "")
        if self.event is None and organiser == Organiser.NSO and not cleaned.get("country"):
            self.add_error("country", _("Choose the country of a national event."))
        if self.event is None and organiser == Organiser.GROUP and not cleaned.get("group"):
            self.add_error("group", _("Choose the group of a group's event."))
        if cleaned.get("kind") == EventKind.FAIR and len(cleaned.get("levels") or []) != 1:
            self.add_error("levels", _("A partner-finding fair is for one school level: choose it."))
        return cleaned

    def data_object(self) -> EventData:
        data = self.cleaned_data
        organiser = data.get("organiser") or (self.event.organiser if self.event else Organiser.CENTRAL)
        country = Country.objects.filter(pk=data.get("country") or "").first() if organiser == Organiser.NSO else None
        group = None
        if organiser == Organiser.GROUP and data.get("group"):
            from comenius.groups.models import Group

            group = Group.objects.filter(pk=data["group"]).first()
        return EventData(
            title=data["title"], description=data["description"], kind=data["kind"], language=data["language"],
            time_zone=data["time_zone"], starts_at=data["starts"], ends_at=data["ends"], organiser=organiser,
            country=country, group=group, levels=data["levels"], subjects=data["subjects"],
            online_url=data["online_url"], place=data["place"], capacity=data["capacity"], mode=data["mode"],
            application_deadline=data["application_deadline"], hours=data["hours"], is_public=data["is_public"],
        )  # fmt: skip

    @staticmethod
    def initial_from(event: Event) -> dict[str, Any]:
        zone = event.zone
        names = ["title", "description", "kind", "language", "levels", "subjects", "time_zone", "online_url", "place",
                 "capacity", "mode", "hours", "is_public"]  # fmt: skip
        initial = {name: getattr(event, name) for name in names}
        initial["starts"] = event.starts_at.astimezone(zone).replace(tzinfo=None)
        initial["ends"] = event.ends_at.astimezone(zone).replace(tzinfo=None)
        if event.application_deadline:
            initial["application_deadline"] = event.application_deadline.astimezone(zone).replace(tzinfo=None)
        return initial


class MotivationForm(forms.Form):
    motivation = TextAreaField(
        label=_("Why you want to take part"),
        max_length=1000,
        rows=3,
        required=False,
        help_text=_("The organiser reads it when choosing participants."),
    )


class ReasonForm(forms.Form):
    reason = TextAreaField(label=_("Reason"), max_length=500, rows=3, help_text=_("Sent to everyone registered."))


class EventFilterForm(forms.Form):
    """The list's filters (GET); a hand-edited value falls back to no filter."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices])
    level = forms.ChoiceField(label=_("School level"), required=False, choices=[("", _("All levels")), *Level.choices])
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=alphabetical(Language.choices, ("", _("All languages")))
    )
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=alphabetical(Subject.choices, ("", _("All subjects")))
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    organiser = forms.ChoiceField(
        label=_("Organised by"), required=False, choices=[("", _("Anyone")), *Organiser.choices]
    )
    format = forms.ChoiceField(
        label=_("Where"),
        required=False,
        choices=[("", _("Online or in person")), ("online", _("Online")), ("in_person", _("In person"))],
    )
    when = forms.ChoiceField(
        label=_("When"), required=False, choices=[("upcoming", _("Coming up")), ("past", _("Past events"))]
    )
    group = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices(str(_("All countries")))

    def filters(self) -> EventFilters:
        if not self.is_valid():
            return EventFilters()
        data: dict[str, Any] = {key: value or "" for key, value in self.cleaned_data.items()}
        data["when"] = data["when"] or "upcoming"
        data["group"] = self.cleaned_data.get("group") or None
        return EventFilters(**data)
