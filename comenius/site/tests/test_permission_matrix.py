"""DESIGN.md rule 3: every URL of the project, for every member of the test cast, answers as this table says.

A new URL pattern without a row here fails the suite. GET is checked for every row; POST-only pages answer
405 to those allowed to reach them, so the table still shows who gets through the access checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comenius.accounts import services
from comenius.accounts.models import User, ValidationRequest
from comenius.core.uploads import CheckedFile
from comenius.devdata.testing import Cast, SignedInClients

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]
SIGNED_IN = [*MEMBERS, "nina", "pia", *OFFICERS]


def statuses(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    table = {"anon": anon, "nina": nina, "pia": pia}
    table.update(dict.fromkeys(MEMBERS, members))
    table.update(dict.fromkeys(OFFICERS, officers))
    table.update(overrides)
    return table


def nina_request(cast: Cast) -> dict[str, Any]:
    return {"pk": ValidationRequest.objects.get(user=cast.nina).pk}


def head_token(cast: Cast) -> dict[str, Any]:
    request = ValidationRequest.objects.get(user=cast.nina)
    request.head_email = "rektor@vestbyskolen.dk.example"
    request.save(update_fields=["head_email"])
    token = signing.dumps({"request": request.pk, "head": request.head_email}, salt=services.HEAD_LINK_SALT)
    return {"token": token}


def lucia(cast: Cast) -> dict[str, Any]:
    return {"user_id": cast.lucia.pk}


def mette_lucia_request(cast: Cast) -> dict[str, Any]:
    from comenius.network.models import ContactRequest

    return {"pk": ContactRequest.objects.get(from_user=cast.mette, to_user=cast.lucia).pk, "answer": "accept"}


def mette_lucia_conversation(cast: Cast) -> dict[str, Any]:
    from comenius.network.models import Conversation

    return {"pk": Conversation.objects.get().pk}


def lucias_idea(cast: Cast) -> dict[str, Any]:
    from comenius.network.models import ProjectIdea

    return {"pk": ProjectIdea.objects.get(author=cast.lucia).pk}


def the_project(cast: Cast) -> dict[str, Any]:
    return {"pk": cast.project.pk}


def lucias_membership(cast: Cast) -> dict[str, Any]:
    from comenius.projects.models import ProjectMember

    return {"pk": cast.project.pk, "member_pk": ProjectMember.objects.get(project=cast.project, user=cast.lucia).pk}


def danish_approval(cast: Cast) -> dict[str, Any]:
    from comenius.projects.models import ProjectApproval

    return {"pk": ProjectApproval.objects.get(project=cast.project, country_id="DK").pk}


def ottos_report(cast: Cast) -> dict[str, Any]:
    from comenius.moderation.models import Report

    return {"pk": Report.objects.get(reporter=cast.otto).pk}


def mettes_download(cast: Cast) -> dict[str, Any]:
    """A copy of her data, ready: only she may fetch it or see its status."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from comenius.core.models import DownloadStatus, PreparedDownload

    found = PreparedDownload.objects.filter(owner=cast.mette).first()
    if found is None:
        found = PreparedDownload(
            owner=cast.mette,
            kind="my-data",
            language="da",
            status=DownloadStatus.READY,
            filename="comenius-my-data.zip",
            expires_at=timezone.now() + timedelta(hours=1),
        )
        found.file.save("download.zip", ContentFile(b"PK\x05\x06" + bytes(18)), save=False)
        found.save()
    return {"pk": found.pk}


NO_ARGS: Callable[[Cast], dict[str, Any]] = lambda cast: {}  # noqa: E731
# Pupils are held to the pages listed in core.middleware: 404 everywhere else.
PUPIL_BLOCKED = 404

MATRIX: dict[str, tuple[Callable[[Cast], dict[str, Any]], dict[str, int]]] = {
    "site:front": (NO_ARGS, statuses(200, pia=302)),  # pupils are sent to their own start page
    "core:healthz": (NO_ARGS, statuses(200)),
    "core:privacy": (NO_ARGS, statuses(200)),
    "core:metrics": (NO_ARGS, statuses(404)),  # off without METRICS_TOKEN; a bearer token, not a session, opens it
    # Prepared downloads (a space export, a member's own data): their owner only; 404 for everyone else.
    "core:download": (mettes_download, statuses(404, anon=302, mette=200)),
    "core:download_status": (mettes_download, statuses(404, anon=302, mette=200)),
    "site:home": (NO_ARGS, per_group(302, 200, 302, 404, 302)),
    "accounts:status": (NO_ARGS, per_group(302, 200, 200, 404, 404)),
    "accounts:upload_evidence": (NO_ARGS, per_group(302, 405, 405, 404, 404)),
    "accounts:ask_head": (NO_ARGS, per_group(302, 405, 405, 404, 404)),
    "accounts:ask_again": (NO_ARGS, per_group(302, 405, 405, 404, 404)),
    "accounts:profile": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "accounts:change_institution": (NO_ARGS, per_group(302, 200, 200, 404, 404)),
    "accounts:set_language": (NO_ARGS, statuses(405)),
    # The member's own data: every member account (pending ones too); officers are removed by an admin.
    "accounts:privacy_settings": (NO_ARGS, per_group(302, 200, 200, 404, 404)),
    "accounts:export_data": (NO_ARGS, per_group(302, 405, 405, 404, 404)),
    "accounts:delete_account": (NO_ARGS, per_group(302, 405, 405, 404, 404)),
    "accounts:queue": (NO_ARGS, per_group(302, 404, 404, 404, 200)),
    "accounts:queue_bulk": (NO_ARGS, per_group(302, 404, 404, 404, 405)),
    "accounts:queue_request": (nina_request, per_group(302, 404, 404, 404, 200, ana=404)),
    "accounts:evidence": (nina_request, per_group(302, 404, 404, 404, 200, ana=404)),
    # Partner finding: validated members only; pending members are sent to their status page.
    "network:people": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:person": (lucia, per_group(302, 200, 302, 404, 404)),
    "network:photo": (lucia, per_group(302, 404, 302, 404, 404)),  # Lucía has no photo: 404 for everyone
    "network:request_contact": (lucia, per_group(302, 405, 302, 404, 404)),
    "network:remove_contact": (lucia, per_group(302, 405, 302, 404, 404)),
    "network:block": (lucia, per_group(302, 405, 302, 404, 404)),
    "network:unblock": (lucia, per_group(302, 405, 302, 404, 404)),
    "network:write_to": (lucia, per_group(302, 200, 302, 404, 404, lucia=404)),
    "network:edit_profile": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:upload_photo": (NO_ARGS, per_group(302, 405, 302, 404, 404)),
    "network:contacts": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:answer_contact": (mette_lucia_request, per_group(302, 405, 302, 404, 404)),
    "network:inbox": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:conversation": (mette_lucia_conversation, per_group(302, 200, 302, 404, 404, otto=404)),
    "network:conversation_updates": (mette_lucia_conversation, per_group(302, 200, 302, 404, 404, otto=404)),
    "network:ideas": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:my_ideas": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:new_idea": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "network:idea": (lucias_idea, per_group(302, 200, 302, 404, 404)),
    "network:edit_idea": (lucias_idea, per_group(302, 404, 302, 404, 404, lucia=200)),
    "network:close_idea": (lucias_idea, per_group(302, 405, 302, 404, 404)),
    "network:interested": (lucias_idea, per_group(302, 405, 302, 404, 404)),
    # Projects: validated members; the cast's project is active (Mette and Lucía are its administrators).
    "projects:mine": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "projects:search": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "projects:new": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "projects:detail": (the_project, per_group(302, 200, 302, 404, 404)),
    "projects:edit": (the_project, per_group(302, 404, 302, 404, 404, mette=200, lucia=200)),
    "projects:submit": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:discard": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:change_cofounder": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:withdraw": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:answer": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:invite": (the_project, per_group(302, 404, 302, 404, 404, mette=200, lucia=200)),
    "projects:member_role": (lucias_membership, per_group(302, 405, 302, 404, 404)),
    "projects:member_remove": (lucias_membership, per_group(302, 405, 302, 404, 404)),
    "projects:leave": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:close": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:reopen": (the_project, per_group(302, 405, 302, 404, 404)),
    "projects:archive": (the_project, per_group(302, 405, 302, 404, 404)),
    # The approval queue: NSO officers of the founders' countries and central support (with MFA).
    "projects:approvals": (NO_ARGS, per_group(302, 404, 404, 404, 200)),
    "projects:review": (danish_approval, per_group(302, 404, 404, 404, 200, ana=404)),
    # The public gallery: the cast's project chose to be shown.
    "projects:gallery": (NO_ARGS, statuses(200, pia=PUPIL_BLOCKED)),
    "site:gallery_project": (the_project, statuses(200, pia=PUPIL_BLOCKED)),
    # Moderation: members report what they can see (not themselves); Otto's report about Lucía's idea goes
    # to the Spanish NSO and central support.
    "moderation:report": (
        lambda cast: {"kind": "member", "object_id": cast.lucia.pk},
        per_group(302, 200, 302, 404, 404, lucia=404),
    ),
    "moderation:queue": (NO_ARGS, per_group(302, 404, 404, 404, 200)),
    "moderation:case": (ottos_report, per_group(302, 404, 404, 404, 200, jonas=404)),
    "accounts:audit_log": (NO_ARGS, per_group(302, 404, 404, 404, 200)),
    "accounts:country_settings": (lambda cast: {"code": "DK"}, per_group(302, 404, 404, 404, 200, ana=404)),
    "accounts:head_confirm": (head_token, statuses(200, pia=PUPIL_BLOCKED)),
    "institutions:signup_search": (NO_ARGS, statuses(200, pia=PUPIL_BLOCKED)),
    # allauth: entrance pages send signed-in people on; account pages need a login; sensitive MFA pages
    # first ask a signed-in person to prove it is them again (302 to reauthenticate).
    "account_login": (NO_ARGS, per_group(200, 302, 302, 404, 302)),
    "account_signup": (NO_ARGS, per_group(200, 302, 302, 404, 302)),
    "account_logout": (NO_ARGS, per_group(302, 200, 200, 200, 200)),
    "account_inactive": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "account_reauthenticate": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "account_request_reauthentication_code": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "account_confirm_reauthentication_code": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "account_email": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "account_email_verification_sent": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "account_change_password": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "account_set_password": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "account_reset_password": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "account_reset_password_done": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "account_reset_password_from_key": (
        lambda cast: {"uidb36": "1", "key": "set-password"},
        per_group(200, 200, 200, 404, 200),
    ),
    "account_reset_password_from_key_done": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "account_confirm_email": (lambda cast: {"key": "not-a-real-key"}, per_group(200, 200, 200, 404, 200)),
    "account_confirm_login_code": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_index": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "mfa_authenticate": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_reauthenticate": (NO_ARGS, per_group(302, 302, 302, 404, 200)),
    "mfa_activate_totp": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_deactivate_totp": (NO_ARGS, per_group(302, 404, 404, 404, 302)),
    "mfa_view_recovery_codes": (NO_ARGS, per_group(302, 404, 404, 404, 302)),
    "mfa_generate_recovery_codes": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_download_recovery_codes": (NO_ARGS, per_group(302, 404, 404, 404, 302)),
    "mfa_list_webauthn": (NO_ARGS, per_group(302, 200, 200, 404, 200)),
    "mfa_add_webauthn": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_reauthenticate_webauthn": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
    "mfa_remove_webauthn": (lambda cast: {"pk": 999}, per_group(302, 302, 302, 404, 302)),
    "mfa_edit_webauthn": (lambda cast: {"pk": 999}, per_group(302, 302, 302, 404, 302)),
    "mfa_login_webauthn": (NO_ARGS, per_group(302, 302, 302, 404, 302)),
}


# The project spaces keep their rows next to their code, one module per area.
from comenius.spaces.tests import (  # noqa: E402
    matrix_content,
    matrix_live,
    matrix_materials,
    matrix_moderation,
    matrix_pupils,
)

for _area in (matrix_pupils, matrix_content, matrix_materials, matrix_live, matrix_moderation):
    assert not MATRIX.keys() & _area.ROWS.keys(), "a space URL has two rows"
    MATRIX.update(_area.ROWS)


# Every other app keeps its rows next to its code (`<app>/tests/matrix.py`, ROWS); they are found here, so a
# new app adds its rows without editing this file.
def _app_rows() -> Iterator[tuple[str, dict[str, Any]]]:
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    for config in apps.get_app_configs():
        if not config.name.startswith("comenius.") or config.label == "spaces":
            continue
        if module_has_submodule(config.module, "tests") and module_has_submodule(
            import_module(f"{config.name}.tests"), "matrix"
        ):
            yield config.name, import_module(f"{config.name}.tests.matrix").ROWS


for _app, _rows in _app_rows():
    assert not MATRIX.keys() & _rows.keys(), f"a URL of {_app} has two rows"
    MATRIX.update(_rows)


def all_url_names() -> Iterator[tuple[str, str, set[str]]]:
    """(name, route, parameter names) of every URL pattern, namespaces included."""

    def parameters(pattern: Any) -> set[str]:
        inner = pattern.pattern
        return set(getattr(inner, "converters", {}) or {}) | set(inner.regex.groupindex)

    def walk(
        resolver: URLResolver, namespace: str, prefix: str, params: set[str]
    ) -> Iterator[tuple[str, str, set[str]]]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace and pattern.namespace
                    else (pattern.namespace or namespace)
                )
                yield from walk(pattern, inner or "", prefix + str(pattern.pattern), params | parameters(pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if not pattern.name and route.startswith("admin/"):
                    continue  # the admin's unnamed redirects to its named change pages
                assert pattern.name, f"URL pattern {route} has no name"
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, route, params | parameters(pattern)

    yield from walk(get_resolver(), "", "", set())


def person(role: str, cast: Cast) -> User | None:
    return None if role == "anon" else getattr(cast, role)


@pytest.fixture
def prepared_cast(cast: Cast) -> Cast:
    services.attach_evidence(cast.nina, CheckedFile(b"%PDF-1.4\n%%EOF\n", "application/pdf"))
    from comenius.moderation import services as moderation
    from comenius.network.models import ProjectIdea

    moderation.report(cast.otto, "idea", ProjectIdea.objects.get(author=cast.lucia).pk, "spam")
    return cast


def test_every_url_has_a_row():
    names = {name for name, route, _params in all_url_names() if not route.startswith("admin/")}
    assert names - MATRIX.keys() == set(), "Add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "These rows name URLs that no longer exist"


@pytest.mark.django_db
def test_matrix(prepared_cast: Cast):
    failures = []
    visitors = SignedInClients()
    for name, (kwargs_for, expected) in MATRIX.items():
        url = reverse(name, kwargs=kwargs_for(prepared_cast))
        for role in ROLES:
            status = visitors.get(person(role, prepared_cast), url).status_code
            if status != expected[role]:
                failures.append(f"{name:40} {role:6} expected {expected[role]}, got {status}")
    assert not failures, "\n".join(failures)


ADMIN_KWARGS = {"app_label": "accounts", "object_id": "1", "id": "1", "url": "x"}


@pytest.mark.django_db
def test_admin_is_for_central_support_only(prepared_cast: Cast):
    """Every admin URL: everyone but central support (with MFA) is sent to the admin login."""
    values = {**ADMIN_KWARGS, "content_type_id": str(ContentType.objects.first().pk)}  # type: ignore[union-attr]
    failures = []
    visitors = SignedInClients()
    for name, route, params in all_url_names():
        if not route.startswith("admin/"):
            continue
        url = reverse(name, kwargs={key: values[key] for key in params})
        for role in ROLES:
            status = visitors.get(person(role, prepared_cast), url).status_code
            if role == "carla":
                allowed = {200, 302, 403, 404, 405}  # reachable, never a server error
            elif role == "pia":
                allowed = {404}
            else:
                # Everyone else meets the admin's own login page, and nothing behind it.
                allowed = {200} if name == "admin:login" else {302}
            if status not in allowed:
                failures.append(f"{name:40} {role:6} got {status}")
    assert not failures, "\n".join(failures)
