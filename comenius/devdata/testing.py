"""The test cast (DESIGN.md): people everyone on the team knows, built through the services.

Mette teaches at a Danish primary school; Lucía at a Spanish secondary school; Jonas is the Danish NSO
officer and Ana the Spanish one; Pia is a pupil; Otto is a validated teacher outside the project; Nina has
registered but is not validated yet; Carla is central support. The demo data uses the same cast.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comenius.accounts import services
from comenius.accounts.models import Role, User
from comenius.core.models import Country
from comenius.institutions.models import Institution, InstitutionStatus, InstitutionType, PedagogicalRole
from comenius.projects.models import Project
from comenius.projects.services import ProjectData

CAST_PASSWORD = "comenius-demo"  # noqa: S105 - documented demo password
# The authenticator secret of every demo officer (README): `oathtool --totp -b <secret>` gives the code.
DEMO_TOTP_SECRET = "COMENIUSDEMOSECRETFORNSOSTOTP234"  # noqa: S105


@dataclass
class Cast:
    mette: User
    lucia: User
    jonas: User
    ana: User
    pia: User
    otto: User
    nina: User
    carla: User
    vestbyskolen: Institution
    cervantes: Institution
    project: Project

    def everyone(self) -> dict[str, User]:
        return {name: getattr(self, name) for name in CAST_PEOPLE}

    def keys(self) -> dict[str, int]:
        """The primary key of everyone and everything in the cast, to find them again with `load_cast`."""
        return {field.name: getattr(self, field.name).pk for field in fields(self)}


CAST_PEOPLE = ("mette", "lucia", "jonas", "ana", "pia", "otto", "nina", "carla")


def load_cast(keys: dict[str, int]) -> Cast:
    """The cast as the database holds it now, in new objects: the session builds the cast once (comenius/
    conftest.py) and every test changes its own copies, which its rollback then forgets."""
    users = User.objects.in_bulk([keys[name] for name in CAST_PEOPLE])
    institutions = Institution.objects.in_bulk([keys["vestbyskolen"], keys["cervantes"]])
    return Cast(
        mette=users[keys["mette"]],
        lucia=users[keys["lucia"]],
        jonas=users[keys["jonas"]],
        ana=users[keys["ana"]],
        pia=users[keys["pia"]],
        otto=users[keys["otto"]],
        nina=users[keys["nina"]],
        carla=users[keys["carla"]],
        vestbyskolen=institutions[keys["vestbyskolen"]],
        cervantes=institutions[keys["cervantes"]],
        project=Project.objects.get(pk=keys["project"]),
    )


def totp_now(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    """The current six-digit code for a secret, as an authenticator app would show it (RFC 6238)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{value:06d}"


def make_institution(country: Country, name: str, type: str, city: str, postcode: str = "") -> Institution:
    return Institution.objects.create(
        name=name, type=type, city=city, postcode=postcode, country=country, status=InstitutionStatus.VALIDATED
    )


def register(
    email: str,
    first_name: str,
    last_name: str,
    institution: Institution,
    *,
    role: str = PedagogicalRole.TEACHER,
    language: str = "en",
    password: str = CAST_PASSWORD,
) -> User:
    """A member who signed up and confirmed their e-mail: pending, with a request in their NSO's queue."""
    user = User(email=email)
    user.set_password(password)
    services.register_member(
        user,
        services.Registration(
            first_name=first_name,
            last_name=last_name,
            country=institution.country,
            language=language,
            role=role,
            institution=institution,
        ),
    )
    services.mark_email_verified(user)
    services.open_validation_request(user)
    return user


def validated(user: User, officer: User) -> User:
    request = user.validation_requests.get(status="open")
    services.validate_member(officer, request)
    user.refresh_from_db()
    return user


def partner_profile(
    user: User,
    subjects: list[str],
    languages: dict[str, int],
    ages: tuple[int, int],
    *,
    available: bool = True,
    introduction: str = "",
) -> None:
    from comenius.network import services as network

    network.update_profile(
        user,
        network.ProfileData(
            introduction=introduction, age_min=ages[0], age_max=ages[1], available=available,
            available_from=None, available_until=None, project_kind="any", subjects=subjects,
            languages=languages, searchable=True, show_introduction=True, show_photo=True, show_institution=True,
        ),
    )  # fmt: skip


def give_partner_profiles(mette: User, lucia: User, otto: User) -> None:
    """Mette and Lucía run a project together (so they are contacts and have written); Otto is outside it."""
    from datetime import timedelta

    from django.utils import timezone

    from comenius.network import services as network

    partner_profile(
        mette, ["mathematics", "science"], {"da": 4, "en": 3}, (9, 11), introduction="Jeg underviser 4.b i Hjørring."
    )
    partner_profile(
        lucia,
        ["science", "foreign_languages"],
        {"es": 4, "en": 3},
        (10, 12),
        introduction="Science teacher in Sevilla.",
    )
    partner_profile(otto, ["history"], {"da": 4, "de": 2}, (12, 15), available=False)
    request = network.request_contact(mette, lucia, "Hej Lucía!")
    network.accept_contact(lucia, request)
    network.send_message(mette, lucia, "Shall we start with a video about our schools?")
    today = timezone.localdate()
    network.post_idea(
        lucia,
        network.IdeaData(
            title="Water in our cities", description="Pupils measure and compare the water of their towns.",
            subjects=["science", "environment"], age_min=10, age_max=12, languages=["en"], countries_wanted=[],
            starts_on=today + timedelta(days=30), ends_on=today + timedelta(days=150), partners_wanted=2,
            expires_on=today + timedelta(days=60),
        ),
    )  # fmt: skip


def project_data(title: str, **overrides: object) -> ProjectData:
    """Everything a project needs before the founder can send it on (DOMAIN.md's fields)."""
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    values: dict[str, object] = {
        "title": title,
        "summary": "Pupils measure the water of their towns and compare it with their partners.",
        "description": "Each class samples water from a river, a tap and a lake, then shares the results.",
        "languages": ["en"],
        "age_min": 10,
        "age_max": 12,
        "pupils_count": 48,
        "subjects": ["science", "environment"],
        "tools": "Shared spreadsheet, photos, video calls.",
        "aims": "Understand where our water comes from; practise English.",
        "work_process": "Autumn: sampling. Winter: comparing. Spring: a joint exhibition.",
        "expected_results": "A bilingual exhibition and a shared water map.",
        "starts_on": today + timedelta(days=14),
        "ends_on": today + timedelta(days=200),
        "show_in_gallery": True,
    }
    values.update(overrides)
    return ProjectData(**values)  # type: ignore[arg-type]


def founded_project(founder: User, cofounder: User, title: str, *, key: str = "", **overrides: object) -> Project:
    """A complete project the founder has sent to the co-founder (state: waiting for the co-founder)."""
    from comenius.projects import services as projects

    project = projects.create_draft(founder, project_data(title, **overrides), cofounder, key or title)
    return projects.submit_project(founder, project)


def active_project(founder: User, cofounder: User, officers: list[User], title: str, **overrides: object) -> Project:
    """A project taken through the whole flow: accepted by the co-founder, approved by every officer given."""
    from comenius.projects import services as projects
    from comenius.projects.models import ProjectApproval

    project = founded_project(founder, cofounder, title, **overrides)  # type: ignore[arg-type]
    projects.answer_invitation(cofounder, project, accept=True)
    for officer in officers:
        approval = ProjectApproval.objects.get(project=project, round=1, country=officer.country, state="pending")
        projects.approve(officer, approval)
    project.refresh_from_db()
    return project


def add_cast_pupil(teacher: User, project: Project) -> User:
    """Pia joins the project's space through the pupils service; the cast's pupil has a known username and
    the demo password (README) instead of generated ones."""
    from comenius.spaces.services.pupils import add_pupils

    [(pia, _password)] = add_pupils(teacher, project.space, ["Pia"], consent_confirmed=True)
    pia.username = "pia.vestby"
    pia.set_password(CAST_PASSWORD)
    pia.save(update_fields=["username", "password"])
    return pia


def build_cast() -> Cast:
    denmark = Country.objects.get(code="DK")
    spain = Country.objects.get(code="ES")
    vestbyskolen = make_institution(denmark, "Vestbyskolen", InstitutionType.PRIMARY, "Hjørring", "9800")
    cervantes = make_institution(spain, "IES Río Guadalquivir", InstitutionType.UPPER_SECONDARY, "Sevilla", "41001")
    jonas = services.create_officer(
        role=Role.NSO,
        email="jonas@nso.dk.example",
        first_name="Jonas",
        last_name="Madsen",
        country=denmark,
        password=CAST_PASSWORD,
    )
    ana = services.create_officer(
        role=Role.NSO,
        email="ana@nso.es.example",
        first_name="Ana",
        last_name="Martínez",
        country=spain,
        password=CAST_PASSWORD,
    )
    carla = services.create_officer(
        role=Role.CENTRAL,
        email="carla@central.example",
        first_name="Carla",
        last_name="Rossi",
        country=None,
        password=CAST_PASSWORD,
    )
    for officer in (jonas, ana, carla):
        services.enable_totp(officer, DEMO_TOTP_SECRET)
    mette = validated(
        register("mette@vestbyskolen.dk.example", "Mette", "Sørensen", vestbyskolen, language="da"), jonas
    )
    lucia = validated(register("lucia@iesguadalquivir.es.example", "Lucía", "García", cervantes), ana)
    otto = validated(register("otto@vestbyskolen.dk.example", "Otto", "Berg", vestbyskolen), jonas)
    nina = register("nina@example.org", "Nina", "Holm", vestbyskolen, role=PedagogicalRole.PEDAGOGUE, language="da")
    give_partner_profiles(mette, lucia, otto)
    # DESIGN.md: Pia is a pupil in Mette and Lucía's project (the project-space issue puts her in its space).
    project = active_project(mette, lucia, [jonas, ana], "Water in our cities")
    pia = add_cast_pupil(mette, project)
    return Cast(
        mette=mette,
        lucia=lucia,
        jonas=jonas,
        ana=ana,
        pia=pia,
        otto=otto,
        nina=nina,
        carla=carla,
        vestbyskolen=vestbyskolen,
        cervantes=cervantes,
        project=project,
    )


def client_for(user: User | None) -> Any:
    """A test client signed in as `user` (anonymous for None). Typed Any: its responses carry `context`, `url`,
    `streaming_content` and the like."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


class SignedInClients:
    """Clients for many requests as the same people (the permission matrix): every request gets a new client
    whose session is one in which the person has just signed in, as `client_for` would give, but the session
    is made once a person, not once a request (signing in costs more than most pages). A response that sets
    the session cookie changed the session, so the next request of that person signs in afresh."""

    def __init__(self) -> None:
        self._sessions: dict[int, str] = {}

    def get(self, user: User | None, url: str, **params: Any) -> Any:
        client = Client()
        if user is not None:
            if user.pk in self._sessions:
                client.cookies[settings.SESSION_COOKIE_NAME] = self._sessions[user.pk]
            else:
                client.force_login(user)
                self._sessions[user.pk] = client.cookies[settings.SESSION_COOKIE_NAME].value
        response = client.get(url, params)
        if user is not None and settings.SESSION_COOKIE_NAME in response.cookies:
            del self._sessions[user.pk]
        return response


def measured_get(client: Any, url: str, params: dict[str, Any] | None = None) -> tuple[int, Any]:
    """(queries, response) of a request made the second time: the first warms what a running server has warm
    (country names, translations). The page must answer 200."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(queries), response


def count_queries(client: Any, url: str, params: dict[str, Any] | None = None) -> int:
    """The queries of a page asked for the second time (see `measured_get`), for DESIGN.md rule 7's tests."""
    return measured_get(client, url, params)[0]
