"""Form helpers shared by every app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


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
