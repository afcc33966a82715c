"""The European Quality Label round: no application. Central support opens the round for a school year's NQLs;
each NSO nominates up to `eql_share_percent` of its labelled projects whose average NQL score reaches
`eql_threshold` (among projects with NQLs in at least `eql_min_countries` countries); central support confirms,
and every teacher of a nominated project who holds its NQL receives the EQL."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.core.services import record_audit
from comenius.projects.models import Project
from comenius.recognition import access, rules
from comenius.recognition.models import EQLNomination, EQLRound, Label, LabelKind, RoundState
from comenius.recognition.services import labels


def _central(actor: User) -> None:
    if actor.role != Role.CENTRAL or not actor.is_active:
        raise DomainError(_("Only central support can do this."))


def open_round(actor: User, school_year: int | None = None) -> EQLRound:
    """Central support opens the round over the NQLs of `school_year` (default: the previous school year —
    labels are awarded in one year and the EQL announced the next). One round per school year."""
    _central(actor)
    year = rules.current_school_year() - 1 if school_year is None else school_year
    with transaction.atomic():
        if EQLRound.objects.select_for_update().filter(school_year=year).exists():
            raise DomainError(_("The round for this school year is already open."))
        round = EQLRound.objects.create(school_year=year, opened_by=actor)
        record_audit(actor, "label.eql_round_opened", round)
    return round


def nominate(officer: User, round: EQLRound, project: Project) -> EQLNomination:
    """An NSO officer nominates one of their country's candidates, within the cap (locked on the round, so two
    officers of one country cannot pass the cap together)."""
    if officer.role != Role.NSO or officer.country_id is None:
        raise DomainError(_("Only a national team nominates projects."))
    with transaction.atomic():
        round = EQLRound.objects.select_for_update().get(pk=round.pk)
        if round.state != RoundState.OPEN:
            raise DomainError(_("The round is closed."))
        country_id = officer.country_id
        candidates = {c.project.pk: c for c in access.nso_candidates(round, country_id)}
        candidate = candidates.get(project.pk)
        if candidate is None:
            raise DomainError(
                _(
                    "Only projects your team labelled, with labels in enough countries and an average at the "
                    "threshold or above, can be nominated."
                )
            )
        if candidate.nominated:
            raise DomainError(_("This project is already nominated."))
        cap = access.nomination_cap(round, country_id)
        if EQLNomination.objects.filter(round=round, country_id=country_id).count() >= cap:
            raise DomainError(_("Your team may nominate %(cap)s projects in this round, and has.") % {"cap": cap})
        nomination = EQLNomination.objects.create(
            round=round,
            project=project,
            country_id=country_id,
            average=Decimal(str(candidate.average)),
            nominated_by=officer,
        )
        record_audit(officer, "label.eql_nominated", nomination, country=officer.country)
    return nomination


def withdraw_nomination(officer: User, nomination: EQLNomination) -> None:
    with transaction.atomic():
        round = EQLRound.objects.select_for_update().get(pk=nomination.round_id)
        if round.state != RoundState.OPEN:
            raise DomainError(_("The round is closed."))
        if officer.role != Role.NSO or officer.country_id != nomination.country_id:
            raise DomainError(_("Only the national team that nominated can withdraw it."))
        record_audit(officer, "label.eql_nomination_withdrawn", nomination, country=officer.country)
        nomination.delete()


def confirm(actor: User, round: EQLRound) -> int:
    """Central support confirms the round: every teacher of a nominated project who holds its NQL of the round's
    year receives the EQL. Returns how many labels were awarded."""
    _central(actor)
    with transaction.atomic():
        round = EQLRound.objects.select_for_update().get(pk=round.pk)
        if round.state != RoundState.OPEN:
            raise DomainError(_("This round has already been confirmed."))
        now = timezone.now()
        project_ids = set(round.nominations.values_list("project_id", flat=True))
        awarded = 0
        holders = Label.objects.filter(
            kind=LabelKind.NQL, school_year=round.school_year, project_id__in=project_ids
        ).select_related("holder")
        for nql in holders:
            already = Label.objects.filter(
                kind=LabelKind.EQL,
                holder_id=nql.holder_id,
                project_id=nql.project_id or 0,
                school_year=round.school_year,
            )
            if nql.holder is None or already.exists():
                continue
            labels.award(
                LabelKind.EQL,
                nql.holder,
                now,
                actor,
                notify=True,  # the certificate's e-mail is how the teacher hears of it
                project_id=nql.project_id,
                school_year=round.school_year,
                country_id=nql.country_id,
                institution_id=nql.institution_id,
            )
            awarded += 1
        round.state = RoundState.CONFIRMED
        round.confirmed_by = actor
        round.confirmed_at = now
        round.save(update_fields=["state", "confirmed_by", "confirmed_at"])
        record_audit(actor, "label.eql_round_confirmed", round, reason=str(awarded))
    return awarded
