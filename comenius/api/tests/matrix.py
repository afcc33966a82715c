"""Permission-matrix rows of the API (merged into site/tests/test_permission_matrix.py). The matrix's clients
carry a session, never a token: public endpoints answer everyone but pupils (who stay in their spaces), private
ones answer 401 whatever the session. What tokens reach is `test_api_matrix.py`."""

from __future__ import annotations

from typing import Any

from comenius.devdata.testing import Cast

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]


def NO_ARGS(cast: Cast) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


def gallery_project(cast: Cast) -> dict[str, Any]:
    cast.project.show_in_gallery = True
    cast.project.save(update_fields=["show_in_gallery"])
    return {"project_id": cast.project.pk}


def a_page(cast: Cast) -> dict[str, Any]:
    return {**gallery_project(cast), "page_id": 1}  # the cast's project has published no page


def an_institution(cast: Cast) -> dict[str, Any]:
    return {"institution_id": cast.vestbyskolen.pk}


def a_public_event(cast: Cast) -> dict[str, Any]:
    from comenius.events.tests.helpers import danish_event

    return {"event_id": danish_event(cast).pk}


def members_only_group(cast: Cast) -> dict[str, Any]:
    from comenius.groups.tests.matrix import group_args

    return group_args(cast)


PUBLIC = statuses(200, pia=404)
PRIVATE = statuses(401, pia=404)
NOTHING = statuses(404)

ROWS = {
    "api:api-root": (NO_ARGS, NOTHING),
    "api:openapi-json": (NO_ARGS, PUBLIC),
    "api:openapi-view": (NO_ARGS, PUBLIC),
    "api:gallery": (NO_ARGS, PUBLIC),
    "api:gallery_project": (gallery_project, PUBLIC),
    "api:gallery_page": (a_page, NOTHING),
    "api:institutions": (NO_ARGS, PUBLIC),
    "api:institution": (an_institution, PUBLIC),
    "api:verify_certificate": (lambda cast: {"code": "ABCD-EFGH"}, NOTHING),
    "api:ambassadors": (lambda cast: {"code": "dk"}, PUBLIC),
    "api:news": (lambda cast: {"code": "dk"}, PUBLIC),
    "api:statistics": (NO_ARGS, PUBLIC),
    "api:events": (NO_ARGS, PUBLIC),
    "api:event": (a_public_event, PUBLIC),
    # The cast's group is members-only: 404 to everyone here, as on the site (open groups: test_groups.py).
    "api:groups": (NO_ARGS, PUBLIC),
    "api:group": (members_only_group, NOTHING),
    "api:me": (NO_ARGS, PRIVATE),
    "api:contacts": (NO_ARGS, PRIVATE),
    "api:conversations": (NO_ARGS, PRIVATE),
    "api:messages": (lambda cast: {"conversation_id": 1}, PRIVATE),
    "api:send_message": (NO_ARGS, statuses(405, pia=404)),
    "api:my_projects": (NO_ARGS, PRIVATE),
    "api:my_spaces": (NO_ARGS, PRIVATE),
    "api:space_posts": (lambda cast: {"space_id": 1}, PRIVATE),
    "api:space_pages": (lambda cast: {"space_id": 1}, PRIVATE),
    "api:space_page": (lambda cast: {"space_id": 1, "page_id": 1}, PRIVATE),
    "api:notifications": (NO_ARGS, PRIVATE),
    "api:validations": (NO_ARGS, PRIVATE),
    # The token page: validated members and officers; Nina (waiting) and pupils have no tokens.
    "api:tokens": (NO_ARGS, statuses(200, anon=302, nina=404, pia=404)),
    "api:revoke": (lambda cast: {"pk": 1}, statuses(405, anon=302, pia=404)),
}
