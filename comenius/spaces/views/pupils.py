"""The pupil login page, the pupil's home (their spaces), and the members page of a space."""

from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate, login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from comenius.core.ratelimit import hit
from comenius.spaces import access
from comenius.spaces.views.common import viewer


class PupilLoginForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Your username"), max_length=40)
    password = forms.CharField(label=gettext_lazy("Your password"), max_length=60, widget=forms.PasswordInput)


@require_http_methods(["GET", "POST"])
def pupil_login(request: HttpRequest) -> HttpResponse:
    """A very simple page: two fields from the login card."""
    if request.user.is_authenticated:
        return redirect("spaces:pupil_home" if viewer(request).is_pupil else "accounts:home")
    form = PupilLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = request.META.get("REMOTE_ADDR", "")
        if not hit(f"pupil-login:{address}", 20, 300):
            form.add_error(None, _("Too many tries. Wait five minutes, or ask your teacher."))
        else:
            user = authenticate(
                request, username=form.cleaned_data["username"], password=form.cleaned_data["password"], pupil=True
            )
            if user is None:
                form.add_error(
                    None, _("This username and password do not match. Check your card, or ask your teacher.")
                )
            else:
                login(request, user, backend="comenius.spaces.auth.PupilBackend")
                return redirect("spaces:pupil_home")
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
