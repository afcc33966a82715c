"""A page number past the end says so (issue 11, with core's HonestPaginator): every list answers "There is no
page 99" with a link to the last page, never an empty state that claims there is nothing ("Nobody is waiting")
nor, quietly, the last page under another number."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import Cast

pytestmark = pytest.mark.django_db

LISTS = {
    "mette": ["projects:search", "projects:gallery", "network:ideas", "courses:list", "groups:directory"],
    "jonas": ["accounts:queue", "accounts:audit_log", "projects:approvals", "moderation:queue", "recognition:queue"],
}
EMPTY_STATES = ["Nobody is waiting", "No project matches", "No idea matches", "No requests match"]


@pytest.mark.parametrize("who", sorted(LISTS))
def test_a_page_past_the_end_says_so(cast: Cast, who: str):
    user = getattr(cast, who)
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    for name in LISTS[who]:
        response = client.get(reverse(name), {"page": "99"})
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "There is no page 99" in html or "only the first" in html, name
        for words in EMPTY_STATES:
            assert words not in html, f"{name} says {words!r} on page 99"


def test_a_forum_thread_past_its_last_page_says_so(cast: Cast):
    from comenius.spaces.services import content

    space = cast.project.space
    thread = content.start_thread(cast.mette, space, "forum", "Which birds?", "Tell us what you saw.")
    content.reply(cast.lucia, thread, "A robin.")
    cast.mette.language = "en"
    cast.mette.save(update_fields=["language"])
    client = Client()
    client.force_login(cast.mette)
    url = reverse("spaces:thread", args=[space.pk, thread.pk])
    html = client.get(url, {"page": "99"}).content.decode()
    assert "There is no page 99" in html
    assert "A robin." in client.get(url, {"page": "last"}).content.decode()
