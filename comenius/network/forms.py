"""Forms for partner finding."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import (
    AGES,
    DateInput,
    FilterForm,
    PlainTextField,
    TextAreaField,
    country_choices,
    from_cleaned_data,
)
from comenius.core.submissions import SubmissionKeyField
from comenius.core.uploads import PROFILE_PHOTO, CheckedFile, check_in_form
from comenius.core.vocabulary import Language, LanguageLevel, ProjectKind, Subject, alphabetical
from comenius.institutions.models import InstitutionType
from comenius.network.access import IdeaFilters, PeopleFilters
from comenius.network.services import PROFILE_FIELDS, IdeaData, ProfileData

LANGUAGE_SLOTS = 4


class PartnerProfileForm(forms.Form):
    introduction = TextAreaField(
        label=_("Introduce yourself"),
        max_length=1000,
        required=False,
        rows=5,
        help_text=_("Who you are, your pupils and what you would like to do together. At most 1,000 characters."),
    )
    subjects = forms.MultipleChoiceField(
        label=_("Subjects you teach"),
        choices=alphabetical(Subject.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_min = forms.TypedChoiceField(
        label=_("Youngest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    age_max = forms.TypedChoiceField(
        label=_("Oldest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    available = forms.BooleanField(label=_("I am looking for partners now"), required=False)
    available_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    available_until = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    project_kind = forms.ChoiceField(label=_("Kind of project"), choices=ProjectKind.choices)
    searchable = forms.BooleanField(label=_("Show me in people search and suggestions"), required=False)
    show_introduction = forms.BooleanField(label=_("Show my introduction to other members"), required=False)
    show_photo = forms.BooleanField(label=_("Show my photo to other members"), required=False)
    show_institution = forms.BooleanField(label=_("Show my institution to other members"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for slot in range(1, LANGUAGE_SLOTS + 1):
            self.fields[f"language_{slot}"] = forms.ChoiceField(
                label=_("Language %(number)d") % {"number": slot},
                choices=alphabetical(Language.choices, ("", _("Choose a language"))),
                required=False,
            )
            self.fields[f"level_{slot}"] = forms.TypedChoiceField(
                label=_("Level"), choices=LanguageLevel.choices, coerce=int, initial=LanguageLevel.GOOD
            )

    def language_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"language_{slot}"], self[f"level_{slot}"]) for slot in range(1, LANGUAGE_SLOTS + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if (age_min is None) != (age_max is None):
            self.add_error("age_max", _("Give both the youngest and the oldest age, or neither."))
        elif age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("The oldest age cannot be below the youngest."))
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("This date is before the start."))
        languages: dict[str, int] = {}
        for slot in range(1, LANGUAGE_SLOTS + 1):
            code = cleaned.get(f"language_{slot}")
            if code:
                if code in languages:
                    self.add_error(f"language_{slot}", _("You chose this language twice."))
                languages[code] = cleaned.get(f"level_{slot}") or LanguageLevel.GOOD
        cleaned["languages"] = languages
        return cleaned

    def data_object(self) -> ProfileData:
        return from_cleaned_data(ProfileData, self.cleaned_data)

    @staticmethod
    def initial_from(profile: Any) -> dict[str, Any]:
        initial = {name: getattr(profile, name) for name in PROFILE_FIELDS}
        initial["subjects"] = [s.subject for s in profile.subjects.all()]
        for slot, language in enumerate(profile.languages.all(), start=1):
            initial[f"language_{slot}"] = language.language
            initial[f"level_{slot}"] = language.level
        return initial


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("A PNG or JPEG. Location data is removed."))

    def clean_photo(self) -> CheckedFile:
        return check_in_form(self.cleaned_data["photo"], PROFILE_PHOTO)


class PeopleSearchForm(FilterForm):
    q = forms.CharField(label=_("Name, school, town or words"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    institution_type = forms.ChoiceField(
        label=_("Type of institution"), choices=[("", _("All types")), *InstitutionType.choices], required=False
    )
    subject = forms.ChoiceField(
        label=_("Subject"),
        choices=alphabetical(Subject.choices, ("", _("All subjects"))),
        required=False,
    )
    age = forms.TypedChoiceField(
        label=_("Pupils' age"), choices=[("", _("Any age")), *AGES], coerce=int, required=False, empty_value=None
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=alphabetical(Language.choices, ("", _("Any language"))),
        required=False,
    )
    available = forms.BooleanField(label=_("Only members looking for partners now"), required=False)

    filters_class = PeopleFilters


class ContactRequestForm(forms.Form):
    message = PlainTextField(label=_("A short note"), max_length=500, required=False)


class MessageForm(forms.Form):
    body = TextAreaField(label=_("Message"), max_length=5000, rows=3)
    submission = SubmissionKeyField()


class IdeaForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=150, help_text=_("Say in a few words what you want to do."))
    description = TextAreaField(
        label=_("Description"),
        max_length=3000,
        rows=6,
        help_text=_("The project, your pupils, and the partner you look for."),
    )
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), choices=alphabetical(Subject.choices), widget=forms.CheckboxSelectMultiple
    )
    age_min = forms.TypedChoiceField(label=_("Youngest pupils"), choices=AGES, coerce=int)
    age_max = forms.TypedChoiceField(label=_("Oldest pupils"), choices=AGES, coerce=int)
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=alphabetical(Language.choices),
        widget=forms.SelectMultiple({"size": 6}),
    )
    countries_wanted = forms.MultipleChoiceField(
        label=_("Partner countries wanted"),
        required=False,
        help_text=_("Leave empty if any country is welcome."),
        widget=forms.SelectMultiple({"size": 6}),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())
    partners_wanted = forms.IntegerField(label=_("Partners wanted"), min_value=1, max_value=10, initial=1)
    expires_on = forms.DateField(
        label=_("Visible until"),
        widget=DateInput(),
        help_text=_("The idea leaves the board on this day. You can close it earlier."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["countries_wanted"]).choices = country_choices("")[1:]
        if not self.is_bound and "expires_on" not in self.initial:
            self.initial["expires_on"] = timezone.localdate() + timedelta(days=90)
        self.fields["expires_on"].help_text = _(
            "The idea leaves the board on this day (at most %(days)d days ahead). You can close it earlier."
        ) % {"days": settings.IDEA_MAX_DAYS}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("age_min") is not None
            and cleaned.get("age_max") is not None
            and cleaned["age_min"] > cleaned["age_max"]
        ):
            self.add_error("age_max", _("The oldest age cannot be below the youngest."))
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned

    def data_object(self) -> IdeaData:
        return from_cleaned_data(IdeaData, self.cleaned_data)

    @staticmethod
    def initial_from(idea: Any) -> dict[str, Any]:
        return {field.name: getattr(idea, field.name) for field in fields(IdeaData)}


class IdeaSearchForm(FilterForm):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    subject = PeopleSearchForm.base_fields["subject"]
    age = PeopleSearchForm.base_fields["age"]
    language = PeopleSearchForm.base_fields["language"]
    country = forms.ChoiceField(label=_("Partner country"), required=False)

    filters_class = IdeaFilters


class InterestForm(forms.Form):
    note = TextAreaField(label=_("Add a few words"), max_length=2000, required=False, rows=3)
