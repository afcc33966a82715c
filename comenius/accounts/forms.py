"""Forms about people: sign-up, profile, validation evidence and NSO decisions."""

from __future__ import annotations

import copy
import re
from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.accounts.services import NewInstitution, Registration
from comenius.core import languages
from comenius.core.forms import PlainTextField
from comenius.core.models import Country
from comenius.core.params import positive_id
from comenius.core.uploads import KEEP_DETAILS_LABEL, VALIDATION_EVIDENCE, check_field_in_clean
from comenius.institutions.access import search_for_signup
from comenius.institutions.models import Institution, InstitutionStatus, InstitutionType, PedagogicalRole


class MemberSignupForm(SignupForm):
    """allauth's e-mail and password fields, plus who you are and where you teach."""

    first_name = PlainTextField(
        label=_("First name"), max_length=80, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = PlainTextField(
        label=_("Last name"), max_length=80, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.participating(),
        empty_label=_("Choose your country"),
        help_text=_("Your national team in this country will validate your membership."),
    )
    institution_query = forms.CharField(
        label=_("Find your institution"),
        required=False,
        max_length=100,
        help_text=_("Type at least two letters of its name or town."),
    )
    institution = forms.IntegerField(required=False, widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Your role there"), choices=[("", _("Choose your role")), *PedagogicalRole.choices]
    )
    new_institution_name = PlainTextField(label=_("Name of the institution"), max_length=200, required=False)
    new_institution_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Choose a type")), *InstitutionType.choices], required=False
    )
    new_institution_city = PlainTextField(label=_("Town or city"), max_length=100, required=False)
    new_institution_postcode = PlainTextField(label=_("Postcode"), max_length=20, required=False)
    new_institution_region = PlainTextField(label=_("Region"), max_length=100, required=False)
    new_institution_website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    field_order = ["first_name", "last_name", "email", "password1", "password2", "country", "institution_query"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("Use your work address if you have one: it can make validation faster.")
        # Changing the country refreshes the institution picker (htmx; without JavaScript the form still works).
        self.fields["country"].widget.attrs.update(
            {
                "hx-get": reverse("institutions:signup_search"),
                "hx-trigger": "change",
                "hx-include": "#id_institution_query",
                "hx-target": "#institution-results",
            }
        )

    def institution_results(self) -> Any:
        """The picker's choices when the page is shown again (after an error, or without JavaScript)."""
        if not self.is_bound:
            return Institution.objects.none()
        country = Country.objects.participating().filter(pk=self.data.get("country", "")).first()
        return search_for_signup(country, str(self.data.get("institution_query", ""))[:100])

    def selected_institution(self) -> int | None:
        value = str(self.data.get("institution", "")) if self.is_bound else ""
        return positive_id(value)

    def selected_country(self) -> Country | None:
        return Country.objects.filter(pk=self.data.get("country", "")).first() if self.is_bound else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        country = cleaned.get("country")
        pk = cleaned.get("institution")
        wants_new = bool(cleaned.get("new_institution_name"))
        if pk:
            institution = Institution.objects.filter(
                pk=pk, status__in=[InstitutionStatus.VALIDATED, InstitutionStatus.PENDING]
            ).first()
            if institution is None or (country and institution.country_id != country.pk):
                self.add_error("institution_query", _("Choose an institution in your country from the list."))
            else:
                cleaned["institution_object"] = institution
        elif wants_new:
            for name in ("new_institution_type", "new_institution_city"):
                if not cleaned.get(name):
                    self.add_error(name, _("This field is required for a new institution."))
        else:
            self.add_error(
                "institution_query",
                _("Choose your institution from the list, or register it below if it is not there yet."),
            )
        return cleaned

    def registration(self, language: str) -> Registration:
        data = self.cleaned_data
        new = None
        if data.get("institution_object") is None:
            new = NewInstitution(
                name=data["new_institution_name"],
                type=data["new_institution_type"],
                city=data["new_institution_city"],
                postcode=data.get("new_institution_postcode", ""),
                region=data.get("new_institution_region", ""),
                website=data.get("new_institution_website", ""),
            )
        return Registration(
            first_name=data["first_name"],
            last_name=data["last_name"],
            country=data["country"],
            language=language,
            role=data["role"],
            institution=data.get("institution_object"),
            new_institution=new,
        )


_PICKER_FIELDS = (
    "country",
    "institution_query",
    "institution",
    "role",
    "new_institution_name",
    "new_institution_type",
    "new_institution_city",
    "new_institution_postcode",
    "new_institution_region",
    "new_institution_website",
)


class ChangeInstitutionForm(forms.Form):
    """A member moves to another institution (`accounts.moving`): the sign-up's picker — validated and pending
    institutions of a country, or a new one — and the role there. The fields are the sign-up form's own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in _PICKER_FIELDS:
            self.fields[name] = copy.deepcopy(MemberSignupForm.base_fields[name])
        self.fields["country"].help_text = _(
            "If you move to another country, its national team validates your membership again."
        )
        self.fields["role"].label = _("Your role at the new institution")

    institution_results = MemberSignupForm.institution_results
    selected_institution = MemberSignupForm.selected_institution
    selected_country = MemberSignupForm.selected_country

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        country = cleaned.get("country")
        pk = cleaned.get("institution")
        if pk:
            institution = Institution.objects.filter(
                pk=pk, status__in=[InstitutionStatus.VALIDATED, InstitutionStatus.PENDING]
            ).first()
            if institution is None or (country and institution.country_id != country.pk):
                self.add_error("institution_query", _("Choose an institution in your country from the list."))
            else:
                cleaned["institution_object"] = institution
        elif cleaned.get("new_institution_name"):
            for name in ("new_institution_type", "new_institution_city"):
                if not cleaned.get(name):
                    self.add_error(name, _("This field is required for a new institution."))
        else:
            self.add_error(
                "institution_query",
                _("Choose your institution from the list, or register it below if it is not there yet."),
            )
        return cleaned

    def new_institution(self) -> NewInstitution | None:
        data = self.cleaned_data
        if data.get("institution_object") is not None:
            return None
        return NewInstitution(
            name=data["new_institution_name"],
            type=data["new_institution_type"],
            city=data["new_institution_city"],
            postcode=data.get("new_institution_postcode", ""),
            region=data.get("new_institution_region", ""),
            website=data.get("new_institution_website", ""),
        )


class LanguageSelect(forms.Select):
    """Each language in its own name, marked as being in it (screen readers say "Deutsch" in German)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["lang"] = value
        return option


class ProfileForm(forms.Form):
    first_name = PlainTextField(label=_("First name"), max_length=80)
    last_name = PlainTextField(label=_("Last name"), max_length=80)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=languages.choices,
        widget=LanguageSelect,
        help_text=_("Pages and e-mails reach you in this language."),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(render_value=False), max_length=200)
    delete_contributions = forms.BooleanField(
        label=_("Also delete what I wrote: messages and my posts, comments, pages and files in project spaces"),
        required=False,
        help_text=_("Otherwise it stays where it is, under “Former member”, so your partners' work keeps its sense."),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone"))


class EvidenceForm(forms.Form):
    evidence = forms.FileField(label=_("Proof that you work there"))
    note = PlainTextField(label=_("Note for your national team"), max_length=500, required=False)
    keep_details = forms.BooleanField(label=KEEP_DETAILS_LABEL, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The limit is the setting's, in the reader's language (read when the form is built, not at import).
        self.fields["evidence"].help_text = _(
            "A PDF, PNG or JPEG, for example a certificate of employment. At most %(size)s."
        ) % {"size": filesizeformat(settings.EVIDENCE_MAX_BYTES)}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_field_in_clean(self, cleaned, "evidence", VALIDATION_EVIDENCE)
        return cleaned


class HeadConfirmationForm(forms.Form):
    head_email = forms.EmailField(
        label=_("E-mail of the head of your institution"),
        help_text=_("We send them a link. One click confirms that you work there."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("validate", _("Validate")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Required when you reject. The member receives it by e-mail in their language."),
    )


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Waiting")), ("validated", _("Validated")), ("rejected", _("Rejected"))]
    q = forms.CharField(label=_("Name, e-mail or institution"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    type = forms.ChoiceField(
        label=_("Institution type"), choices=[("", _("All types")), *InstitutionType.choices], required=False
    )
    new_institution = forms.BooleanField(label=_("Only new institutions"), required=False)
    evidence = forms.BooleanField(label=_("Only with evidence"), required=False)


class ValidationMethodsForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["evidence_upload_enabled", "head_confirmation_enabled", "trusted_email_domains"]
        labels = {
            "evidence_upload_enabled": _("Members may upload proof of employment"),
            "head_confirmation_enabled": _("The head of the institution may confirm a member by e-mail"),
            "trusted_email_domains": _("Trusted e-mail domains"),
        }
        help_texts = {
            "trusted_email_domains": _(
                "One domain per line, for example skole.aarhus.dk. A member who confirms an address there is "
                "validated at once, if their institution is already known."
            ),
        }
        widgets = {"trusted_email_domains": forms.Textarea({"rows": 5})}

    def clean_trusted_email_domains(self) -> str:
        domains = []
        for line in self.cleaned_data["trusted_email_domains"].splitlines():
            domain = line.strip().lower().lstrip("@")
            if not domain:
                continue
            if not DOMAIN_PATTERN.fullmatch(domain):
                raise forms.ValidationError(_("“%(domain)s” is not a domain name.") % {"domain": domain[:80]})
            if domain in PUBLIC_MAIL_DOMAINS:
                raise forms.ValidationError(
                    _("“%(domain)s” is open to anyone, so it cannot prove that someone works at a school.")
                    % {"domain": domain}
                )
            domains.append(domain)
        return "\n".join(sorted(set(domains)))


DOMAIN_PATTERN = re.compile(r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "yahoo.com",
    "live.com",
    "icloud.com",
    "gmx.de",
    "web.de",
}
