"""Forms for projects. The project form saves drafts with only a title; completeness is checked when the
founder sends the project on (`services.missing_fields`)."""

from __future__ import annotations

import uuid
from dataclasses import fields
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User
from comenius.core.forms import AGES, DateInput, FilterForm, PlainTextField, TextAreaField, from_cleaned_data
from comenius.core.params import positive_id
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


PICKER_SHOWN = 20  # contacts offered at once by a contact picker; a name narrows them (issue 16)


def picker_query_field() -> forms.CharField:
    return forms.CharField(
        label=_("Find one of your contacts"),
        max_length=100,
        required=False,
        widget=forms.TextInput({"type": "search", "autocomplete": "off"}),
    )


def limit_picker(form: forms.Form, name: str, contacts: Any, query: str) -> None:
    """Make `name` a contact picker that never renders every contact: radio buttons for at most PICKER_SHOWN
    contacts whose name matches `query` (and the one already chosen), while any of `contacts` stays valid.
    Sets `form.picker_more[name]` when more contacts match than are shown. A busy member has 2,000 contacts;
    a `<select>` of them all took 400 ms to render (issue 16)."""
    field = cast(ContactChoiceField, form.fields[name])
    field.queryset = contacts
    shown = contacts
    for word in query.split()[:5]:
        shown = shown.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    rows = list(shown[: PICKER_SHOWN + 1])
    form.picker_more[name] = len(rows) > PICKER_SHOWN  # type: ignore[attr-defined]
    rows = rows[:PICKER_SHOWN]
    raw = form.data.get(form.add_prefix(name)) if form.is_bound else form.initial.get(name)
    selected = positive_id(str(raw)) if raw else None
    if selected and selected not in {row.pk for row in rows}:
        rows = list(contacts.filter(pk=selected)[:1]) + rows
    choices: list[tuple[Any, str]] = [] if field.required else [("", str(_("Nobody yet")))]
    choices += [(row.pk, field.label_from_instance(row)) for row in rows]
    field.widget = forms.RadioSelect()
    field.widget.choices = choices


class ContactPickerMixin:
    """Forms with contact pickers: `picker_more` says, per picker, whether more contacts match than are shown."""

    picker_more: dict[str, bool]
    picker_shown = PICKER_SHOWN

    def picker_query(self, name: str) -> str:
        form = cast(forms.Form, self)
        key = form.add_prefix(f"{name}_query")
        value = form.data.get(key) if form.is_bound else form.initial.get(f"{name}_query")
        return str(value or "").strip()[:100]


def refill(form_class: type[forms.Form], data: Any, initial: dict[str, Any] | None = None) -> dict[str, Any]:
    """What was typed into a form, as the initial values of an unbound copy: the no-JavaScript contact search
    submits the whole form, which is shown again with the new matches and no "required" errors."""
    values = dict(initial or {})
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            values[name] = data.getlist(name)
        elif isinstance(field, forms.BooleanField):
            values[name] = name in data
        elif name in data:
            values[name] = data.get(name)
    return values


class ProjectForm(ContactPickerMixin, forms.Form):
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
    cofounder_query = picker_query_field()
    show_in_gallery = forms.BooleanField(
        label=_("Show the project in the public gallery once it is approved"),
        required=False,
        help_text=_("Visitors then see the title, summary, countries, subjects and ages. Never pupils' data."),
    )

    def __init__(self, *args: Any, contacts: Any = None, cofounder_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "creation_key" not in self.initial:
            self.initial["creation_key"] = uuid.uuid4().hex
        self.picker_more = {}
        if not cofounder_editable:
            del self.fields["cofounder"]
            del self.fields["cofounder_query"]
        elif contacts is not None:
            limit_picker(self, "cofounder", contacts, self.picker_query("cofounder"))

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


class CofounderForm(ContactPickerMixin, forms.Form):
    cofounder_query = picker_query_field()
    cofounder = ContactChoiceField(label=_("New co-founder"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker_more = {}
        if contacts is not None:
            limit_picker(self, "cofounder", contacts, self.picker_query("cofounder"))


class AnswerForm(forms.Form):
    reason = TextAreaField(label=_("A reason (if you decline)"), max_length=500, required=False, rows=2)


class InviteForm(ContactPickerMixin, forms.Form):
    invitee_query = picker_query_field()
    invitee = ContactChoiceField(label=_("Contact"), queryset=User.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("Role"), choices=ProjectRole.choices, initial=ProjectRole.TEACHER)

    def __init__(self, *args: Any, contacts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker_more = {}
        if contacts is not None:
            limit_picker(self, "invitee", contacts, self.picker_query("invitee"))


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
