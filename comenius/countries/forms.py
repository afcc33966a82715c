from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comenius.core.forms import PlainTextField
from comenius.core.uploads import MB, CheckedFile, UploadPolicy, check_in_form

# A news post's image: a photo or drawing, shown publicly, re-encoded without metadata, at most 1600 px.
NEWS_IMAGE = UploadPolicy(
    name="news_image",
    types=frozenset({"image/jpeg", "image/png"}),
    max_bytes=lambda: 10 * MB,
    refusal=_("Please choose a PNG or JPEG picture."),
    mismatch=_("This picture is not what its name says. Please upload the original PNG or JPEG."),
    image_format="image/jpeg",
    max_side=1600,
)


class NationalPageForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paragraphs, lists, links and headings are kept; everything else is removed."),
    )
    address = forms.CharField(
        label=_("Postal address"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = PlainTextField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class NewsForm(forms.Form):
    title = PlainTextField(label=_("Title"), max_length=150)
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Paragraphs, lists, links and headings are kept; everything else is removed."),
    )
    image = forms.FileField(label=_("Image"), required=False, help_text=_("A PNG or JPEG picture, at most 10 MB."))
    image_alt = PlainTextField(label=_("Image description"), max_length=200, required=False)
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)
    publish = forms.BooleanField(label=_("Published"), required=False)

    def clean_image(self) -> CheckedFile | None:
        upload = self.cleaned_data.get("image")
        return check_in_form(upload, NEWS_IMAGE) if upload else None


class StatsCountryForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)


class MergeInstitutionsForm(forms.Form):
    kept = forms.IntegerField(label=_("Number of the institution to keep"), min_value=1, max_value=2**62)
    duplicate = forms.IntegerField(label=_("Number of the duplicate"), min_value=1, max_value=2**62)
    reason = PlainTextField(label=_("Reason"), max_length=300, required=False)


class OwnMergeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your other account"))
    password = forms.CharField(label=_("Password of your other account"), widget=forms.PasswordInput, strip=False)


class MergeCodeRequestForm(forms.Form):
    """No password of the other account: a code goes to its address."""

    email = forms.EmailField(label=_("E-mail address of your other account"))


class MergeCodeForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        help_text=_("Eight letters and digits, as in the e-mail to your other address."),
    )


class OfficerMergeForm(forms.Form):
    kept = forms.EmailField(label=_("E-mail address of the account to keep"))
    merged = forms.EmailField(label=_("E-mail address of the account to merge into it"))
    reason = PlainTextField(label=_("Reason"), max_length=300)
