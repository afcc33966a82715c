from comenius.spaces.tests.matrix_common import ROLES, inside, space


def _no_args(cast):
    return {}


ROWS = {
    # Pia has one space: her home sends her into it. Members and officers are not pupils (404).
    "spaces:pupil_home": (_no_args, {**dict.fromkeys(ROLES, 404), "anon": 302, "pia": 302}),
    # Signed-in people are sent on; visitors see the page.
    "spaces:pupil_login": (_no_args, {**dict.fromkeys(ROLES, 302), "anon": 200}),
    "spaces:members": (space, inside()),
}
