"""Forms of recognition. They only shape and check input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User
from comenius.core.models import Country
from comenius.core.uploads import (
    KEEP_DETAILS_LABEL,
    VALIDATION_EVIDENCE,
    check_field_in_clean,
)
from comenius.projects.models import Project
from comenius.recognition import rules
from comenius.recognition.models import AgeBand, LabelKind, NQLApplication, PrizeCategory


class ApplicationForm(forms.Form):
    """A short text per criterion, evidence chosen from the project's space, the declaration."""

    declared = forms.BooleanField(
        label=_("I declare that this application is true, that the project's pupils and partners agree to it and "
                "that the evidence respects their privacy and copyright."),
        required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, application: NQLApplication, pages: Any, materials: Any, **kwargs: Any) -> None:
        initial = {f"text_{code}": application.texts.get(code, "") for code in rules.SUM_CODES}
        initial["declared"] = application.declared
        initial["pages"] = [page.pk for page in application.evidence_pages.all()]
        initial["materials"] = [material.pk for material in application.evidence_materials.all()]
        super().__init__(*args, **kwargs)
        self.initial.update(initial)
        for code in rules.SUM_CODES:
            criterion = rules.CRITERION_BY_CODE[code]
            self.fields[f"text_{code}"] = forms.CharField(
                label=criterion.label,
                help_text=criterion.help,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["pages"] = forms.ModelMultipleChoiceField(
            label=_("Pages of the project space"),
            queryset=pages,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["materials"] = forms.ModelMultipleChoiceField(
            label=_("Materials of the project space"),
            queryset=materials,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields([*(f"text_{code}" for code in rules.SUM_CODES), "pages", "materials", "declared"])

    def text_fields(self) -> list[forms.BoundField]:
        return [self[f"text_{code}"] for code in rules.SUM_CODES]


LEVEL_CHOICES = [(str(value), label) for value, label in rules.LEVELS]


class ScoresForm(forms.Form):
    """Scores 0–5 for each criterion and sub-criterion (level descriptors as the choices) and a note each."""

    def __init__(
        self, *args: Any, scores: dict[str, int] | None = None, notes: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        initial = {f"score_{code}": str(value) for code, value in (scores or {}).items()}
        initial.update({f"note_{code}": text for code, text in (notes or {}).items()})
        super().__init__(*args, **kwargs)
        self.initial.update(initial)
        for criterion in rules.CRITERIA:
            self.fields[f"score_{criterion.code}"] = forms.ChoiceField(
                label=criterion.label, help_text=criterion.help, choices=LEVEL_CHOICES, widget=forms.RadioSelect
            )
            self.fields[f"note_{criterion.code}"] = forms.CharField(
                label=_("Reason"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[tuple[rules.Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.code}"], self[f"note_{c.code}"]) for c in rules.CRITERIA]

    def scores(self) -> dict[str, object]:
        return {code: self.cleaned_data.get(f"score_{code}") for code in rules.CRITERION_CODES}

    def notes(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"note_{code}", "") for code in rules.CRITERION_CODES}


class AssignForm(forms.Form):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=User.objects.none())
    second = forms.BooleanField(label=_("As second assessor (scores shown side by side)"), required=False)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assessor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates
        field.label_from_instance = _full_name  # type: ignore[assignment]


def _full_name(user: User) -> str:
    return user.get_full_name()


class AppealForm(forms.Form):
    criteria = forms.MultipleChoiceField(
        label=_("Criteria to review"),
        choices=[(c.code, c.label) for c in rules.CRITERIA],
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(
        label=_("Why, and where the evidence is"),
        help_text=_("Name the pages or materials of the space the assessor should look at again."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("open", _("Being assessed")), ("decided", _("Decided"))],
    )


class NominateForm(forms.Form):
    project = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class SchoolForm(forms.Form):
    head_email = forms.EmailField(
        label=_("E-mail of the head of your institution"),
        help_text=_("The head gets a link to declare that the application is true."),
        required=False,
    )
    esafety_policy = forms.FileField(
        label=_("The institution's eSafety policy"),
        help_text=_("A PDF or an image, up to 5 MB."),
        required=False,
    )
    keep_details = forms.BooleanField(label=KEEP_DETAILS_LABEL, required=False)

    def __init__(self, *args: Any, answers: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in rules.PRINCIPLES:
            self.fields[f"principle_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=3000,
                initial=(answers or {}).get(code, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.order_fields(
            [*(f"principle_{code}" for code in rules.PRINCIPLE_CODES), "esafety_policy", "keep_details", "head_email"]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_field_in_clean(self, cleaned, "esafety_policy", VALIDATION_EVIDENCE)
        return cleaned

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"principle_{code}", "") for code in rules.PRINCIPLE_CODES}


class SchoolDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (needed to refuse)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CallForm(forms.Form):
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Closes"), widget=forms.DateInput(attrs={"type": "date"}))


class PrizeRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    special = forms.CharField(
        label=_("Special categories"),
        help_text=_("One per line; the age-band categories are always there."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EntryForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    category = forms.ModelChoiceField(label=_("Category"), queryset=PrizeCategory.objects.none())

    def __init__(self, *args: Any, projects: Any, categories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
        self.fields["category"].queryset = categories  # type: ignore[attr-defined]


class JurorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the juror"))


class JuryScoreForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    score = forms.IntegerField(label=_("Score (0–10)"), min_value=0, max_value=10)


class LabelledFilterForm(forms.Form):
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), required=False, to_field_name="code"
    )
    year = forms.TypedChoiceField(label=_("School year"), required=False, coerce=int, choices=())
    label = forms.ChoiceField(label=_("Label"), required=False, choices=[("", _("Any label")), *LabelKind.choices[:2]])
    age_band = forms.ChoiceField(
        label=_("Pupils' ages"), required=False, choices=[("", _("Any age")), *AgeBand.choices]
    )

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.participating().order_by("name")  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", _("Any year")), *((y, rules.year_label(y)) for y in years)]  # type: ignore[attr-defined]
