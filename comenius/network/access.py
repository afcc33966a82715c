"""Reads for partner finding that depend on who is asking.

Only validated members reach any of this (views use `member_required`); on top of that, blocks work in both
directions, hidden profile fields never leave this module, and members who are not searchable only show
to their contacts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from comenius.accounts.models import MemberStatus, Role, User
from comenius.core.lifecycle import ExportPart
from comenius.core.search import filter_text
from comenius.institutions.models import Membership
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

# --- people ---------------------------------------------------------------------------------------


def is_network_member(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.role == Role.MEMBER and user.status == MemberStatus.VALIDATED
    )


def blocked_user_ids(user: User) -> list[int]:
    """Ids of members this user blocked or was blocked by. One small query; a list keeps the big search
    queries simple for the planner (and adds no clause at all when, as usual, there are no blocks)."""
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker_id", "blocked_id")
    return sorted({other for pair in pairs for other in pair if other != user.pk})


def _member_profiles() -> QuerySet[Profile]:
    return Profile.objects.filter(
        user__role=Role.MEMBER, user__status=MemberStatus.VALIDATED, user__is_active=True
    ).select_related("user", "country")


def contact_ids(user: User) -> QuerySet[Any, Any]:
    """The user's contacts' ids as a subquery (`pk__in=contact_ids(user)`), never a materialised list: a busy
    member has thousands, and a thousand-element `IN (…)` list costs far more to plan than the query itself
    (issue 16). The other side of each accepted request, both directions in one index-backed scan."""
    other = Case(When(from_user_id=user.pk, then=F("to_user_id")), default=F("from_user_id"))
    return (
        ContactRequest.objects.filter(Q(from_user=user) | Q(to_user=user), state=ContactState.ACCEPTED)
        .annotate(other_id=other)
        .values("other_id")
    )


def searchable_profiles(viewer: User) -> QuerySet[Profile]:
    """Profiles the viewer may find in search and suggestions: searchable, validated, not blocked, not self."""
    if not is_network_member(viewer):
        return Profile.objects.none()
    return Profile.objects.filter(listed=True).exclude(user=viewer).exclude(user__in=blocked_user_ids(viewer))


@dataclass
class PeopleFilters:
    query: str = ""
    country: str = ""
    institution_type: str = ""
    subject: str = ""
    age: int | None = None
    language: str = ""
    available: bool = False


def search_people(viewer: User, filters: PeopleFilters) -> QuerySet[Profile]:
    """People search, most relevant first: text relevance, then availability, then recent activity."""
    profiles = searchable_profiles(viewer)
    if filters.country:
        profiles = profiles.filter(country_id=filters.country)
    if filters.institution_type:
        profiles = profiles.filter(institution_type=filters.institution_type)
    if filters.subject:
        profiles = profiles.filter(subjects__subject=filters.subject)
    if filters.language:
        profiles = profiles.filter(languages__language=filters.language)
    if filters.age is not None:
        profiles = profiles.filter(age_min__lte=filters.age, age_max__gte=filters.age)
    if filters.available:
        profiles = profiles.filter(available=True)
    if not filters.query.strip():
        # Without words the order is the index's own order: no sort over the whole table.
        return profiles.order_by("-available", "-last_active_at", "id")
    profiles = filter_text(profiles, filters.query, viewer.language, name_field="display_name")
    return profiles.order_by("-relevance", "-available", "-last_active_at", "id")


@dataclass
class PersonCard:
    """What one member may see of another: hidden fields are simply not here."""

    user_id: int
    name: str
    country_code: str
    country_name: str
    flag: str
    institution: str | None
    institution_type: str
    subjects: list[str]
    languages: list[str]
    ages: str
    available: bool
    introduction: str | None
    photo_url: str | None
    reasons: list[str] = field(default_factory=list)


def cards_for(viewer: User, profiles: list[Profile], reasons: dict[int, list[str]] | None = None) -> list[PersonCard]:
    """Turn profiles (with subjects, languages and the user's membership prefetched) into cards."""
    from django.utils.translation import gettext as _

    from comenius.core.vocabulary import Language, LanguageLevel, Subject
    from comenius.institutions.models import InstitutionType

    subject_names = dict(Subject.choices)
    language_names = dict(Language.choices)
    level_names = dict(LanguageLevel.choices)
    type_names = dict(InstitutionType.choices)
    cards = []
    for profile in profiles:
        user = profile.user
        memberships = list(user.memberships.all())
        institution = memberships[0].institution if memberships else None
        ages = ""
        if profile.age_min is not None and profile.age_max is not None:
            ages = _("pupils aged %(min)d–%(max)d") % {"min": profile.age_min, "max": profile.age_max}
        cards.append(
            PersonCard(
                user_id=user.pk,
                name=user.get_full_name(),
                country_code=profile.country_id or "",
                country_name=profile.country.display_name if profile.country else "",
                flag=profile.country.flag if profile.country else "",
                institution=f"{institution.name}, {institution.city}"
                if institution and profile.show_institution
                else None,
                institution_type=str(type_names.get(profile.institution_type, "")),
                subjects=[str(subject_names.get(s.subject, s.subject)) for s in profile.subjects.all()],
                languages=[
                    f"{language_names.get(lang.language, lang.language)} ({level_names.get(lang.level, '')})"
                    for lang in profile.languages.all()
                ],
                ages=ages,
                available=profile.available,
                introduction=profile.introduction if profile.show_introduction and profile.introduction else None,
                photo_url=reverse("network:photo", args=[user.pk]) if profile.show_photo and profile.photo else None,
                reasons=(reasons or {}).get(profile.pk, []),
            )
        )
    return cards


def with_card_data(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """Prefetch what cards show, in a fixed number of queries whatever the page size."""
    memberships = Prefetch("user__memberships", queryset=Membership.objects.select_related("institution"))
    return profiles.select_related("user", "country").prefetch_related("subjects", "languages", memberships)


def match_reasons(viewer_profile: Profile | None, profile: Profile, filters: PeopleFilters) -> list[str]:
    """Why a result fits, in words: what the filters asked for and what the two profiles share."""
    from django.utils.translation import gettext as _

    from comenius.core.vocabulary import Language, Subject

    reasons: list[str] = []
    subjects = {s.subject for s in profile.subjects.all()}
    languages = {lang.language for lang in profile.languages.all()}
    if filters.subject and filters.subject in subjects:
        reasons.append(_("teaches %(subject)s") % {"subject": Subject(filters.subject).label})
    if filters.language and filters.language in languages:
        reasons.append(_("works in %(language)s") % {"language": Language(filters.language).label})
    if filters.age is not None:
        reasons.append(_("has pupils aged %(age)d") % {"age": filters.age})
    if viewer_profile is not None:
        own_subjects = {s.subject for s in viewer_profile.subjects.all()}
        shared = sorted(own_subjects & subjects - {filters.subject})
        if shared:
            reasons.append(
                _("also teaches %(subjects)s") % {"subjects": ", ".join(str(Subject(s).label) for s in shared[:3])}
            )
        own_languages = {lang.language for lang in viewer_profile.languages.all()}
        common = sorted(own_languages & languages - {filters.language})
        if common:
            reasons.append(
                _("you both speak %(languages)s") % {"languages": ", ".join(str(Language(c).label) for c in common[:2])}
            )
        if (
            viewer_profile.age_min is not None
            and profile.age_min is not None
            and viewer_profile.age_max is not None
            and profile.age_max is not None
            and viewer_profile.age_min <= profile.age_max
            and profile.age_min <= viewer_profile.age_max
            and filters.age is None
        ):
            reasons.append(_("pupils of a similar age"))
    if profile.available:
        reasons.append(_("available for projects"))
    return reasons


def get_profile_for(viewer: User, user_id: int) -> Profile:
    """A member's profile page: searchable members, or contacts; 404 for blocked or hidden people."""
    if not is_network_member(viewer):
        raise Http404
    profiles = _member_profiles().exclude(user__in=blocked_user_ids(viewer))
    profiles = profiles.filter(Q(searchable=True) | Q(user__in=contact_ids(viewer)) | Q(user=viewer))
    profiles = profiles.filter(Q(hidden_at__isnull=True) | Q(user=viewer))
    return get_object_or_404(with_card_data(profiles), user_id=user_id)


def own_profile(user: User) -> Profile | None:
    """The viewer's own profile with what matching needs (subjects, languages)."""
    return Profile.objects.filter(user=user).prefetch_related("subjects", "languages").first()


def suggestions_for(viewer: User, own: Profile | None, limit: int = 6) -> list[tuple[Profile, list[str]]]:
    """Partners that fit: from other countries, overlapping subjects or a shared language, similar ages,
    available and recently active. Newcomers count as recently active, so they are suggested too.
    `own` is the viewer's profile from `own_profile` (the caller usually needs it too); an empty one (or none
    yet) gets `newcomer_suggestions`."""
    subjects = [s.subject for s in own.subjects.all()] if own else []
    languages = [lang.language for lang in own.languages.all()] if own else []
    country_id = own.country_id if own else viewer.country_id
    candidates = searchable_profiles(viewer).exclude(country_id=country_id).exclude(user__in=contact_ids(viewer))
    if not subjects and not languages:
        return newcomer_suggestions(viewer, own, candidates, limit)
    assert own is not None  # it has subjects or languages
    # EXISTS probes rather than joins: the database walks profiles in index order (available, recently
    # active) and stops at the first few that fit, instead of joining and de-duplicating a million rows.
    if subjects:
        candidates = candidates.filter(
            Exists(ProfileSubject.objects.filter(profile=OuterRef("pk"), subject__in=subjects))
        )
    if languages:
        candidates = candidates.filter(
            Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), language__in=languages))
        )
    if own.age_min is not None and own.age_max is not None:
        candidates = candidates.filter(Q(age_min__lte=own.age_max, age_max__gte=own.age_min) | Q(age_min__isnull=True))
    ids = list(candidates.order_by("-available", "-last_active_at", "id").values_list("pk", flat=True)[: limit * 3])
    ranked = sorted(
        with_card_data(Profile.objects.filter(pk__in=ids)),
        key=lambda p: (-len({s.subject for s in p.subjects.all()} & set(subjects)), not p.available, ids.index(p.pk)),
    )[:limit]
    return [(profile, match_reasons(own, profile, PeopleFilters())) for profile in ranked]


def profile_is_empty(own: Profile | None) -> bool:
    """A partner profile that says nothing to match on yet (no subjects, no languages): a newcomer's."""
    return own is None or not (own.subjects.all() or own.languages.all())


def newcomer_suggestions(
    viewer: User, own: Profile | None, candidates: QuerySet[Profile], limit: int
) -> list[tuple[Profile, list[str]]]:
    """Suggestions for an empty partner profile (issue 11), from what is known: colleagues at the same type of
    institution in other countries, first those who work in the language the member reads the platform in.
    Two short index-order walks (no ordering by an expression over every profile)."""
    from django.utils.translation import gettext as _

    from comenius.core.vocabulary import Language
    from comenius.institutions.models import InstitutionType

    institution_type = own.institution_type if own else ""
    if not institution_type:
        first = Membership.objects.filter(user=viewer).select_related("institution").first()
        institution_type = first.institution.type if first else ""
    if institution_type:
        candidates = candidates.filter(institution_type=institution_type)
    order = ("-available", "-last_active_at", "id")
    speaks = Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"), language=viewer.language))
    ids = list(candidates.filter(speaks).order_by(*order).values_list("pk", flat=True)[:limit])
    speaking = set(ids)
    if len(ids) < limit:
        ids += list(candidates.exclude(pk__in=ids).order_by(*order).values_list("pk", flat=True)[: limit - len(ids)])
    profiles = sorted(with_card_data(Profile.objects.filter(pk__in=ids)), key=lambda p: ids.index(p.pk))
    type_label = dict(InstitutionType.choices).get(institution_type, "")
    language_label = dict(Language.choices).get(viewer.language, "")
    suggestions = []
    for profile in profiles:
        reasons = []
        if type_label:
            reasons.append(_("also at a school of your type: %(type)s") % {"type": type_label})
        if profile.pk in speaking and language_label:
            reasons.append(_("works in %(language)s") % {"language": language_label})
        if profile.available:
            reasons.append(_("available for projects"))
        suggestions.append((profile, reasons))
    return suggestions


# --- contacts ---------------------------------------------------------------------------------------


def contact_state(viewer: User, other_id: int) -> ContactRequest | None:
    """The live request or contact between two members, if any."""
    return (
        ContactRequest.objects.filter(state__in=[ContactState.PENDING, ContactState.ACCEPTED])
        .filter(Q(from_user=viewer, to_user_id=other_id) | Q(from_user_id=other_id, to_user=viewer))
        .first()
    )


def are_contacts(a: User, b_id: int) -> bool:
    found = contact_state(a, b_id)
    return found is not None and found.state == ContactState.ACCEPTED


def is_blocked_between(a: User, b_id: int) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked_id=b_id) | Q(blocker_id=b_id, blocked=a)).exists()


def has_blocked(a: User, b_id: int) -> bool:
    return Block.objects.filter(blocker=a, blocked_id=b_id).exists()


def pending_requests(user: User) -> tuple[QuerySet[ContactRequest], QuerySet[ContactRequest]]:
    """(incoming, outgoing) pending requests, newest first; the contacts page shows a window of each."""
    live = ContactRequest.objects.filter(state=ContactState.PENDING).order_by("-created_at", "-pk")
    return (
        live.filter(to_user=user).select_related("from_user__country"),
        live.filter(from_user=user).select_related("to_user__country"),
    )


def contacts_list(user: User, query: str = "") -> QuerySet[ContactRequest]:
    """The member's accepted contacts, newest first, for the paginated contacts page; `query` filters by the
    other side's name (a few words, each must match). Bounded by the member's own contacts."""
    rows = ContactRequest.objects.filter(Q(from_user=user) | Q(to_user=user), state=ContactState.ACCEPTED)
    for word in query.split()[:5]:
        rows = rows.filter(
            Q(from_user=user, to_user__first_name__icontains=word)
            | Q(from_user=user, to_user__last_name__icontains=word)
            | Q(to_user=user, from_user__first_name__icontains=word)
            | Q(to_user=user, from_user__last_name__icontains=word)
        )
    return rows.select_related("from_user__country", "to_user__country").order_by("-answered_at", "-pk")


def accepted_contacts(user: User) -> QuerySet[ContactRequest]:
    """The member's contacts as accepted requests (either side), for lists that page through them."""
    if not is_network_member(user):
        return ContactRequest.objects.none()
    return ContactRequest.objects.filter(
        Q(from_user=user) | Q(to_user=user), state=ContactState.ACCEPTED
    ).select_related("from_user__country", "to_user__country")


def get_request_for(user: User, pk: int) -> ContactRequest:
    """A contact request where the user is one of the two sides; 404 otherwise."""
    return get_object_or_404(
        ContactRequest.objects.select_related("from_user", "to_user"), Q(from_user=user) | Q(to_user=user), pk=pk
    )


def blocked_by(user: User) -> QuerySet[Block]:
    return Block.objects.filter(blocker=user).select_related("blocked")


# --- conversations ------------------------------------------------------------------------------------


def conversations_for(user: User) -> QuerySet[Conversation]:
    """The inbox: newest first, annotated with `unread` (a message came after this user last read)."""
    last = F("last_message_at")
    unread = (Q(first=user) & (Q(first_read_at__isnull=True) | Q(first_read_at__lt=last))) | (
        Q(second=user) & (Q(second_read_at__isnull=True) | Q(second_read_at__lt=last))
    )
    return (
        Conversation.objects.filter(Q(first=user) | Q(second=user), last_message_at__isnull=False)
        .select_related("first__country", "second__country")
        .annotate(unread=Case(When(unread, then=True), default=False, output_field=BooleanField()))
        .order_by("-last_message_at")
    )


def unread_count(user: User) -> int:
    return conversations_for(user).filter(unread=True).count()  # type: ignore[misc]


def get_conversation_for(user: User, pk: int) -> Conversation:
    if not is_network_member(user):
        raise Http404
    return get_object_or_404(
        Conversation.objects.select_related("first", "second"), Q(first=user) | Q(second=user), pk=pk
    )


def get_message_for(user: User, pk: int) -> Message:
    """A message of one of the user's conversations (to report it), else 404."""
    if not is_network_member(user):
        raise Http404
    return get_object_or_404(
        Message.objects.select_related("sender"),
        Q(conversation__first=user) | Q(conversation__second=user),
        pk=pk,
        hidden_at__isnull=True,
    )


def messages_after(conversation: Conversation, after_id: int = 0) -> QuerySet:
    return conversation.messages.filter(pk__gt=after_id).select_related("sender").order_by("created_at", "pk")


def messages_window(conversation: Conversation, size: int, before_id: int = 0) -> tuple[list[Message], bool]:
    """(the `size` newest messages, or those just before message `before_id`, oldest first; whether older ones
    exist). Reads size + 1 rows backwards along (conversation, created_at): never the whole conversation."""
    rows = conversation.messages.select_related("sender").order_by("-created_at", "-pk")
    if before_id:
        anchor = conversation.messages.filter(pk=before_id).values_list("created_at", flat=True).first()
        if anchor is None:
            return [], False
        rows = rows.filter(Q(created_at__lt=anchor) | Q(created_at=anchor, pk__lt=before_id))
    found = list(rows[: size + 1])
    return found[:size][::-1], len(found) > size


# --- project ideas ------------------------------------------------------------------------------------


@dataclass
class IdeaFilters:
    query: str = ""
    subject: str = ""
    age: int | None = None
    language: str = ""
    country: str = ""


def visible_ideas(viewer: User, filters: IdeaFilters) -> QuerySet[ProjectIdea]:
    """Open, unexpired ideas of validated members, except from blocked people."""
    if not is_network_member(viewer):
        return ProjectIdea.objects.none()
    ideas = ProjectIdea.objects.filter(
        state=IdeaState.OPEN,
        hidden_at__isnull=True,
        expires_on__gte=timezone.localdate(),
        author__status=MemberStatus.VALIDATED,
        author__is_active=True,
    ).exclude(author__in=blocked_user_ids(viewer))
    if filters.subject:
        ideas = ideas.filter(tags__contains=f" s:{filters.subject} ")
    if filters.language:
        ideas = ideas.filter(tags__contains=f" l:{filters.language} ")
    if filters.country:
        # Ideas from that country, or ideas that want partners from it (or from anywhere).
        ideas = ideas.filter(
            Q(country_id=filters.country) | Q(tags__contains=f" w:{filters.country} ") | ~Q(tags__contains=" w:")
        )
    if filters.age is not None:
        ideas = ideas.filter(age_min__lte=filters.age, age_max__gte=filters.age)
    ideas = ideas.select_related("author", "country")
    if not filters.query.strip():
        return ideas.order_by("-created_at", "-id")  # newest first, straight from the index
    ideas = filter_text(ideas, filters.query, viewer.language, name_field="title")
    return ideas.order_by("-relevance", "-created_at", "-id")


def get_idea_for(viewer: User, pk: int) -> ProjectIdea:
    """An idea page: open ideas for every member; closed or expired ones for their author only."""
    if not is_network_member(viewer):
        raise Http404
    idea = get_object_or_404(
        ProjectIdea.objects.select_related("author", "country").exclude(author__in=blocked_user_ids(viewer)),
        pk=pk,
        hidden_at__isnull=True,  # hidden by a moderator: gone for everyone, its author included
    )
    if idea.author_id != viewer.pk and (idea.state != IdeaState.OPEN or idea.expires_on < timezone.localdate()):
        raise Http404
    return idea


def own_ideas(user: User) -> QuerySet[ProjectIdea]:
    return ProjectIdea.objects.filter(author=user).order_by("-created_at")


def idea_is_live(idea: ProjectIdea, today: date | None = None) -> bool:
    return idea.state == IdeaState.OPEN and idea.expires_on >= (today or timezone.localdate())


# --- the member's own data (privacy export) -----------------------------------------------------------


def own_data(user: User) -> ExportPart:
    """What the member created in partner finding, and nothing of anyone else: their profile, the notes of
    contact requests they sent, the messages they wrote, their ideas. Returns (data, files)."""
    profile = Profile.objects.filter(user=user).first()
    data: dict[str, object] = {}
    files: dict[str, object] = {}
    if profile is not None:
        data["partner_profile"] = {
            "introduction": profile.introduction,
            "age_min": profile.age_min,
            "age_max": profile.age_max,
            "available": profile.available,
            "available_from": profile.available_from,
            "available_until": profile.available_until,
            "project_kind": profile.project_kind,
            "subjects": list(profile.subjects.values_list("subject", flat=True)),
            "languages": dict(profile.languages.values_list("language", "level")),
            "searchable": profile.searchable,
            "show_introduction": profile.show_introduction,
            "show_photo": profile.show_photo,
            "show_institution": profile.show_institution,
        }
        if profile.photo:
            files["photo.jpg"] = profile.photo
    data["contact_requests_sent"] = list(
        ContactRequest.objects.filter(from_user=user).values("message", "state", "created_at", "answered_at")
    )
    data["messages_written"] = list(
        Message.objects.filter(sender=user).order_by("created_at").values("conversation_id", "body", "created_at")
    )
    data["project_ideas"] = list(
        ProjectIdea.objects.filter(author=user).values(
            "title", "description", "subjects", "age_min", "age_max", "languages", "countries_wanted",
            "starts_on", "ends_on", "partners_wanted", "state", "expires_on", "created_at",
        )
    )  # fmt: skip
    return ExportPart(data, files)
