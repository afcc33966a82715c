"""Partner finding pages. Validated members only (member_required); pending members meet their status page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from comenius.accounts.decorators import member_required
from comenius.accounts.models import User
from comenius.certificates import access as certificate_access
from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.pagination import CappedPaginator, HonestPaginator
from comenius.core.params import positive_id
from comenius.core.private_files import send_private_file
from comenius.core.redirects import safe_redirect
from comenius.network import access, services
from comenius.network.forms import (
    ContactRequestForm,
    IdeaForm,
    IdeaSearchForm,
    InterestForm,
    MessageForm,
    PartnerProfileForm,
    PeopleSearchForm,
    PhotoForm,
)
from comenius.network.models import Message, Profile

CONTACTS_PAGE_SIZE = 50
REQUESTS_SHOWN = 50  # pending requests and blocks shown on the contacts page (the oldest wait for the newest)
MESSAGES_SHOWN = 50  # a conversation opens on its newest messages; older ones a window at a time


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _member(user_id: int) -> User:
    """Another validated member, or 404."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not access.is_network_member(user):
        raise Http404
    return user


def _query_string(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- people ---------------------------------------------------------------------------------------------


@member_required
def people(request: HttpRequest) -> HttpResponse:
    viewer = _user(request)
    form = PeopleSearchForm(request.GET or None)
    filters = form.filters()
    page = CappedPaginator(
        access.search_people(viewer, filters).values_list("pk", flat=True), settings.PEOPLE_PAGE_SIZE
    )
    page_obj = page.get_page(request.GET.get("page"))
    ids = list(page_obj.object_list)
    profiles = {p.pk: p for p in access.with_card_data(Profile.objects.filter(pk__in=ids))}
    ordered = [profiles[pk] for pk in ids if pk in profiles]
    own = access.own_profile(viewer)
    reasons = {p.pk: access.match_reasons(own, p, filters) for p in ordered}
    context = {
        "form": form,
        "page": page_obj,
        "cards": access.cards_for(viewer, ordered, reasons),
        "query_string": _query_string(request),
        "searched": bool(request.GET),
    }
    template = "network/_people_results.html" if request.htmx else "network/people.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@member_required
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    viewer = _user(request)
    profile = access.get_profile_for(viewer, user_id)
    (card,) = access.cards_for(viewer, [profile])
    context = {
        "card": card,
        "profile": profile,
        "is_self": profile.user_id == viewer.pk,
        "contact": access.contact_state(viewer, profile.user_id),
        "blocked": access.has_blocked(viewer, profile.user_id),
        "contact_form": ContactRequestForm(),
        # The certificates the member chose to show (certificates sits below network in the layers).
        "certificates": certificate_access.shown_on_profile(profile.user),
    }
    return render(request, "network/person.html", context)


@member_required
def photo(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """Profile photos are served only to validated members who may see that profile, never from a public folder."""
    profile = access.get_profile_for(_user(request), user_id)
    if not profile.photo or not (profile.show_photo or profile.user_id == request.user.pk):
        raise Http404
    return send_private_file(request, profile.photo, "image/jpeg", cache_control="private, max-age=3600")


@member_required
@require_http_methods(["GET", "POST"])
def edit_partner_profile(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    profile = services.ensure_profile(user)
    form = PartnerProfileForm(request.POST or None, initial=PartnerProfileForm.initial_from(profile))
    if request.method == "POST" and form.is_valid():
        services.update_profile(user, form.data_object())
        messages.success(request, _("Your partner profile is saved."))
        return redirect("network:person", user_id=user.pk)
    context = {"form": form, "photo_form": PhotoForm(), "profile": profile}
    return render(request, "network/profile_form.html", context, status=400 if form.errors else 200)


@member_required
@require_POST
def upload_photo(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.POST.get("remove"):
        services.set_photo(user, None)
        messages.success(request, _("Your photo is removed."))
        return redirect("network:edit_profile")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_photo(user, form.cleaned_data["photo"])
        except DomainError as error:
            form.add_error("photo", error.message)
        else:
            messages.success(request, _("Your photo is saved."))
            return redirect("network:edit_profile")
    profile = services.ensure_profile(user)
    context = {
        "form": PartnerProfileForm(initial=PartnerProfileForm.initial_from(profile)),
        "photo_form": form,
        "profile": profile,
    }
    return render(request, "network/profile_form.html", context, status=400)


# --- contacts --------------------------------------------------------------------------------------------


@member_required
def contacts(request: HttpRequest) -> HttpResponse:
    """The member's contacts, a page at a time with a filter box (a busy member has thousands), and a window of
    the requests either way. Rows carry no form of their own: one form per list, each button its own action."""
    user = _user(request)
    query = request.GET.get("q", "").strip()[:100]
    page = HonestPaginator(access.contacts_list(user, query), CONTACTS_PAGE_SIZE).get_page(request.GET.get("page"))
    incoming, outgoing = access.pending_requests(user)
    incoming_rows = list(incoming[: REQUESTS_SHOWN + 1])
    outgoing_rows = list(outgoing[: REQUESTS_SHOWN + 1])
    context = {
        "page": page,
        "contacts": [row.to_user if row.from_user_id == user.pk else row.from_user for row in page.object_list],
        "query": query,
        "query_string": _query_string(request),
        "incoming": incoming_rows[:REQUESTS_SHOWN],
        "incoming_more": len(incoming_rows) > REQUESTS_SHOWN,
        "outgoing": outgoing_rows[:REQUESTS_SHOWN],
        "outgoing_more": len(outgoing_rows) > REQUESTS_SHOWN,
        "blocks": access.blocked_by(user)[:REQUESTS_SHOWN],
    }
    return render(request, "network/contacts.html", context)


def _act(request: HttpRequest, action: object, success: str, fallback: str = "network:contacts") -> HttpResponse:
    try:
        action()  # type: ignore[operator]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return safe_redirect(request, request.POST.get("next"), fallback)


@member_required
@require_POST
def request_contact(request: HttpRequest, user_id: int) -> HttpResponse:
    other = _member(user_id)
    access.get_profile_for(_user(request), user_id)  # the same visibility as the profile page
    form = ContactRequestForm(request.POST)
    note = form.cleaned_data["message"] if form.is_valid() else ""
    return _act(
        request,
        lambda: services.request_contact(_user(request), other, note),
        _("Your contact request is sent."),
        fallback="network:contacts",
    )


@member_required
@require_POST
def answer_contact(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    user = _user(request)
    contact_request = access.get_request_for(user, pk)
    actions = {
        "accept": (services.accept_contact, _("You are now contacts.")),
        "decline": (services.decline_contact, _("The request is declined.")),
        "withdraw": (services.withdraw_contact, _("Your request is withdrawn.")),
    }
    if answer not in actions:
        raise Http404
    service, success = actions[answer]
    return _act(request, lambda: service(user, contact_request), success)


@member_required
@require_POST
def remove_contact(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, lambda: services.remove_contact(_user(request), user_id), _("The contact is removed."))


@member_required
@require_POST
def block(request: HttpRequest, user_id: int) -> HttpResponse:
    other = get_object_or_404(User, pk=user_id, role="member")
    return _act(
        request, lambda: services.block(_user(request), other), _("You blocked this member. They cannot contact you.")
    )


@member_required
@require_POST
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, lambda: services.unblock(_user(request), user_id), _("The block is lifted."))


# --- messages ----------------------------------------------------------------------------------------------


@member_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    conversations = HonestPaginator(access.conversations_for(user), 30).get_page(request.GET.get("page"))
    return render(request, "network/inbox.html", {"page": conversations, "query_string": ""})


@member_required
@require_http_methods(["GET", "POST"])
def write_to(request: HttpRequest, user_id: int) -> HttpResponse:
    """Start (or continue) the conversation with a member."""
    sender = _user(request)
    recipient = _member(user_id)
    if recipient.pk == sender.pk:
        raise Http404
    access.get_profile_for(sender, user_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
            message = submissions.once(
                sender.pk, key, "network.message", Message, lambda: services.send_message(sender, recipient, body)
            )
        except DomainError as error:
            form.add_error("body", error.message)
        else:
            return redirect("network:conversation", pk=message.conversation_id)
    return render(
        request, "network/write.html", {"form": form, "recipient": recipient}, status=400 if form.errors else 200
    )


@member_required
@require_http_methods(["GET", "POST"])
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = access.get_conversation_for(user, pk)
    other = found.second if found.first_id == user.pk else found.first
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body, key = form.cleaned_data["body"], form.cleaned_data["submission"]
            submissions.once(user.pk, key, "network.message", Message, lambda: services.send_message(user, other, body))
        except DomainError as error:
            form.add_error("body", error.message)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return _new_messages(request, found, fresh_submission_key=True)
            return redirect("network:conversation", pk=found.pk)
    before = positive_id(request.GET.get("before")) or 0
    history, older = access.messages_window(found, MESSAGES_SHOWN, before)
    if not before:
        services.mark_read(user, found)
    context = {
        "conversation": found,
        "other": other,
        "history": history,
        "older": older,  # "Show older messages" links to ?before=<the first shown>
        "before": before,  # an older window: no live updates there, a link back to the newest
        "last_id": history[-1].pk if history else 0,
        "form": form,
        "blocked": access.is_blocked_between(user, other.pk),
    }
    return render(request, "network/conversation.html", context, status=400 if form.errors else 200)


@member_required
def conversation_updates(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the conversation page (htmx, every few seconds): the messages after `after`."""
    found = access.get_conversation_for(_user(request), pk)
    return _new_messages(request, found)


def _new_messages(request: HttpRequest, found: object, fresh_submission_key: bool = False) -> HttpResponse:
    """The messages after the last shown one. After a message sent with htmx, the form on the page also gets a
    new one-time key (out of band), or the next message would look like a resend of this one."""
    user = _user(request)
    after = positive_id(request.GET.get("after") or request.POST.get("after")) or 0
    new = list(access.messages_after(found, after))  # type: ignore[arg-type]
    if new:
        services.mark_read(user, found)  # type: ignore[arg-type]
    context = {
        "history": new,
        "last_id": new[-1].pk if new else after,
        "conversation": found,
        "fresh_submission_key": fresh_submission_key,
    }
    return render(request, "network/_messages.html", context)


# --- project ideas -------------------------------------------------------------------------------------------


@member_required
def ideas(request: HttpRequest) -> HttpResponse:
    form = IdeaSearchForm(request.GET or None)
    page = CappedPaginator(access.visible_ideas(_user(request), form.filters()), 20).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query_string": _query_string(request)}
    return render(request, "network/ideas.html", context)


@member_required
def my_ideas(request: HttpRequest) -> HttpResponse:
    context = {"ideas": access.own_ideas(_user(request)), "today": timezone.localdate()}
    return render(request, "network/my_ideas.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def new_idea(request: HttpRequest) -> HttpResponse:
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.post_idea(_user(request), form.data_object())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your idea is on the board."))
            return redirect("network:idea", pk=idea.pk)
    return render(request, "network/idea_form.html", {"form": form}, status=400 if form.errors else 200)


@member_required
def idea(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_idea_for(_user(request), pk)
    context = {"idea": found, "interest_form": InterestForm(), "live": access.idea_is_live(found)}
    return render(request, "network/idea.html", context)


@member_required
@require_http_methods(["GET", "POST"])
def edit_idea(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = access.get_idea_for(user, pk)
    if found.author_id != user.pk:
        raise Http404
    form = IdeaForm(request.POST or None, initial=IdeaForm.initial_from(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_idea(user, found, form.data_object())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your idea is updated."))
            return redirect("network:idea", pk=found.pk)
    return render(request, "network/idea_form.html", {"form": form, "idea": found}, status=400 if form.errors else 200)


@member_required
@require_POST
def close_idea(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = access.get_idea_for(user, pk)
    return _act(
        request, lambda: services.close_idea(user, found), _("Your idea is closed."), fallback="network:my_ideas"
    )


@member_required
@require_POST
def interested(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = access.get_idea_for(user, pk)
    form = InterestForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        message = services.express_interest(user, found, note)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("network:idea", pk=found.pk)
    messages.success(request, _("Your message is sent to the author."))
    return redirect("network:conversation", pk=message.conversation_id)
