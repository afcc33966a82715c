"""Form helpers shared by every app."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from comenius.core.models import Country
from comenius.core.vocabulary import reading_order

AGES: list[tuple[int | str, str]] = [(age, str(age)) for age in range(0, 21)]


class PlainTextField(forms.CharField):
    """A one-line text field that refuses markup and control characters instead of storing them.

    Names and titles are shown in many places (e-mails, lists, PDFs); refusing HTML here is clearer for the
    person typing than silently stripping it. Templates escape on output anyway.
    """

    default_error_messages = {
        "markup": _("Please use plain text without < or > characters."),
        "control": _("Please remove the invisible control characters."),
    }

    def clean(self, value: object) -> str:
        cleaned: str = super().clean(value)
        if "<" in cleaned or ">" in cleaned:
            raise forms.ValidationError(self.error_messages["markup"], code="markup")
        if any(ord(character) < 32 or 0x7F <= ord(character) < 0xA0 for character in cleaned):
            raise forms.ValidationError(self.error_messages["control"], code="control")
        return " ".join(cleaned.split())


class DateInput(forms.DateInput):
    """A native date picker. Its value must be ISO (2027-01-10) whatever the language: a browser drops a
    localised value such as 10.01.2027, and saving would then erase the date."""

    input_type = "date"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def country_choices(empty: str) -> list[tuple[str, str]]:
    """Participating countries sorted by their name in the active language; cached (they rarely change)."""
    key = f"country_choices:{get_language()}"
    choices: list[tuple[str, str]] | None = cache.get(key)
    if choices is None:
        countries = sorted(Country.objects.participating(), key=lambda c: reading_order(c.display_name))
        choices = [(c.code, c.display_name) for c in countries]
        cache.set(key, choices, 300)
    return [("", empty), *choices]


def from_cleaned_data(cls: Any, cleaned_data: dict[str, Any]) -> Any:
    """Build a service's data object from a form whose fields carry the same names."""
    return cls(**{field.name: cleaned_data[field.name] for field in fields(cls)})


class TextAreaField(forms.CharField):
    """Multi-line text: markup is shown as typed (templates escape it), never interpreted."""

    def __init__(self, *args: Any, rows: int = 4, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.Textarea({"rows": rows}))
        super().__init__(*args, **kwargs)

    def clean(self, value: object) -> str:
        cleaned: str = super().clean(value)
        if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in cleaned):
            raise forms.ValidationError(_("Please remove the invisible control characters."))
        return cleaned.strip()


class FilterForm(forms.Form):
    """A GET form of search filters whose cleaned data become a filters dataclass; `q` becomes `query`.
    Invalid input (a hand-edited URL) falls back to no filter at all rather than an error page."""

    filters_class: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = country_choices(str(_("All countries")))

    def filters(self) -> Any:
        if not self.is_valid():
            return self.filters_class()
        data = dict(self.cleaned_data)
        data["query"] = data.pop("q")
        return self.filters_class(**data)
