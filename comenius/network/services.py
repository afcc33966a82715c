"""Writes for partner finding: profiles, contacts, blocks, messages and project ideas.

Every function checks who may do it and refuses with a DomainError (translated, shown to the person);
rate limits count rows in the database, so they hold across processes and restarts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import DateTimeField, Exists, F, Min, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.ratelimit import check_uploads
from comenius.core.search import is_postgres, vector_sql
from comenius.core.uploads import CheckedFile
from comenius.core.vocabulary import Subject, search_config
from comenius.institutions.models import Membership
from comenius.network import access, notifying
from comenius.network.models import (
    Block,
    ContactRequest,
    ContactState,
    Conversation,
    IdeaState,
    Message,
    Profile,
    ProfileLanguage,
    ProfileSubject,
    ProjectIdea,
)
from comenius.notifications.services import Mail, notify

# --- profiles ---------------------------------------------------------------------------------------


def ensure_profile(user: User) -> Profile:
    """Every validated member has a profile (created empty at validation, filled in by the member)."""
    profile, created = Profile.objects.get_or_create(
        user=user, defaults={"last_active_at": timezone.now(), "country_id": user.country_id}
    )
    if created:
        refresh_search(profile)
    return profile


@dataclass(frozen=True)
class ProfileData:
    introduction: str
    age_min: int | None
    age_max: int | None
    available: bool
    available_from: date | None
    available_until: date | None
    project_kind: str
    subjects: list[str]
    languages: dict[str, int]
    searchable: bool
    show_introduction: bool
    show_photo: bool
    show_institution: bool


# The ProfileData fields stored on Profile itself (subjects and languages live in their own tables).
PROFILE_FIELDS = [field.name for field in fields(ProfileData) if field.name not in {"subjects", "languages"}]


def update_profile(user: User, data: ProfileData) -> Profile:
    """The member edits what partners see. Subjects and languages are replaced as a whole."""
    if not access.is_network_member(user):
        raise DomainError(_("Only validated members have a partner-finding profile."))
    with transaction.atomic():
        profile = ensure_profile(user)
        for name in PROFILE_FIELDS:
            setattr(profile, name, getattr(data, name))
        profile.save()
        profile.subjects.all().delete()
        ProfileSubject.objects.bulk_create(ProfileSubject(profile=profile, subject=s) for s in data.subjects)
        profile.languages.all().delete()
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, language=code, level=level) for code, level in data.languages.items()
        )
        refresh_search(profile)
    return profile


def set_photo(user: User, checked: CheckedFile | None) -> Profile:
    """Store a photo checked under `uploads.PROFILE_PHOTO` (a JPEG of at most 400 × 400 pixels, upright, without
    metadata), or remove it. Uploads count against UPLOADS_PER_HOUR."""
    if checked is not None:
        check_uploads(user.pk, settings.UPLOADS_PER_HOUR)
    profile = ensure_profile(user)
    with transaction.atomic():
        if profile.photo:
            profile.photo.delete(save=False)
        if checked is not None:
            profile.photo.save("photo.jpg", checked.as_file(), save=False)
        profile.save(update_fields=["photo"])
    return profile


def refresh_search(profile: Profile) -> None:
    """Recompute the denormalised search columns of a profile (and its tsvector on PostgreSQL)."""
    user = User.objects.select_related("country").get(pk=profile.user_id)
    membership = Membership.objects.select_related("institution").filter(user=user).first()
    institution = membership.institution if membership else None
    subject_names = [str(Subject(s).label) for s in profile.subjects.values_list("subject", flat=True)]
    parts = [user.get_full_name()]
    if institution and profile.show_institution:
        parts += [institution.name, institution.city]
    parts += subject_names
    if profile.show_introduction:
        parts.append(profile.introduction)
    profile.display_name = user.get_full_name()
    profile.search_text = " ".join(part for part in parts if part)
    profile.country_id = user.country_id
    profile.institution_type = institution.type if institution else ""
    languages = user.country.languages if user.country else []
    profile.search_config = search_config(languages[0] if languages else user.language)
    profile.listed = (
        profile.searchable
        and profile.hidden_at is None
        and user.is_active
        and user.role == "member"
        and user.status == "validated"
    )
    profile.save(
        update_fields=["display_name", "search_text", "country", "institution_type", "search_config", "listed"]
    )
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(vector_sql(Profile._meta.db_table, "display_name"), [[profile.pk]])


def touch_activity(user: User) -> None:
    """Recent activity orders search results and suggestions. Called on login."""
    Profile.objects.filter(user=user).update(last_active_at=timezone.now())


# --- contacts ---------------------------------------------------------------------------------------


def _require_members(*users: User) -> None:
    for user in users:
        if not access.is_network_member(user):
            raise DomainError(_("Only validated members can use contacts and messages."))


def request_contact(sender: User, recipient: User, message: str = "") -> ContactRequest:
    """Ask another validated member to become a contact. Refused when blocked, already linked or too many."""
    _require_members(sender, recipient)
    if sender.pk == recipient.pk:
        raise DomainError(_("You cannot add yourself as a contact."))
    if access.is_blocked_between(sender, recipient.pk):
        raise DomainError(_("You cannot contact this member."))
    since = timezone.now() - timedelta(days=1)
    if (
        ContactRequest.objects.filter(from_user=sender, created_at__gte=since).count()
        >= settings.CONTACT_REQUESTS_PER_DAY
    ):
        raise DomainError(_("You have sent many contact requests today. Please try again tomorrow."))
    existing = access.contact_state(sender, recipient.pk)
    if existing is not None:
        if existing.state == ContactState.ACCEPTED:
            raise DomainError(_("You are already contacts."))
        if existing.from_user_id == recipient.pk:
            raise DomainError(_("This member has already asked you. Accept their request instead."))
        raise DomainError(_("Your request is already waiting for an answer."))
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(from_user=sender, to_user=recipient, message=message)
    except IntegrityError as error:  # a concurrent double submit
        raise DomainError(_("Your request is already waiting for an answer.")) from error
    context = {"sender": sender, "message": message, "url": absolute_url(reverse("network:contacts"))}
    notify(
        recipient,
        notifying.CONTACT_REQUEST,
        request,
        text=gettext_lazy("%(name)s would like to be your contact"),
        params={"name": sender.get_full_name()},
        url=reverse("network:contacts"),
        mail=Mail("network/email/contact_request", context),
    )
    return request


def _answer(
    request: ContactRequest, actor: User, *, allowed_from: str, to_state: str, by_recipient: bool
) -> ContactRequest:
    with transaction.atomic():
        locked = ContactRequest.objects.select_for_update().get(pk=request.pk)
        expected_actor = locked.to_user_id if by_recipient else locked.from_user_id
        if actor.pk != expected_actor:
            raise DomainError(_("Only the member this request is for can answer it."))
        if locked.state != allowed_from:
            raise DomainError(_("This request is no longer waiting for an answer."))
        locked.state = to_state
        locked.answered_at = timezone.now()
        locked.save(update_fields=["state", "answered_at"])
    return locked


def accept_contact(user: User, request: ContactRequest) -> ContactRequest:
    _require_members(user)
    if access.is_blocked_between(user, request.from_user_id):
        raise DomainError(_("You cannot contact this member."))
    return _answer(request, user, allowed_from=ContactState.PENDING, to_state=ContactState.ACCEPTED, by_recipient=True)


def decline_contact(user: User, request: ContactRequest) -> ContactRequest:
    return _answer(request, user, allowed_from=ContactState.PENDING, to_state=ContactState.DECLINED, by_recipient=True)


def withdraw_contact(user: User, request: ContactRequest) -> ContactRequest:
    return _answer(
        request, user, allowed_from=ContactState.PENDING, to_state=ContactState.WITHDRAWN, by_recipient=False
    )


def remove_contact(user: User, other_id: int) -> None:
    with transaction.atomic():
        live = access.contact_state(user, other_id)
        if live is None or live.state != ContactState.ACCEPTED:
            raise DomainError(_("You are not contacts."))
        live.state = ContactState.REMOVED
        live.answered_at = timezone.now()
        live.save(update_fields=["state", "answered_at"])


def block(user: User, other: User) -> Block:
    """Blocking ends any contact or request between the two, and stops every contact from the other side."""
    if user.pk == other.pk:
        raise DomainError(_("You cannot block yourself."))
    with transaction.atomic():
        ContactRequest.objects.filter(
            Q(from_user=user, to_user=other) | Q(from_user=other, to_user=user),
            state__in=[ContactState.PENDING, ContactState.ACCEPTED],
        ).update(state=ContactState.REMOVED, answered_at=timezone.now())
        found, _created = Block.objects.get_or_create(blocker=user, blocked=other)
    return found


def unblock(user: User, other_id: int) -> None:
    Block.objects.filter(blocker=user, blocked_id=other_id).delete()


# --- messages ---------------------------------------------------------------------------------------


def conversation_between(a: User, b: User) -> Conversation:
    first, second = sorted([a.pk, b.pk])
    try:
        with transaction.atomic():
            conversation, _created = Conversation.objects.get_or_create(first_id=first, second_id=second)
    except IntegrityError:  # both sides started it at the same moment
        conversation = Conversation.objects.get(first_id=first, second_id=second)
    return conversation


def send_message(sender: User, recipient: User, body: str) -> Message:
    """Send a one-to-one message. Messages to people who are not contacts ("cold") are rate limited;
    nobody can message someone who blocked them. The recipient is told by e-mail in batches."""
    _require_members(sender, recipient)
    body = body.strip()
    if not body:
        raise DomainError(_("Write a message first."))
    if sender.pk == recipient.pk:
        raise DomainError(_("You cannot write to yourself."))
    if access.is_blocked_between(sender, recipient.pk):
        raise DomainError(_("You cannot contact this member."))
    conversation = conversation_between(sender, recipient)
    if not access.are_contacts(sender, recipient.pk):
        recipient_answered = conversation.messages.filter(sender=recipient).exists()
        if not recipient_answered:
            already_in_this = conversation.messages.filter(sender=sender).count()
            if already_in_this >= settings.COLD_MESSAGES_PER_CONVERSATION:
                raise DomainError(_("Please wait for an answer before you write again."))
            if (
                already_in_this == 0
                and _cold_conversations_started_today(sender) >= settings.COLD_CONVERSATIONS_PER_DAY
            ):
                raise DomainError(
                    _("You have written to many new people today. Add them as contacts, or try again tomorrow.")
                )
    with transaction.atomic():
        message = Message.objects.create(conversation=conversation, sender=sender, body=body[:5000])
        reader_field = "first_read_at" if conversation.first_id == sender.pk else "second_read_at"
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message_at=_forward("last_message_at", message.created_at),
            **{reader_field: _forward(reader_field, message.created_at)},
        )
    return message


def _forward(field: str, moment: datetime) -> Greatest:
    """The later of the column and `moment`, in the UPDATE itself: two messages committed out of order (or a
    read mark racing a message) never move `last_message_at` or a read marker backwards (issue 17). Coalesce,
    because SQLite's MAX() of NULL is NULL where PostgreSQL's GREATEST skips it."""
    value = Value(moment, output_field=DateTimeField())
    return Greatest(Coalesce(F(field), value), value)


def _cold_conversations_started_today(sender: User) -> int:
    """Conversations the sender opened in the last day that nobody has answered yet."""
    since = timezone.now() - timedelta(days=1)
    answered = Message.objects.filter(conversation=OuterRef("pk")).exclude(sender=sender)
    return (
        Conversation.objects.filter(Q(first=sender) | Q(second=sender))
        .annotate(opened=Min("messages__created_at", filter=Q(messages__sender=sender)))
        .filter(opened__gte=since)
        .exclude(Exists(answered))
        .count()
    )


def mark_read(user: User, conversation: Conversation) -> None:
    field = "first_read_at" if conversation.first_id == user.pk else "second_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: _forward(field, timezone.now())})


def send_message_notifications(older_than_minutes: int = 10) -> int:
    """Tell members by e-mail about unread messages, one e-mail per member however many messages came.

    Run every few minutes (cron or a worker): `manage.py send_message_notifications`. Returns e-mails sent.
    """
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    pending = (
        Message.objects.filter(notified_at__isnull=True, created_at__lte=cutoff)
        .select_related("conversation", "sender")
        .order_by("created_at")
    )
    by_recipient: dict[int, list[Message]] = {}
    for message in pending:
        conversation = message.conversation
        recipient_id = conversation.other(message.sender_id)
        read_at = conversation.first_read_at if conversation.first_id == recipient_id else conversation.second_read_at
        if read_at is not None and read_at >= message.created_at:
            Message.objects.filter(pk=message.pk).update(notified_at=timezone.now())  # already seen
            continue
        by_recipient.setdefault(recipient_id, []).append(message)
    sent = 0
    for recipient in User.objects.filter(pk__in=by_recipient, is_active=True):
        messages = by_recipient[recipient.pk]
        senders = sorted({m.sender.get_full_name() for m in messages})
        with transaction.atomic():
            Message.objects.filter(pk__in=[m.pk for m in messages]).update(notified_at=timezone.now())
            context = {
                "member": recipient,
                "count": len(messages),
                "senders": senders,
                "url": absolute_url(reverse("network:inbox")),
            }
            item = notify(
                recipient,
                notifying.NEW_MESSAGES,
                text=gettext_lazy("New messages from %(names)s (%(count)s)"),
                params={"count": len(messages), "names": ", ".join(senders)},
                url=reverse("network:inbox"),
                mail=Mail("network/email/new_messages", context),
            )
            if item is not None and item.delivery == "email" and recipient.email:
                sent += 1
    return sent


# --- project ideas ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdeaData:
    title: str
    description: str
    subjects: list[str]
    age_min: int
    age_max: int
    languages: list[str]
    countries_wanted: list[str]
    starts_on: date
    ends_on: date
    partners_wanted: int
    expires_on: date


def fingerprint(title: str, description: str) -> str:
    """Same text, whatever its case, spacing or punctuation, gives the same fingerprint."""
    normal = "".join(ch for ch in f"{title} {description}".lower() if ch.isalnum())
    return hashlib.sha256(normal.encode()).hexdigest()


def _idea_fields(author: User, data: IdeaData) -> dict[str, Any]:
    tags = [f"s:{s}" for s in data.subjects] + [f"l:{lang}" for lang in data.languages]
    tags += [f"w:{c}" for c in data.countries_wanted]
    subject_names = [str(Subject(s).label) for s in data.subjects]
    return {
        "title": data.title,
        "description": data.description,
        "subjects": data.subjects,
        "age_min": data.age_min,
        "age_max": data.age_max,
        "languages": data.languages,
        "countries_wanted": data.countries_wanted,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "partners_wanted": data.partners_wanted,
        "expires_on": data.expires_on,
        "fingerprint": fingerprint(data.title, data.description),
        "country_id": author.country_id,
        "tags": " " + " ".join(tags) + " ",
        "search_text": " ".join([data.title, data.description, author.get_full_name(), *subject_names]),
        "search_config": search_config(author.language),
    }


def _check_idea(author: User, data: IdeaData, exclude_pk: int | None = None) -> None:
    today = timezone.localdate()
    if data.ends_on < data.starts_on:
        raise DomainError(_("The project cannot end before it starts."))
    if data.age_min > data.age_max:
        raise DomainError(_("The youngest age cannot be above the oldest."))
    if not today <= data.expires_on <= today + timedelta(days=settings.IDEA_MAX_DAYS):
        raise DomainError(_("An idea can stay visible for at most %(days)d days.") % {"days": settings.IDEA_MAX_DAYS})
    live = ProjectIdea.objects.filter(state=IdeaState.OPEN, expires_on__gte=today)
    if exclude_pk:
        live = live.exclude(pk=exclude_pk)
    if live.filter(fingerprint=fingerprint(data.title, data.description)).exists():
        raise DomainError(
            _("The same idea is already on the board. Edit the existing one instead of posting it again.")
        )
    if live.filter(author=author, title__iexact=data.title.strip()).exists():
        raise DomainError(_("You already have an open idea with this title. Edit it instead."))


def post_idea(author: User, data: IdeaData) -> ProjectIdea:
    """Post on the partner-finding board: at most a few posts a day, never the same text twice."""
    _require_members(author)
    since = timezone.now() - timedelta(days=1)
    if ProjectIdea.objects.filter(author=author, created_at__gte=since).count() >= settings.IDEA_POSTS_PER_DAY:
        raise DomainError(_("You have posted several ideas today. Please come back tomorrow."))
    with transaction.atomic():
        _check_idea(author, data)
        idea = ProjectIdea.objects.create(author=author, **_idea_fields(author, data))
        _refresh_idea_vector(idea)
    return idea


def update_idea(author: User, idea: ProjectIdea, data: IdeaData) -> ProjectIdea:
    if idea.author_id != author.pk:
        raise DomainError(_("Only the author can edit this idea."))
    if idea.state != IdeaState.OPEN:
        raise DomainError(_("This idea is closed."))
    with transaction.atomic():
        _check_idea(author, data, exclude_pk=idea.pk)
        for name, value in _idea_fields(author, data).items():
            setattr(idea, name, value)
        idea.save()
        _refresh_idea_vector(idea)
    return idea


def close_idea(author: User, idea: ProjectIdea) -> ProjectIdea:
    if idea.author_id != author.pk:
        raise DomainError(_("Only the author can close this idea."))
    if idea.state == IdeaState.CLOSED:
        raise DomainError(_("This idea is already closed."))
    idea.state = IdeaState.CLOSED
    idea.save(update_fields=["state", "updated_at"])
    return idea


def express_interest(member: User, idea: ProjectIdea, note: str) -> Message:
    """ "I'm interested": a message to the author that starts (or continues) a conversation."""
    if idea.author_id == member.pk:
        raise DomainError(_("This is your own idea."))
    if not access.idea_is_live(idea):
        raise DomainError(_("This idea is no longer open."))
    intro = _("I am interested in your project idea “%(title)s”.") % {"title": idea.title}
    body = f"{intro}\n\n{note.strip()}" if note.strip() else intro
    return send_message(member, idea.author, body)


def _refresh_idea_vector(idea: ProjectIdea) -> None:
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(vector_sql(ProjectIdea._meta.db_table, "title"), [[idea.pk]])


# --- moderation -----------------------------------------------------------------------------------------
# Called by moderation.services only, inside its transaction (which checks the moderator and audits).


def set_hidden(content: ProjectIdea | Message, hidden: bool) -> None:
    """Hide an idea or a message from everyone but moderators, or show it again."""
    content.hidden_at = timezone.now() if hidden else None
    content.save(update_fields=["hidden_at"])


def set_profile_hidden(user: User, hidden: bool) -> None:
    """Hide a member's profile (search, suggestions, profile page), or show it again."""
    profile = ensure_profile(user)
    profile.hidden_at = timezone.now() if hidden else None
    profile.save(update_fields=["hidden_at"])
    refresh_search(profile)


def clear_profile_content(user: User) -> None:
    """Delete what a member wrote about themselves and their photo (the account stays)."""
    profile = ensure_profile(user)
    if profile.photo:
        profile.photo.delete(save=False)
    profile.introduction = ""
    profile.save(update_fields=["introduction", "photo"])
    refresh_search(profile)


def delete_content(content: ProjectIdea | Message) -> None:
    content.delete()


def refresh_listing(user: User) -> None:
    """Member lifecycle (suspended, reinstated): recompute whether the member's profile is listed in search."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        refresh_search(profile)


def forget_member(user: User, deletion: Deletion) -> None:
    """Account deletion (accounts.services.delete_account): the profile, photo, contact requests, blocks and
    ideas go; messages stay under "Former member" in the other person's conversation unless the member
    asked to delete their contributions too."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
    ContactRequest.objects.filter(Q(from_user=user) | Q(to_user=user)).delete()
    Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
    ProjectIdea.objects.filter(author=user).delete()
    if deletion.delete_contributions:
        Message.objects.filter(sender=user).delete()
