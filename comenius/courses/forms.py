"""Forms for courses; the services check everything again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import Role, User
from comenius.core.forms import DateInput, PlainTextField, TextAreaField
from comenius.core.uploads import KEEP_DETAILS_LABEL, SPACE_MATERIAL, check_field_in_clean
from comenius.core.vocabulary import Language, alphabetical
from comenius.courses.models import Activity, ActivityKind, Course, Module
from comenius.courses.services import CourseData

LANGUAGE_CHOICES = alphabetical(Language.choices)


class CourseForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=150)
    summary = PlainTextField(label=_("Summary"), max_length=500, help_text=_("One or two sentences for the list."))
    description = TextAreaField(label=_("Description"), max_length=5000, required=False, rows=5)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="en")
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput())
    capacity = forms.IntegerField(
        label=_("Places"), min_value=1, max_value=100000, required=False, help_text=_("Empty: no limit.")
    )
    expected_hours = forms.DecimalField(
        label=_("Expected hours"), min_value=Decimal("0.5"), max_value=Decimal("200"), decimal_places=1
    )
    quiz_pass_percent = forms.IntegerField(
        label=_("Quiz pass mark (%)"),
        min_value=1,
        max_value=100,
        initial=70,
        help_text=_("The course is complete when every required activity is done and each quiz reaches this mark."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The course cannot end before it starts."))
        return cleaned

    def data_object(self) -> CourseData:
        return CourseData(**{name: self.cleaned_data[name] for name in CourseData.__dataclass_fields__})

    @staticmethod
    def initial_from(course: Course) -> dict[str, Any]:
        return {name: getattr(course, name) for name in CourseData.__dataclass_fields__}


class NewCourseForm(CourseForm):
    leads = forms.CharField(
        label=_("Course leads"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("E-mail addresses of validated members, one a line."),
    )

    def clean_leads(self) -> list[User]:
        found = []
        for line in self.cleaned_data["leads"].split():
            user = User.objects.filter(email__iexact=line.strip(), role=Role.MEMBER).first()
            if user is None or not user.is_validated_member:
                raise forms.ValidationError(_("No validated member has the address %(email)s.") % {"email": line})
            found.append(user)
        return found


class ModuleForm(forms.Form):
    prefix = "module"
    title = PlainTextField(label=_("Module title"), max_length=150)


class PageForm(forms.Form):
    prefix = "page"
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none(), empty_label=None)
    title = PlainTextField(label=_("Page title"), max_length=150)
    body = forms.CharField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea({"rows": 6}),
        help_text=_("Headings, paragraphs, lists, links and tables (HTML); anything else is removed."),
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all()  # type: ignore[attr-defined]


class ActivityForm(forms.Form):
    prefix = "activity"
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title = PlainTextField(label=_("Activity title"), max_length=150)
    instructions = TextAreaField(label=_("Instructions"), max_length=5000, required=False, rows=3)
    required = forms.BooleanField(label=_("Needed to complete the course"), required=False, initial=True)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all()  # type: ignore[attr-defined]


class EditPageForm(forms.Form):
    """A content page's title and text (it stays in its module)."""

    title = PlainTextField(label=_("Page title"), max_length=150)
    body = forms.CharField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea({"rows": 12}),
        help_text=_("Headings, paragraphs, lists, links and tables (HTML); anything else is removed."),
    )


class EditActivityForm(forms.Form):
    """What can change in an activity: not its kind (participants' work belongs to it)."""

    title = PlainTextField(label=_("Activity title"), max_length=150)
    instructions = TextAreaField(label=_("Instructions"), max_length=5000, required=False, rows=5)
    required = forms.BooleanField(
        label=_("Needed to complete the course"),
        required=False,
        help_text=_("Changing this re-computes everyone's progress. Who has completed the course stays completed."),
    )


class QuestionForm(forms.Form):
    prefix = "question"
    activity = forms.ModelChoiceField(label=_("Quiz"), queryset=Activity.objects.none(), empty_label=None)
    text = PlainTextField(label=_("Question"), max_length=500)
    answers = forms.CharField(
        label=_("Answers"),
        max_length=3000,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("One answer a line; start the right one with *."),
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quizzes = Activity.objects.filter(module__course=course, kind=ActivityKind.QUIZ)
        self.fields["activity"].queryset = quizzes  # type: ignore[attr-defined]

    def clean_answers(self) -> list[tuple[str, bool]]:
        lines = [line.strip() for line in self.cleaned_data["answers"].splitlines() if line.strip()]
        return [(line.lstrip("*").strip(), line.startswith("*")) for line in lines]


class TaskForm(forms.Form):
    text = TextAreaField(label=_("Your answer"), max_length=10000, required=False, rows=6)
    file = forms.FileField(label=_("Or add a file"), required=False)
    keep_details = forms.BooleanField(label=KEEP_DETAILS_LABEL, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_field_in_clean(self, cleaned, "file", SPACE_MATERIAL)
        if not cleaned.get("text") and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("Write your answer or add a file."))
        return cleaned


class QuizForm(forms.Form):
    """One radio group per question; names carry the question's id."""

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in activity.questions.prefetch_related("choices"):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                coerce=int,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class ContributionForm(forms.Form):
    body = TextAreaField(label=_("Your contribution"), max_length=5000, rows=4)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: the task is done")), ("return", _("Return it for changes"))],
    )
    feedback = TextAreaField(
        label=_("Feedback"), max_length=3000, required=False, rows=3, help_text=_("Needed when you return a task.")
    )
