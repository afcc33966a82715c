"""Shared set-up for the project tests: more people than the cast, form data, and "nothing changed" snapshots."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext

from comenius.accounts import services as accounts
from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent, Country
from comenius.devdata.testing import (
    CAST_PASSWORD,
    DEMO_TOTP_SECRET,
    make_institution,
    project_data,
    register,
    validated,
)
from comenius.network import services as network
from comenius.projects.models import Project, ProjectApproval, ProjectEvent, ProjectMember
from comenius.spaces.models import Space

_numbers = count(1)


def make_contacts(first: User, second: User) -> None:
    request = network.request_contact(first, second)
    network.accept_contact(second, request)


def teacher(
    country: str, officer: User, first_name: str, *, contact_of: User | None = None, language: str = "en"
) -> User:
    """A validated teacher at a school of their own (so never the same institution as anyone else)."""
    number = next(_numbers)
    school = make_institution(Country.objects.get(code=country), f"{first_name}skolen {number}", "primary", "Town")
    user = validated(
        register(f"{first_name.lower()}{number}@school{number}.example", first_name, f"Teacher{number}", school,
                 language=language),
        officer,
    )  # fmt: skip
    if contact_of is not None:
        make_contacts(contact_of, user)
    return user


def officer(country: str, first_name: str) -> User:
    """An NSO officer with TOTP, as `build_cast` makes Jonas and Ana."""
    user = accounts.create_officer(
        role=Role.NSO,
        email=f"{first_name.lower()}@nso.{country.lower()}.example",
        first_name=first_name,
        last_name="Officer",
        country=Country.objects.get(code=country),
        password=CAST_PASSWORD,
    )
    accounts.enable_totp(user, DEMO_TOTP_SECRET)
    return user


def form_data(title: str, *, key: str = "", cofounder: User | None = None, **overrides: object) -> dict[str, Any]:
    """What the project form posts for a complete project (`core.testing.project_data`)."""
    data = project_data(title, **overrides)
    post: dict[str, Any] = {"creation_key": key or uuid.uuid4().hex}
    for name, value in vars(data).items():
        if value is None or value is False:
            continue
        if value is True:
            post[name] = "on"
        elif isinstance(value, list):
            post[name] = value
        elif hasattr(value, "isoformat"):
            post[name] = value.isoformat()
        else:
            post[name] = str(value)
    if cofounder is not None:
        post["cofounder"] = str(cofounder.pk)
    return post


def approval(project: Project, country: str, round: int = 1) -> ProjectApproval:
    return ProjectApproval.objects.get(project=project, country_id=country, round=round)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def flash(response: HttpResponse) -> list[str]:
    """The messages a view queued for the next page (or showed on this one)."""
    return [str(message) for message in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def form_errors(response: HttpResponse) -> list[str]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return [str(error) for errors in form.errors.values() for error in errors]


def assert_shown(response: HttpResponse, user: User, text: str) -> None:
    """The view showed `text` (an English message id) to `user`, in their language: as a message or a form error."""
    expected = in_language(user.language, text)
    shown = flash(response) + (form_errors(response) if response.status_code == 400 else [])
    assert expected in shown, f"{expected!r} not among {shown!r}"


@contextmanager
def refused(text: str) -> Iterator[None]:
    """A service call raises DomainError with exactly this (English) message."""
    with translation.override("en"), pytest.raises(DomainError) as error:
        yield
    assert error.value.message == text


def snapshot() -> dict[str, object]:
    """Everything a project action can write. A refusal must leave all of it as it was."""
    return {
        "projects": list(Project.objects.order_by("pk").values()),
        "members": list(ProjectMember.objects.order_by("pk").values()),
        "approvals": list(ProjectApproval.objects.order_by("pk").values()),
        "events": list(ProjectEvent.objects.order_by("pk").values_list("pk", flat=True)),
        "audit": AuditEvent.objects.count(),
        "spaces": list(Space.objects.order_by("pk").values_list("project_id", flat=True)),
        "mails": len(mail.outbox),
    }
