"""Writes for ambassadors: appointment, acceptance, renewal and end of a term; visitors' and members' contact;
poster visits; newcomers asking for help and ambassadors offering it.

Every function checks who may do it again (views are not the only callers) and refuses with a DomainError.
Decisions lock the appointment row (`select_for_update`) and write the audit log; e-mails go after commit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts import access as accounts_access
from comenius.accounts.models import Role, User
from comenius.ambassadors import notifying, regions
from comenius.ambassadors.models import (
    LIVE_STATES,
    AmbassadorKind,
    Appointment,
    AppointmentState,
    HelpRequest,
    PosterVisit,
    VisitorContact,
)
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion, ExportPart
from comenius.core.models import Country
from comenius.core.services import record_audit
from comenius.institutions.models import Membership
from comenius.notifications.services import Mail, notify, notify_address

MAX_TERM_DAYS = 3 * 366


def _limit(name: str, default: int) -> int:
    """Limits that a deployment may tune in settings; the defaults suit a national community."""
    return int(getattr(settings, name, default))


VISITOR_CONTACTS_PER_DAY = 3  # messages one visitor may send through the finder in a day
AMBASSADOR_CONTACTS_PER_DAY = 20  # messages one ambassador receives from visitors in a day
VISITOR_CONTACT_KEEP_DAYS = 30


@dataclass(frozen=True)
class AppointmentData:
    kind: str
    ends_on: date
    regions: list[str]
    starts_on: date | None = None
    levels: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    help_ways: list[str] = field(default_factory=list)


def _require_officer_of(officer: User, country_id: str) -> None:
    if not accounts_access.is_officer(officer) or not accounts_access.has_second_factor(officer):
        raise DomainError(_("Only your national team can do this."))
    if officer.role != Role.CENTRAL and officer.country_id != country_id:
        raise DomainError(_("Only your national team can do this."))


def _tags(appointment: Appointment) -> str:
    tokens = [f"r:{code}" for code in appointment.regions]
    tokens += [f"v:{level}" for level in appointment.levels]
    tokens += [f"l:{language}" for language in appointment.languages]
    tokens += [f"s:{subject}" for subject in appointment.subjects]
    tokens += [f"h:{way}" for way in appointment.help_ways]
    tokens.append(f"k:{appointment.kind}")
    return " " + " ".join(tokens) + " "


def _check_data(country: Country, data: AppointmentData, starts_on: date) -> None:
    known = {region.code for region in regions.regions_of(country.code)}
    if known and not data.regions:
        raise DomainError(_("Choose at least one region."))
    if set(data.regions) - known:
        raise DomainError(_("Choose regions of the country."))
    if data.ends_on < starts_on:
        raise DomainError(_("The term must end after it starts."))
    if data.ends_on < timezone.localdate():
        raise DomainError(_("The end of the term must be in the future."))
    if (data.ends_on - starts_on).days > MAX_TERM_DAYS:
        raise DomainError(_("A term lasts at most three years. Renew it when it ends."))
    if data.kind not in AmbassadorKind.values:
        raise DomainError(_("Choose ambassador or mentor."))


def appoint(officer: User, member: User, data: AppointmentData) -> Appointment:
    """An NSO officer (with MFA) of the member's country, or central support, appoints a validated member as
    ambassador or mentor. The appointment waits for the member to accept. Locks the member's row; audited;
    the member is e-mailed after commit."""
    country_id = member.country_id or ""
    _require_officer_of(officer, country_id)
    with transaction.atomic():
        member = User.objects.select_for_update().get(pk=member.pk)
        if not member.is_validated_member or not member.is_active or member.deleted_at is not None:
            raise DomainError(_("Only a validated member can be appointed."))
        country = Country.objects.get(pk=country_id)
        starts_on = data.starts_on or timezone.localdate()
        _check_data(country, data, starts_on)
        if Appointment.objects.filter(user=member, state__in=LIVE_STATES).exists():
            raise DomainError(_("This member already has an appointment. Renew or end it instead."))
        appointment = Appointment(
            user=member,
            country=country,
            kind=data.kind,
            starts_on=starts_on,
            ends_on=data.ends_on,
            regions=list(data.regions),
            levels=list(data.levels),
            subjects=list(data.subjects),
            tools=list(data.tools),
            languages=list(data.languages),
            help_ways=list(data.help_ways),
            appointed_by=officer,
        )
        appointment.tags = _tags(appointment)
        try:
            with transaction.atomic():
                appointment.save()
        except IntegrityError as error:  # a double submit
            raise DomainError(_("This member already has an appointment. Renew or end it instead.")) from error
        record_audit(officer, "ambassador.appoint", appointment, country=country)
        _mail(appointment, "ambassadors/email/appointed")
    return appointment


def update(officer: User, appointment: Appointment, data: AppointmentData) -> Appointment:
    """The NSO changes the regions, expertise, languages or ways of helping of a live appointment."""
    _require_officer_of(officer, appointment.country_id)
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.state not in LIVE_STATES:
            raise DomainError(_("This appointment has ended."))
        _check_data(locked.country, data, locked.starts_on)
        for name in ("kind", "ends_on", "regions", "levels", "subjects", "tools", "languages", "help_ways"):
            setattr(
                locked,
                name,
                list(getattr(data, name)) if isinstance(getattr(data, name), list) else getattr(data, name),
            )
        locked.tags = _tags(locked)
        locked.save()
        record_audit(officer, "ambassador.update", locked, country=locked.country)
    return locked


def accept(member: User, appointment: Appointment) -> Appointment:
    """The appointed member accepts; the appointment becomes active (and public on the finder)."""
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.user_id != member.pk:
            raise DomainError(_("This appointment is not yours."))
        if locked.state != AppointmentState.OFFERED:
            raise DomainError(_("This appointment was answered already."))
        locked.state = AppointmentState.ACTIVE
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["state", "accepted_at"])
        record_audit(member, "ambassador.accept", locked, country=locked.country)
    return locked


def decline(member: User, appointment: Appointment) -> Appointment:
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.user_id != member.pk:
            raise DomainError(_("This appointment is not yours."))
        if locked.state != AppointmentState.OFFERED:
            raise DomainError(_("This appointment was answered already."))
        locked.state = AppointmentState.DECLINED
        locked.ended_at = timezone.now()
        locked.save(update_fields=["state", "ended_at"])
        record_audit(member, "ambassador.decline", locked, country=locked.country)
    return locked


def renew(officer: User, appointment: Appointment, ends_on: date) -> Appointment:
    """The NSO extends a live term to a later end date. Audited; the ambassador is told."""
    _require_officer_of(officer, appointment.country_id)
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.state not in LIVE_STATES:
            raise DomainError(_("This appointment has ended. Appoint the member again."))
        if ends_on <= locked.ends_on:
            raise DomainError(_("A renewal must end later than the current term."))
        if (ends_on - timezone.localdate()).days > MAX_TERM_DAYS:
            raise DomainError(_("A term lasts at most three years. Renew it when it ends."))
        locked.ends_on = ends_on
        locked.save(update_fields=["ends_on"])
        record_audit(officer, "ambassador.renew", locked, country=locked.country, reason=ends_on.isoformat())
        _mail(locked, "ambassadors/email/renewed")
    return locked


def end(officer: User | None, appointment: Appointment, reason: str = "") -> Appointment:
    """End a live term now: by the NSO (audited with its reason), by the ambassador themselves (officer is
    the ambassador), or by the platform when the term is over (officer None, from the daily task)."""
    if officer is not None and officer.pk != appointment.user_id:
        _require_officer_of(officer, appointment.country_id)
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.state not in LIVE_STATES:
            raise DomainError(_("This appointment has ended already."))
        locked.state = AppointmentState.ENDED
        locked.ended_at = timezone.now()
        locked.end_reason = reason[:300]
        if locked.ends_on > timezone.localdate():
            locked.ends_on = max(timezone.localdate(), locked.starts_on)
        locked.save(update_fields=["state", "ended_at", "end_reason", "ends_on"])
        record_audit(officer, "ambassador.end", locked, country=locked.country, reason=reason)
        if officer is None or officer.pk != locked.user_id:
            _mail(locked, "ambassadors/email/ended")
    return locked


def end_expired_terms() -> int:
    """Periodic (daily): end every live appointment whose term is over; offers never accepted lapse too."""
    ended = 0
    for appointment in Appointment.objects.filter(state__in=LIVE_STATES, ends_on__lt=timezone.localdate()):
        try:
            end(None, appointment, reason="term over")
        except DomainError:
            continue
        ended += 1
    return ended


def update_own_listing(
    member: User, appointment: Appointment, introduction: str, show_photo: bool, show_school: bool
) -> Appointment:
    """The ambassador decides what the public finder shows of them."""
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.user_id != member.pk or locked.state not in LIVE_STATES:
            raise DomainError(_("This appointment is not yours."))
        locked.introduction = introduction.strip()[:800]
        locked.show_photo = show_photo
        locked.show_school = show_school
        locked.save(update_fields=["introduction", "show_photo", "show_school"])
    return locked


_TEXTS = {
    "ambassadors/email/appointed": gettext_lazy("%(nso)s invites you to be an ambassador"),
    "ambassadors/email/renewed": gettext_lazy("Your term as ambassador is renewed"),
    "ambassadors/email/ended": gettext_lazy("Your term as ambassador has ended"),
}


def _mail(appointment: Appointment, template: str) -> None:
    """Tell the member (in-app and by e-mail, through the notifications app). Call after commit."""
    user = appointment.user
    if user.deleted_at is not None:
        return
    context = {
        "appointment": appointment,
        "name": user.get_short_name(),
        "link": absolute_url(reverse("ambassadors:mine")),
    }
    notify(
        user,
        notifying.APPOINTMENT,
        appointment,
        text=_TEXTS[template],
        params={"nso": appointment.country.nso_name},
        url=reverse("ambassadors:mine"),
        mail=Mail(template, context),
    )


# --- contact ----------------------------------------------------------------------------------------------------


def sender_key(address: str) -> str:
    """A salted hash of a visitor's network address that changes every day: enough to count, nothing to trace."""
    day = timezone.now().strftime("%Y-%m-%d")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{day}:{address}".encode()).hexdigest()


def contact_by_visitor(appointment: Appointment, address: str, name: str, email: str, message: str) -> None:
    """A visitor writes to a current ambassador. The e-mail goes to the ambassador with the visitor's address
    as Reply-To: the ambassador's own address is never shown to the visitor (they see it only if they get an
    answer). Rate limited per visitor (VISITOR_CONTACTS_PER_DAY) and per ambassador (AMBASSADOR_CONTACTS_PER_DAY),
    counted in the database."""
    if not appointment.is_current:
        raise DomainError(_("This ambassador cannot be contacted any more."))
    key = sender_key(address)
    since = timezone.now() - timedelta(days=1)
    if VisitorContact.objects.filter(sender_key=key, created_at__gte=since).count() >= _limit(
        "VISITOR_CONTACTS_PER_DAY", VISITOR_CONTACTS_PER_DAY
    ):
        raise DomainError(_("You have sent several messages today. Please try again tomorrow."))
    received = VisitorContact.objects.filter(appointment=appointment, created_at__gte=since).count()
    if received >= _limit("AMBASSADOR_CONTACTS_PER_DAY", AMBASSADOR_CONTACTS_PER_DAY):
        raise DomainError(_("This ambassador has received many messages today. Please try again tomorrow."))
    VisitorContact.objects.create(appointment=appointment, sender_key=key)
    ambassador = appointment.user
    if not ambassador.email:
        return
    context = {
        "name": name.strip()[:100],
        "message": message.strip()[:2000],
        "ambassador": ambassador.get_short_name(),
    }
    notify_address(
        ambassador.email,
        ambassador.language or settings.LANGUAGE_CODE,
        notifying.VISITOR_CONTACT,
        Mail("ambassadors/email/visitor", context),
        reply_to=email.strip(),
    )


def contact_by_member(member: User, appointment: Appointment, body: str) -> int:
    """A validated member writes to an ambassador through the platform's messages (network's rules apply:
    blocks, cold-contact limits). Returns the conversation's id."""
    from comenius.network import services as network

    if not appointment.is_current:
        raise DomainError(_("This ambassador cannot be contacted any more."))
    message = network.send_message(member, appointment.user, body)
    return message.conversation_id


def delete_old_contacts() -> int:
    """Periodic (daily): the visitor-contact counts are only needed for the rate limits."""
    deleted, _kinds = VisitorContact.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=_limit("VISITOR_CONTACT_KEEP_DAYS", VISITOR_CONTACT_KEEP_DAYS))
    ).delete()
    return deleted


# --- posters ----------------------------------------------------------------------------------------------------


def count_poster_visit(country_id: str, region: str, campaign: str, address: str, agent: str) -> bool:
    """Count one visit from a poster's QR code. No cookie is set and nothing about the visitor is stored:
    a salted daily hash of address and browser is held in the cache for a day so that a reload does not
    count twice. Returns whether it counted."""
    campaign = "".join(c for c in campaign.lower() if c.isalnum() or c in "-_")[:40]
    if not campaign:
        return False
    if region and regions.get(region) is None:
        region = ""
    seen = "poster-seen:" + sender_key(f"{address}|{agent}|{country_id}|{region}|{campaign}")
    if not cache.add(seen, 1, 24 * 3600):
        return False
    today = timezone.localdate()
    updated = PosterVisit.objects.filter(country_id=country_id, region=region, campaign=campaign, day=today).update(
        visits=F("visits") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                PosterVisit.objects.create(country_id=country_id, region=region, campaign=campaign, day=today, visits=1)
        except IntegrityError:
            PosterVisit.objects.filter(country_id=country_id, region=region, campaign=campaign, day=today).update(
                visits=F("visits") + 1
            )
    return True


# --- newcomers ----------------------------------------------------------------------------------------------------


def ask_for_help(member: User, share_name: bool, share_school: bool, note: str) -> HelpRequest:
    """A newcomer (pending or validated member) asks the ambassadors of their region for help, sharing only
    what they tick. Asking again updates the request."""
    if member.role != Role.MEMBER or member.country_id is None:
        raise DomainError(_("Only members can ask an ambassador for help."))
    membership = Membership.objects.filter(user=member).select_related("institution").order_by("-created_at").first()
    region = None
    if membership is not None:
        place = membership.institution
        region = regions.region_of_place(member.country_id, place.postcode, place.city, place.region)
    request, _created = HelpRequest.objects.update_or_create(
        user=member,
        defaults={
            "country_id": member.country_id,
            "region": region.code if region else "",
            "share_name": share_name,
            "share_school": share_school,
            "note": note.strip()[:500],
        },
    )
    return request


def withdraw_help_request(member: User) -> None:
    HelpRequest.objects.filter(user=member).delete()


def offer_help(ambassador: User, help_request: HelpRequest) -> HelpRequest:
    """A current ambassador of the newcomer's region offers help: the newcomer gets an e-mail with the
    ambassador's name and a way to answer (the ambassador's address, which they agree to share by offering)."""
    from comenius.ambassadors import access

    with transaction.atomic():
        locked = HelpRequest.objects.select_for_update().select_related("user").get(pk=help_request.pk)
        if not access.newcomers_for(ambassador).filter(pk=locked.pk).exists():
            raise DomainError(_("This newcomer is outside your regions."))
        if locked.offered_by_id is not None:
            raise DomainError(_("An ambassador has offered help already."))
        locked.offered_by = ambassador
        locked.offered_at = timezone.now()
        locked.save(update_fields=["offered_by", "offered_at"])
        newcomer = locked.user
        context = {
            "name": newcomer.get_short_name(),
            "ambassador": ambassador.get_full_name(),
            "ambassador_email": ambassador.email or "",
        }
        notify(
            newcomer,
            notifying.HELP_OFFERED,
            locked,
            text=gettext_lazy("%(name)s, an ambassador of your region, offers to help you"),
            params={"name": ambassador.get_full_name()},
            url=reverse("ambassadors:ask_for_help"),
            mail=Mail("ambassadors/email/help_offered", context),
        )
    return locked


# --- the member lifecycle -------------------------------------------------------------------------------------


def forget_member(user: User, deletion: Deletion) -> None:
    """Account deletion: live appointments end; the member's help request goes."""
    for appointment in Appointment.objects.filter(user=user, state__in=LIVE_STATES):
        end(None, appointment, reason="account deleted")
    Appointment.objects.filter(user=user).update(introduction="")
    HelpRequest.objects.filter(user=user).delete()
    HelpRequest.objects.filter(offered_by=user).update(offered_by=None)


def suspended(user: User) -> None:
    """A suspended ambassador is not shown (the finder shows only active users); nothing to store."""


def own_data(user: User) -> ExportPart:
    appointments = list(
        Appointment.objects.filter(user=user).values(
            "kind", "state", "country_id", "starts_on", "ends_on", "regions", "levels", "subjects", "tools",
            "languages", "help_ways", "introduction", "show_photo", "show_school", "accepted_at", "ended_at",
        )
    )  # fmt: skip
    data: dict[str, object] = {"ambassador_appointments": appointments}
    request = (
        HelpRequest.objects.filter(user=user)
        .values("region", "share_name", "share_school", "note", "created_at")
        .first()
    )
    if request:
        data["help_request"] = request
    return ExportPart(data, {})


def merge_member(kept: User, merged: User) -> None:
    """Account merge: the merged account's appointments and help request move to the kept account, without
    making two live appointments or two help requests."""
    if Appointment.objects.filter(user=kept, state__in=LIVE_STATES).exists():
        for appointment in Appointment.objects.filter(user=merged, state__in=LIVE_STATES):
            end(None, appointment, reason="account merged")
    Appointment.objects.filter(user=merged).update(user=kept)
    if HelpRequest.objects.filter(user=kept).exists():
        HelpRequest.objects.filter(user=merged).delete()
    else:
        HelpRequest.objects.filter(user=merged).update(user=kept)
    HelpRequest.objects.filter(offered_by=merged).update(offered_by=kept)


def member_moved(user: User) -> None:
    """Member lifecycle (moved, `accounts.moving`): an ambassador who moves to another country leaves the
    appointment of their old country's NSO (ended by the platform, with the reason); within the country it stays."""
    for appointment in Appointment.objects.filter(user=user, state__in=LIVE_STATES).exclude(country_id=user.country_id):
        end(None, appointment, reason="moved to another country")
