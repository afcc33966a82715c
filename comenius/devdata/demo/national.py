"""Demo data of issue 12: Denmark's 20 ambassadors across its five regions and ambassadors in other countries,
every country's national page with news, a history of 24 months (members joining, projects starting) so the
NSO dashboard and the public statistics show something real, and a few poster visits and help requests.
Everything goes through the services; only the history's dates are moved afterwards (demo data only)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.utils import timezone

from comenius.accounts.models import Role, User
from comenius.ambassadors import services as ambassadors
from comenius.ambassadors.models import PosterVisit
from comenius.core.models import Country
from comenius.countries import aggregates
from comenius.countries import services as countries
from comenius.devdata.testing import make_institution, register, validated
from comenius.projects.models import Project

# (first name, last name, school, type, municipality, postcode) — four per Danish region.
DANISH_AMBASSADORS = {
    "dk-nordjylland": [
        ("Anne", "Kjær", "Vestbyskolen", "primary", "Hjørring", "9800"),
        ("Lars", "Thomsen", "Aalborg Katedralskole", "upper_secondary", "Aalborg", "9000"),
        ("Birgitte", "Holm", "Børnehuset Solsikken", "ecec", "Frederikshavn", "9900"),
        ("Jens", "Møller", "Thisted Skole", "lower_secondary", "Thisted", "7700"),
    ],
    "dk-midtjylland": [
        ("Kirsten", "Lund", "Skt. Knuds Skole", "primary", "Aarhus", "8000"),
        ("Peter", "Rasmussen", "Herning Gymnasium", "upper_secondary", "Herning", "7400"),
        ("Louise", "Bak", "Viborg Private Realskole", "lower_secondary", "Viborg", "8800"),
        ("Henrik", "Dahl", "Randers Kommune, Børn og Skole", "other", "Randers", "8900"),
    ],
    "dk-syddanmark": [
        ("Mette", "Frandsen", "Tietgenskolen", "ivet", "Odense", "5000"),
        ("Søren", "Nygaard", "Kolding Realskole", "lower_secondary", "Kolding", "6000"),
        ("Hanne", "Schmidt", "Esbjerg Børnehave Stjernen", "ecec", "Esbjerg", "6700"),
        ("Morten", "Jepsen", "Sønderborg Statsskole", "upper_secondary", "Sønderborg", "6400"),
    ],
    "dk-sjaelland": [
        ("Lene", "Christiansen", "Roskilde Lilleskole", "primary", "Roskilde", "4000"),
        ("Thomas", "Krogh", "Næstved Gymnasium", "upper_secondary", "Næstved", "4700"),
        ("Susanne", "Vinther", "Professionshøjskolen Absalon", "teacher_education", "Slagelse", "4200"),
        ("Michael", "Bach", "Holbæk Specialskole", "special_needs", "Holbæk", "4300"),
    ],
    "dk-hovedstaden": [
        ("Camilla", "Winther", "Øster Farimagsgade Skole", "primary", "København", "2100"),
        ("Rasmus", "Olsen", "Gentofte Børnehus", "ecec", "Gentofte", "2820"),
        ("Julie", "Andersen", "Hillerød Tekniske Skole", "ivet", "Hillerød", "3400"),
        ("Niels", "Kofoed", "Rønne Lille Skole", "primary", "Bornholm", "3700"),
    ],
}

OTHER_AMBASSADORS: dict[str, list[tuple[str, str, str, str, str, str, list[str]]]] = {
    "ES": [
        ("Carmen", "Ruiz", "CEIP Miguel de Cervantes", "primary", "Madrid", "28001", ["es-md"]),
        ("Jordi", "Puig", "Institut Montjuïc", "lower_secondary", "Barcelona", "08004", ["es-ct"]),
        ("Lucía", "Gómez", "IES Al-Ándalus", "upper_secondary", "Sevilla", "41005", ["es-an"]),
        ("Iker", "Etxeberria", "Ikastola Txantxiku", "primary", "Bilbao", "48001", ["es-pv", "es-nc"]),
    ],
    "BE": [
        ("Els", "Peeters", "Basisschool De Regenboog", "primary", "Gent", "9000", ["be-vlg"]),
        ("Julien", "Dubois", "Athénée Royal de Namur", "upper_secondary", "Namur", "5000", ["be-wal", "be-bru"]),
    ],
    "IT": [
        ("Giulia", "Bianchi", "Istituto Comprensivo Dante", "lower_secondary", "Torino", "10121", []),
        ("Marco", "Ferrari", "Liceo Scientifico Galilei", "upper_secondary", "Napoli", "80121", []),
    ],
    "PL": [("Anna", "Nowak", "Szkoła Podstawowa nr 12", "primary", "Kraków", "30-001", [])],
}

NEWS = {
    "da": [
        (
            "Velkommen til det nye skoleår",
            "<p>Vi glæder os til et år med nye partnerskaber. Find din lokale ambassadør, og kom godt i gang.</p>",
        ),
        (
            "Workshop for nye medlemmer i Aarhus",
            "<p>Onsdag eftermiddag holder vores ambassadører en workshop på tre timer. "
            "<strong>Tilmelding</strong> via dit nationale team.</p>",
        ),
    ],
    "es": [
        (
            "Bienvenidos al nuevo curso",
            "<p>Empieza un año lleno de proyectos. Busca a tu embajador local y da el primer paso.</p>",
        ),
        ("Seminario de contacto en Madrid", "<p>Un encuentro para docentes que buscan socios europeos.</p>"),
    ],
}
DEFAULT_NEWS = [
    (
        "Welcome to the new school year",
        "<p>A year of new partnerships starts now. Find your local ambassador and take the first step.</p>",
    ),
    ("Online seminar for newcomers", "<p>Our ambassadors show how a first project works, step by step.</p>"),
]


def seed(officers: dict[str, User], cast: Any) -> None:
    """Call after the countries, the cast and the projects are seeded (inside a transaction)."""
    rng = random.Random("national")  # noqa: S311 - repeatable demo data, not security
    for code, officer in officers.items():
        country = Country.objects.get(pk=code)
        _national_page(officer, country)
    _danish_ambassadors(officers["DK"], cast, rng)
    for code, people in OTHER_AMBASSADORS.items():
        if code in officers:
            for first, last, school, kind, city, postcode, region_codes in people:
                _ambassador(
                    officers[code],
                    Country.objects.get(pk=code),
                    first,
                    last,
                    school,
                    kind,
                    city,
                    postcode,
                    region_codes,
                    rng,
                )
    _history(rng)
    _poster_visits(rng)
    ambassadors.ask_for_help(cast.nina, True, True, "Hvordan finder jeg en partnerbørnehave?")
    aggregates.refresh()


def _national_page(officer: User, country: Country) -> None:
    language = country.languages[0] if country.languages else "en"
    countries.update_page(
        officer,
        country,
        countries.PageData(
            introduction=(
                f"<p>{country.nso_name}</p><p>We help schools of {country.name} find partners and start projects.</p>"
            ),
            address=f"{country.nso_name}\n{country.name}",
            email=f"nso-{country.code.lower()}@demo.example",
            phone="+00 000 000 000",
            website=f"https://{country.code.lower()}.demo.example",
        ),
    )
    now = timezone.now()
    for days, (title, body) in zip((40, 5), NEWS.get(language, DEFAULT_NEWS), strict=True):
        post = countries.save_news(officer, country, countries.NewsData(title, body, publish=True))
        type(post).objects.filter(pk=post.pk).update(published_at=now - timedelta(days=days))


def _ambassador(
    officer: User,
    country: Country,
    first: str,
    last: str,
    school: str,
    kind: str,
    city: str,
    postcode: str,
    region_codes: list[str],
    rng: random.Random,
    member: User | None = None,
) -> None:
    if member is None:
        institution = make_institution(country, school, kind, city, postcode)
        email = f"ambassador.{_slug(first)}.{_slug(last)}@{country.code.lower()}.demo.example"
        member = validated(
            register(email, first, last, institution, language="da" if country.code == "DK" else "en"), officer
        )
    levels = [kind] if kind not in {"other", "teacher_education"} else ["primary", "lower_secondary"]
    appointment = ambassadors.appoint(
        officer,
        member,
        ambassadors.AppointmentData(
            kind="mentor" if rng.random() < 0.15 else "ambassador",
            ends_on=timezone.localdate() + timedelta(days=rng.randint(60, 700)),
            regions=region_codes,
            levels=levels,
            languages=[*country.languages[:1], "en"] if country.languages and country.languages[0] != "en" else ["en"],
            help_ways=rng.sample(["workshops", "one_to_one", "school_visits", "online", "phone"], 3),
            subjects=rng.sample(["science", "foreign_languages", "ict", "art", "citizenship"], 2),
            tools=rng.sample(["project_space", "partner_finding", "video_meetings", "quality_labels"], 2),
        ),
    )
    ambassadors.accept(member, appointment)
    ambassadors.update_own_listing(
        member,
        appointment,
        "Skriv til mig, så hjælper jeg dig i gang."
        if country.code == "DK"
        else "Write to me and I will help you start.",
        False,
        True,
    )


def _danish_ambassadors(officer: User, cast: Any, rng: random.Random) -> None:
    denmark = Country.objects.get(pk="DK")
    for region_code, people in DANISH_AMBASSADORS.items():
        for index, (first, last, school, kind, city, postcode) in enumerate(people):
            # Mette of the cast is the first ambassador of Nordjylland (her school is in Hjørring).
            member = cast.mette if region_code == "dk-nordjylland" and index == 0 else None
            _ambassador(officer, denmark, first, last, school, kind, city, postcode, [region_code], rng, member=member)


def _history(rng: random.Random) -> None:
    """Spread the members' joining and the projects' starts over the last 24 months."""
    now = timezone.now()
    members = list(User.objects.filter(role=Role.MEMBER).values_list("pk", flat=True))
    for pk in members:
        User.objects.filter(pk=pk).update(date_joined=now - timedelta(days=rng.randint(0, 720)))
    for project in Project.objects.exclude(activated_at=None).only("pk"):
        moved = now - timedelta(days=rng.randint(0, 700))
        Project.objects.filter(pk=project.pk).update(activated_at=moved, created_at=moved - timedelta(days=20))


def _poster_visits(rng: random.Random) -> None:
    today = timezone.localdate()
    for days in range(0, 60, 3):
        for region in ("dk-hovedstaden", "dk-midtjylland", ""):
            PosterVisit.objects.create(
                country_id="DK",
                region=region,
                campaign="autumn-campaign",
                day=today - timedelta(days=days),
                visits=rng.randint(1, 9),
            )


def _slug(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum()) or "x"
