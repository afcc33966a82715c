from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from comenius.accounts.models import User
from comenius.ambassadors import services
from comenius.ambassadors.models import Appointment


def appoint(officer: User, member: User, regions: list[str], *, accept: bool = True, **extra: object) -> Appointment:
    data = services.AppointmentData(
        kind=str(extra.pop("kind", "ambassador")),
        ends_on=timezone.localdate() + timedelta(days=int(extra.pop("days", 365))),  # type: ignore[call-overload]
        regions=regions,
        levels=list(extra.pop("levels", ["primary"])),  # type: ignore[call-overload]
        languages=list(extra.pop("languages", ["da", "en"])),  # type: ignore[call-overload]
        help_ways=list(extra.pop("help_ways", ["workshops", "online"])),  # type: ignore[call-overload]
    )
    appointment = services.appoint(officer, member, data)
    if accept:
        appointment = services.accept(member, appointment)
    return appointment
