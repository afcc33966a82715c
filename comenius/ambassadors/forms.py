from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.ambassadors import regions
from comenius.ambassadors.models import AmbassadorKind, HelpWay, Tool
from comenius.core.forms import DateInput, PlainTextField
from comenius.core.vocabulary import Language, Subject, alphabetical
from comenius.institutions.models import InstitutionType

LEVELS = [(code, label) for code, label in InstitutionType.choices if code != "other"]


class FinderForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Municipality or town"), max_length=80, required=False)
    level = forms.ChoiceField(label=_("School level"), required=False, choices=[("", _("Any level")), *LEVELS])
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=alphabetical(Language.choices, ("", _("Any language")))
    )

    def __init__(self, country_code: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any region")), *regions.choices(country_code)]
        if not regions.regions_of(country_code):
            del self.fields["region"]
            del self.fields["municipality"]


class VisitorContactForm(forms.Form):
    name = PlainTextField(label=_("Your name"), max_length=100)
    email = forms.EmailField(label=_("Your e-mail address"), help_text=_("The ambassador answers you there."))
    message = forms.CharField(label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    # The honeypot: hidden from people (and from screen readers), filled in by form-filling robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class MemberContactForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


def _multi(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class AppointmentForm(forms.Form):
    email = forms.EmailField(label=_("The member's e-mail address"), help_text=_("A validated member of your country."))
    kind = forms.ChoiceField(label=_("Kind"), choices=AmbassadorKind.choices)
    ends_on = forms.DateField(label=_("End of the term"), widget=DateInput())
    regions = _multi(_("Regions"), [])
    levels = _multi(_("School levels"), LEVELS)
    subjects = _multi(_("Subjects"), alphabetical(Subject.choices))
    tools = _multi(_("Tools"), Tool.choices)
    languages = _multi(_("Languages"), alphabetical(Language.choices))
    help_ways = _multi(_("How they help"), HelpWay.choices)

    def __init__(self, country_code: str, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field = self.fields["regions"]
        assert isinstance(region_field, forms.MultipleChoiceField)
        region_field.choices = regions.choices(country_code)
        if not region_field.choices:
            del self.fields["regions"]
        if editing:
            del self.fields["email"]
        if not self.is_bound and "ends_on" not in self.initial:
            self.initial["ends_on"] = timezone.localdate() + timedelta(days=365)


class RenewForm(forms.Form):
    ends_on = forms.DateField(label=_("New end of the term"), widget=DateInput())


class EndForm(forms.Form):
    reason = PlainTextField(label=_("Reason"), max_length=300, required=False)


class ListingForm(forms.Form):
    introduction = forms.CharField(
        label=_("A few words for newcomers"), max_length=800, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    show_photo = forms.BooleanField(label=_("Show the photo of my partner profile"), required=False)
    show_school = forms.BooleanField(label=_("Show my school"), required=False)


class HelpRequestForm(forms.Form):
    share_name = forms.BooleanField(label=_("Ambassadors may see my name"), required=False, initial=True)
    share_school = forms.BooleanField(label=_("Ambassadors may see my school"), required=False, initial=True)
    note = PlainTextField(label=_("What would help you?"), max_length=500, required=False)


class PosterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    size = forms.ChoiceField(label=_("Size"), choices=[("a4", _("A4 poster")), ("a5", _("A5 flyer"))])
    campaign = forms.CharField(
        label=_("Campaign tag"),
        max_length=40,
        required=False,
        help_text=_("Letters, digits and dashes, e.g. autumn-2026. Visits from this poster are counted under it."),
    )

    def __init__(self, country_code: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("The whole country")), *regions.choices(country_code)]
