"""One account per person (issue 12): the member lifecycle's optional `merge` hook.

An account merge moves every row of the merged account to the kept one, app by app, through each app's
`merge` hook. The hook is optional while the apps catch up: `STILL_TO_IMPLEMENT` names the apps that store
member data and have no `merge` yet. The test fails when a new app stores member data without a merge (the
list may only shrink), and when an app on the list gains its merge (take it off the list).
"""

from __future__ import annotations

import pytest

from comenius.core import lifecycle

# Apps that hold member data and do not implement `merge` yet. Remove an app here when it gets its hook.
STILL_TO_IMPLEMENT: set[str] = set()


def test_no_new_app_stores_member_data_without_a_merge():
    missing = set(lifecycle.apps_without_merge())
    assert missing - STILL_TO_IMPLEMENT == set(), "These apps store member data: implement MemberHooks.merge"
    assert STILL_TO_IMPLEMENT - missing <= _not_installed(), "These apps merge now: remove them from the list"


def _not_installed() -> set[str]:
    from django.apps import apps

    installed = {config.label for config in apps.get_app_configs()}
    return {label for label in STILL_TO_IMPLEMENT if label not in installed} | {
        label for label in STILL_TO_IMPLEMENT if label in installed and label not in _holding()
    }


def _holding() -> set[str]:
    return {model._meta.app_label for model in lifecycle.member_data_models()}


@pytest.mark.django_db
def test_merge_moves_ambassador_and_national_rows(cast):
    from comenius.ambassadors import services as ambassadors
    from comenius.ambassadors.models import Appointment, HelpRequest
    from comenius.ambassadors.tests.helpers import appoint

    appoint(cast.jonas, cast.otto, ["dk-hovedstaden"])
    ambassadors.ask_for_help(cast.otto, True, True, "")
    lifecycle.run_merge(cast.mette, cast.otto)
    assert Appointment.objects.filter(user=cast.mette).count() == 1
    assert not Appointment.objects.filter(user=cast.otto).exists()
    assert HelpRequest.objects.filter(user=cast.mette).count() == 1


@pytest.mark.django_db
def test_merge_never_makes_two_live_appointments(cast):
    from comenius.ambassadors.models import LIVE_STATES, Appointment
    from comenius.ambassadors.tests.helpers import appoint

    appoint(cast.jonas, cast.otto, ["dk-hovedstaden"])
    appoint(cast.jonas, cast.mette, ["dk-nordjylland"])
    lifecycle.run_merge(cast.mette, cast.otto)
    assert Appointment.objects.filter(user=cast.mette, state__in=LIVE_STATES).count() == 1
    assert Appointment.objects.filter(user=cast.mette).count() == 2  # the other one ended, nothing lost
