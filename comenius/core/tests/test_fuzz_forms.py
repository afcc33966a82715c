"""Hostile text (markup, control characters, very long strings, mixed scripts) through every form of the
foundation and partner finding: never a server error, never unescaped markup on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comenius.devdata.testing import Cast, client_for
from comenius.network.models import Conversation, ProjectIdea

MARKERS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg/onload=alert(1)>",
    "javascript:alert(1)",
]
hostile = st.one_of(
    st.sampled_from(MARKERS),
    st.text(min_size=0, max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FFF), min_size=1, max_size=50),
    st.builds(lambda a, b: a + b, st.sampled_from(MARKERS), st.text(max_size=40)),
    st.just("x" * 20_000),
    st.just("Ωμέγα Привет مرحبا 你好 \u202e\u200b"),
)
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_safe(response: Any) -> None:
    assert response.status_code < 500, response.status_code
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        for marker in ("<script>alert(1)", "<img src=x onerror", "<svg/onload"):
            assert marker not in body


@pytest.mark.django_db
@FUZZ
@given(text=hostile)
@example(text="0\x00")  # found by hypothesis on PostgreSQL: NUL bytes once gave a 500
def test_signup_and_search_forms(cast: Cast, text: str) -> None:
    anonymous = Client()
    data = {
        "first_name": text, "last_name": text, "email": "fuzz@example.org", "password1": "a-Long-passphrase-42",
        "password2": "a-Long-passphrase-42", "country": "DK", "institution_query": text, "role": "teacher",
        "new_institution_name": text, "new_institution_type": "primary", "new_institution_city": text,
    }  # fmt: skip
    assert_safe(anonymous.post(reverse("account_signup"), data))
    assert_safe(anonymous.get(reverse("institutions:signup_search"), {"country": "DK", "institution_query": text}))
    member = client_for(cast.otto)
    assert_safe(member.get(reverse("network:people"), {"q": text, "country": text, "age": text}))
    assert_safe(member.get(reverse("network:ideas"), {"q": text, "subject": text}))


@pytest.mark.django_db
@FUZZ
@given(text=hostile)
@example(text="0\x00")  # found by hypothesis on PostgreSQL: NUL bytes once gave a 500
def test_member_forms(cast: Cast, text: str) -> None:
    nina = client_for(cast.nina)
    assert_safe(nina.post(reverse("accounts:profile"), {"first_name": text, "last_name": text, "language": "da"}))
    assert_safe(nina.post(reverse("accounts:ask_head"), {"head_email": text}))
    otto = client_for(cast.otto)
    assert_safe(
        otto.post(
            reverse("network:edit_profile"),
            {
                "introduction": text,
                "subjects": ["history"],
                "age_min": "9",
                "age_max": "12",
                "project_kind": "any",
                "language_1": "da",
                "level_1": "4",
                "searchable": "on",
                "show_introduction": "on",
            },
        )
    )
    assert_safe(otto.get(reverse("network:person", args=[cast.otto.pk])))
    assert_safe(otto.post(reverse("network:request_contact", args=[cast.lucia.pk]), {"message": text}))
    assert_safe(otto.post(reverse("network:write_to", args=[cast.mette.pk]), {"body": text}))
    conversation = Conversation.objects.filter(first=cast.mette).first() or Conversation.objects.first()
    assert conversation is not None
    assert_safe(client_for(cast.mette).get(reverse("network:conversation", args=[conversation.pk])))
    assert_safe(
        otto.post(
            reverse("network:new_idea"),
            {
                "title": text,
                "description": text,
                "subjects": ["history"],
                "age_min": "9",
                "age_max": "11",
                "languages": ["en"],
                "starts_on": "2027-01-01",
                "ends_on": "2027-03-01",
                "partners_wanted": "1",
                "expires_on": "2026-12-30",
            },
        )
    )
    idea = ProjectIdea.objects.filter(author=cast.lucia).first()
    assert idea is not None
    assert_safe(otto.post(reverse("network:interested", args=[idea.pk]), {"note": text}))
    assert_safe(otto.get(reverse("network:inbox")))


@pytest.mark.django_db
@FUZZ
@given(text=hostile)
@example(text="0\x00")  # found by hypothesis on PostgreSQL: NUL bytes once gave a 500
def test_officer_forms(cast: Cast, text: str) -> None:
    jonas = client_for(cast.jonas)
    request = cast.nina.validation_requests.first()
    assert request is not None
    assert_safe(jonas.get(reverse("accounts:queue"), {"q": text, "status": text, "type": text}))
    assert_safe(
        jonas.post(reverse("accounts:queue_request", args=[request.pk]), {"decision": "reject", "reason": text})
    )
    assert_safe(jonas.get(reverse("accounts:queue_request", args=[request.pk])))
    assert_safe(jonas.post(reverse("accounts:country_settings", args=["DK"]), {"trusted_email_domains": text}))
    assert_safe(client_for(cast.nina).get(reverse("accounts:status")))
