"""Group pages (thin: reads through `access`, writes through `services`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Case, F, IntegerField, Q, When
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.access import has_second_factor
from comenius.accounts.models import Role, User
from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator
from comenius.core.private_files import send_private_file
from comenius.core.redirects import safe_redirect
from comenius.groups import access, panels, services
from comenius.groups.access import GroupSeat
from comenius.groups.forms import (
    CommentForm,
    DecisionForm,
    DirectoryForm,
    DiscussionForm,
    FileForm,
    GroupForm,
    InviteForm,
    JoinForm,
    LinkForm,
    PostForm,
    ProposalFilterForm,
    PublicDirectoryForm,
    ReplyForm,
    ThemeForm,
)
from comenius.groups.models import (
    Discussion,
    DiscussionReply,
    GroupComment,
    GroupMember,
    GroupPost,
    GroupRole,
    GroupState,
)
from comenius.moderation import access as moderation_access
from comenius.moderation import services as moderation
from comenius.moderation.forms import DecisionForm as ReportDecisionForm
from comenius.moderation.models import Action, Report, ReportReason, ReportState
from comenius.moderation.registry import kind_of

View = Callable[..., HttpResponseBase]
PAGE_SIZE = 20


def _guard(request: HttpRequest, central_only: bool = False) -> HttpResponseBase | None:
    """Validated members and central support (with its second factor); 404 for everyone else."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.role == Role.CENTRAL:
        if not has_second_factor(user):
            messages.warning(request, _("Set up two-factor authentication before you work on members' data."))
            return redirect("mfa_activate_totp")
        return None
    if central_only:
        raise Http404
    if user.is_pending_member:
        return redirect("accounts:status")
    if not user.is_validated_member:
        raise Http404
    return None


def groups_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return _guard(request) or view(request, *args, **kwargs)

    return wrapper


def central_view(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return _guard(request, central_only=True) or view(request, *args, **kwargs)

    return wrapper


def seat_view(view: View) -> View:
    """A view `(request, seat, **kwargs)` of a URL with `group_id`."""

    @wraps(view)
    def wrapper(request: HttpRequest, group_id: int, *args: Any, **kwargs: Any) -> HttpResponseBase:
        refused = _guard(request)
        if refused is not None:
            return refused
        return view(request, access.seat_for(request.user, group_id), *args, **kwargs)

    return wrapper


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _act(request: HttpRequest, action: Callable[[], object], success: str = "") -> bool:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True


def _back(request: HttpRequest, seat: GroupSeat, fallback: str = "groups:detail") -> HttpResponse:
    prefix = reverse("groups:detail", args=[seat.group.pk])
    return safe_redirect(request, request.POST.get("next"), reverse(fallback, args=[seat.group.pk]), within=prefix)


def _render(
    request: HttpRequest, seat: GroupSeat, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, template, {"seat": seat, "group": seat.group, **context}, status=status)


# --- directory, own groups, proposals ---------------------------------------------------------------------------


def _as_visitor(request: HttpRequest) -> bool:
    """Visitors, pending members and NSO officers see groups as the public does (pupils never get here: core's
    pupil boundary answers 404 first)."""
    return not access.reaches_groups(request.user)


def _public_directory(request: HttpRequest) -> HttpResponse:
    """Groups open to visitors: their directory entries only (access.public_directory)."""
    form = PublicDirectoryForm(request.GET or None)
    groups = access.public_directory(form.filters()).order_by(F("active_at").desc(nulls_last=True), "-id")
    page = CappedPaginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "groups/public_directory.html", context)


def directory(request: HttpRequest) -> HttpResponseBase:
    if _as_visitor(request):
        return _public_directory(request)
    return _members_directory(request)


@groups_view
def _members_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    groups = access.directory(_user(request), form.filters())
    page = CappedPaginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    states = access.membership_states(_user(request), [group.pk for group in page.object_list])
    for group in page.object_list:
        group.viewer_state = states.get(group.pk, "")
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "theme": access.featured_theme(),
    }
    return render(request, "groups/directory.html", context)


@groups_view
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "groups/mine.html", {"mine": access.my_groups(_user(request))})


@groups_view
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest) -> HttpResponse:
    if _user(request).role == Role.CENTRAL:
        raise Http404  # central support sets themes; members propose groups
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.propose_group(_user(request), form.data_object(), form.cleaned_data["creation_key"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. Central support will look at your proposal."))
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/propose.html", {"form": form}, status=400 if form.errors else 200)


@seat_view
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    access.require(seat.is_moderator)
    form = GroupForm(request.POST or None, initial=GroupForm.initial_from(seat.group))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(seat.user, seat.group, form.data_object())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("groups:detail", group_id=seat.group.pk)
    return _render(request, seat, "groups/edit.html", {"form": form}, status=400 if form.errors else 200)


# --- central support: proposals and themes ----------------------------------------------------------------------


@central_view
def proposals(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    state, query = GroupState.PROPOSED, ""
    if form.is_valid():
        state = form.cleaned_data["state"] or GroupState.PROPOSED
        query = form.cleaned_data["q"]
    found = access.proposals_for(_user(request), state, query)
    page = CappedPaginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "state": state, "query_string": params.urlencode()}
    return render(request, "groups/proposals.html", context)


@central_view
@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_proposal_for(_user(request), pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.decide_group(_user(request), group, approve, form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The group is approved.") if approve else _("The proposal is declined."))
            return redirect("groups:proposals")
    context = {"group": group, "form": form if group.state == GroupState.PROPOSED else None}
    return render(request, "groups/proposal.html", context, status=400 if form.errors else 200)


@central_view
@require_http_methods(["GET", "POST"])
def themes(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.create_theme(_user(request), form.data_object())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The annual theme is set, with its own group."))
            return redirect("groups:detail", group_id=theme.group_id)
    context = {"form": form, "themes": list(access.themes()[:30])}
    return render(request, "groups/themes.html", context, status=400 if form.errors else 200)


# --- the group: about and feed ----------------------------------------------------------------------------------


def _detail(
    request: HttpRequest, seat: GroupSeat, post_form: PostForm | None = None, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "moderators": access.moderators_of(seat.group),
        "join_form": JoinForm() if seat.group.join_policy == "request" else None,
        "panels": panels.panels_for(seat.user, seat.group) if seat.approved else [],
    }
    if seat.reads_content:
        page = CappedPaginator(access.feed(seat), PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            page=page,
            post_form=post_form or (PostForm() if seat.writes else None),
            recent_discussions=list(access.discussions(seat)[:5]),
        )
    return _render(request, seat, "groups/detail.html", context, status=status)


def detail(request: HttpRequest, group_id: int) -> HttpResponseBase:
    if _as_visitor(request):
        group = access.public_group(group_id)  # members-only groups: 404
        return render(request, "groups/public_detail.html", {"group": group})
    return _members_detail(request, group_id)


@seat_view
def _members_detail(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    return _detail(request, seat)


@seat_view
@require_POST
def post_new(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    access.require(seat.writes)
    form = PostForm(request.POST)
    if form.is_valid() and _act(
        request,
        lambda: submissions.once(
            seat.user.pk,
            form.cleaned_data["submission"],
            "groups.post",
            GroupPost,
            lambda: services.create_post(seat.user, seat.group, form.cleaned_data["body"]),
        ),
    ):
        return redirect("groups:detail", group_id=seat.group.pk)
    return _detail(request, seat, form, status=400)


@seat_view
@require_POST
def comment(request: HttpRequest, seat: GroupSeat, post_id: int) -> HttpResponse:
    access.require(seat.writes)
    post = get_object_or_404(access.feed(seat), pk=post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
        _act(
            request,
            lambda: submissions.once(
                seat.user.pk, key, "groups.comment", GroupComment, lambda: services.comment(seat.user, post, body)
            ),
        )
    else:
        messages.error(request, _("Write something first."))
    return _back(request, seat)


@seat_view
@require_POST
def pin(request: HttpRequest, seat: GroupSeat, kind: str, object_id: int) -> HttpResponse:
    access.require(seat.is_moderator and kind in ("group_post", "group_discussion"))
    content = access.content_for(seat, kind, object_id)
    pinned = request.POST.get("pinned") == "1"
    _act(request, lambda: services.set_pinned(seat.user, content, pinned), _("Pinned.") if pinned else _("Unpinned."))  # type: ignore[arg-type]
    return _back(request, seat)


@seat_view
@require_POST
def hide(request: HttpRequest, seat: GroupSeat, kind: str, object_id: int) -> HttpResponse:
    access.require(seat.is_moderator)
    content = access.content_for(seat, kind, object_id)
    hidden = request.POST.get("hidden") == "1"
    message = _("Hidden from the members.") if hidden else _("Shown again.")
    _act(request, lambda: services.moderate(seat.user, content, hidden), message)
    return _back(request, seat)


# --- membership -------------------------------------------------------------------------------------------------


@seat_view
@require_POST
def join(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    form = JoinForm(request.POST)
    note = form.cleaned_data["message"] if form.is_valid() else ""

    def act() -> None:
        joined = services.join(seat.user, seat.group, note)
        if joined.state == "active":
            messages.success(request, _("Welcome to the group."))
        else:
            messages.success(request, _("Your request is with the group's moderators."))

    _act(request, act)
    return redirect("groups:detail", group_id=seat.group.pk)


@seat_view
@require_POST
def leave(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    if _act(request, lambda: services.leave(seat.user, seat.group), _("You are no longer in the group.")):
        return redirect("groups:mine")
    return redirect("groups:detail", group_id=seat.group.pk)


@seat_view
@require_POST
def answer_invitation(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    accept = request.POST.get("answer") == "accept"
    message = _("Welcome to the group.") if accept else _("Invitation declined.")
    _act(request, lambda: services.answer_invitation(seat.user, seat.group, accept), message)
    if accept:
        return redirect("groups:detail", group_id=seat.group.pk)
    return redirect("groups:mine")


def _members_page(
    request: HttpRequest, seat: GroupSeat, invite_form: InviteForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "people": access.members(seat),
        "invite_form": invite_form or (InviteForm() if seat.is_moderator and seat.approved else None),
    }
    return _render(request, seat, "groups/members.html", context, status=status)


@seat_view
def members(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    return _members_page(request, seat)


@seat_view
@require_POST
def invite(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    access.require(seat.is_moderator and seat.reads_content)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite(seat.user, seat.group, form.cleaned_data["email"])
        except DomainError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("groups:members", group_id=seat.group.pk)
    return _members_page(request, seat, form, status=400)


def _membership(seat: GroupSeat, pk: int) -> GroupMember:
    access.require(seat.is_moderator and seat.reads_content)
    return get_object_or_404(GroupMember.objects.select_related("group", "user"), pk=pk, group=seat.group)


@seat_view
@require_POST
def decide_request(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponse:
    membership = _membership(seat, pk)
    accept = request.POST.get("answer") == "accept"
    message = _("Accepted: they are now a member.") if accept else _("Request declined.")
    _act(request, lambda: services.decide_request(seat.user, membership, accept), message)
    return redirect("groups:members", group_id=seat.group.pk)


@seat_view
@require_POST
def remove_member(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponse:
    membership = _membership(seat, pk)
    _act(request, lambda: services.remove_member(seat.user, membership), _("Removed from the group."))
    return redirect("groups:members", group_id=seat.group.pk)


@seat_view
@require_POST
def set_role(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponse:
    membership = _membership(seat, pk)
    role = GroupRole.MODERATOR if request.POST.get("role") == GroupRole.MODERATOR else GroupRole.MEMBER
    _act(request, lambda: services.set_role(seat.user, membership, role), _("Role changed."))
    return redirect("groups:members", group_id=seat.group.pk)


# --- discussions ------------------------------------------------------------------------------------------------


@seat_view
@require_http_methods(["GET", "POST"])
def discussions(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    access.require(seat.reads_content)
    form = DiscussionForm(request.POST or None) if seat.writes else None
    if request.method == "POST":
        access.require(form is not None)
        if form is not None and form.is_valid():
            try:
                title, body, key = (form.cleaned_data[name] for name in ("title", "body", "submission"))
                found = submissions.once(
                    seat.user.pk,
                    key,
                    "groups.discussion",
                    Discussion,
                    lambda: services.start_discussion(seat.user, seat.group, title, body),
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                return redirect("groups:discussion", group_id=seat.group.pk, pk=found.pk)
    page = CappedPaginator(access.discussions(seat), PAGE_SIZE).get_page(request.GET.get("page"))
    status = 400 if form is not None and form.errors else 200
    return _render(request, seat, "groups/discussions.html", {"page": page, "form": form}, status=status)


@seat_view
@require_http_methods(["GET", "POST"])
def discussion(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponse:
    found = access.discussion_for(seat, pk)
    form = ReplyForm(request.POST or None) if seat.writes and found.hidden_at is None else None
    if request.method == "POST":
        access.require(form is not None)
        if form is not None and form.is_valid():
            try:
                body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
                made = submissions.once(
                    seat.user.pk, key, "groups.reply", DiscussionReply, lambda: services.reply(seat.user, found, body)
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                url = reverse("groups:discussion", args=[seat.group.pk, found.pk])
                return redirect(f"{url}#reply-{made.pk}")
    context = {"discussion": found, "replies": list(access.replies(seat, found)[:500]), "form": form}
    return _render(
        request, seat, "groups/discussion.html", context, status=400 if form is not None and form.errors else 200
    )


# --- resources --------------------------------------------------------------------------------------------------


def _resources_page(
    request: HttpRequest,
    seat: GroupSeat,
    file_form: FileForm | None = None,
    link_form: LinkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = CappedPaginator(access.resources(seat), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "file_form": file_form or (FileForm() if seat.writes else None),
        "link_form": link_form or (LinkForm() if seat.writes else None),
    }
    return _render(request, seat, "groups/resources.html", context, status=status)


@seat_view
def resources(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    return _resources_page(request, seat)


@seat_view
@require_POST
def add_resource(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    access.require(seat.writes)
    if request.POST.get("kind") == "link":
        link_form = LinkForm(request.POST)
        if link_form.is_valid():
            data = link_form.cleaned_data
            if _act(
                request,
                lambda: services.add_link(seat.user, seat.group, data["title"], data["description"], data["url"]),
                _("Link added."),
            ):
                return redirect("groups:resources", group_id=seat.group.pk)
        return _resources_page(request, seat, link_form=link_form, status=400)
    file_form = FileForm(request.POST, request.FILES)
    if file_form.is_valid():
        data = file_form.cleaned_data
        if _act(
            request,
            lambda: services.add_file(seat.user, seat.group, data["title"], data["description"], data["file"]),
            _("File added."),
        ):
            return redirect("groups:resources", group_id=seat.group.pk)
    return _resources_page(request, seat, file_form=file_form, status=400)


@seat_view
def resource_file(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponseBase:
    found = access.resource_for(seat, pk)
    if not found.file:
        raise Http404
    return send_private_file(request, found.file, found.content_type, filename=found.filename, inline=False)


# --- reports of group content (the group's moderators and central support) --------------------------------------


def _group_reports(seat: GroupSeat) -> Any:
    access.require(seat.is_moderator and seat.reads_content)
    ids = {key: model.objects.filter(group=seat.group).values("pk") for key, model in access.CONTENT_MODELS.items()}
    found = moderation_access.reports_for(seat.user)
    scope = Q()
    for key, subquery in ids.items():
        scope |= Q(kind=key, object_id__in=subquery)
    return found.filter(scope)


@seat_view
def reports(request: HttpRequest, seat: GroupSeat) -> HttpResponse:
    found = _group_reports(seat)
    urgent_first = Case(When(reason=ReportReason.CHILD_SAFETY, then=0), default=1, output_field=IntegerField())
    context = {
        "open_reports": list(found.filter(state=ReportState.OPEN).order_by(urgent_first, "created_at")[:100]),
        "decided": list(found.exclude(state=ReportState.OPEN).order_by("-decided_at")[:30]),
    }
    return _render(request, seat, "groups/reports.html", context)


@seat_view
@require_http_methods(["GET", "POST"])
def report_case(request: HttpRequest, seat: GroupSeat, pk: int) -> HttpResponse:
    found: Report = get_object_or_404(_group_reports(seat), pk=pk)
    form = ReportDecisionForm(request.POST or None)
    allowed = {Action.DISMISS, Action.HIDE, Action.RESTORE, Action.DELETE}
    action_field = form.fields["action"]
    action_field.choices = [choice for choice in Action.choices if choice[0] in allowed]  # type: ignore[attr-defined]
    del form.fields["suspend_days"]
    if request.method == "POST" and form.is_valid():
        try:
            moderation.decide(seat.user, found, form.cleaned_data["action"], form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Decided."))
            return redirect("groups:reports", group_id=seat.group.pk)
    kind = kind_of(found.kind)
    target = kind.fetch(found.object_id)
    context = {
        "report": found,
        "kind": kind,
        "current": kind.describe(target) if target is not None else None,
        "form": form,
    }
    return _render(request, seat, "groups/report_case.html", context, status=400 if form.errors else 200)
