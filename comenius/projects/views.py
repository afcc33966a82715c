"""Project pages. Members' pages need a validated member (member_required); the approval queue needs an
officer with MFA (officer_required); the gallery is public. Every object comes through `projects.access`
(404 outside someone's reach) and every change through `projects.services`."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import member_required, officer_required
from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.projects import access, services
from comenius.projects.forms import (
    AnswerForm,
    CofounderForm,
    GalleryFilterForm,
    InviteForm,
    ProjectForm,
    ProjectSearchForm,
    QueueFilterForm,
    RejectForm,
    RoleForm,
    refill,
)
from comenius.projects.models import ApprovalState, MemberState, Project, ProjectMember, ProjectState

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _act(request: HttpRequest, project: Project, action: Callable[[], object], success: str) -> HttpResponse:
    """Run a service; show its refusal or the success message; back to the project page."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    if not Project.objects.filter(pk=project.pk).exists():
        return redirect("projects:mine")
    return redirect("projects:detail", pk=project.pk)


def _my_row(project: Project) -> ProjectMember:
    """The viewer's own row, prefetched by `access.my_projects`."""
    rows: list[ProjectMember] = project.my_rows  # type: ignore[attr-defined]
    return rows[0]


# --- my projects, search, gallery ---------------------------------------------------------------------


@member_required
def mine(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    projects = list(access.my_projects(user))
    invitations = [project for project in projects if _my_row(project).state == MemberState.INVITED]
    groups = [
        (label, [p for p in projects if p not in invitations and p.state in states])
        for label, states in (
            (
                _("Being prepared"),
                (ProjectState.DRAFT, ProjectState.AWAITING_COFOUNDER, ProjectState.AWAITING_APPROVAL),
            ),
            (_("Active"), (ProjectState.ACTIVE,)),
            (_("Closed and archived"), (ProjectState.CLOSED, ProjectState.ARCHIVED)),
        )
    ]
    for project in projects:
        project.waiting_note = access.waiting_on(project)  # type: ignore[attr-defined]
    context = {"invitations": invitations, "groups": groups, "has_projects": bool(projects)}
    return render(request, "projects/mine.html", context)


@member_required
def search(request: HttpRequest) -> HttpResponse:
    form = ProjectSearchForm(request.GET or None)
    results = access.search_projects(_user(request), form.filters(), get_language() or "en")
    page = CappedPaginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "projects/search.html", context)


def gallery(request: HttpRequest) -> HttpResponse:
    form = GalleryFilterForm(request.GET or None)
    results = access.gallery(form.filters(), get_language() or "en")
    page = CappedPaginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "projects/gallery.html", context)


# --- creating and editing -----------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    contacts = access.cofounder_candidates(user)
    if "find" in request.POST:  # the contact search without JavaScript: the form again, nothing saved
        form = ProjectForm(initial=refill(ProjectForm, request.POST), contacts=contacts)
        return render(request, "projects/form.html", {"form": form})
    form = ProjectForm(request.POST or None, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        project: Project | None = None
        try:
            project = services.create_draft(
                user, form.data_object(), form.cleaned_data.get("cofounder"), form.cleaned_data["creation_key"]
            )
            if "send" in request.POST:
                services.submit_project(user, project)
        except DomainError as error:
            if project is None:
                form.add_error(None, error.message)
                return render(request, "projects/form.html", {"form": form}, status=400)
            # The draft is saved; what it still lacks is shown on its page.
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Sent to your co-founder.") if "send" in request.POST else _("Your draft is saved.")
            )
        return redirect("projects:detail", pk=project.pk)
    return render(request, "projects/form.html", {"form": form}, status=400 if form.errors else 200)


@member_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_project_for(user, pk)
    if not access.is_admin(user, project) or project.is_read_only:
        raise Http404
    cofounder_editable = (
        project.state == ProjectState.DRAFT and user.pk == project.founder_id and not project.cofounder_institution_id
    )
    if "find" in request.POST:  # the contact search without JavaScript: the form again, nothing saved
        initial = refill(ProjectForm, request.POST, ProjectForm.initial_from(project))
        form = ProjectForm(
            initial=initial, contacts=access.cofounder_candidates(user), cofounder_editable=cofounder_editable
        )
        return render(request, "projects/form.html", {"form": form, "project": project})
    form = ProjectForm(
        request.POST or None,
        initial=ProjectForm.initial_from(project),
        contacts=access.cofounder_candidates(user),
        cofounder_editable=cofounder_editable,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if cofounder_editable:
                services.update_project(user, project, form.data_object(), form.cleaned_data.get("cofounder"))
            else:
                services.update_project(user, project, form.data_object())
            if "send" in request.POST:
                services.submit_project(user, project)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Sent on.") if "send" in request.POST else _("Saved."))
            return redirect("projects:detail", pk=project.pk)
    context = {"form": form, "project": project}
    return render(request, "projects/form.html", context, status=400 if form.errors else 200)


# --- the project page ---------------------------------------------------------------------------------


@member_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_project_for(user, pk)
    mine = access.live_membership(user, project)
    is_admin = mine is not None and mine.state == MemberState.ACTIVE and mine.role == "teacher_admin"
    members = list(access.members_of(project))
    insider = mine is not None
    context = {
        "project": project,
        "mine": mine,
        "is_admin": is_admin,
        "is_founder": user.pk == project.founder_id,
        "insider": insider,
        # Outsiders see who runs the project, not pending invitations.
        "members": members if insider else [m for m in members if m.state == MemberState.ACTIVE],
        "steps": access.status_steps(project),
        "history": list(access.history_of(project)) if insider else [],
        "missing": services.missing_fields(project) if project.state == ProjectState.DRAFT and insider else [],
        "answer_form": AnswerForm(),
        "cofounder_form": CofounderForm(
            initial={"cofounder_query": request.GET.get("cofounder_query", "")},
            contacts=access.cofounder_candidates(user),
        )
        if user.pk == project.founder_id and project.state == ProjectState.AWAITING_COFOUNDER
        else None,
        "role_form": RoleForm(),
        # Active members enter the space (pupils have their own way in).
        "space_id": _space_id(project) if mine is not None and mine.state == MemberState.ACTIVE else None,
    }
    return render(request, "projects/detail.html", context)


def _space_id(project: Project) -> int | None:
    # The space app keeps a one-to-one row per active project; reading its id through the relation keeps
    # projects free of any import from the app above it.
    space = getattr(project, "space", None)
    return space.pk if space else None


def _project_action(
    service: Callable[[User, Project], object], success: str | Promise
) -> Callable[..., HttpResponseBase]:
    """A POST-only button on the project page: the service decides (and refuses with a message)."""

    @member_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        project = access.get_project_for(user, pk)
        return _act(request, project, lambda: service(user, project), str(success))

    return view


submit = _project_action(services.submit_project, gettext_lazy("Sent on."))
discard = _project_action(services.discard_draft, gettext_lazy("The draft is discarded."))
withdraw = _project_action(
    services.withdraw_cofounder, gettext_lazy("The invitation is withdrawn; the project is a draft again.")
)
close = _project_action(services.close_project, gettext_lazy("The project is closed."))
reopen = _project_action(services.reopen_project, gettext_lazy("The project is open again."))
archive = _project_action(services.archive_project, gettext_lazy("The project is archived."))


@member_required
@require_POST
def change_cofounder(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_project_for(user, pk)
    if "find" in request.POST:  # the contact search without JavaScript: back to the project with the matches
        query = urlencode({"cofounder_query": request.POST.get("cofounder_query", "")[:100]})
        return redirect(reverse("projects:detail", args=[project.pk]) + f"?{query}#change-cofounder")
    form = CofounderForm(request.POST, contacts=access.cofounder_candidates(user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your contacts."))
        return redirect("projects:detail", pk=project.pk)
    cofounder = form.cleaned_data["cofounder"]
    return _act(
        request,
        project,
        lambda: services.change_cofounder(user, project, cofounder),
        _("The new co-founder is invited."),
    )


@member_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_project_for(user, pk)
    form = AnswerForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    accept = request.POST.get("answer") == "accept"
    if request.POST.get("answer") not in {"accept", "decline"}:
        messages.error(request, _("Please accept or decline."))
        return redirect("projects:detail", pk=project.pk)
    success = _("Welcome to the project!") if accept else _("You declined the invitation.")
    return _act(
        request, project, lambda: services.answer_invitation(user, project, accept=accept, reason=reason), success
    )


# --- partners -----------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_managed_project(user, pk)
    contacts = access.invitable_contacts(user, project)
    if "find" in request.POST:  # the contact search without JavaScript: the form again, nothing sent
        form = InviteForm(initial=refill(InviteForm, request.POST), contacts=contacts)
        return render(request, "projects/invite.html", {"form": form, "project": project, "has_contacts": True})
    form = InviteForm(request.POST or None, contacts=contacts)
    if request.method == "POST" and form.is_valid():
        invitee = form.cleaned_data["invitee"]
        try:
            services.invite_member(user, project, invitee, form.cleaned_data["role"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("%(name)s is invited.") % {"name": invitee.get_full_name()})
            return redirect("projects:detail", pk=project.pk)
    context = {"form": form, "project": project, "has_contacts": contacts.exists()}
    return render(request, "projects/invite.html", context, status=400 if form.errors else 200)


def _member_row(user: User, pk: int, member_pk: int) -> tuple[Project, ProjectMember]:
    project = access.get_managed_project(user, pk)
    return project, get_object_or_404(access.members_of(project), pk=member_pk)


@member_required
@require_POST
def member_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    user = _user(request)
    project, member = _member_row(user, pk, member_pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("projects:detail", pk=project.pk)
    role = form.cleaned_data["role"]
    return _act(request, project, lambda: services.change_role(user, member, role), _("The role is changed."))


@member_required
@require_POST
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    user = _user(request)
    project, member = _member_row(user, pk, member_pk)
    return _act(request, project, lambda: services.remove_member(user, member), _("Removed from the project."))


@member_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    project = access.get_project_for(user, pk)
    try:
        services.leave_project(user, project)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("projects:detail", pk=project.pk)
    messages.success(request, _("You left the project."))
    return redirect("projects:mine")


# --- closing ------------------------------------------------------------------------------------------


# --- NSO approval -------------------------------------------------------------------------------------


@officer_required
def approvals(request: HttpRequest) -> HttpResponse:
    officer = _user(request)
    form = QueueFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() and form.cleaned_data["status"] else "pending"
    rows = access.approvals_for(officer)
    waiting = rows.filter(state=ApprovalState.PENDING, project__state=ProjectState.AWAITING_APPROVAL)
    if status == "pending":
        rows = waiting.order_by("created_at", "id")
    else:
        rows = rows.filter(state__in=[ApprovalState.APPROVED, ApprovalState.REJECTED]).order_by("-decided_at", "-id")
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "status": status,
        "waiting": waiting.count(),
        "query_string": _query_string(request),
    }
    return render(request, "projects/approvals.html", context)


@officer_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    officer = _user(request)
    approval = access.get_approval_for(officer, pk)
    project = approval.project
    form = RejectForm(request.POST or None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                services.approve(officer, approval)
                messages.success(request, _("Approved."))
                return redirect("projects:approvals")
            if decision == "reject" and form.is_valid():
                services.reject(officer, approval, form.cleaned_data["reason"])
                messages.success(request, _("The project is returned to its founders."))
                return redirect("projects:approvals")
            if decision not in {"approve", "reject"}:
                form.add_error(None, _("Please approve or return the project."))
        except DomainError as error:
            form.add_error(None, error.message)
    context = {
        "approval": approval,
        "project": project,
        "form": form,
        "founders": access.founders_for_review(project),
        "steps": access.status_steps(project),
        "can_decide": approval.state == ApprovalState.PENDING
        and project.state == ProjectState.AWAITING_APPROVAL
        and approval.round == project.approval_round,
    }
    return render(request, "projects/review.html", context, status=400 if form.errors else 200)
