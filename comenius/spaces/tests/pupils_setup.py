"""What the pupil tests share: another project's space with its own teachers and pupil, form posts, logins."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

from comenius.accounts.models import User
from comenius.devdata.testing import Cast, active_project
from comenius.projects.tests.helpers import teacher
from comenius.spaces.models import Space, SpacePupil
from comenius.spaces.services.pupils import add_pupils


@dataclass
class OtherSpace:
    """Ulla's project (Danish and Spanish founders, like the cast's) with Ole as its pupil."""

    ulla: User
    rosa: User
    space: Space
    ole: User
    ole_password: str


def other_space(cast: Cast) -> OtherSpace:
    ulla = teacher("DK", cast.jonas, "Ulla")
    rosa = teacher("ES", cast.ana, "Rosa", contact_of=ulla)
    project = active_project(ulla, rosa, [cast.jonas, cast.ana], "Birds of our towns")
    [(ole, password)] = add_pupils(ulla, project.space, ["Ole"], consent_confirmed=True)
    return OtherSpace(ulla=ulla, rosa=rosa, space=project.space, ole=ole, ole_password=password)


def pupil_login(client: Client, username: str, password: str):
    return client.post(reverse("spaces:pupil_login"), {"username": username, "password": password})


def can_log_in(username: str, password: str) -> bool:
    response = pupil_login(Client(), username, password)
    return response.status_code == 302 and response.url == reverse("spaces:pupil_home")


def add_form(kind: str, names: str, *, consent: bool = True, key: str | None = None) -> dict[str, str]:
    """The add page's POST: kind "one" (one pupil) or "class" (a pasted list)."""
    data = {f"{kind}-names": names, f"{kind}-key": key or uuid.uuid4().hex}
    if consent:
        data[f"{kind}-consent"] = "on"
    return data


def shown_logins(html: str) -> list[tuple[str, str, str]]:
    """(first name, username, password) rows of the credentials page."""
    rows = re.findall(
        r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*><code>(.*?)</code></td>\s*<td[^>]*><code>(.*?)</code></td>',
        html,
    )
    return [(name.strip(), username, password) for name, username, password in rows]


def place_of(user: User, space: Space | None = None) -> SpacePupil:
    places = SpacePupil.objects.filter(user=user)
    return (places.filter(space=space) if space else places).get()
