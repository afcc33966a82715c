"""Forms of the materials area. They check the shape of the input; `spaces.services.materials` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import PlainTextField
from comenius.core.uploads import KEEP_DETAILS_LABEL

MAX_FILES_AT_ONCE = 20
# What the file picker offers first; the content decides anyway (core.uploads.SPACE_MATERIAL).
ACCEPT = (
    "image/jpeg,image/png,image/gif,image/webp,application/pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,"
    "video/mp4,video/webm,audio/mpeg,audio/ogg"
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files (Django's documented pattern). Empty files pass here: the service names them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]


class InFolderForm(forms.Form):
    folder = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class UploadForm(InFolderForm):
    file = MultipleFileField(
        label=_("Files"),
        help_text=_("Photos, videos, sound, PDF, Office and OpenDocument files, text. You can choose several at once."),
    )
    title = PlainTextField(
        label=_("Title"),
        max_length=150,
        required=False,
        help_text=_("Leave it empty to use the file name. With several files, each keeps its own name."),
    )
    keep_details = forms.BooleanField(label=KEEP_DETAILS_LABEL, required=False)

    def clean_file(self) -> list[Any]:
        files: list[Any] = self.cleaned_data["file"]
        if len(files) > MAX_FILES_AT_ONCE:
            raise forms.ValidationError(
                _("Choose at most %(count)s files at a time."), params={"count": MAX_FILES_AT_ONCE}
            )
        return files


class LinkForm(InFolderForm):
    url = forms.URLField(label=_("Web address"), max_length=500, assume_scheme="https")
    title = PlainTextField(label=_("Title"), max_length=150, required=False)


class EmbedForm(InFolderForm):
    url = forms.URLField(
        label=_("Address of the video or tool"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Use the embed address the site gives you. It loads only when someone chooses to play it."),
    )
    title = PlainTextField(label=_("Title"), max_length=150, required=False)


class FolderForm(forms.Form):
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    name = PlainTextField(label=_("Folder name"), max_length=100)
    is_album = forms.BooleanField(label=_("Photo album (shows images as a gallery)"), required=False)
