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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone, translation
from tqdm import tqdm

from comenius.accounts import services as accounts
from comenius.accounts.models import Role, User
from comenius.core.models import Country
from comenius.core.testing import DEMO_TOTP_SECRET
from comenius.network.models import Profile, ProjectIdea
from comenius.network.search import vector_sql
from comenius.network.vocabulary import SEARCH_CONFIGS, Language, Subject, search_config
from comenius.projects.models import (
    ApprovalState,
    EventKind,
    MemberState,
    Project,
    ProjectKind,
    ProjectRole,
    ProjectState,
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
LANGUAGES = {code for code, _label in Language.choices}
BATCH = 20_000

# --- projects ---------------------------------------------------------------------------------------------
# (title, what the pupils do, subjects (the first is the main one), youngest and oldest pupils it suits)
TOPICS: list[tuple[str, str, list[str], int, int]] = [
    ("Climate diaries", "keep weather and climate diaries", ["environment", "science", "geography"], 8, 19),
    ("Our town, your town", "show each other their towns", ["geography", "social_studies", "foreign_languages"], 7, 16),
    ("Fairy tales from our countries", "retell and illustrate fairy tales", ["mother_tongue", "drama", "art"], 4, 12),
    ("Coding a game together", "design and program a small game", ["ict", "mathematics", "technology"], 9, 19),
    (
        "Healthy food, healthy school",
        "compare school meals and cook",
        ["health", "biology", "physical_education"],
        5,
        15,
    ),
    ("Water around us", "test and protect the water of their region", ["science", "environment", "chemistry"], 8, 18),
    ("Castles and legends", "collect the legends of local castles", ["history", "mother_tongue", "art"], 8, 15),
    ("Music of our regions", "record and swap songs of their regions", ["music", "art", "foreign_languages"], 5, 18),
    ("Safe online", "write a charter for safe internet use", ["esafety", "ict", "citizenship"], 9, 18),
    ("Maths in the playground", "measure and count in the playground", ["mathematics", "physical_education"], 6, 12),
    (
        "Young citizens of Europe",
        "run a model European parliament",
        ["citizenship", "social_studies", "history"],
        12,
        19,
    ),
    ("Bees and flowers", "plant flowers and watch the bees", ["biology", "environment", "early_learning"], 3, 11),
    ("Playing together", "share the games they play", ["early_learning", "physical_education", "art"], 2, 8),
    ("Recipes and traditions", "swap family recipes and customs", ["foreign_languages", "health", "geography"], 7, 18),
    ("Small entrepreneurs", "found and run small pupil companies", ["economics", "vocational", "technology"], 13, 20),
    ("Robots in class", "build and program simple robots", ["technology", "ict", "physics"], 9, 19),
    ("Stars and planets", "observe the night sky together", ["physics", "science", "geography"], 8, 18),
    ("Everyone belongs", "make their schools more welcoming", ["inclusion", "citizenship", "philosophy"], 6, 19),
    ("Postcards from Europe", "send postcards and letters", ["foreign_languages", "geography", "art"], 6, 14),
    ("Theatre without borders", "stage a play in several languages", ["drama", "foreign_languages", "music"], 9, 19),
    ("Ancient myths", "compare the myths of antiquity", ["classics", "history", "philosophy"], 12, 19),
    ("Workshops of the future", "share the skills of their trades", ["vocational", "technology", "economics"], 15, 20),
    ("Festivals and faiths", "present the festivals of their year", ["religion", "social_studies", "music"], 7, 16),
    (
        "Sport and fair play",
        "hold a sports day with fair-play rules",
        ["physical_education", "health", "citizenship"],
        6,
        18,
    ),
    ("Numbers in nature", "find patterns and numbers in nature", ["mathematics", "biology", "science"], 7, 15),
    (
        "Reading buddies",
        "read books together and review them",
        ["mother_tongue", "foreign_languages", "inclusion"],
        5,
        14,
    ),
]
SUMMARIES = [
    "Pupils aged {low} to {high} from {places} {theme} and share what they find in the project space.",
    "Classes from {places} {theme}; pupils aged {low} to {high} work in mixed teams.",
    "Over a school term, pupils from {places} {theme} and present the results to each other.",
    "Our pupils ({low}–{high}) {theme} with partner schools in {places}.",
]
DESCRIPTION = (
    " The classes meet in video calls every few weeks, work in mixed international teams, keep a shared diary"
    " in the project space and present their results to parents and the other schools at the end."
)
TOOLS = "The project space (pages, forum and chat), video calls, shared documents and photos."
AIMS = "Pupils practise the subjects of the project, a foreign language and working with peers abroad."
WORK_PROCESS = "Introductions, three work phases with a shared product each, a final presentation and evaluation."
RESULTS = "A shared e-book, an exhibition in each school and a short film about the project."
# Share of each state among scale projects: mostly approved projects, a tenth still being prepared.
PROJECT_STATES = [
    (ProjectState.ARCHIVED, 38.0),
    (ProjectState.CLOSED, 20.0),
    (ProjectState.ACTIVE, 32.0),
    (ProjectState.DRAFT, 4.5),
    (ProjectState.AWAITING_COFOUNDER, 2.0),
    (ProjectState.AWAITING_APPROVAL, 3.5),
]
FIRST_YEAR = 2008
PARTNER_ROLES = [
    (ProjectRole.TEACHER, 70),
    (ProjectRole.EXPERT, 12),
    (ProjectRole.OBSERVER, 10),
    (ProjectRole.TEACHER_ADMIN, 8),
]
# The first members (who also get a full inbox) each belong to about a dozen projects: the benchmark's
# "My projects" page reads one of them.
BUSY_MEMBERS = 20
BUSY_PROJECTS = 12
# (user id, country, institution id, city, institution type, youngest, oldest pupils)
ScaleMember = tuple[int, str, int, str, str, int, int]


class Command(BaseCommand):
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

    def all_projects(self, count: int) -> int:
        """NSO officers, then projects with their members, approvals, history and spaces."""
        officers = self.officers()
        made = self.projects(count, self.scale_members(), officers)
        self.finish(
            "projects_project",
            "projects_projectmember",
            "projects_projectapproval",
            "projects_projectevent",
            "spaces_space",
        )
        return made

    # --- helpers ----------------------------------------------------------------------------------------

    def finish(self, *tables: str) -> None:
        """Move each table's id sequence past the copied rows, and vacuum and analyse the table as autovacuum
        would soon do anyway: the benchmark then measures settled tables with fresh planner statistics."""
        with connection.cursor() as cursor:
            for table in tables:
                self.reset_sequence(table)
                cursor.execute(f"VACUUM (ANALYZE) {table}")

    def reset_sequence(self, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
            )

    @contextmanager
    def gin_indexes_deferred(self, table: str) -> Iterator[None]:
        """A GIN index (full text, trigrams, tags) costs far more to keep up to date row by row than to build
        once: the table's GIN indexes are dropped while its rows and search vectors are written, then built
        again from their own definitions."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() AND tablename = %s AND indexdef LIKE %s",
                [table, "% USING gin %"],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for _name, definition in tqdm(indexes, desc=f"GIN indexes {table}", unit=" indexes", ncols=90):
                    cursor.execute(definition)

    def staging_table(self, table: str) -> str:
        """A temporary twin of `table` (no WAL, one index): rows are copied there and get their search vectors,
        then `move_staged` writes each row once, complete, so that the table is as compact as one the
        application filled (an UPDATE of every row would leave half the table dead)."""
        stage = f"staged_{table}"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {stage}")
            cursor.execute(f"CREATE TEMPORARY TABLE {stage} (LIKE {table} INCLUDING DEFAULTS)")
            cursor.execute(f"CREATE INDEX ON {stage} (id)")
        return stage

    def move_staged(self, stage: str, table: str) -> None:
        with self.gin_indexes_deferred(table), connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {stage} ORDER BY id")  # noqa: S608
            cursor.execute(f"DROP TABLE {stage}")

    def next_id(self, table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def copy(self, table: str, columns: list[str], rows: Iterator[tuple[Any, ...]], total: int, label: str) -> None:
        raw = connection.connection  # psycopg 3: COPY streams rows without building SQL
        if raw is None:
            connection.ensure_connection()
            raw = connection.connection
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in tqdm(rows, total=total, desc=label, unit=" rows", unit_scale=True, ncols=90):
                copy.write_row(row)
        raw.commit()

    # --- tables -----------------------------------------------------------------------------------------

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

    def search_vectors(self, table: str, head: str, label: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT min(id), max(id) FROM {table} WHERE search_vector IS NULL")  # noqa: S608
            low, high = cursor.fetchone()
            if low is None:
                return
            sql = vector_sql(table, head).replace("WHERE id = ANY(%s)", "WHERE id BETWEEN %s AND %s")
            steps = range(low, high + 1, BATCH)
            for start in tqdm(steps, desc=f"search index {label}", unit=" batches", ncols=90):
                cursor.execute(sql, [start, start + BATCH - 1])

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

    # --- projects -----------------------------------------------------------------------------------------

    def officers(self) -> dict[str, int]:
        """One NSO officer per participating country, with MFA, who decided its approvals. Country → user id."""
        self.reset_sequence("accounts_user")  # the officers' ids come after the copied members
        made: dict[str, int] = {}
        for country in self.countries:
            email = f"nso.{country.code.lower()}@scale.example"
            officer = User.objects.filter(email=email).first()
            if officer is None:
                name = self.officer_names.get(country.code, {"first_name": "Officer", "last_name": country.code})
                officer = accounts.create_officer(
                    role=Role.NSO,
                    email=email,
                    first_name=name["first_name"],
                    last_name=name["last_name"],
                    country=country,
                    password=None,
                )
                accounts.enable_totp(officer, DEMO_TOTP_SECRET)
            made[country.code] = officer.pk
        return made

    def scale_members(self) -> list[ScaleMember]:
        """Every generated member with what a project needs of them (read back, so that projects can also be
        added to members generated earlier)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT ON (u.id) u.id, u.country_id, m.institution_id, i.city, p.institution_type, "
                "p.age_min, p.age_max FROM accounts_user u "
                "JOIN institutions_membership m ON m.user_id = u.id "
                "JOIN institutions_institution i ON i.id = m.institution_id "
                "JOIN network_profile p ON p.user_id = u.id "
                "WHERE u.email LIKE %s AND u.role = %s AND u.status = %s AND u.country_id IS NOT NULL "
                "ORDER BY u.id, m.created_at",
                ["%@scale.example", Role.MEMBER, "validated"],
            )
            return [(row[0], row[1], row[2], row[3], row[4], row[5] or 6, row[6] or 18) for row in cursor.fetchall()]

    def founders(
        self, members: list[ScaleMember], by_country: dict[str, list[int]], european: bool, index: int | None
    ) -> tuple[ScaleMember, ScaleMember]:
        """A founder (members[index], or anyone: countries weighted like the members) and a co-founder from
        another institution: of another country for a European project, of the same country for a national one."""
        founder = members[self.rng.randrange(len(members)) if index is None else index]
        compatriots = by_country[founder[1]]
        for attempt in range(40):
            if european or attempt >= 30:  # a small country may have a single institution
                other = members[self.rng.randrange(len(members))]
                if other[2] != founder[2] and (other[1] != founder[1] or attempt >= 30):
                    return founder, other
            else:
                other = members[self.rng.choice(compatriots)]
                if other[2] != founder[2]:
                    return founder, other
        other = next(member for member in members if member[2] != founder[2])
        return founder, other

    def projects(self, count: int, members: list[ScaleMember], officers: dict[str, int]) -> int:
        """Projects in every state (PROJECT_STATES), each with what its state implies, as the services would
        have left it: founders' memberships, partners, approvals of every round, the history and the space."""
        if len({member[2] for member in members}) < 2:
            raise CommandError("Projects need generated members of at least two institutions.")
        rng, now = self.rng, self.now
        start = self.next_id("projects_project")
        ids = {
            table: self.next_id(table)
            for table in ("projects_projectmember", "projects_projectapproval", "projects_projectevent", "spaces_space")
        }
        member_rows: list[tuple[Any, ...]] = []
        approval_rows: list[tuple[Any, ...]] = []
        event_rows: list[tuple[Any, ...]] = []
        space_rows: list[tuple[Any, ...]] = []
        by_country: dict[str, list[int]] = {}
        for index, scale_member in enumerate(members):
            by_country.setdefault(scale_member[1], []).append(index)
        countries = {country.code: country for country in self.countries}
        with translation.override("en"):
            labels = {code: str(label) for code, label in Subject.choices}
        states, state_weights = zip(*PROJECT_STATES, strict=True)
        years = list(range(FIRST_YEAR, now.year - 1))  # archived projects ended more than a year ago
        year_weights = [1 + (year - FIRST_YEAR) * 0.6 for year in years]
        last_day = date(now.year, 12, 31)
        busy = min(BUSY_MEMBERS, len(members))
        topics_for: dict[tuple[int, int], list[tuple[str, str, list[str], int, int]]] = {}

        def days(low: float, high: float) -> timedelta:
            return timedelta(days=rng.uniform(low, high))

        def past(when: datetime) -> datetime:
            return min(when, now - timedelta(minutes=rng.randint(1, 600)))

        def between(low: datetime, high: datetime) -> datetime:
            return low + (high - low) * rng.random()

        def event(pk: int, kind: str, when: datetime, actor: int | None, **extra: Any) -> None:
            event_rows.append(
                (
                    ids["projects_projectevent"] + len(event_rows),
                    kind,
                    extra.get("reason", ""),
                    when,
                    actor,
                    extra.get("country"),
                    pk,
                    extra.get("subject"),
                )
            )

        def approval(pk: int, code: str, round_: int, state: str, created: datetime, decided: datetime | None) -> None:
            by = officers.get(code) if state in (ApprovalState.APPROVED, ApprovalState.REJECTED) else None
            reason = "Please describe how the pupils will work together." if state == ApprovalState.REJECTED else ""
            approval_rows.append(
                (
                    ids["projects_projectapproval"] + len(approval_rows),
                    round_,
                    state,
                    decided if by else None,
                    reason,
                    created,
                    None,
                    code,
                    by,
                    pk,
                )
            )
            if state == ApprovalState.APPROVED and decided is not None:
                event(pk, EventKind.APPROVED, decided, by, country=code)
            elif state == ApprovalState.REJECTED and decided is not None:
                event(pk, EventKind.REJECTED, decided, by, country=code, reason=reason)

        def member(pk: int, user: ScaleMember, role: str, state: str, founder: bool, **extra: Any) -> None:
            member_rows.append(
                (
                    ids["projects_projectmember"] + len(member_rows),
                    role,
                    state,
                    founder,
                    "",
                    extra["created"],
                    extra.get("decided"),
                    None,
                    user[2],
                    extra.get("invited_by"),
                    pk,
                    user[0],
                )
            )

        def languages_of(european: bool, founder: ScaleMember, cofounder: ScaleMember) -> list[str]:
            own = [code for code in countries[founder[1]].languages if code in LANGUAGES][:1]
            other = [code for code in countries[cofounder[1]].languages if code in LANGUAGES][:1]
            draw = rng.random()
            if not european:
                chosen = own + (["en"] if draw < 0.25 or not own else [])
            elif draw < 0.7:
                chosen = ["en"]
            elif draw < 0.85:
                chosen = ["en", *own]
            elif draw < 0.93:
                chosen = own + other or ["en"]
            else:
                chosen = ["en", *own, *other]
            return list(dict.fromkeys(chosen))

        def topic_for(low: int, high: int) -> tuple[str, str, list[str], int, int]:
            fitting = topics_for.get((low, high))
            if fitting is None:
                fitting = [t for t in TOPICS if t[3] <= high and t[4] >= low] or TOPICS
                topics_for[(low, high)] = fitting
            return rng.choice(fitting)

        def rows() -> Iterator[tuple[Any, ...]]:
            for offset in range(count):
                pk = start + offset
                state = rng.choices(states, state_weights)[0]
                european = rng.random() < 0.75
                if offset < busy * BUSY_PROJECTS:  # the busy members: founder or co-founder in turn
                    founder, cofounder = self.founders(members, by_country, european, offset % busy)
                    if (offset // busy) % 2:
                        founder, cofounder = cofounder, founder
                else:
                    founder, cofounder = self.founders(members, by_country, european, None)
                european = founder[1] != cofounder[1]
                yield project(pk, state, founder, cofounder, european)

        def project(pk: int, state: str, founder: ScaleMember, cofounder: ScaleMember, european: bool) -> tuple:
            invited = accepted = activated = closed = archived = rejected = None
            starts: date | None = None
            named = state != ProjectState.DRAFT or rng.random() < 0.7  # a fresh draft may not name one yet
            returned = state == ProjectState.DRAFT and named and rng.random() < 0.2  # returned by an NSO
            if state == ProjectState.ACTIVE:
                activated = now - days(1, 700)
            elif state == ProjectState.CLOSED:
                closed = now - days(1, 360)
                activated = closed - days(90, 420)
            elif state == ProjectState.ARCHIVED:
                year = rng.choices(years, year_weights)[0]
                starts = date(year, rng.choice([1, 2, 3, 9, 9, 10, 10, 11]), rng.randint(1, 28))
                activated = datetime(starts.year, starts.month, starts.day, 9, tzinfo=UTC) - days(0, 40)
                ends = starts + timedelta(days=rng.randint(90, 300))
                closed = datetime(ends.year, ends.month, ends.day, 15, tzinfo=UTC) + days(0, 30)
                automatic = rng.random() < 0.8
                archived = closed + (days(365, 380) if automatic else days(1, 120))
                if archived > now:
                    archived = past(now)
                    closed = min(closed, archived - days(1, 3))
            if activated is not None:
                accepted = activated - days(2, 40)
                invited = accepted - days(0.1, 14)
                created = invited - days(1, 60)
            elif state == ProjectState.DRAFT and returned:
                created = now - days(30, 120)
                invited = created + days(1, 10)
                accepted = invited + days(0.1, 7)
                rejected = past(accepted + days(1, 14))
            elif state == ProjectState.DRAFT:
                created = now - days(0.1, 90)
            elif state == ProjectState.AWAITING_COFOUNDER:
                created = now - days(2, 60)
                invited = between(created, now)
            else:  # awaiting approval
                created = now - days(5, 90)
                invited = between(created, created + (now - created) / 2)
                accepted = between(invited, now)
            if starts is None and (state != ProjectState.DRAFT or rng.random() < 0.6):
                planned = activated + days(0, 40) if activated else created + days(30, 150)
                starts = min(planned.date(), last_day)
            ends_on = starts + timedelta(days=rng.randint(90, 300)) if starts else None
            if closed is not None and ends_on is not None and starts is not None:
                ends_on = max(starts + timedelta(days=30), min(ends_on, closed.date()))

            low, high = founder[5], founder[6]
            title, theme, topic_subjects, _low, _high = topic_for(low, high)
            subjects = [topic_subjects[0], *rng.sample(topic_subjects[1:], rng.randint(0, len(topic_subjects) - 1))]
            if rng.random() < 0.1:
                subjects.append("cross_curricular")
            if founder[4] == "special_needs" and "inclusion" not in subjects:
                subjects.append("inclusion")
            languages = languages_of(european, founder, cofounder)
            year = (starts or created.date()).year
            draw = rng.random()
            if draw < 0.25:
                title = f"{title} {year}"
            elif draw < 0.55:
                title = f"{title}: {founder[3]} and {cofounder[3]}" if european else f"{title} in {founder[3]}"
            places = f"{founder[3]} and {cofounder[3]}"
            summary = rng.choice(SUMMARIES).format(low=low, high=high, places=places, theme=theme)
            project_countries = sorted({founder[1], cofounder[1]})
            tags = [f"s:{code}" for code in subjects] + [f"l:{code}" for code in languages]
            tags += [f"c:{code}" for code in (project_countries if named else [founder[1]])]
            if starts:
                tags.append(f"y:{starts.year}")
            search_text = " ".join([title, summary, *(labels[code] for code in subjects)])

            # Members, approvals, history and the space, in the order things happened.
            f_id, c_id = founder[0], cofounder[0]
            event(pk, EventKind.CREATED, created, f_id)
            member(pk, founder, ProjectRole.TEACHER_ADMIN, MemberState.ACTIVE, True, created=created, decided=created)
            if invited is not None:
                event(pk, EventKind.COFOUNDER_INVITED, invited, f_id, subject=c_id)
                cofounder_state = MemberState.INVITED if accepted is None else MemberState.ACTIVE
                member(
                    pk,
                    cofounder,
                    ProjectRole.TEACHER_ADMIN,
                    cofounder_state,
                    True,
                    created=invited,
                    decided=accepted,
                    invited_by=f_id,
                )
            approval_round = 0
            if accepted is not None:
                event(pk, EventKind.COFOUNDER_ACCEPTED, accepted, c_id)
                event(pk, EventKind.SENT_FOR_APPROVAL, accepted, c_id)
                approval_round = 1
                sent = accepted
                if rejected is None and activated is not None and rng.random() < 0.05:
                    rejected = between(accepted, accepted + (activated - accepted) / 3)
                if rejected is not None:
                    no = rejected
                    refusing = rng.choice(project_countries)
                    for code in project_countries:
                        approval(
                            pk,
                            code,
                            1,
                            ApprovalState.REJECTED if code == refusing else ApprovalState.CANCELLED,
                            accepted,
                            no,
                        )
                    if activated is not None:  # the founders improved the project and sent it again
                        approval_round = 2
                        sent = between(no, no + (activated - no) / 2)
                        event(pk, EventKind.SENT_FOR_APPROVAL, sent, f_id)
                if activated is not None:
                    last = rng.choice(project_countries)
                    for code in project_countries:
                        when = activated if code == last else between(sent, activated)
                        approval(pk, code, approval_round, ApprovalState.APPROVED, sent, when)
                elif state == ProjectState.AWAITING_APPROVAL:
                    waiting = rng.choice(project_countries)  # one country may already have approved
                    for code in project_countries:
                        if code != waiting and rng.random() < 0.35:
                            approval(pk, code, 1, ApprovalState.APPROVED, sent, between(sent, now))
                        else:
                            approval(pk, code, 1, ApprovalState.PENDING, sent, None)
            if activated is not None:
                event(pk, EventKind.ACTIVATED, activated, None)
                space_rows.append((ids["spaces_space"] + len(space_rows), activated, pk))
                self.partners(pk, founder, cofounder, european, members, by_country, activated, closed, event, member)
            if closed is not None:
                event(pk, EventKind.CLOSED, closed, rng.choice([f_id, c_id]))
            if archived is not None:
                event(pk, EventKind.ARCHIVED, archived, None if rng.random() < 0.8 else f_id)
            since: dict[str, datetime | None] = {
                ProjectState.DRAFT: rejected if returned else created,
                ProjectState.AWAITING_COFOUNDER: invited,
                ProjectState.AWAITING_APPROVAL: accepted,
                ProjectState.ACTIVE: activated,
                ProjectState.CLOSED: closed,
                ProjectState.ARCHIVED: archived,
            }
            state_since = since[state] or created
            return (
                pk,
                title[:150],
                summary[:500],
                summary + DESCRIPTION,
                json.dumps(languages),
                low,
                high,
                None if state == ProjectState.DRAFT and rng.random() < 0.3 else rng.randint(8, 90),
                json.dumps(subjects),
                TOOLS,
                AIMS,
                WORK_PROCESS,
                RESULTS,
                starts,
                ends_on,
                rng.random() < 0.3,
                (ProjectKind.EUROPEAN if european else ProjectKind.NATIONAL) if named else "",
                state,
                state_since,
                approval_round,
                activated,
                closed,
                archived,
                None,
                f"scale-{pk}",
                f" {' '.join(tags)} ",
                search_text,
                search_config(languages[0] if languages else "en"),
                None,
                created,
                state_since,
                c_id if named else None,
                cofounder[2] if accepted is not None else None,
                f_id,
                founder[2],
            )

        stage = self.staging_table("projects_project")
        self.copy(
            stage,
            [
                "id",
                "title",
                "summary",
                "description",
                "languages",
                "age_min",
                "age_max",
                "pupils_count",
                "subjects",
                "tools",
                "aims",
                "work_process",
                "expected_results",
                "starts_on",
                "ends_on",
                "show_in_gallery",
                "kind",
                "state",
                "state_since",
                "approval_round",
                "activated_at",
                "closed_at",
                "archived_at",
                "reopened_at",
                "creation_key",
                "tags",
                "search_text",
                "search_config",
                "search_vector",
                "created_at",
                "updated_at",
                "cofounder_id",
                "cofounder_institution_id",
                "founder_id",
                "founder_institution_id",
            ],
            rows(),
            count,
            "projects",
        )
        self.search_vectors(stage, "title", "projects")
        self.move_staged(stage, "projects_project")
        self.copy(
            "projects_projectmember",
            [
                "id",
                "role",
                "state",
                "is_founder",
                "reason",
                "created_at",
                "decided_at",
                "reminded_at",
                "institution_id",
                "invited_by_id",
                "project_id",
                "user_id",
            ],
            iter(member_rows),
            len(member_rows),
            "project members",
        )
        self.copy(
            "projects_projectapproval",
            [
                "id",
                "round",
                "state",
                "decided_at",
                "reason",
                "created_at",
                "reminded_at",
                "country_id",
                "decided_by_id",
                "project_id",
            ],
            iter(approval_rows),
            len(approval_rows),
            "approvals",
        )
        self.copy(
            "projects_projectevent",
            ["id", "kind", "reason", "created_at", "actor_id", "country_id", "project_id", "subject_id"],
            iter(event_rows),
            len(event_rows),
            "project history",
        )
        self.copy("spaces_space", ["id", "opened_at", "project_id"], iter(space_rows), len(space_rows), "spaces")
        return count

    def partners(
        self,
        pk: int,
        founder: ScaleMember,
        cofounder: ScaleMember,
        european: bool,
        members: list[ScaleMember],
        by_country: dict[str, list[int]],
        activated: datetime,
        closed: datetime | None,
        event: Callable[..., None],
        member: Callable[..., None],
    ) -> None:
        """Teachers the founders invited once the project was active: most joined, a few left or still think."""
        rng = self.rng
        wanted = rng.choices([0, 1, 2, 3, 4, 6], [40, 25, 15, 10, 6, 4])[0]
        taken = {founder[0], cofounder[0]}
        roles, role_weights = zip(*PARTNER_ROLES, strict=True)
        end = closed or self.now
        for _ in range(wanted * 2):
            if wanted == 0:
                break
            compatriots = by_country[founder[1]]
            partner = members[
                rng.choice(compatriots) if not european and rng.random() < 0.6 else rng.randrange(len(members))
            ]
            if partner[0] in taken:
                continue
            taken.add(partner[0])
            wanted -= 1
            inviter = rng.choice([founder[0], cofounder[0]])
            invited = activated + (end - activated) * rng.uniform(0.01, 0.3)
            draw = rng.random()
            state = MemberState.ACTIVE
            if closed is None and draw < 0.1:
                state = MemberState.INVITED
            elif draw < 0.15:
                state = MemberState.LEFT
            joined = invited + (end - invited) * rng.uniform(0.01, 0.2)
            event(pk, EventKind.MEMBER_INVITED, invited, inviter, subject=partner[0])
            decided = None
            if state != MemberState.INVITED:
                event(pk, EventKind.MEMBER_JOINED, joined, partner[0])
                decided = joined
            if state == MemberState.LEFT:
                decided = joined + (end - joined) * rng.uniform(0.1, 0.9)
                event(pk, EventKind.MEMBER_LEFT, decided, partner[0])
            role = rng.choices(roles, role_weights)[0]
            member(pk, partner, role, state, False, created=invited, decided=decided, invited_by=inviter)
