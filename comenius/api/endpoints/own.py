"""The caller's own data, with a personal access token carrying the named scope. Every read goes through the
same access functions as the pages (a space the member left is 404 here as there); sending a message goes
through the same service (contacts, blocks, cold-message limits)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.params import Header, Path

from comenius.accounts import access as accounts_access
from comenius.accounts.models import RequestStatus, User
from comenius.api.auth import TokenAuth
from comenius.api.errors import ApiError
from comenius.api.pagination import by_id, by_time_and_id, decode, encode
from comenius.api.schemas import (
    ERRORS,
    ContactPage,
    ConversationPage,
    Me,
    MessageIn,
    MessageOut,
    MessagePage,
    NotificationPage,
    PostPage,
    ProjectPage,
    SpaceOut,
    SpacePage,
    SpacePageRef,
    ValidationPage,
)
from comenius.api.scopes import Scope
from comenius.core import submissions
from comenius.institutions.models import Membership
from comenius.network import access as network_access
from comenius.network import services as network_services
from comenius.network.models import Message
from comenius.notifications import access as notifications_access
from comenius.notifications import services as notifications_services
from comenius.projects import access as projects_access
from comenius.spaces import access as spaces_access
from comenius.spaces import access_content

router = Router(tags=["own data"])
IDEMPOTENCY_KEY = Header(None, alias="Idempotency-Key", description="A UUID that makes a retried send safe.")
MAX_ID = 2**63 - 1
ID = Path(..., ge=1, le=MAX_ID)


def _me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]  # set by TokenAuth


def _person(user: User) -> dict[str, object]:
    return {"id": user.pk, "name": user.get_full_name(), "country": user.country.code if user.country else None}


@router.get("/me", auth=TokenAuth(Scope.PROFILE_READ), response={200: Me, **ERRORS}, summary="Your profile")
def me(request: HttpRequest) -> dict[str, object]:
    user = _me(request)
    memberships = Membership.objects.filter(user=user).select_related("institution__country")
    profile = network_access.own_profile(user)
    return {
        **_person(user),
        "email": user.email,
        "role": user.role,
        "language": user.language,
        "institutions": [
            {
                "id": row.institution.pk,
                "name": row.institution.name,
                "type": row.institution.type,
                "country": row.institution.country.code,
                "city": row.institution.city,
            }
            for row in memberships
        ],
        "introduction": profile.introduction if profile else "",
    }


@router.get("/me/contacts", auth=TokenAuth(Scope.CONTACTS_READ), response={200: ContactPage, **ERRORS})
def contacts(request: HttpRequest, cursor: str | None = None, limit: int | None = None) -> dict[str, object]:
    user = _me(request)
    rows, next_cursor = by_id(network_access.accepted_contacts(user), cursor, limit)
    people = [row.to_user if row.from_user_id == user.pk else row.from_user for row in rows]
    return {"items": [_person(person) for person in people], "next_cursor": next_cursor}


@router.get("/me/conversations", auth=TokenAuth(Scope.MESSAGES_READ), response={200: ConversationPage, **ERRORS})
def conversations(request: HttpRequest, cursor: str | None = None, limit: int | None = None) -> dict[str, object]:
    user = _me(request)
    rows, next_cursor = by_time_and_id(network_access.conversations_for(user), "last_message_at", cursor, limit)
    items = [
        {
            "id": row.pk,
            "with_person": _person(row.second if row.first_id == user.pk else row.first),
            "last_message_at": row.last_message_at,
            "unread": bool(getattr(row, "unread", False)),
        }
        for row in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


def _message(message: Message) -> dict[str, object]:
    return {
        "id": message.pk,
        "conversation_id": message.conversation_id,
        "sender_id": message.sender_id,
        "body": message.body,
        "created_at": message.created_at,
    }


@router.get(
    "/me/conversations/{conversation_id}/messages",
    auth=TokenAuth(Scope.MESSAGES_READ),
    response={200: MessagePage, **ERRORS},
    summary="Messages of a conversation, newest first",
)
def messages(
    request: HttpRequest, conversation_id: int = ID, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    conversation = network_access.get_conversation_for(_me(request), conversation_id)
    rows, next_cursor = by_id(conversation.messages.filter(hidden_at__isnull=True), cursor, limit)
    return {"items": [_message(message) for message in rows], "next_cursor": next_cursor}


@router.post(
    "/me/messages",
    auth=TokenAuth(Scope.MESSAGES_WRITE),
    response={201: MessageOut, **ERRORS},
    summary="Send a message to a member",
    description=(
        "Send the same `Idempotency-Key` (a UUID) again when you retry after a lost answer: the message is stored "
        "once and the retry answers with it."
    ),
)
def send_message(
    request: HttpRequest, payload: MessageIn, idempotency_key: str | None = IDEMPOTENCY_KEY
) -> tuple[int, dict[str, object]]:
    sender = _me(request)
    if not 1 <= payload.to <= MAX_ID:
        raise_not_found()
    recipient = get_object_or_404(User, pk=payload.to, is_active=True)
    if not network_access.is_network_member(recipient):
        raise_not_found()
    # A client that retries after a lost answer sends the same Idempotency-Key and gets the stored message.
    key = submissions.parse_key(idempotency_key)
    body = payload.body
    message = submissions.once(
        sender.pk, key, "network.message", Message, lambda: network_services.send_message(sender, recipient, body)
    )
    return 201, _message(message)


def raise_not_found() -> None:
    raise Http404


@router.get("/me/projects", auth=TokenAuth(Scope.PROJECTS_READ), response={200: ProjectPage, **ERRORS})
def my_projects(request: HttpRequest, cursor: str | None = None, limit: int | None = None) -> dict[str, object]:
    user = _me(request)
    rows, next_cursor = by_id(projects_access.my_projects(user), cursor, limit)
    spaces = {space.project_id: space.pk for space in spaces_access.spaces_for(user).filter(project__in=rows)}
    items = [
        {
            "id": project.pk,
            "title": project.title,
            "state": project.state,
            "kind": project.kind,
            "countries": [country.code for country in project.countries()],
            "space_id": spaces.get(project.pk),
        }
        for project in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.get("/me/spaces", auth=TokenAuth(Scope.SPACES_READ), response={200: list[SpaceOut], **ERRORS})
def my_spaces(request: HttpRequest) -> list[dict[str, object]]:
    user = _me(request)
    spaces = list(spaces_access.spaces_for(user)[:200])
    return [
        {
            "id": space.pk,
            "project_id": space.project_id,
            "title": space.project.title,
            "role": spaces_access.role_in(user, space) or "",
        }
        for space in spaces
    ]


def _seat(request: HttpRequest, space_id: int) -> Any:
    seat = spaces_access.seat_for(_me(request), space_id)
    spaces_access.require(seat, "read")
    return seat


@router.get("/me/spaces/{space_id}/posts", auth=TokenAuth(Scope.SPACES_READ), response={200: PostPage, **ERRORS})
def space_posts(
    request: HttpRequest, space_id: int = ID, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    seat = _seat(request, space_id)
    rows, next_cursor = by_id(access_content.feed(seat).order_by(), cursor, limit)
    items = [
        {
            "id": post.pk,
            "author": str(post.author) if post.author else "",
            "body": post.body,
            "created_at": post.created_at,
            "pinned": post.pinned_at is not None,
        }
        for post in rows
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.get(
    "/me/spaces/{space_id}/pages", auth=TokenAuth(Scope.SPACES_READ), response={200: list[SpacePageRef], **ERRORS}
)
def space_pages(request: HttpRequest, space_id: int = ID) -> list[dict[str, object]]:
    tree = access_content.page_tree(_seat(request, space_id))
    return [
        {
            "id": node.page.pk,
            "title": node.page.title,
            "parent_id": tree.parent_of.get(node.page.pk),
            "draft": node.page.is_draft,
        }
        for node in tree.nodes()
    ]


@router.get(
    "/me/spaces/{space_id}/pages/{page_id}", auth=TokenAuth(Scope.SPACES_READ), response={200: SpacePage, **ERRORS}
)
def space_page(request: HttpRequest, space_id: int = ID, page_id: int = ID) -> dict[str, object]:
    page = access_content.get_page_for(_seat(request, space_id), page_id)
    return {
        "id": page.pk,
        "title": page.title,
        "html": str(access_content.page_html(page)),
        "updated_at": page.updated_at,
    }


@router.get(
    "/me/notifications",
    auth=TokenAuth(Scope.NOTIFICATIONS_READ),
    response={200: NotificationPage, **ERRORS},
    summary="Your notifications, newest first (only those whose object you may still see)",
)
def notifications(request: HttpRequest, cursor: str | None = None) -> dict[str, object]:
    before = None
    if cursor:
        values = decode(cursor)
        if len(values) != 1 or type(values[0]) is not int:
            raise ApiError(400, "invalid_cursor", _("This cursor is not one the API gave out. Start again without it."))
        before = values[0]
    days, next_before = notifications_access.page_for(_me(request), before)
    items = [
        {
            "id": item.pk,
            "type": item.type,
            "text": notifications_services.render_text(item),
            "url": notifications_access.link_of(item),
            "group": item.group_label,
            "created_at": item.created_at,
            "read": item.read_at is not None,
        }
        for _day, day_items in days
        for item in day_items
    ]
    return {"items": items, "next_cursor": encode([next_before]) if next_before else None}


@router.get(
    "/nso/validations",
    auth=TokenAuth(Scope.NSO_READ),
    response={200: ValidationPage, **ERRORS},
    summary="Validation requests of your country (national teams)",
)
def validations(
    request: HttpRequest, status: str = RequestStatus.OPEN, cursor: str | None = None, limit: int | None = None
) -> dict[str, object]:
    officer = _me(request)
    if not accounts_access.has_second_factor(officer):
        raise ApiError(403, "second_factor_required", _("Set up two-factor authentication first."))
    rows = accounts_access.validation_requests_for(officer)
    if status in RequestStatus.values:
        rows = rows.filter(status=status)
    found, next_cursor = by_id(rows, cursor, limit, newest_first=False)
    now = timezone.now()
    items = [
        {
            "id": row.pk,
            "member": str(row.user),
            "institution": row.institution.name,
            "country": row.country.code,
            "status": row.status,
            "created_at": row.created_at,
            "waiting_days": (now - row.created_at).days,
        }
        for row in found
    ]
    return {"items": items, "next_cursor": next_cursor}
