"""Everyone the content tests need around the cast's space, made through the services: a person in every role
of the space, a teacher outside it, and a pupil of another project's space."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from comenius.accounts import services as accounts
from comenius.accounts.models import User
from comenius.devdata import testing
from comenius.devdata.testing import Cast, active_project
from comenius.projects import services as projects
from comenius.projects.tests.helpers import make_contacts, teacher
from comenius.spaces.models import SpacePupil
from comenius.spaces.services.pupils import add_pupils, set_pupil_admin

ROLES = ["teacher_admin", "teacher", "expert", "observer", "pupil", "pupil_admin", "outsider", "other_pupil"]


@dataclass
class People:
    by_role: dict[str, User]

    def __getitem__(self, role: str) -> User:
        return self.by_role[role]


def _join(cast: Cast, user: User, role: str) -> None:
    projects.invite_member(cast.mette, cast.project, user, role)
    projects.answer_invitation(user, cast.project, accept=True)


def space_people(cast: Cast) -> People:
    """Otto becomes a teacher of the project (a contact of Mette, invited and accepted); Erik an expert;
    Olga an observer; Sofia a pupil administrator. Ulla is a validated teacher outside the project; Ole is a
    pupil in Ulla's own project."""
    make_contacts(cast.mette, cast.otto)
    _join(cast, cast.otto, "teacher")
    expert = teacher("DK", cast.jonas, "Erik", contact_of=cast.mette)
    _join(cast, expert, "expert")
    observer = teacher("ES", cast.ana, "Olga", contact_of=cast.mette)
    _join(cast, observer, "observer")
    [(sofia, _password)] = add_pupils(cast.mette, cast.project.space, ["Sofia"], consent_confirmed=True)
    set_pupil_admin(cast.mette, SpacePupil.objects.get(user=sofia), True)
    ulla = teacher("DK", cast.jonas, "Ulla")
    rosa = teacher("ES", cast.ana, "Rosa", contact_of=ulla)
    other = active_project(ulla, rosa, [cast.jonas, cast.ana], "Birds of our towns")
    [(ole, _password)] = add_pupils(ulla, other.space, ["Ole"], consent_confirmed=True)
    return People(
        {
            "teacher_admin": cast.mette,
            "teacher": cast.otto,
            "expert": expert,
            "observer": observer,
            "pupil": cast.pia,
            "pupil_admin": sofia,
            "outsider": ulla,
            "other_pupil": ole,
        }
    )


def client_for(user: User | None) -> Any:
    """A signed-in client (`devdata.testing.client_for`) that reads the pages in English (Mette, Pia and Sofia
    would otherwise see Danish), so the tests can look for the English wording."""
    if user is not None:
        accounts.set_language(user, "en")
    return testing.client_for(user)
