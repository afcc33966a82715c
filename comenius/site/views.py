"""Pages composed from several apps: the front page and the member home."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from comenius.accounts import access as accounts_access
from comenius.accounts.decorators import login_required, member_required
from comenius.accounts.models import User
from comenius.groups import access as groups_access
from comenius.institutions.models import Membership
from comenius.network import access as network_access
from comenius.projects import access as projects_access
from comenius.projects.models import ProjectState
from comenius.site import access
from comenius.spaces.access_content import public_pages_of


def front(request: HttpRequest) -> HttpResponse:
    """What the platform is, in the visitor's language, with live figures. Pupils have their own start page:
    the teachers' front page would only lead them to pages they may not open (issue 11: no dead ends)."""
    if getattr(request.user, "is_pupil", False):
        return redirect("spaces:pupil_home")
    context = {"figures": access.public_figures(), "theme": groups_access.featured_theme()}
    return render(request, "site/front.html", context)


def gallery_project(request: HttpRequest, pk: int) -> HttpResponse:
    """A gallery project as visitors see it: what its founders published, with its published pages."""
    project = projects_access.get_gallery_project(pk)
    context = {"project": project, "public_pages": list(public_pages_of(project).only("id", "title"))}
    return render(request, "site/gallery_project.html", context)


@login_required
def home(request: HttpRequest) -> HttpResponseBase:
    """Where everyone lands after logging in: officers in their queue, members at their home."""
    if accounts_access.is_officer(request.user):  # type: ignore[arg-type]
        return redirect("accounts:queue")
    return _member_home(request)


@member_required
def _member_home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    memberships = Membership.objects.filter(user=user).select_related("institution__country")
    own = network_access.own_profile(user)
    suggestions = network_access.suggestions_for(user, own)
    profiles = [profile for profile, _reasons in suggestions]
    reasons = {profile.pk: why for profile, why in suggestions}
    context = {
        "memberships": memberships,
        "suggestions": network_access.cards_for(user, profiles, reasons),
        "profile": own,
        "profile_is_empty": network_access.profile_is_empty(own),
        "projects": projects_access.projects_for_home(user),
        "project_states": ProjectState.choices,
        "theme": groups_access.featured_theme(),  # the annual theme during its campaign weeks
    }
    return render(request, "site/home.html", context)
