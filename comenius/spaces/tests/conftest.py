from __future__ import annotations

import pytest

from comenius.accounts.models import User
from comenius.devdata.testing import Cast


@pytest.fixture
def cast(cast: Cast) -> Cast:
    """The space tests read the English wording: every cast member uses English here (Mette and Pia use Danish
    elsewhere; the Danish pages are covered by the translation test and the browser suite)."""
    User.objects.update(language="en")
    for person in cast.everyone().values():
        person.language = "en"
    return cast
