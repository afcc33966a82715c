"""Prizes: central support opens a round with categories by age band (and special ones it names); a teacher
enters a project with an NQL application of the round's school year in one category; central support
shortlists and names a jury; while the round is judging the jurors score the shortlist and read its spaces
(read-only, audited); central support publishes winners and runners-up."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.projects import access as projects_access
from comenius.projects.models import Project
from comenius.recognition import access, rules
from comenius.recognition.models import (
    AgeBand,
    JuryMember,
    JuryScore,
    PrizeCategory,
    PrizeEntry,
    PrizeResult,
    PrizeRound,
    PrizeState,
)

JURY_SCORE_MAX = 10


def _central(actor: User) -> None:
    if actor.role != Role.CENTRAL or not actor.is_active:
        raise DomainError(_("Only central support can do this."))


def _lock(round: PrizeRound) -> PrizeRound:
    return PrizeRound.objects.select_for_update().get(pk=round.pk)


def open_round(actor: User, title: str, special: Iterable[str] = ()) -> PrizeRound:
    """A round for the current school year with one category per age band plus the special ones named."""
    _central(actor)
    if not title.strip():
        raise DomainError(_("Give the round a title."))
    with transaction.atomic():
        round = PrizeRound.objects.create(
            school_year=rules.current_school_year(), title=title.strip()[:150], opened_by=actor
        )
        for band in AgeBand.values:
            PrizeCategory.objects.create(round=round, age_band=band)
        for name in special:
            if name.strip():
                PrizeCategory.objects.create(round=round, name=name.strip()[:150])
        record_audit(actor, "label.prize_round_opened", round)
    return round


def enter(user: User, round: PrizeRound, project: Project, category: PrizeCategory) -> PrizeEntry:
    """A teacher of the project enters it in one category (a project enters one category only)."""
    with transaction.atomic():
        round = _lock(round)
        if round.state != PrizeState.OPEN:
            raise DomainError(_("This prize round takes no more entries."))
        if category.round_id != round.pk:
            raise DomainError(_("Choose a category of this round."))
        if not access.prize_eligible_projects(user, round.school_year).filter(pk=project.pk).exists():
            raise DomainError(_("Only projects with a quality label application this school year can enter."))
        if PrizeEntry.objects.filter(round=round, project=project).exists():
            raise DomainError(_("This project has already entered the round (one category per project)."))
        entry = PrizeEntry.objects.create(round=round, category=category, project=project, entered_by=user)
        record_audit(user, "label.prize_entered", entry)
    return entry


def shortlist(actor: User, entry: PrizeEntry, listed: bool = True) -> PrizeEntry:
    _central(actor)
    with transaction.atomic():
        round = _lock(entry.round)
        if round.state != PrizeState.OPEN:
            raise DomainError(_("The shortlist is fixed once the jury scores."))
        entry.shortlisted = listed
        entry.save(update_fields=["shortlisted"])
        record_audit(actor, "label.prize_shortlisted" if listed else "label.prize_unlisted", entry)
    return entry


def add_juror(actor: User, round: PrizeRound, juror: User) -> JuryMember:
    _central(actor)
    if juror.role not in (Role.MEMBER, Role.NSO, Role.CENTRAL) or not juror.is_active:
        raise DomainError(_("A juror is a member or an officer of the platform."))
    with transaction.atomic():
        round = _lock(round)
        if round.state == PrizeState.PUBLISHED:
            raise DomainError(_("The results are published."))
        seat, _created = JuryMember.objects.get_or_create(round=round, user=juror)
        record_audit(actor, "label.prize_juror_added", round, reason=juror.get_full_name())
    return seat


def start_judging(actor: User, round: PrizeRound) -> PrizeRound:
    """Entries close; the jury may score the shortlist and read its spaces until the results are published."""
    _central(actor)
    with transaction.atomic():
        round = _lock(round)
        if round.state != PrizeState.OPEN:
            raise DomainError(_("The jury is already scoring."))
        if not round.entries.filter(shortlisted=True).exists() or not round.jury.exists():
            raise DomainError(_("Shortlist entries and name the jury first."))
        round.state = PrizeState.JUDGING
        round.save(update_fields=["state"])
        record_audit(actor, "label.prize_judging", round)
    return round


def score(juror: User, entry: PrizeEntry, value: int) -> JuryScore:
    with transaction.atomic():
        round = _lock(entry.round)
        if round.state != PrizeState.JUDGING:
            raise DomainError(_("The jury scores only while the round is being judged."))
        if not JuryMember.objects.filter(round=round, user=juror).exists():
            raise DomainError(_("Only the jury scores."))
        if not entry.shortlisted:
            raise DomainError(_("Only shortlisted entries are scored."))
        if not 0 <= int(value) <= JURY_SCORE_MAX:
            raise DomainError(_("Give a score from 0 to %(max)s.") % {"max": JURY_SCORE_MAX})
        row, _created = JuryScore.objects.update_or_create(entry=entry, juror=juror, defaults={"score": int(value)})
        record_audit(juror, "label.prize_scored", entry, reason=str(value))
    return row


def publish(actor: User, round: PrizeRound) -> PrizeRound:
    """The best-scored shortlisted entry of each category wins, the next is runner-up; the jury's access ends."""
    _central(actor)
    with transaction.atomic():
        round = _lock(round)
        if round.state != PrizeState.JUDGING:
            raise DomainError(_("Results are published after the jury has scored."))
        for category in round.categories.all():
            ranked = (
                category.entries.filter(shortlisted=True)
                .annotate(average=Avg("scores__score"))
                .filter(average__isnull=False)
                .order_by("-average", "pk")
            )
            for position, entry in enumerate(ranked[:2]):
                entry.result = PrizeResult.WINNER if position == 0 else PrizeResult.RUNNER_UP
                entry.save(update_fields=["result"])
        round.state = PrizeState.PUBLISHED
        round.published_at = timezone.now()
        round.save(update_fields=["state", "published_at"])
        record_audit(actor, "label.prize_published", round)
    return round


def member_of_project(user: User, project: Project) -> bool:
    return projects_access.is_member(user, project)
