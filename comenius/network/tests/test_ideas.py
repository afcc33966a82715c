"""The project-idea board: post, edit, close, expire, search, rate limits, duplicates, "I'm interested"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.core.errors import DomainError
from comenius.network import services
from comenius.network.access import IdeaFilters, visible_ideas
from comenius.network.models import Conversation, IdeaState, ProjectIdea

pytestmark = pytest.mark.django_db


def idea_data(**overrides: Any) -> services.IdeaData:
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "Birds on our school grounds",
        "description": "Pupils count birds and share the results with a partner class.",
        "subjects": ["biology", "environment"],
        "age_min": 8,
        "age_max": 10,
        "languages": ["en", "de"],
        "countries_wanted": ["DE", "AT"],
        "starts_on": today + timedelta(days=20),
        "ends_on": today + timedelta(days=100),
        "partners_wanted": 1,
        "expires_on": today + timedelta(days=60),
    }
    values.update(overrides)
    return services.IdeaData(**values)


def titles(viewer, **filters) -> set[str]:
    return {idea.title for idea in visible_ideas(viewer, IdeaFilters(**filters))}


def test_post_search_edit_close(cast):
    idea = services.post_idea(cast.otto, idea_data())
    assert "Birds on our school grounds" in titles(cast.mette)
    assert "Birds on our school grounds" in titles(cast.mette, subject="biology", language="de", age=9, country="AT")
    assert "Birds on our school grounds" not in titles(cast.mette, subject="music")
    assert "Birds on our school grounds" not in titles(cast.mette, country="ES")  # wants DE or AT
    assert "Water in our cities" in titles(cast.mette, country="ES")  # Lucía's idea wants any country
    assert "Birds on our school grounds" in titles(cast.mette, query="birds")
    services.update_idea(cast.otto, idea, idea_data(title="Birds and bees"))
    assert "Birds and bees" in titles(cast.mette)
    services.close_idea(cast.otto, idea)
    assert "Birds and bees" not in titles(cast.mette)


def test_expired_ideas_leave_the_board(cast, client):
    idea = services.post_idea(cast.otto, idea_data())
    ProjectIdea.objects.filter(pk=idea.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert "Birds on our school grounds" not in titles(cast.mette)
    client.force_login(cast.mette)
    assert client.get(reverse("network:idea", args=[idea.pk])).status_code == 404
    client.force_login(cast.otto)  # the author still sees it in their list and page
    assert client.get(reverse("network:idea", args=[idea.pk])).status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ends_on": timezone.localdate()}, "cannot end before it starts"),
        ({"age_min": 12, "age_max": 8}, "youngest age"),
        ({"expires_on": timezone.localdate() + timedelta(days=400)}, "at most"),
        ({"expires_on": timezone.localdate() - timedelta(days=1)}, "at most"),
    ],
)
def test_bad_ideas_are_refused(cast, change, message):
    with pytest.raises(DomainError, match=message):
        services.post_idea(cast.otto, idea_data(**change))
    assert not ProjectIdea.objects.filter(author=cast.otto).exists()


def test_duplicates_are_refused_even_from_another_author(cast):
    services.post_idea(cast.otto, idea_data())
    with pytest.raises(DomainError, match="already on the board"):
        services.post_idea(cast.mette, idea_data(title="BIRDS on our school grounds!!"))
    with pytest.raises(DomainError, match=r"with this title|already on the board"):
        services.post_idea(cast.otto, idea_data(description="Something else entirely."))
    assert ProjectIdea.objects.filter(title__icontains="birds").count() == 1


def test_posting_is_rate_limited(cast, settings):
    settings.IDEA_POSTS_PER_DAY = 2
    services.post_idea(cast.otto, idea_data(title="One", description="First idea."))
    services.post_idea(cast.otto, idea_data(title="Two", description="Second idea."))
    with pytest.raises(DomainError, match="several ideas today"):
        services.post_idea(cast.otto, idea_data(title="Three", description="Third idea."))


def test_only_the_author_edits_or_closes(cast, client):
    idea = ProjectIdea.objects.get(author=cast.lucia)
    with pytest.raises(DomainError):
        services.close_idea(cast.otto, idea)
    with pytest.raises(DomainError):
        services.update_idea(cast.otto, idea, idea_data())
    client.force_login(cast.otto)
    assert client.get(reverse("network:edit_idea", args=[idea.pk])).status_code == 404
    client.post(reverse("network:close_idea", args=[idea.pk]))
    assert ProjectIdea.objects.get(pk=idea.pk).state == IdeaState.OPEN


def test_interest_starts_a_conversation_with_the_author(cast, client):
    idea = ProjectIdea.objects.get(author=cast.lucia)
    client.force_login(cast.otto)
    response = client.post(reverse("network:interested", args=[idea.pk]), {"note": "My class would love this."})
    conversation = Conversation.objects.get(first__in=[cast.otto, cast.lucia], second__in=[cast.otto, cast.lucia])
    assert response.url == reverse("network:conversation", args=[conversation.pk])
    body = conversation.messages.get().body
    assert "Water in our cities" in body and "My class would love this." in body


def test_post_through_the_form(cast, client):
    client.force_login(cast.otto)
    today = timezone.localdate()
    data = {
        "title": "Letters to a partner class",
        "description": "Handwritten letters, then a video call.",
        "subjects": ["foreign_languages"],
        "age_min": "9",
        "age_max": "11",
        "languages": ["en"],
        "starts_on": (today + timedelta(days=10)).isoformat(),
        "ends_on": (today + timedelta(days=90)).isoformat(),
        "partners_wanted": "1",
        "expires_on": (today + timedelta(days=30)).isoformat(),
    }
    response = client.post(reverse("network:new_idea"), data)
    idea = ProjectIdea.objects.get(title="Letters to a partner class")
    assert response.url == reverse("network:idea", args=[idea.pk])
    again = client.post(reverse("network:new_idea"), data)
    assert again.status_code == 400
    assert ProjectIdea.objects.filter(title="Letters to a partner class").count() == 1
    bad = client.post(reverse("network:new_idea"), {**data, "title": "<script>x</script>"})
    assert bad.status_code == 400
