from comenius.spaces.tests.matrix_common import ROLES, inside, space


def _no_args(cast):
    return {}


def pias_place(cast):
    from comenius.spaces.models import SpacePupil

    return {**space(cast), "pupil_id": SpacePupil.objects.get(user=cast.pia).pk}


# Managing pupils is for the space's teacher administrators and teachers: Pia (a pupil) gets 404 like anyone
# outside the space. POST-only pages answer 405 to a GET from those who pass the access checks.
MANAGE_PAGE = inside(pupil=404)
MANAGE_ACTION = inside(teachers=405, pupil=404)

ROWS = {
    # Pia has one space: her home sends her into it. Members and officers are not pupils (404).
    "spaces:pupil_home": (_no_args, {**dict.fromkeys(ROLES, 404), "anon": 302, "pia": 302}),
    # A pupil chooses her picture (only the shipped ones); nobody else has the page.
    "spaces:pupil_picture": (_no_args, {**dict.fromkeys(ROLES, 404), "anon": 302, "pia": 200}),
    # Signed-in people are sent on; visitors see the page.
    "spaces:pupil_login": (_no_args, {**dict.fromkeys(ROLES, 302), "anon": 200}),
    "spaces:members": (space, inside()),
    "spaces:pupils_add": (space, MANAGE_PAGE),
    "spaces:pupils_cards": (space, MANAGE_ACTION),
    "spaces:pupil_password": (pias_place, MANAGE_ACTION),
    "spaces:pupil_admin": (pias_place, MANAGE_ACTION),
    "spaces:pupil_remove": (pias_place, MANAGE_PAGE),
}
