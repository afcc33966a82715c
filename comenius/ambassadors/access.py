"""Reads about ambassadors that depend on who asks. The public finder shows only current ambassadors and only
what each chose to show; the NSO sees its own country's appointments; an ambassador sees the newcomers of
their regions who asked for help (only what those newcomers chose to share)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from comenius.accounts import access as accounts_access
from comenius.accounts.models import Role, User
from comenius.ambassadors import regions
from comenius.ambassadors.models import LIVE_STATES, Appointment, HelpRequest, HelpWay, PosterVisit
from comenius.core.models import Country
from comenius.core.vocabulary import Language
from comenius.institutions.models import InstitutionType, Membership

NEWCOMER_DAYS = 90


@dataclass(frozen=True)
class Filters:
    region: str = ""
    postcode: str = ""
    municipality: str = ""
    level: str = ""
    language: str = ""


@dataclass(frozen=True)
class AmbassadorCard:
    """What a visitor sees of an ambassador: never their e-mail address."""

    pk: int
    name: str
    kind: str
    school: str
    introduction: str
    has_photo: bool
    regions: list[str]
    help_ways: list[str]
    languages: list[str]
    levels: list[str]


def public_appointments() -> QuerySet[Appointment]:
    return Appointment.objects.current().filter(user__is_active=True, user__deleted_at__isnull=True)


def resolve_region(country: Country, filters: Filters) -> regions.Region | None:
    """The region a finder search means: chosen directly, or found from a postcode or a municipality."""
    if filters.region:
        region = regions.get(filters.region)
        return region if region and region.country == country.code else None
    if filters.postcode:
        return regions.region_for_postcode(country.code, filters.postcode)
    if filters.municipality:
        return regions.region_for_area(country.code, filters.municipality)
    return None


def find(country: Country, filters: Filters) -> tuple[QuerySet[Appointment], regions.Region | None]:
    """Current ambassadors of a country, narrowed by region (or postcode / municipality), level, language."""
    found = public_appointments().filter(country=country)
    region = resolve_region(country, filters)
    if region is not None:
        found = found.filter(tags__contains=f" r:{region.code} ")
    elif filters.region or filters.postcode or filters.municipality:
        found = found.none()  # a place we cannot place: say so rather than list the whole country
    if filters.level in InstitutionType.values:
        found = found.filter(tags__contains=f" v:{filters.level} ")
    if filters.language in Language.values:
        found = found.filter(tags__contains=f" l:{filters.language} ")
    return found.select_related("user").order_by("user__first_name", "user__last_name", "pk"), region


def counts_by_region(country: Country) -> dict[str, int]:
    """How many current ambassadors serve each region (for the map and its list)."""
    counts: dict[str, int] = {}
    for codes in public_appointments().filter(country=country).values_list("regions", flat=True):
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    return counts


def countries_with_ambassadors() -> dict[str, int]:
    counts: dict[str, int] = {}
    for code in public_appointments().values_list("country_id", flat=True):
        counts[code] = counts.get(code, 0) + 1
    return counts


def cards(appointments: list[Appointment]) -> list[AmbassadorCard]:
    """Cards for the finder, with schools and photos in two queries whatever the number of ambassadors."""
    user_ids = [a.user_id for a in appointments]
    schools: dict[int, str] = {}
    for membership in (
        Membership.objects.filter(user_id__in=user_ids).select_related("institution").order_by("created_at")
    ):
        schools[membership.user_id] = f"{membership.institution.name}, {membership.institution.city}"
    with_photo = _users_with_photo(user_ids)
    help_labels = dict(HelpWay.choices)
    language_labels = dict(Language.choices)
    level_labels = dict(InstitutionType.choices)
    found = []
    for appointment in appointments:
        found.append(
            AmbassadorCard(
                pk=appointment.pk,
                name=appointment.user.get_full_name(),
                kind=appointment.get_kind_display(),
                school=schools.get(appointment.user_id, "") if appointment.show_school else "",
                introduction=appointment.introduction,
                has_photo=appointment.show_photo and appointment.user_id in with_photo,
                regions=[r.name for r in map(regions.get, appointment.regions) if r],
                help_ways=[str(help_labels[w]) for w in appointment.help_ways if w in help_labels],
                languages=[str(language_labels[code]) for code in appointment.languages if code in language_labels],
                levels=[str(level_labels[v]) for v in appointment.levels if v in level_labels],
            )
        )
    return found


def _users_with_photo(user_ids: list[int]) -> set[int]:
    from comenius.network.models import Profile

    return set(Profile.objects.filter(user_id__in=user_ids).exclude(photo="").values_list("user_id", flat=True))


def get_public_appointment(pk: int) -> Appointment:
    return get_object_or_404(public_appointments().select_related("user", "country"), pk=pk)


def public_photo(pk: int) -> object:
    """The photo of a current ambassador who chose to show it, or 404."""
    from comenius.network.models import Profile

    appointment = get_public_appointment(pk)
    if not appointment.show_photo:
        raise Http404
    profile = Profile.objects.filter(user_id=appointment.user_id).exclude(photo="").first()
    if profile is None:
        raise Http404
    return profile.photo


# --- for NSO officers ---------------------------------------------------------------------------------------------


def appointments_for(officer: User) -> QuerySet[Appointment]:
    """An NSO officer's own country's appointments; every country's for central support."""
    found = Appointment.objects.select_related("user", "country")
    if not accounts_access.is_officer(officer):
        return found.none()
    if officer.role == Role.CENTRAL:
        return found
    return found.filter(country_id=officer.country_id)


def get_appointment_for(officer: User, pk: int) -> Appointment:
    return get_object_or_404(appointments_for(officer), pk=pk)


def appointable_member(officer: User, email: str) -> User | None:
    """A validated member of the officer's country (any country for central support) with this address."""
    members = User.objects.filter(role=Role.MEMBER, is_active=True, deleted_at__isnull=True)
    if officer.role != Role.CENTRAL:
        members = members.filter(country_id=officer.country_id)
    return members.filter(email__iexact=email.strip()).first()


def poster_visits(country: Country) -> list[dict[str, object]]:
    """Visits from posters per campaign and region, the last year."""
    since = timezone.localdate() - timedelta(days=365)
    rows = (
        PosterVisit.objects.filter(country=country, day__gte=since)
        .values("campaign", "region")
        .annotate(total=Sum("visits"))
        .order_by("-total", "campaign")
    )
    found = []
    for row in rows:
        region = regions.get(str(row["region"])) if row["region"] else None
        found.append({"campaign": row["campaign"], "region": region.name if region else "", "visits": row["total"]})
    return found


# --- for the ambassador themselves ----------------------------------------------------------------------------


def own_appointment(user: User) -> Appointment | None:
    """The member's live appointment (offered or active), if any."""
    return Appointment.objects.filter(user=user, state__in=LIVE_STATES).select_related("country").first()


def current_appointment(user: User) -> Appointment | None:
    return Appointment.objects.current().filter(user=user).first()


def newcomers_for(ambassador: User) -> QuerySet[HelpRequest]:
    """Help requests from the ambassador's regions (their whole country when it has no regions here), of
    members who joined in the last NEWCOMER_DAYS or are still waiting for validation."""
    appointment = current_appointment(ambassador)
    if appointment is None:
        return HelpRequest.objects.none()
    since = timezone.now() - timedelta(days=NEWCOMER_DAYS)
    found = HelpRequest.objects.filter(
        country_id=appointment.country_id, user__is_active=True, user__deleted_at__isnull=True
    ).exclude(user=ambassador)
    if regions.regions_of(appointment.country_id):
        found = found.filter(region__in=appointment.regions)
    from django.db.models import Q

    found = found.filter(Q(user__date_joined__gte=since) | Q(user__status="pending"))
    return found.select_related("user", "offered_by").order_by("-created_at")


@dataclass(frozen=True)
class NewcomerRow:
    pk: int
    name: str
    school: str
    region: str
    waiting: bool
    joined: object
    note: str
    offered_by: str


def newcomer_rows(help_requests: list[HelpRequest]) -> list[NewcomerRow]:
    """Only what each newcomer chose to share."""
    from django.utils.translation import gettext as _

    schools: dict[int, str] = {}
    for membership in Membership.objects.filter(user_id__in=[h.user_id for h in help_requests]).select_related(
        "institution"
    ):
        schools[membership.user_id] = f"{membership.institution.name}, {membership.institution.city}"
    rows = []
    for item in help_requests:
        region = regions.get(item.region) if item.region else None
        rows.append(
            NewcomerRow(
                pk=item.pk,
                name=item.user.get_full_name() if item.share_name else _("A newcomer"),
                school=schools.get(item.user_id, "") if item.share_school else "",
                region=region.name if region else "",
                waiting=item.user.status == "pending",
                joined=item.user.date_joined,
                note=item.note,
                offered_by=item.offered_by.get_full_name() if item.offered_by else "",
            )
        )
    return rows


def get_newcomer_for(ambassador: User, pk: int) -> HelpRequest:
    return get_object_or_404(newcomers_for(ambassador), pk=pk)
