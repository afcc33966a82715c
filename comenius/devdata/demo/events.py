"""Demo data of issue 13 (events): upcoming and past events in several countries and languages, organised by
central support, national teams and a group's moderators — a full webinar with a waiting list (one place offered),
a contact seminar taking applications, partner-finding fairs per school level, and past events whose attendance
was marked, so members (Mette among them) hold verifiable certificates. Everything goes through the services;
past events are made in the future and then moved back in time, as time would have done."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from comenius.accounts.models import User
from comenius.core.models import Country
from comenius.events import services
from comenius.events.models import Event, Registration


def _at(days: int, hour: int, zone: str) -> datetime:
    day = (timezone.now() + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=ZoneInfo(zone))


def _data(organiser: str, zone: str, days: int, hour: int, minutes: int, **values: Any) -> services.EventData:
    starts = _at(days, hour, zone)
    return services.EventData(
        organiser=organiser, time_zone=zone, starts_at=starts, ends_at=starts + timedelta(minutes=minutes), **values
    )


def _into_the_past(event: Event, days_ago: int) -> None:
    shift = event.starts_at - (timezone.now() - timedelta(days=days_ago))
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at - shift, ends_at=event.ends_at - shift)
    event.refresh_from_db()


def seed(officers: dict[str, User], members: dict[str, list[User]], cast: Any) -> None:
    countries = {country.code: country for country in Country.objects.all()}
    everyone = [member for code in sorted(members) for member in members[code][:2]]

    # Central support: a full webinar with a waiting list — one place freed and offered for a day.
    webinar = services.create_event(
        cast.carla,
        _data(
            "central", "Europe/Brussels", 6, 16, 60, title="Webinar: AI tools in the classroom – what works",
            description="Three teachers show how they use AI tools with pupils aged 10–18, and what they stopped "
            "doing. Questions welcome.", kind="webinar", language="en", levels=["primary", "secondary"],
            subjects=["ict", "esafety"], online_url="https://meet.jit.si/comenius-ai-webinar", capacity=4,
        ),
    )  # fmt: skip
    for person in [cast.lucia, *everyone[:5]]:
        services.register(person, webinar)
    services.cancel_registration(everyone[0], webinar)  # the first on the waiting list is offered the place

    # Partner-finding fairs by school level (the autumn campaign): one hour each.
    for days, level, title in (
        (9, "early_childhood", "Partner-finding fair: early childhood"),
        (10, "primary", "Partner-finding fair: primary"),
        (11, "secondary", "Partner-finding fair: secondary"),
    ):
        fair = services.create_event(
            cast.carla,
            _data(
                "central", "Europe/Brussels", days, 17, 60, title=title, kind="fair", language="en", levels=[level],
                description="Meet teachers looking for partners, in small rooms by age group and subject. "
                "Bring one idea for a project.", online_url="https://meet.jit.si/comenius-fair-" + level,
            ),
        )  # fmt: skip
        for person in everyone[3:9]:
            services.register(person, fair)

    # The Danish national team: a beginners' workshop in Danish (Mette and Otto are registered).
    workshop = services.create_event(
        cast.jonas,
        _data(
            "nso", "Europe/Copenhagen", 13, 14, 180, title="Kom godt i gang med eTwinning",
            description="En eftermiddag for nye medlemmer: find en partnerskole, opret et projekt og inviter din "
            "klasse. Tag din computer med.", kind="workshop", language="da", country=countries["DK"],
            levels=["primary", "secondary"], place="UCN, Hjørring", capacity=25,
        ),
    )  # fmt: skip
    services.register(cast.mette, workshop)
    services.register(cast.otto, workshop)

    # The Spanish national team: a contact seminar taking applications (newcomers favoured).
    seminar = services.create_event(
        cast.ana,
        _data(
            "nso", "Europe/Madrid", 40, 10, 480, title="Seminario de contacto: primeros proyectos",
            description="Un día para encontrar socios y preparar un primer proyecto. Plazas limitadas: damos "
            "prioridad a quienes empiezan.", kind="seminar", language="es", country=countries["ES"],
            capacity=20, mode="application", application_deadline=_at(30, 23, "Europe/Madrid"),
            place="Madrid", online_url="https://meet.jit.si/seminario-contacto",
        ),
    )  # fmt: skip
    services.register(cast.lucia, seminar, "Es mi primer año en eTwinning y busco un socio de Dinamarca.")
    for person in members.get("ES", [])[:3]:
        services.register(person, seminar, "Quiero empezar un proyecto con mi clase.")

    # Other national teams: a conference in Germany, a webinar in France.
    if "DE" in officers:
        services.create_event(
            officers["DE"],
            _data(
                "nso", "Europe/Berlin", 25, 9, 420, title="eTwinning-Jahrestagung", kind="conference",
                description="Vorträge, Werkstätten und Preise: die Jahrestagung für alle eTwinnerinnen und "
                "eTwinner in Deutschland.", language="de", country=countries["DE"], place="Berlin", capacity=200,
            ),
        )  # fmt: skip
    if "FR" in officers:
        services.create_event(
            officers["FR"],
            _data(
                "nso", "Europe/Paris", 16, 18, 60, title="Webinaire : le label de qualité", kind="webinar",
                description="Comment préparer une candidature au label de qualité national.", language="fr",
                country=countries["FR"], online_url="https://meet.jit.si/label-qualite",
            ),
        )  # fmt: skip

    # Past events with attendance marked: certificates for the participants (Mette has one).
    past_central = services.create_event(
        cast.carla,
        _data(
            "central", "Europe/Brussels", 2, 16, 90, title="Online seminar: eSafety for young pupils",
            description="How to talk with pupils aged 6–10 about what they meet online.", kind="seminar",
            language="en", levels=["early_childhood", "primary"], subjects=["esafety"],
            online_url="https://meet.jit.si/comenius-esafety", capacity=50,
        ),
    )  # fmt: skip
    for person in [cast.mette, cast.lucia, *everyone[:4]]:
        services.register(person, past_central)
    _into_the_past(past_central, 21)
    for registration in Registration.objects.filter(event=past_central).select_related("user", "event")[:5]:
        services.mark_attendance(cast.carla, registration, True)
    if "DE" in officers and members.get("DE"):
        past_german = services.create_event(
            officers["DE"],
            _data(
                "nso", "Europe/Berlin", 3, 15, 120, title="Einführung in TwinSpace", kind="workshop",
                description="Der Projektraum Schritt für Schritt.", language="de", country=countries["DE"],
                online_url="https://meet.jit.si/twinspace-einfuehrung", capacity=30,
            ),
        )  # fmt: skip
        for person in members["DE"][:3]:
            services.register(person, past_german)
        _into_the_past(past_german, 45)
        for registration in Registration.objects.filter(event=past_german).select_related("user", "event"):
            services.mark_attendance(officers["DE"], registration, True)

    # A group's event, organised by its moderator (Mette moderates "Udeskole – learning outdoors").
    from comenius.groups.models import Group

    group = Group.objects.filter(title="Udeskole – learning outdoors").first()
    if group is not None:
        services.create_event(
            cast.mette,
            _data(
                "group", "Europe/Copenhagen", 8, 15, 45, title="Udeskole: maths in the schoolyard (live)",
                description="A short live session from 4.b's schoolyard: shadows, steps and a map.", kind="webinar",
                language="en", group=group, online_url="https://meet.jit.si/udeskole-live", is_public=False,
            ),
        )  # fmt: skip
