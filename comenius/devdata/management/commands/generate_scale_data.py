"""Reference-scale data on PostgreSQL (DESIGN.md): 1.2 M members, 300 k institutions, their partner
profiles, project ideas, conversations and 160 k projects (with their members, NSO approvals, history and
spaces), with believable distributions across countries, subjects, ages, states and years. Rows go in with
COPY, so the whole load takes minutes, not hours. Every participating country gets an NSO officer
(nso.<country>@scale.example, with the demo authenticator secret) who decided its approvals.

    DATABASE_URL=postgres://…/comenius_bench manage.py generate_scale_data --members 1200000

With --if-empty on a database that already holds scale members but no scale projects (data generated
before projects existed), only the officers and the projects are added.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from comenius.accounts.models import Role, User
from comenius.core.models import Country
from comenius.core.vocabulary import SEARCH_CONFIGS, Subject
from comenius.devdata.scale.loader import BATCH
from comenius.devdata.scale.project_topics import LANGUAGES
from comenius.devdata.scale.projects import ProjectsLoader
from comenius.network.models import Profile, ProjectIdea
from comenius.projects.models import (
    Project,
)

DIRECTORY = Path(__file__).resolve().parents[2] / "data" / "demo_directory.json"
# Relative size of each country's membership (the reference system: Türkiye, Italy and Poland lead).
WEIGHTS = {"TR": 30, "IT": 14, "PL": 12, "ES": 9, "RO": 8, "FR": 7, "GR": 6, "PT": 5, "UA": 5, "DE": 4, "HR": 4}
TYPES = [
    ("primary", 40),
    ("lower_secondary", 25),
    ("upper_secondary", 15),
    ("ecec", 8),
    ("ivet", 6),
    ("special_needs", 3),
    ("teacher_education", 2),
    ("other", 1),
]
AGES = {
    "ecec": (1, 6),
    "primary": (6, 12),
    "lower_secondary": (11, 16),
    "upper_secondary": (15, 19),
    "ivet": (15, 20),
    "special_needs": (6, 18),
    "teacher_education": (18, 20),
    "other": (6, 18),
}
SUBJECTS = [code for code, _label in Subject.choices]
SUBJECT_WEIGHTS = [
    8 if code in {"foreign_languages", "science", "mathematics", "ict", "mother_tongue"} else 2 for code in SUBJECTS
]


class Command(ProjectsLoader):
    help = "Generate reference-scale data on PostgreSQL (with progress bars)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--members", type=int, default=1_200_000)
        parser.add_argument("--institutions", type=int, default=None, help="default: members / 4")
        parser.add_argument("--ideas", type=int, default=None, help="default: members / 60")
        parser.add_argument("--conversations", type=int, default=None, help="default: members / 6")
        parser.add_argument("--projects", type=int, default=None, help="default: members × 2 / 15 (160,000)")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if scale data is already there (only add projects if members are there without them).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Reference-scale data needs PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
        self.rng = random.Random(options["seed"])  # noqa: S311 - repeatable data, not security
        self.now = timezone.now()
        with connection.cursor() as cursor:  # room for staging tables and for building GIN indexes
            cursor.execute("SET temp_buffers = '1GB'")
            cursor.execute("SET maintenance_work_mem = '512MB'")
        self.countries = list(Country.objects.participating())
        directory = json.loads(DIRECTORY.read_text(encoding="utf-8"))
        self.people = {code: data["members"] + [data["officer"]] for code, data in directory.items()}
        self.places = {code: data["institutions"] for code, data in directory.items()}
        self.officer_names = {code: data["officer"] for code, data in directory.items()}
        scale_members = User.objects.filter(email__endswith="@scale.example", role=Role.MEMBER)
        if options["if_empty"] and scale_members.exists():
            if Project.objects.filter(creation_key__startswith="scale-").exists():
                self.stdout.write("Scale data is already there.")
                return
            self.stdout.write("Scale members are there, projects not yet: adding the projects.")
            count = options["projects"] or max(10, scale_members.count() * 2 // 15)
            made = self.all_projects(count)
            self.stdout.write(self.style.SUCCESS(f"Generated {made:,} projects."))
            return
        members = options["members"]
        weights = [WEIGHTS.get(country.code, 1.5) for country in self.countries]
        institutions = self.institutions(options["institutions"] or max(10, members // 4), weights)
        with self.gin_indexes_deferred(Profile._meta.db_table):
            users = self.members(members, institutions)
            self.subjects_and_languages(users)
            self.search_vectors(Profile._meta.db_table, "display_name", "network_profile")
        with self.gin_indexes_deferred(ProjectIdea._meta.db_table):
            self.ideas(options["ideas"] or max(10, members // 60), users)
            self.search_vectors(ProjectIdea._meta.db_table, "title", "network_projectidea")
        self.conversations(options["conversations"] or max(10, members // 6), users)
        self.finish(
            "accounts_user",
            "institutions_institution",
            "institutions_membership",
            "network_profile",
            "network_profilesubject",
            "network_profilelanguage",
            "network_projectidea",
            "network_conversation",
            "network_message",
        )
        projects = self.all_projects(options["projects"] or max(10, members * 2 // 15))
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {members:,} members, {len(institutions):,} institutions and {projects:,} projects."
            )
        )

    def institutions(self, count: int, weights: list[float]) -> list[tuple[int, str, str, str]]:
        """Returns (id, country, type, city) for each institution."""
        start = self.next_id("institutions_institution")
        type_names, type_weights = zip(*TYPES, strict=True)
        made: list[tuple[int, str, str, str]] = []

        def rows() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                country = self.rng.choices(self.countries, weights)[0]
                place = self.rng.choice(
                    self.places.get(country.code) or [{"name": "School", "city": "Town", "postcode": "", "region": ""}]
                )
                kind = self.rng.choices(type_names, type_weights)[0]
                pk = start + offset
                made.append((pk, country.code, kind, place["city"]))
                name = f"{place['name'].split(' ')[0]} {place['city']} {offset % 97 + 1}"
                yield (
                    pk,
                    name[:200],
                    kind,
                    place.get("region", "")[:100],
                    place["city"][:100],
                    place.get("postcode", "")[:20],
                    "",
                    "validated",
                    self.now,
                    country.code,
                )

        self.copy(
            "institutions_institution",
            ["id", "name", "type", "region", "city", "postcode", "website", "status", "created_at", "country_id"],
            rows(),
            count,
            "institutions",
        )
        return made

    def members(
        self, count: int, institutions: list[tuple[int, str, str, str]]
    ) -> list[tuple[int, str, str, int, int]]:
        """Members, their memberships and profiles. Returns (user id, country, type, age min, age max)."""
        user_start = self.next_id("accounts_user")
        made: list[tuple[int, str, str, int, int]] = []
        picks = [self.rng.choice(institutions) for _ in range(count)]

        def users() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                pk = user_start + offset
                _institution, country, _kind, _city = picks[offset]
                person = self.rng.choice(self.people[country])
                last = self.rng.choice(self.people[country])["last_name"]
                joined = self.now - timedelta(days=self.rng.randint(0, 3650))
                language = "da" if country == "DK" else "en"
                yield (
                    pk,
                    "!",
                    None,
                    False,
                    f"m{pk}@scale.example",
                    None,
                    person["first_name"],
                    last,
                    "member",
                    "validated",
                    language,
                    False,
                    True,
                    joined,
                    country,
                    0,  # sessions_epoch: no session was ever ended
                    "",  # picture: pupils only
                )

        self.copy(
            "accounts_user",
            [
                "id",
                "password",
                "last_login",
                "is_superuser",
                "email",
                "username",
                "first_name",
                "last_name",
                "role",
                "status",
                "language",
                "is_staff",
                "is_active",
                "date_joined",
                "country_id",
                "sessions_epoch",
                "picture",
            ],
            users(),
            count,
            "members",
        )
        membership_start = self.next_id("institutions_membership")
        self.copy(
            "institutions_membership",
            ["id", "role", "created_at", "institution_id", "user_id"],
            ((membership_start + i, "teacher", self.now, picks[i][0], user_start + i) for i in range(count)),
            count,
            "memberships",
        )
        profile_start = self.next_id("network_profile")
        names = dict(User.objects.filter(pk__gte=user_start).values_list("pk", "first_name").iterator(chunk_size=BATCH))
        countries = {c.code: c for c in self.countries}

        def profiles() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                user_id = user_start + offset
                _institution, country, kind, city = picks[offset]
                low, high = AGES[kind]
                age_min = self.rng.randint(low, max(low, high - 2))
                age_max = min(high, age_min + self.rng.randint(1, 4))
                languages = countries[country].languages
                config = SEARCH_CONFIGS.get(languages[0] if languages else "en", "simple")
                active = self.now - timedelta(days=int(self.rng.expovariate(1 / 120)))
                made.append((user_id, country, kind, age_min, age_max))
                display = f"{names.get(user_id, '')}"
                searchable = self.rng.random() < 0.95
                yield (
                    profile_start + offset,
                    "",
                    age_min,
                    age_max,
                    self.rng.random() < 0.4,
                    None,
                    None,
                    "any",
                    "",
                    searchable,  # listed: every scale member is an active validated member
                    searchable,
                    True,
                    True,
                    True,
                    kind,
                    display,
                    f"{display} {city}",
                    config,
                    None,
                    active,
                    self.now,
                    country,
                    user_id,
                )

        self.copy(
            "network_profile",
            [
                "id",
                "introduction",
                "age_min",
                "age_max",
                "available",
                "available_from",
                "available_until",
                "project_kind",
                "photo",
                "listed",
                "searchable",
                "show_introduction",
                "show_photo",
                "show_institution",
                "institution_type",
                "display_name",
                "search_text",
                "search_config",
                "search_vector",
                "last_active_at",
                "created_at",
                "country_id",
                "user_id",
            ],
            profiles(),
            count,
            "profiles",
        )
        with connection.cursor() as cursor:  # full names for display and trigram search
            cursor.execute(
                "UPDATE network_profile p SET display_name = u.first_name || ' ' || u.last_name, "
                "search_text = u.first_name || ' ' || u.last_name || ' ' || p.search_text "
                "FROM accounts_user u WHERE p.user_id = u.id AND u.email LIKE '%%@scale.example'"
            )
        return made

    def subjects_and_languages(self, users: list[tuple[int, str, str, int, int]]) -> None:
        profile_ids = dict(
            Profile.objects.filter(user__email__endswith="@scale.example")
            .values_list("user_id", "pk")
            .iterator(chunk_size=BATCH)
        )
        countries = {c.code: c for c in self.countries}
        subject_start, language_start = self.next_id("network_profilesubject"), self.next_id("network_profilelanguage")
        subject_rows: list[tuple[Any, ...]] = []
        language_rows: list[tuple[Any, ...]] = []
        for user_id, country, _kind, _low, _high in users:
            profile_id = profile_ids[user_id]
            for subject in set(self.rng.choices(SUBJECTS, SUBJECT_WEIGHTS, k=self.rng.randint(1, 3))):
                subject_rows.append((subject_start + len(subject_rows), subject, profile_id))
            spoken = {code: 4 for code in countries[country].languages[:1] if code in LANGUAGES}
            if self.rng.random() < 0.75:
                spoken.setdefault("en", self.rng.choice([2, 3, 3, 4]))
            if self.rng.random() < 0.25:
                spoken.setdefault(self.rng.choice(["de", "fr", "es", "it", "ru"]), self.rng.choice([1, 2, 3]))
            for code, level in spoken.items():
                language_rows.append((language_start + len(language_rows), code, level, profile_id))
        self.copy(
            "network_profilesubject", ["id", "subject", "profile_id"], iter(subject_rows), len(subject_rows), "subjects"
        )
        self.copy(
            "network_profilelanguage",
            ["id", "language", "level", "profile_id"],
            iter(language_rows),
            len(language_rows),
            "languages",
        )

    def ideas(self, count: int, users: list[tuple[int, str, str, int, int]]) -> None:
        start = self.next_id("network_projectidea")
        topics = [
            "Our town",
            "Climate diaries",
            "Fairy tales",
            "Coding a game",
            "Healthy food",
            "Water",
            "Castles",
            "Music of our region",
        ]
        today = self.now.date()

        def rows() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                user_id, country, _kind, low, high = self.rng.choice(users)
                subjects = list(set(self.rng.choices(SUBJECTS, SUBJECT_WEIGHTS, k=2)))
                title = f"{self.rng.choice(topics)} {offset}"
                tags = " " + " ".join([f"s:{s}" for s in subjects] + ["l:en"]) + " "
                expires = today + timedelta(days=self.rng.randint(-60, 150))
                yield (
                    start + offset,
                    title,
                    f"{title}: a project for pupils aged {low} to {high}.",
                    json.dumps(subjects),
                    low,
                    high,
                    json.dumps(["en"]),
                    json.dumps([]),
                    today,
                    today + timedelta(days=120),
                    2,
                    "open",
                    expires,
                    f"scale{offset}",
                    tags,
                    title,
                    "english",
                    None,
                    self.now,
                    self.now,
                    user_id,
                    country,
                )

        self.copy(
            "network_projectidea",
            [
                "id",
                "title",
                "description",
                "subjects",
                "age_min",
                "age_max",
                "languages",
                "countries_wanted",
                "starts_on",
                "ends_on",
                "partners_wanted",
                "state",
                "expires_on",
                "fingerprint",
                "tags",
                "search_text",
                "search_config",
                "search_vector",
                "created_at",
                "updated_at",
                "author_id",
                "country_id",
            ],
            rows(),
            count,
            "ideas",
        )

    def conversations(self, count: int, users: list[tuple[int, str, str, int, int]]) -> None:
        start, message_start = self.next_id("network_conversation"), self.next_id("network_message")
        pairs: set[tuple[int, int]] = set()
        # The first members get a full inbox, as a busy teacher would have (the benchmark reads it).
        heavy = [user_id for user_id, *_rest in users[:20]]
        while len(pairs) < count:
            a = self.rng.choice(heavy) if len(pairs) < 2000 else self.rng.choice(users)[0]
            b = self.rng.choice(users)[0]
            if a != b:
                pairs.add((min(a, b), max(a, b)))
        ordered = sorted(pairs)
        when = [self.now - timedelta(minutes=self.rng.randint(1, 500_000)) for _ in ordered]
        self.copy(
            "network_conversation",
            ["id", "created_at", "last_message_at", "first_read_at", "second_read_at", "first_id", "second_id"],
            ((start + i, when[i], when[i], when[i], None, a, b) for i, (a, b) in enumerate(ordered)),
            len(ordered),
            "conversations",
        )
        self.copy(
            "network_message",
            ["id", "body", "created_at", "notified_at", "conversation_id", "sender_id"],
            (
                (message_start + i, "Hello! Shall we work together?", when[i], when[i], start + i, a)
                for i, (a, _b) in enumerate(ordered)
            ),
            len(ordered),
            "messages",
        )
