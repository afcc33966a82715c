"""The notification centre: unread counts after read / all read, items grouped by day, links to their objects,
and items about objects the reader may no longer see are neither shown, counted nor opened."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.network import services as network
from comenius.notifications import access, services
from comenius.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_unread_count_after_read_and_all_read(cast: Cast):
    Notification.objects.filter(recipient=cast.otto).delete()
    items = [services.notify(cast.otto, "core.download_ready", text=f"Item {n}", url="/") for n in range(3)]
    assert access.unread_count(cast.otto) == 3
    client = client_for(cast.otto)
    assert client.post(reverse("notifications:read", args=[items[0].pk])).status_code == 302  # type: ignore[union-attr]
    assert access.unread_count(cast.otto) == 2
    page = client.get(reverse("notifications:centre"))
    assert page.context["unread"] == 2
    assert "data-bell-count>2<" in page.content.decode().replace(" ", "")
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert access.unread_count(cast.otto) == 0
    # Someone else's item: nothing changes, 404.
    other = services.notify(cast.mette, "core.download_ready", text="Mette's", url="/")
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404  # type: ignore[union-attr]
    assert access.unread_count(cast.mette) >= 1


def test_items_are_grouped_by_day_and_open_their_object(cast: Cast):
    request = network.request_contact(cast.lucia, cast.otto, "Hola")
    item = Notification.objects.get(recipient=cast.otto, type="network.contact_request", target_id=request.pk)
    old = services.notify(cast.otto, "core.download_ready", text="Old news", url="/")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))  # type: ignore[union-attr]
    client = client_for(cast.otto)
    page = client.get(reverse("notifications:centre"))
    days = page.context["days"]
    assert len(days) >= 2 and days[0][0] > days[-1][0]
    assert "Lucía García would like to be your contact" in page.content.decode()
    opened = client.get(reverse("notifications:open", args=[item.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("network:contacts")
    item.refresh_from_db()
    assert item.read_at is not None
    assert client_for(cast.mette).get(reverse("notifications:open", args=[item.pk])).status_code == 404


def test_an_item_about_an_object_the_reader_can_no_longer_see_is_not_shown(cast: Cast):
    Notification.objects.filter(recipient=cast.otto).delete()
    request = network.request_contact(cast.lucia, cast.otto, "Hola")
    item = Notification.objects.get(recipient=cast.otto, target_id=request.pk)
    assert access.unread_count(cast.otto, fresh=True) == 1
    network.withdraw_contact(cast.lucia, request)
    client = client_for(cast.otto)
    assert access.unread_count(cast.otto, fresh=True) == 0
    page = client.get(reverse("notifications:centre"))
    assert "would like to be your contact" not in page.content.decode()
    assert client.get(reverse("notifications:open", args=[item.pk])).status_code == 404
    assert access.unread_count(cast.otto) == 0  # the plain count the header uses, without opening the centre


def test_a_project_item_vanishes_for_someone_who_no_longer_sees_the_project(cast: Cast):
    from comenius.devdata.testing import founded_project

    project = founded_project(cast.mette, cast.lucia, "Birds on the coast")  # Lucía is invited as co-founder
    item = Notification.objects.get(recipient=cast.lucia, type="projects.cofounder_invitation", target_id=project.pk)
    assert access.visible_item(cast.lucia, item.pk) is not None
    from comenius.projects import services as projects

    projects.withdraw_cofounder(cast.mette, project)  # a draft again: only Mette sees it
    assert access.visible_item(cast.lucia, item.pk) is None


def test_the_centre_pages_by_id_and_its_queries_do_not_grow(cast: Cast):
    client = client_for(cast.otto)
    for n in range(3):
        services.notify(cast.otto, "core.download_ready", text=f"Item {n}", url="/")
    few = count_queries(client, reverse("notifications:centre"))
    for n in range(60):
        services.notify(cast.otto, "core.download_ready", text=f"More {n}", url="/")
    many = count_queries(client, reverse("notifications:centre"))
    assert many == few
    page = client.get(reverse("notifications:centre"))
    assert page.context["next_before"] is not None
    older = client.get(reverse("notifications:centre"), {"before": page.context["next_before"]})
    assert older.status_code == 200 and older.context["days"]


def test_the_bell_is_in_every_signed_in_page_header(cast: Cast):
    for person in (cast.mette, cast.nina, cast.pia, cast.jonas):
        html = client_for(person).get(reverse("notifications:centre")).content.decode()
        assert "data-notification-bell" in html and reverse("notifications:centre") in html
    assert "data-notification-bell" not in client_for(None).get(reverse("site:front")).content.decode()
