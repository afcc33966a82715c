"""Forms for projects. The project form saves drafts with only a title; completeness is checked when the
founder sends the project on (`services.missing_fields`)."""

from __future__ import annotations

import uuid
from dataclasses import fields
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User
from comenius.core.forms import AGES, DateInput, FilterForm, PlainTextField, TextAreaField, from_cleaned_data
from comenius.core.vocabulary import Language, Subject, alphabetical
from comenius.network.forms import PeopleSearchForm
from comenius.projects.access import ProjectFilters
from comenius.projects.models import VISIBLE_STATES, Project, ProjectRole, ProjectState
from comenius.projects.services import ProjectData

LANGUAGE_CHOICES = alphabetical(Language.choices)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user = cast(User, obj)
        country = user.country.display_name if user.country else ""
        return f"{user.get_full_name()} ({country})" if country else user.get_full_name()


class ProjectForm(forms.Form):
    # A fresh key per form: a double click on "Save" sends the same key twice and makes one project.
    creation_key = forms.CharField(widget=forms.HiddenInput, max_length=40)
    title = PlainTextField(label=_("Title"), max_length=150)
    summary = TextAreaField(
        label=_("Summary"),
        max_length=500,
        required=False,
        rows=3,
        help_text=_(
            "Two or three sentences. The summary is what other members (and, if you wish, visitors) see first."
        ),
    )
    description = TextAreaField(label=_("Description"), max_length=5000, required=False, rows=6)
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), choices=alphabetical(Subject.choices), required=False, widget=forms.CheckboxSelectMultiple
    )
    age_min = forms.TypedChoiceField(
        label=_("Youngest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    age_max = forms.TypedChoiceField(
        label=_("Oldest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    pupils_count = forms.IntegerField(label=_("Number of pupils"), min_value=1, max_value=10000, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.SelectMultiple({"size": 6})
    )
    tools = TextAreaField(
        label=_("Tools"),
        max_length=2000,
        required=False,
        rows=3,
        help_text=_("The tools and media your pupils will use (the project space comes with pages, forum and chat)."),
    )
    aims = TextAreaField(label=_("Aims"), max_length=3000, required=False, rows=4)
    work_process = TextAreaField(label=_("Work process"), max_length=3000, required=False, rows=4)
    expected_results = TextAreaField(label=_("Expected results"), max_length=3000, required=False, rows=4)
    starts_on = forms.DateField(label=_("Starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), required=False, widget=DateInput())
    cofounder = ContactChoiceField(
        label=_("Co-founder"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Choose one of your contacts"),
        help_text=_(
            "Exactly one of your contacts, from another institution. Founders from two countries make a European "
            "project; from one country, a national project."
        ),
    )
    show_in_gallery = forms.BooleanField(
        label=_("Show the project in the public gallery once it is approved"),
        required=False,
        help_text=_("Visitors then see the title, summary, countries, subjects and ages. Never pupils' data."),
    )

    def __init__(self, *args: Any, contacts: Any = None, cofounder_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "creation_key" not in self.initial:
            self.initial["creation_key"] = uuid.uuid4().hex
        field = cast(forms.ModelChoiceField, self.fields["cofounder"])
        if contacts is not None:
            field.queryset = contacts
        if not cofounder_editable:
            del self.fields["cofounder"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("The oldest age cannot be below the youngest."))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The project cannot end before it starts."))
        return cleaned

    def data_object(self) -> ProjectData:
        return cast(ProjectData, from_cleaned_data(ProjectData, self.cleaned_data))

    @staticmethod
    def initial_from(project: Project) -> dict[str, Any]:
        initial = {field.name: getattr(project, field.name) for field in fields(ProjectData)}
        initial["cofounder"] = project.cofounder_id
        initial["creation_key"] = project.creation_key
        return initial


class CofounderForm(forms.Form):
    cofounder = ContactChoiceField(label=_("New co-founder"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contacts is not None:
            cast(forms.ModelChoiceField, self.fields["cofounder"]).queryset = contacts


class AnswerForm(forms.Form):
    reason = TextAreaField(label=_("A reason (if you decline)"), max_length=500, required=False, rows=2)


class InviteForm(forms.Form):
    invitee = ContactChoiceField(label=_("Contact"), queryset=User.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("Role"), choices=ProjectRole.choices, initial=ProjectRole.TEACHER)

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if contacts is not None:
            cast(forms.ModelChoiceField, self.fields["invitee"]).queryset = contacts


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ProjectRole.choices)


class RejectForm(forms.Form):
    reason = TextAreaField(
        label=_("Reason for the founders"),
        max_length=1000,
        rows=3,
        help_text=_("Say what the founders should change; they can send the project again."),
    )


class ProjectSearchForm(FilterForm):
    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    subject = PeopleSearchForm.base_fields["subject"]
    age = PeopleSearchForm.base_fields["age"]
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = PeopleSearchForm.base_fields["language"]
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("Active, closed or archived")),
            *[(s.value, s.label) for s in ProjectState if s in VISIBLE_STATES],
        ],
    )
    year = forms.TypedChoiceField(label=_("Starting year"), required=False, coerce=int, empty_value=None)

    filters_class = ProjectFilters

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = [(year, str(year)) for year in range(this_year + 1, 2004, -1)]
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [("", _("Any year")), *years]


class GalleryFilterForm(ProjectSearchForm):
    """The gallery's filters: the same, without the state."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["state"]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("pending", _("Waiting for a decision")), ("decided", _("Decided"))],
    )
