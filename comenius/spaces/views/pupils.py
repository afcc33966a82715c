"""The pupil login page, the pupil's home (their spaces), and the members page of a space with what its teachers
do for their pupils: add them (one, or a whole class from a pasted list), print login cards, reset a password,
make a pupil administrator, remove a pupil.

Passwords exist in clear only in the response that makes them (the credentials page or the PDF of login cards):
no form carries them and nothing stores them, and those responses are never cached.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts import throttling
from comenius.accounts.models import Role, User
from comenius.core.avatars import PICTURE_CHOICES
from comenius.core.errors import DomainError
from comenius.core.params import positive_ids
from comenius.spaces import access, access_pupils, cards
from comenius.spaces.access import Seat
from comenius.spaces.auth import PupilBackend
from comenius.spaces.models import SpacePupil
from comenius.spaces.services import pupils as services
from comenius.spaces.views.common import render_space, space_view, viewer

# --- the pupil login and home ----------------------------------------------------------------------------


class PupilLoginForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Your username"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        max_length=60,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "autocapitalize": "none", "autocorrect": "off"}
        ),
    )


# A whole class logs in from one school address at the start of a lesson: only failed tries count, under the keys
# of accounts/throttling.py — the pupil at this address, the pupil anywhere, their class (the pupils of one space,
# generous) — with growing waits (settings.LOGIN_THROTTLE), never a lock of the school's address. The pupil and
# class keys do not hold back a pupil at an address where they logged in before.


def _pupil_keys(username: str, address: str) -> tuple[User | None, dict[str, list[str]], dict[str, str]]:
    user = User.objects.filter(username__iexact=username, role=Role.PUPIL).first()
    places = list(SpacePupil.objects.filter(user=user).select_related("space")) if user is not None else []
    keys = throttling.pupil_keys(username, address, [place.space_id for place in places])
    labels = {str(place.space_id): str(place.space) for place in places}
    if user is not None:
        labels.update({"pair": str(user), "pupil": str(user)})
    return user, keys, labels


@require_http_methods(["GET", "POST"])
def pupil_login(request: HttpRequest) -> HttpResponse:
    """A very simple page: two fields from the login card (the card's QR code fills in the username)."""
    if request.user.is_authenticated:
        return redirect("spaces:pupil_home" if viewer(request).is_pupil else "site:home")
    initial = {"username": request.GET.get("username", "")[:40]}
    form = PupilLoginForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        address = throttling.client_address(request)
        username = form.cleaned_data["username"].strip().lower()
        pupil, keys, labels = _pupil_keys(username, address)
        if throttling.blocked_until(pupil, keys, address):
            form.add_error(None, _("Too many tries. Wait a few minutes, or ask your teacher."))
        else:
            # Only the pupil backend: through `authenticate()` the members' backends would accept a member's
            # e-mail and password here too.
            user = PupilBackend().authenticate(
                request, username=username, password=form.cleaned_data["password"], pupil=True
            )
            if user is None:
                throttling.note_failure(pupil, keys, address, labels=labels)
                form.add_error(
                    None, _("This username and password do not match. Check your card, or ask your teacher.")
                )
            else:
                login(request, user, backend="comenius.spaces.auth.PupilBackend")
                return redirect("spaces:pupil_home")
    # The first empty field gets the focus, so a pupil who scanned the card starts typing the password.
    focus = "password" if form["username"].value() else "username"
    form.fields[focus].widget.attrs["autofocus"] = True
    return render(request, "spaces/pupil_login.html", {"form": form}, status=400 if form.errors else 200)


def pupil_home(request: HttpRequest) -> HttpResponse:
    """A pupil's spaces (straight into the space when there is just one)."""
    if not request.user.is_authenticated:
        return redirect("spaces:pupil_login")
    user = viewer(request)
    if not user.is_pupil:
        raise Http404
    spaces = list(access.spaces_for(user))
    if len(spaces) == 1:
        return redirect("spaces:home", space_id=spaces[0].pk)
    return render(request, "spaces/pupil_home.html", {"spaces": spaces})


class PictureForm(forms.Form):
    picture = forms.ChoiceField(
        label=gettext_lazy("Your picture"),
        choices=[("", gettext_lazy("No picture")), *PICTURE_CHOICES],
        required=False,
        widget=forms.RadioSelect,
    )


@require_http_methods(["GET", "POST"])
def pupil_picture(request: HttpRequest) -> HttpResponse:
    """A pupil chooses the picture the others in their spaces see next to their name (only pictures we ship)."""
    if not request.user.is_authenticated:
        return redirect("spaces:pupil_login")
    user = viewer(request)
    if not user.is_pupil:
        raise Http404
    form = PictureForm(request.POST or None, initial={"picture": user.picture})
    if request.method == "POST" and form.is_valid():
        services.choose_picture(user, form.cleaned_data["picture"])
        messages.success(request, _("Your picture is saved."))
        return redirect("spaces:pupil_picture")
    context = {"form": form, "pictures": PICTURE_CHOICES}
    return render(request, "spaces/pupil_picture.html", context, status=400 if form.errors else 200)


# --- the members page ------------------------------------------------------------------------------------


@space_view()
def members(request: HttpRequest, seat: Seat) -> HttpResponse:
    """Every member with role and country. Pupils appear by first name or nickname; only the teachers who
    lead the space see usernames, who added whom and the consent records, and only while the project is
    active may they change anything."""
    context = {
        "teachers": list(access_pupils.teachers_of(seat)),
        "pupils": list(access_pupils.pupils_of(seat)),
        "manage": access.can(seat, "manage_pupils"),
        "leader": seat.role in access.LEADERS,
        "max_batch": services.MAX_BATCH,
    }
    return render_space(request, seat, "spaces/members/members.html", context)


# --- adding pupils ---------------------------------------------------------------------------------------


class AddPupilsForm(forms.Form):
    """One pupil (prefix "one") or a whole class (prefix "class"); the same form, two widgets."""

    names = forms.CharField(max_length=4000)
    consent = forms.BooleanField(required=False)
    # A double click or a reload of the credentials page must not add the class twice.
    key = forms.CharField(widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args: object, whole_class: bool, consent_age: int | None, country: str, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if whole_class:
            self.fields["names"] = forms.CharField(
                label=_("First names, one a line"),
                max_length=4000,
                help_text=_(
                    "Paste the list from your class register, first names or nicknames only (no surnames). "
                    "At most %(count)d pupils at a time."
                )
                % {"count": services.MAX_BATCH},
                widget=forms.Textarea(attrs={"rows": 10, "autocomplete": "off", "spellcheck": "false"}),
            )
        else:
            self.fields["names"] = forms.CharField(
                label=_("First name or nickname"),
                max_length=40,
                help_text=_("No surname, no e-mail address."),
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
        consent = self.fields["consent"]
        if consent_age is None:
            del self.fields["consent"]
        else:
            consent.required = True
            consent.label = _("The parents have given their consent")
            consent.help_text = _(
                "In %(country)s children under %(age)d need their parents' consent to use online services such as "
                "%(platform)s. Your confirmation is recorded with each pupil."
            ) % {"country": country, "age": consent_age, "platform": settings.PLATFORM_NAME}
            consent.error_messages["required"] = _("Please confirm that the parents have given their consent.")
        if not self.is_bound and "key" not in self.initial:
            self.initial["key"] = uuid.uuid4().hex

    def names_list(self) -> list[str]:
        return services.split_names(self.cleaned_data["names"])


class ExistingPupilsForm(forms.Form):
    """Pupils the teacher already leads in another project, brought into this space with the same login."""

    pupil = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(required=False)

    def __init__(self, *args: object, places: list[SpacePupil], consent_field: forms.Field | None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        pupil = self.fields["pupil"]
        pupil.label = _("Pupils from your other projects")
        pupil.choices = [  # type: ignore[attr-defined]
            (place.pk, f"{place.user.first_name} ({place.user.username}) · {place.space.project.title}")
            for place in places
        ]
        pupil.error_messages["required"] = _("Choose at least one pupil.")
        if consent_field is None:
            del self.fields["consent"]
        else:
            self.fields["consent"] = consent_field


@dataclass
class AddForms:
    one: AddPupilsForm
    whole: AddPupilsForm
    existing: ExistingPupilsForm | None
    sent: forms.Form | None  # the form of this POST, if any


def _add_forms(request: HttpRequest, seat: Seat) -> AddForms:
    """The forms of the add page, bound to the POST of the one that was sent."""
    teacher = viewer(request)
    country = teacher.country
    consent_age = (country.consent_age if country else 16) if services.consent_needed(seat.space, teacher) else None
    options = {"consent_age": consent_age, "country": country.display_name if country else _("your country")}
    post = request.POST if request.method == "POST" else None
    sent = "existing" if post and "existing-sent" in post else "class" if post and "class-names" in post else "one"
    one = AddPupilsForm(post if post and sent == "one" else None, prefix="one", whole_class=False, **options)  # type: ignore[arg-type]
    whole = AddPupilsForm(post if sent == "class" else None, prefix="class", whole_class=True, **options)  # type: ignore[arg-type]
    # A pupil in two of the teacher's other spaces is offered once.
    places: dict[int, SpacePupil] = {}
    for place in access_pupils.pupils_elsewhere(seat)[: services.MAX_BATCH * 4]:
        places.setdefault(place.user_id, place)
    existing = None
    if places:
        existing = ExistingPupilsForm(
            post if sent == "existing" else None,
            prefix="existing",
            places=list(places.values()),
            consent_field=one.fields.get("consent"),
        )
    forms_by_name: dict[str, forms.Form | None] = {"one": one, "class": whole, "existing": existing}
    return AddForms(one, whole, existing, forms_by_name[sent] if post else None)


@space_view("manage_pupils")
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, seat: Seat) -> HttpResponse:
    """Add one pupil, a whole class, or pupils from the teacher's other projects. New accounts: the answer is the
    credentials page, the usernames and passwords shown this once with the button that prints their login
    cards. Pupils from other projects keep their login: back to the members page."""
    page = _add_forms(request, seat)
    sent = page.sent
    if isinstance(sent, ExistingPupilsForm) and sent.is_valid():
        try:
            added = services.add_existing_pupils(
                seat.user,
                seat.space,
                sent.cleaned_data["pupil"],
                consent_confirmed=bool(sent.cleaned_data.get("consent")),
            )
        except DomainError as error:
            sent.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d pupil joined the project with the login they already have.",
                    "%(count)d pupils joined the project with the login they already have.",
                    len(added),
                )
                % {"count": len(added)},
            )
            return redirect(reverse("spaces:members", kwargs={"space_id": seat.space.pk}) + "#pupils")
    elif isinstance(sent, AddPupilsForm) and sent.is_valid():
        once = f"spaces:add-pupils:{seat.space.pk}:{seat.user.pk}:{sent.cleaned_data['key']}"
        if not cache.add(once, True, 24 * 3600):
            messages.info(request, _("These pupils were added already. Print their login cards to see their logins."))
            return redirect("spaces:members", space_id=seat.space.pk)
        try:
            created = services.add_pupils(
                seat.user, seat.space, sent.names_list(), consent_confirmed=sent.cleaned_data.get("consent", False)
            )
        except DomainError as error:
            cache.delete(once)
            sent.add_error(None, error.message)
        else:
            logins = services.credentials_of_new(seat.space, created)
            return _credentials_page(request, seat, logins, added=True)
    context = {"one": page.one, "whole": page.whole, "existing": page.existing, "max_batch": services.MAX_BATCH}
    status = 400 if sent is not None and sent.errors else 200
    return render_space(request, seat, "spaces/members/add.html", context, status=status)


def _credentials_page(
    request: HttpRequest, seat: Seat, logins: list[services.Credentials], *, added: bool
) -> HttpResponse:
    response = render_space(
        request,
        seat,
        "spaces/members/credentials.html",
        {"logins": logins, "added": added, "login_url": cards.login_url()},
    )
    add_never_cache_headers(response)
    return response


# --- login cards and passwords ---------------------------------------------------------------------------


def _chosen(request: HttpRequest) -> list[int]:
    return positive_ids(request.POST.getlist("pupil"))


@space_view("manage_pupils")
@require_POST
def print_cards(request: HttpRequest, seat: Seat) -> HttpResponse:
    """The login cards of the chosen pupils (or all of them) as a PDF. Printing gives them new passwords: their
    old ones stop working."""
    chosen = _chosen(request)
    if request.POST.get("all"):
        chosen = list(access_pupils.pupils_of(seat).filter(user__is_active=True).values_list("pk", flat=True))
    try:
        logins = services.reset_passwords(seat.user, seat.space, chosen)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("spaces:members", kwargs={"space_id": seat.space.pk}) + "#pupils")
    response = HttpResponse(cards.login_cards(logins), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="login-cards.pdf"'
    add_never_cache_headers(response)
    return response


@space_view("manage_pupils")
@require_POST
def reset_password(request: HttpRequest, seat: Seat, pupil_id: int) -> HttpResponse:
    """A new password for one pupil, shown once (with the button that prints the card)."""
    place = access_pupils.pupil_place(seat, pupil_id)
    try:
        logins = services.reset_passwords(seat.user, seat.space, [place.pk])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(reverse("spaces:members", kwargs={"space_id": seat.space.pk}) + "#pupils")
    return _credentials_page(request, seat, logins, added=False)


# --- pupil administrators and removing -------------------------------------------------------------------


@space_view("manage_pupils")
@require_POST
def set_admin(request: HttpRequest, seat: Seat, pupil_id: int) -> HttpResponse:
    place = access_pupils.pupil_place(seat, pupil_id)
    make_admin = request.POST.get("admin") == "1"
    try:
        services.set_pupil_admin(seat.user, place, make_admin)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        name = place.user.first_name
        messages.success(
            request,
            _("%(name)s is now a pupil administrator.") % {"name": name}
            if make_admin
            else _("%(name)s is now a pupil.") % {"name": name},
        )
    return redirect(reverse("spaces:members", kwargs={"space_id": seat.space.pk}) + "#pupils")


@space_view("manage_pupils")
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, seat: Seat, pupil_id: int) -> HttpResponse:
    """Ask first (GET), then take the pupil out of the space (POST)."""
    place = access_pupils.pupil_place(seat, pupil_id)
    members_url = reverse("spaces:members", kwargs={"space_id": seat.space.pk}) + "#pupils"
    if request.method == "POST":
        name = place.user.first_name
        try:
            deleted = services.remove_pupil(seat.user, place)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is removed and their account deleted. What they wrote stays, as “Former pupil”.")
                % {"name": name}
                if deleted
                else _("%(name)s is removed from this space. They keep their account for their other project.")
                % {"name": name},
            )
        return redirect(members_url)
    context = {"place": place, "keeps_account": access_pupils.has_other_space(place), "members_url": members_url}
    return render_space(request, seat, "spaces/members/remove.html", context)
