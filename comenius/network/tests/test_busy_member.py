"""Nothing grows with what one person has (issue 16): the contacts page of a member with 2,000 contacts and a
conversation with 5,000 messages make as many queries as with one row, and their HTML stays small."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from comenius.accounts.models import MemberStatus, Role, User
from comenius.core.models import Country
from comenius.devdata.testing import client_for, count_queries, measured_get
from comenius.network import access, services
from comenius.network.models import ContactRequest, ContactState, Conversation, Message

HTML_BUDGET = 100_000  # bytes, issue 16: no page's HTML exceeds ~100 KB whatever the data


def add_contacts(user: User, number: int, start: int = 0, last_name: str = "Busy") -> list[User]:
    """`number` validated members who are all contacts of `user` (bulk: the page, not the set-up, is measured)."""
    country = Country.objects.get(code="FR")
    others = User.objects.bulk_create(
        User(
            email=f"busy{start + n}@contacts.example",
            first_name=f"Person{start + n}",
            last_name=last_name,
            role=Role.MEMBER,
            status=MemberStatus.VALIDATED,
            country=country,
        )
        for n in range(number)
    )
    others = list(User.objects.filter(email__in=[o.email for o in others]))
    now = timezone.now()
    ContactRequest.objects.bulk_create(
        ContactRequest(from_user=other, to_user=user, state=ContactState.ACCEPTED, answered_at=now)
        if n % 2
        else ContactRequest(from_user=user, to_user=other, state=ContactState.ACCEPTED, answered_at=now)
        for n, other in enumerate(others)
    )
    return others


def test_contacts_page_is_paged_and_bounded_for_2000_contacts(cast):
    otto = cast.otto
    client = client_for(otto)
    url = reverse("network:contacts")
    add_contacts(otto, 1)
    few = count_queries(client, url)
    add_contacts(otto, 1999, start=1)
    queries, response = measured_get(client, url)
    assert queries == few, f"{few} queries with one contact, {queries} with 2,000"
    html = response.content.decode()
    assert len(response.content) < HTML_BUDGET, len(response.content)
    assert html.count('formaction="/') <= 50  # one page of rows, no form per row
    assert response.context["page"].paginator.count == len(access.contact_ids(otto)) >= 2000
    # Every contact is reachable: the last page exists and shows the oldest ones; past it, a clear empty page.
    last = response.context["page"].paginator.num_pages
    assert client.get(url, {"page": last}).status_code == 200
    assert client.get(url, {"page": 10_000}).status_code == 200
    # The filter box finds one among 2,000, with the same number of queries.
    queries, response = measured_get(client, url, {"q": "Person1234"})
    assert [u.first_name for u in response.context["contacts"]] == ["Person1234"]
    assert queries == few


def test_contact_ids_is_a_subquery_not_a_list(cast):
    otto = cast.otto
    add_contacts(otto, 30)
    ids = access.contact_ids(otto)
    sql = str(User.objects.filter(pk__in=ids).query)
    assert "SELECT" in sql.split("IN", 1)[1]  # a subquery, not thirty literals
    assert set(User.objects.filter(pk__in=ids).values_list("email", flat=True)) == {
        f"busy{n}@contacts.example" for n in range(30)
    }
    assert otto.pk not in {row["other_id"] for row in ids}


def test_remove_from_the_compact_contacts_list(cast):
    otto = cast.otto
    (other,) = add_contacts(otto, 1, start=9000)
    client = client_for(otto)
    html = client.get(reverse("network:contacts")).content.decode()
    assert f'formaction="{reverse("network:remove_contact", args=[other.pk])}"' in html
    response = client.post(reverse("network:remove_contact", args=[other.pk]), {"next": "/network/contacts/?page=1"})
    assert response.status_code == 302
    assert not ContactRequest.objects.filter(
        Q(from_user=other) | Q(to_user=other), state=ContactState.ACCEPTED
    ).exists()


def conversation_with(user: User, other: User, number: int) -> Conversation:
    first, second = sorted([user, other], key=lambda u: u.pk)
    conversation, _ = Conversation.objects.get_or_create(first=first, second=second)
    start = timezone.now() - timedelta(days=30)
    existing = conversation.messages.count()
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            sender=user if n % 2 else other,
            body=f"Message number {existing + n} " + "words " * 20,
            created_at=start + timedelta(seconds=existing + n),
        )
        for n in range(number)
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=timezone.now())
    return conversation


def test_a_conversation_with_5000_messages_shows_the_newest_and_pages_back(cast):
    otto, mette = cast.otto, cast.mette
    services.request_contact(mette, otto)  # a real pair of members (any state will do for a conversation)
    conversation = conversation_with(otto, mette, 1)
    client = client_for(otto)
    url = reverse("network:conversation", args=[conversation.pk])
    few = count_queries(client, url)
    conversation_with(otto, mette, 4999)
    queries, response = measured_get(client, url)
    assert queries == few, f"{few} queries with one message, {queries} with 5,000"
    assert len(response.content) < HTML_BUDGET, len(response.content)
    history = response.context["history"]
    assert len(history) == 50 and history[-1].body.startswith("Message number 4999 ")
    assert response.context["older"]
    html = response.content.decode()
    assert 'hx-trigger="every 3s"' in html  # live updates on the newest window, as before
    assert f'href="?before={history[0].pk}"' in html
    # Older messages, a window at a time, without JavaScript; no live updates there, a way back.
    queries, response = measured_get(client, url, {"before": history[0].pk})
    assert queries <= few + 1  # the anchor message
    older = response.context["history"]
    assert older[-1].body.startswith("Message number 4949 ") and len(older) == 50
    assert "every 3s" not in response.content.decode()
    assert "Show the newest messages" in response.content.decode()
    # The very first message is reachable; before it, nothing older is offered.
    first = conversation.messages.order_by("created_at", "pk").first()
    assert first is not None
    second = conversation.messages.order_by("created_at", "pk")[1]
    response = client.get(url, {"before": second.pk})
    assert [m.pk for m in response.context["history"]] == [first.pk]
    assert not response.context["older"]
    # An unknown or foreign anchor: an empty window, not an error.
    assert client.get(url, {"before": 999_999_999}).status_code == 200
    assert client.get(url, {"before": "x"}).status_code == 200
    # The live updates still bring what came after the last one shown.
    services.send_message(mette, otto, "A brand new one")
    update = client.get(reverse("network:conversation_updates", args=[conversation.pk]), {"after": history[-1].pk})
    assert "A brand new one" in update.content.decode()


def test_pages_past_the_end_say_so_instead_of_showing_another(cast):
    """Issue 16: `?page=50` on a list capped at 200 rows used to show page 11 under the number 50."""
    from django.template.loader import render_to_string

    from comenius.core.pagination import COUNT_CAP, CappedPaginator

    otto = cast.otto
    add_contacts(otto, 250, start=20000)
    rows = access.contacts_list(otto)
    paginator = CappedPaginator(rows, 20)
    assert paginator.capped and paginator.num_pages == 11
    last = paginator.get_page(11)
    assert last.number == 11 and not getattr(last, "out_of_range", False)
    html = render_to_string("core/_pagination.html", {"page": last, "query_string": ""})
    assert f"More than {COUNT_CAP} results" in html and "Page 11 of 11" in html
    for asked in (50, 500, "99999999999999999999"):
        page = paginator.get_page(asked)
        assert page.out_of_range and page.beyond_cap and list(page.object_list) == []  # type: ignore[attr-defined]
        assert page.number == int(asked)
        html = render_to_string("core/_pagination.html", {"page": page, "query_string": "q=x"})
        assert f"More than {COUNT_CAP} results" in html and "?q=x&amp;page=11" in html
    assert paginator.get_page("abc").number == paginator.get_page("-3").number == 1

    # A list that is not capped: past its last page, a clear empty page that names the last one.
    client = client_for(otto)
    url = reverse("network:contacts")
    response = client.get(url, {"page": 500})
    assert response.status_code == 200
    html = response.content.decode()
    last_page = response.context["page"].paginator.num_pages
    assert f"There is no page 500: the list has {last_page} pages." in html
    assert f"page={last_page}" in html
    response = client.get(url, {"page": last_page})
    assert response.status_code == 200 and f"Page {last_page} of {last_page}" in response.content.decode()
    assert client.get(reverse("network:inbox"), {"page": 500}).status_code == 200
