"""Load realistic demo data: every country with its NSO officer, institutions of every type, members in
every validation state, and the test cast as demo accounts. Demo mode only."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from comenius.accounts import services
from comenius.accounts.models import Role, User
from comenius.core.models import Country
from comenius.core.progress import progress
from comenius.core.testing import (
    CAST_PASSWORD,
    DEMO_TOTP_SECRET,
    build_cast,
    make_institution,
    partner_profile,
    register,
)
from comenius.core.uploads import CheckedFile
from comenius.institutions.models import Institution, InstitutionStatus
from comenius.network import services as network
from comenius.network.vocabulary import Language, Subject

SUBJECT_CODES = [code for code, _label in Subject.choices]
LANGUAGE_CODES = {code for code, _label in Language.choices}
AGES_BY_TYPE = {
    "ecec": (1, 6),
    "primary": (6, 12),
    "lower_secondary": (12, 16),
    "upper_secondary": (15, 19),
    "ivet": (15, 20),
    "special_needs": (6, 18),
    "teacher_education": (18, 20),
}
INTRODUCTIONS = [
    "I teach a curious class and we love talking with pupils abroad.",
    "We are a small school by the sea. My pupils want to practise English with real partners.",
    "Looking for a partner class for a short project about our towns and traditions.",
    "Our school has a new maker space; we would like to build something together across borders.",
    "",
]
IDEAS = [
    (
        "Our town in 10 photos",
        "Each class shows its town in ten photos and asks the partner class questions.",
        ["geography", "art"],
    ),
    (
        "Climate diaries",
        "Pupils keep a weather and climate diary for a month and compare the results.",
        ["science", "environment"],
    ),
    (
        "Fairy tales from home",
        "Classes retell a local fairy tale as a comic and translate each other's.",
        ["mother_tongue", "art"],
    ),
    (
        "Coding a board game",
        "Pupils design a board game together and program a digital version.",
        ["ict", "mathematics"],
    ),
]
DIRECTORY = Path(__file__).resolve().parents[2] / "data" / "demo_directory.json"
CAST_COUNTRIES = {"DK", "ES"}  # their officers are Jonas and Ana of the cast
# A one-page PDF, enough for an NSO officer to open "evidence" in the demo.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 61>>stream\nBT /F1 18 Tf 72 760 Td (Certificate of employment - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def demo_accounts_text() -> str:
    return (
        f"\nDemo accounts (password for all: {CAST_PASSWORD})\n"
        "  mette@vestbyskolen.dk.example     Mette, teacher in Denmark (validated)\n"
        "  lucia@iesguadalquivir.es.example  Lucía, teacher in Spain (validated)\n"
        "  otto@vestbyskolen.dk.example      Otto, teacher in Denmark (validated)\n"
        "  nina@example.org                  Nina, pedagogue in Denmark (waiting for validation)\n"
        "  jonas@nso.dk.example              Jonas, NSO officer for Denmark (MFA)\n"
        "  ana@nso.es.example                Ana, NSO officer for Spain (MFA)\n"
        "  carla@central.example             Carla, central support, /admin/ (MFA)\n"
        "  nso-<country code>@demo.example   the NSO officer of every other country, e.g. nso-de@demo.example (MFA)\n"
        f"Authenticator secret of every MFA demo account: {DEMO_TOTP_SECRET}\n"
        f"  current code: oathtool --totp -b {DEMO_TOTP_SECRET}\n"
    )


class Command(BaseCommand):
    help = "Load the demo data (demo mode only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when there are users already.")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data never loads in production mode.")
        if User.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database has data already; keeping it.")
                self.stdout.write(demo_accounts_text())
                return
            raise CommandError("The database is not empty. Use a fresh database for the demo data.")
        directory: dict[str, Any] = json.loads(DIRECTORY.read_text(encoding="utf-8"))
        # The demo sends no e-mail while it builds itself, and hashes its one password once (at the end)
        # instead of once per account: seeding takes seconds, not minutes.
        quick = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
        with quick:
            with transaction.atomic():
                cast = build_cast()
            countries = {country.code: country for country in Country.objects.participating()}
            for code in progress(sorted(directory), "Seeding countries"):
                if code in countries:
                    with transaction.atomic():
                        self.seed_country(countries[code], directory[code], cast)
            with transaction.atomic():
                self.seed_cast_extras(cast)
        User.objects.exclude(password="").update(password=make_password(CAST_PASSWORD))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo_accounts_text())

    def seed_country(self, country: Country, data: dict[str, Any], cast: Any) -> None:
        if country.code in CAST_COUNTRIES:
            officer = cast.jonas if country.code == "DK" else cast.ana
        else:
            officer = services.create_officer(
                role=Role.NSO,
                email=f"nso-{country.code.lower()}@demo.example",
                first_name=data["officer"]["first_name"],
                last_name=data["officer"]["last_name"],
                country=country,
                password=CAST_PASSWORD,
            )
            services.enable_totp(officer, DEMO_TOTP_SECRET)
        institutions: list[Institution] = []
        for index, item in enumerate(data["institutions"]):
            institution = make_institution(country, item["name"], item["type"], item["city"], item["postcode"])
            institution.region = item.get("region", "")
            institution.website = item.get("website", "")
            if index == len(data["institutions"]) - 1:
                # The last one was registered by a newcomer and waits for the NSO with them.
                institution.status = InstitutionStatus.PENDING
            institution.save()
            institutions.append(institution)
        domain = f"{country.code.lower()}.demo.example"
        rng = random.Random(country.code)  # noqa: S311 - repeatable demo data, not security
        for index, person in enumerate(data["members"]):
            institution = institutions[index % len(institutions)] if index < 5 else institutions[-1]
            email = f"{slug(person['first_name'])}.{slug(person['last_name'])}{index}@{domain}"
            member = register(email, person["first_name"], person["last_name"], institution, role=person["role"])
            request = member.validation_requests.get(status="open")
            if index < 3:
                services.validate_member(officer, request)
                member.refresh_from_db()
                self.give_profile(member, institution, rng, country)
                if index == 0:
                    self.post_idea(member, rng, country)
            elif index == 3:
                services.reject_member(
                    officer, request, "We could not find you on the school's staff list. Please upload a certificate."
                )
            elif index == 4:
                services.attach_evidence(member, CheckedFile(DEMO_PDF, "application/pdf"), "My contract")

    def give_profile(self, member: User, institution: Institution, rng: random.Random, country: Country) -> None:
        low, high = AGES_BY_TYPE.get(institution.type, (6, 18))
        age_min = rng.randint(low, high - 2)
        languages = {country.languages[0]: 4} if country.languages and country.languages[0] in LANGUAGE_CODES else {}
        languages.setdefault("en", rng.choice([2, 3, 3, 4]))
        if rng.random() < 0.4:
            languages.setdefault(rng.choice(["de", "fr", "es", "it"]), rng.choice([1, 2]))
        partner_profile(
            member,
            rng.sample(SUBJECT_CODES, rng.randint(1, 3)),
            languages,
            (age_min, min(high, age_min + rng.randint(1, 4))),
            available=rng.random() < 0.7,
            introduction=INTRODUCTIONS[rng.randrange(len(INTRODUCTIONS))],
        )

    def post_idea(self, member: User, rng: random.Random, country: Country) -> None:
        title, description, subjects = IDEAS[rng.randrange(len(IDEAS))]
        today = timezone.localdate()
        network.post_idea(
            member,
            network.IdeaData(
                title=f"{title} ({country.display_name})",
                description=description,
                subjects=subjects,
                age_min=9,
                age_max=13,
                languages=["en"],
                countries_wanted=[],
                starts_on=today + timedelta(days=rng.randint(14, 60)),
                ends_on=today + timedelta(days=rng.randint(90, 200)),
                partners_wanted=rng.randint(1, 3),
                expires_on=today + timedelta(days=rng.randint(20, 120)),
            ),
        )

    def seed_cast_extras(self, cast: Any) -> None:
        services.attach_evidence(cast.nina, CheckedFile(DEMO_PDF, "application/pdf"), "Ansættelsesbevis")


def slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(character for character in ascii_text if character.isalnum()) or "member"
