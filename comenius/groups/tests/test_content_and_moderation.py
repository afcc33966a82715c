"""The group's feed, discussions and resources, what moderators do, and reports that reach the group's
moderators and central support (not the author's NSO)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.groups import services
from comenius.groups.models import Discussion, GroupPost, Resource
from comenius.groups.tests.people import approved_group
from comenius.moderation import access as moderation_access
from comenius.moderation import services as moderation
from comenius.moderation.models import Report

pytestmark = pytest.mark.django_db


def test_members_post_comment_discuss_and_share(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.lucia, group)
    lucia = client_for(cast.lucia)
    assert lucia.post(reverse("groups:post_new", args=[group.pk]), {"body": "Our playground map"}).status_code == 302
    post = GroupPost.objects.get()
    lucia.post(reverse("groups:comment", args=[group.pk, post.pk]), {"body": "Nice!"})
    assert post.comments.count() == 1
    response = lucia.post(reverse("groups:discussions", args=[group.pk]), {"title": "Rain", "body": "What then?"})
    discussion = Discussion.objects.get()
    assert response.status_code == 302
    lucia.post(reverse("groups:discussion", args=[group.pk, discussion.pk]), {"body": "Puddle maths."})
    assert discussion.replies.count() == 1
    link = lucia.post(
        reverse("groups:add_resource", args=[group.pk]),
        {"kind": "link", "link-title": "Outdoor ideas", "link-url": "https://example.org/outdoor"},
    )
    assert link.status_code == 302
    upload = SimpleUploadedFile("plan.txt", b"Count the trees.\n", content_type="text/plain")
    added = lucia.post(
        reverse("groups:add_resource", args=[group.pk]), {"kind": "file", "file-title": "Plan", "file-file": upload}
    )
    assert added.status_code == 302
    resource = Resource.objects.exclude(file="").get()
    assert resource.file.name.startswith(f"groups/{group.pk}/") and "plan" not in resource.file.name
    download = lucia.get(reverse("groups:resource_file", args=[group.pk, resource.pk]))
    assert download.status_code == 200
    # A disguised file is refused by the one upload policy.
    bad = SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    refused = lucia.post(reverse("groups:add_resource", args=[group.pk]), {"kind": "file", "file-file": bad})
    assert refused.status_code == 400
    # A non-member reads nothing of it and cannot write.
    assert client_for(cast.otto).get(reverse("groups:resource_file", args=[group.pk, resource.pk])).status_code == 404
    with pytest.raises(DomainError):
        services.create_post(cast.otto, group, "Hello")
    group.refresh_from_db()
    assert group.active_at is not None


def test_moderators_pin_and_hide(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.lucia, group)
    first = services.create_post(cast.lucia, group, "First")
    services.create_post(cast.lucia, group, "Second")
    with pytest.raises(DomainError):
        services.set_pinned(cast.lucia, first, True)
    client_for(cast.mette).post(reverse("groups:pin", args=[group.pk, "group_post", first.pk]), {"pinned": "1"})
    page = client_for(cast.lucia).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert page.index("First") < page.index("Second")
    client_for(cast.mette).post(reverse("groups:hide", args=[group.pk, "group_post", first.pk]), {"hidden": "1"})
    assert "First" not in client_for(cast.lucia).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "First" in client_for(cast.mette).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert (
        client_for(cast.lucia).post(reverse("groups:hide", args=[group.pk, "group_post", first.pk])).status_code == 404
    )


def test_a_report_goes_to_the_groups_moderators_and_central_support_not_the_nso(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.lucia, group)
    services.join(cast.otto, group)
    post = services.create_post(cast.lucia, group, "Buy my worksheets at example.com")
    response = client_for(cast.otto).post(
        reverse("moderation:report", args=["group_post", post.pk]), {"reason": "spam", "comment": ""}
    )
    assert response.status_code == 302
    report = Report.objects.get(kind="group_post")
    assert report.author == cast.lucia and report.country_id == "ES"
    # Routing: Mette (the group's moderator) and Carla, not the Spanish NSO nor an ordinary member.
    assert report in moderation_access.reports_for(cast.mette)
    assert report in moderation_access.reports_for(cast.carla)
    assert report not in moderation_access.reports_for(cast.ana)
    assert report not in moderation_access.reports_for(cast.otto)
    assert client_for(cast.ana).get(reverse("moderation:case", args=[report.pk])).status_code == 404
    assert (
        "Buy my worksheets" in client_for(cast.mette).get(reverse("groups:reports", args=[group.pk])).content.decode()
    )
    decided = client_for(cast.mette).post(
        reverse("groups:report_case", args=[group.pk, report.pk]), {"action": "hide", "reason": "Advertising"}
    )
    assert decided.status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is not None
    # The moderator of one group cannot decide reports of another.
    approved_group(cast.otto, cast.carla, title="Other")
    assert not moderation_access.can_moderate(cast.otto, report)
    # Warnings and bans are for central support and the NSO, never a group moderator.
    with pytest.raises(DomainError):
        moderation.decide(cast.mette, report, "ban", "No")


def test_non_members_cannot_report_what_they_cannot_read(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    post = services.create_post(cast.mette, group, "Hello")
    assert client_for(cast.otto).get(reverse("moderation:report", args=["group_post", post.pk])).status_code == 404


def test_directory_filters_and_query_counts(cast: Cast):
    approved_group(cast.mette, cast.carla, title="Outdoor maths")
    approved_group(
        cast.lucia, cast.carla, title="Teatro en clase", subjects=["drama"], languages=["es"], age_min=12, age_max=16
    )
    otto = client_for(cast.otto)
    url = reverse("groups:directory")
    assert "Teatro" in otto.get(url, {"subject": "drama"}).content.decode()
    assert "Outdoor" not in otto.get(url, {"subject": "drama"}).content.decode()
    assert "Outdoor" in otto.get(url, {"language": "da"}).content.decode()
    assert "Teatro" not in otto.get(url, {"age": "8"}).content.decode()
    assert "Teatro" in otto.get(url, {"q": "teatro"}).content.decode()
    assert "Teatro" in otto.get(url, {"size": "small", "activity": "week"}).content.decode()
    assert otto.get(url, {"age": "x", "size": "huge"}).status_code == 200  # a hand-edited URL: no filter
    few = count_queries(otto, url)
    for number in range(15):
        approved_group(cast.mette, cast.carla, title=f"Group {number}")
    assert count_queries(otto, url) == few


def test_group_page_query_count_does_not_grow_with_posts(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.lucia, group)
    post = services.create_post(cast.lucia, group, "One")
    services.comment(cast.mette, post, "Reply")
    url = reverse("groups:detail", args=[group.pk])
    few = count_queries(client_for(cast.lucia), url)
    for number in range(10):
        more = services.create_post(cast.lucia, group, f"Post {number}")
        services.comment(cast.mette, more, "Yes")
    assert count_queries(client_for(cast.lucia), url) == few
    discussions = reverse("groups:discussions", args=[group.pk])
    services.start_discussion(cast.mette, group, "Topic", "Text")
    before = count_queries(client_for(cast.lucia), discussions)
    for number in range(5):
        services.start_discussion(cast.mette, group, f"Topic {number}", "Text")
    assert count_queries(client_for(cast.lucia), discussions) == before


def test_annual_theme_has_its_group_and_is_featured_during_its_campaign(cast: Cast):
    from datetime import timedelta

    from django.utils import timezone

    from comenius.groups import access

    today = timezone.localdate()
    response = client_for(cast.carla).post(
        reverse("groups:themes"),
        {
            "title": "Skills for life", "description": "The 2025/26 theme.",
            "starts_on": (today - timedelta(days=30)).isoformat(), "ends_on": (today + timedelta(days=300)).isoformat(),
            "campaign_starts_on": (today - timedelta(days=3)).isoformat(),
            "campaign_ends_on": (today + timedelta(days=20)).isoformat(),
        },
    )  # fmt: skip
    assert response.status_code == 302
    theme = access.featured_theme()
    assert theme is not None and theme.group.state == "approved"
    assert access.featured_theme(today + timedelta(days=40)) is None
    assert "Skills for life" in client_for(cast.otto).get(reverse("groups:directory")).content.decode()
    assert client_for(cast.mette).post(reverse("groups:themes"), {}).status_code == 404
