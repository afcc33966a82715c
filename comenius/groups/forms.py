"""Forms for groups. The services check everything again; these give the person clear errors first."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import AGES, DateInput, PlainTextField, TextAreaField
from comenius.core.submissions import SubmissionKeyField
from comenius.core.uploads import KEEP_DETAILS_LABEL, SPACE_MATERIAL, check_field_in_clean
from comenius.core.vocabulary import Language, Subject, alphabetical
from comenius.groups.access import GroupFilters
from comenius.groups.models import Group, GroupState, JoinPolicy
from comenius.groups.services import GroupData, ThemeData

LANGUAGE_CHOICES = alphabetical(Language.choices)
SUBJECT_CHOICES = alphabetical(Subject.choices)


class GroupForm(forms.Form):
    creation_key = forms.CharField(widget=forms.HiddenInput, max_length=40, required=False)
    title = PlainTextField(label=_("Title"), max_length=150)
    description = TextAreaField(
        label=_("What the group is about"),
        max_length=3000,
        rows=5,
        help_text=_("The theme or practice members share: a method, a subject, a question of teaching."),
    )
    aims = TextAreaField(label=_("Aims"), max_length=3000, required=False, rows=4)
    subjects = forms.MultipleChoiceField(
        label=_("Subjects"), choices=SUBJECT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the group"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple({"size": 6}),
    )
    age_min = forms.TypedChoiceField(
        label=_("Youngest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    age_max = forms.TypedChoiceField(
        label=_("Oldest pupils"), choices=[("", "—"), *AGES], coerce=int, required=False, empty_value=None
    )
    join_policy = forms.ChoiceField(label=_("Who may join"), choices=JoinPolicy.choices, initial=JoinPolicy.OPEN)
    open_to_visitors = forms.BooleanField(
        label=_("Open to visitors"),
        required=False,
        help_text=_(
            "Visitors who are not signed in see the group in the public directory with its name, description,"
            " subjects, languages and number of members. Posts, discussions, resources and the member list stay"
            " for members."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "creation_key" not in self.initial:
            self.initial["creation_key"] = uuid.uuid4().hex

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        age_min, age_max = cleaned.get("age_min"), cleaned.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("The oldest age cannot be below the youngest."))
        return cleaned

    def data_object(self) -> GroupData:
        data = self.cleaned_data
        return GroupData(
            title=data["title"], description=data["description"], aims=data["aims"], languages=data["languages"],
            subjects=data["subjects"], age_min=data["age_min"], age_max=data["age_max"],
            join_policy=data["join_policy"], open_to_visitors=data["open_to_visitors"],
        )  # fmt: skip

    @staticmethod
    def initial_from(group: Group) -> dict[str, Any]:
        names = [
            "title", "description", "aims", "subjects", "languages", "age_min", "age_max", "join_policy",
            "open_to_visitors",
        ]  # fmt: skip
        return {name: getattr(group, name) for name in names}


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    subject = forms.ChoiceField(
        label=_("Subject"), choices=alphabetical(Subject.choices, ("", _("All subjects"))), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=alphabetical(Language.choices, ("", _("Any language"))), required=False
    )
    age = forms.TypedChoiceField(
        label=_("Pupils' age"), choices=[("", _("Any age")), *AGES], coerce=int, required=False, empty_value=None
    )
    size = forms.ChoiceField(
        label=_("Members"),
        required=False,
        choices=[
            ("", _("Any size")),
            ("small", _("Fewer than 10")),
            ("medium", _("10 to 49")),
            ("large", _("50 or more")),
        ],
    )
    activity = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("week", _("In the last week")),
            ("month", _("In the last month")),
            ("quarter", _("In the last three months")),
        ],
    )

    def filters(self) -> GroupFilters:
        if not self.is_valid():
            return GroupFilters()
        data = self.cleaned_data
        return GroupFilters(
            query=data["q"], subject=data["subject"], language=data["language"], age=data["age"],
            size=data["size"], activity=data["activity"],
        )  # fmt: skip


class PublicDirectoryForm(DirectoryForm):
    """The visitors' directory filters only by what its entries show (words, subject, language, size)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("age", "activity"):
            del self.fields[name]

    def filters(self) -> GroupFilters:
        if not self.is_valid():
            return GroupFilters()
        data = self.cleaned_data
        return GroupFilters(query=data["q"], subject=data["subject"], language=data["language"], size=data["size"])


class ProposalFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (GroupState.PROPOSED, _("Waiting for a decision")),
            (GroupState.APPROVED, _("Approved")),
            (GroupState.DECLINED, _("Declined")),
        ],
    )
    q = forms.CharField(label=_("Words"), required=False, max_length=100)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the group")), ("decline", _("Decline"))],
    )
    reason = TextAreaField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        rows=3,
        help_text=_("Needed when you decline; the proposer reads it."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "decline" and not cleaned.get("reason"):
            self.add_error("reason", _("Please give a reason; the proposer will read it."))
        return cleaned


class PostForm(forms.Form):
    body = TextAreaField(label=_("Share something with the group"), max_length=5000, rows=3)
    submission = SubmissionKeyField()


class CommentForm(forms.Form):
    body = TextAreaField(label=_("Your comment"), max_length=2000, rows=2)
    submission = SubmissionKeyField()


class DiscussionForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=150)
    body = TextAreaField(label=_("Your question or idea"), max_length=5000, rows=5)
    submission = SubmissionKeyField()


class ReplyForm(forms.Form):
    body = TextAreaField(label=_("Your reply"), max_length=5000, rows=4)
    submission = SubmissionKeyField()


class FileForm(forms.Form):
    prefix = "file"  # beside the link form on one page: distinct field ids
    title = PlainTextField(label=_("Title"), max_length=150, required=False)
    description = PlainTextField(label=_("Short description"), max_length=500, required=False)
    file = forms.FileField(label=_("File"))
    keep_details = forms.BooleanField(label=KEEP_DETAILS_LABEL, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_field_in_clean(self, cleaned, "file", SPACE_MATERIAL)
        return cleaned


class LinkForm(forms.Form):
    prefix = "link"
    title = PlainTextField(label=_("Title"), max_length=150)
    description = PlainTextField(label=_("Short description"), max_length=500, required=False)
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("The member's e-mail address"),
        max_length=254,
        help_text=_("They receive an invitation and decide whether to join."),
    )


class JoinForm(forms.Form):
    message = PlainTextField(label=_("A short note for the moderators"), max_length=500, required=False)


class ThemeForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=150)
    description = TextAreaField(label=_("Description"), max_length=3000, rows=5)
    starts_on = forms.DateField(label=_("Theme year starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Theme year ends"), widget=DateInput())
    campaign_starts_on = forms.DateField(
        label=_("Campaign starts"), widget=DateInput(), help_text=_("From this day the theme is on the home pages.")
    )
    campaign_ends_on = forms.DateField(label=_("Campaign ends"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for start, end in (("starts_on", "ends_on"), ("campaign_starts_on", "campaign_ends_on")):
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("The end cannot be before the start."))
        return cleaned

    def data_object(self) -> ThemeData:
        return cast(ThemeData, ThemeData(**{name: self.cleaned_data[name] for name in ThemeData.__dataclass_fields__}))
