"""The co-founder and partner pickers of a member with 2,000 contacts (issue 16): a search over one's contacts
and at most PICKER_SHOWN radio buttons, never a 2,000-option select; without JavaScript the Search button
sends the form back with the matches and keeps what was typed."""

from __future__ import annotations

from django.urls import reverse

from comenius.devdata.testing import active_project, client_for, count_queries, measured_get
from comenius.network import services as network
from comenius.network.tests.helpers import member
from comenius.network.tests.test_busy_member import HTML_BUDGET, add_contacts
from comenius.projects.forms import PICKER_SHOWN
from comenius.projects.models import Project
from comenius.projects.tests.helpers import form_data


def radios(html: str, name: str) -> int:
    return html.count(f'type="radio" name="{name}"')


def test_new_project_form_with_2000_contacts_is_small_and_searchable(cast):
    otto = cast.otto
    client = client_for(otto)
    url = reverse("projects:new")
    add_contacts(otto, 1)
    few = count_queries(client, url)
    add_contacts(otto, 1999, start=1)
    queries, response = measured_get(client, url)
    assert queries == few, f"{few} queries with one contact, {queries} with 2,000"
    html = response.content.decode()
    assert len(response.content) < HTML_BUDGET
    assert "<select" not in html.split('id="field-cofounder"', 1)[1].split("</fieldset>", 1)[0]
    assert radios(html, "cofounder") == PICKER_SHOWN + 1  # and "Nobody yet"
    assert "type a name to find the others" in html
    assert '<label class="field__label" for="id_cofounder_query">' in html  # the search is labelled
    assert 'hx-select="#cofounder-options"' in html

    # Without JavaScript: Search sends the form back, with the match and what was typed; nothing is saved.
    data = form_data("Rivers of Europe") | {"cofounder_query": "Person1234", "find": "1"}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert radios(html, "cofounder") == 2 and "Person1234 Busy" in html
    assert 'value="Rivers of Europe"' in html and "field__error" not in html
    assert not Project.objects.filter(title="Rivers of Europe").exists()

    # Any contact may be chosen, also one the first page of the picker did not show (a teacher at a school).
    chosen = member("FR", officer=cast.carla, first_name="Zuzana", last_name="Picked")
    network.accept_contact(otto, network.request_contact(chosen, otto))
    html = client.post(url, form_data("Rivers of Europe") | {"cofounder_query": "zuzana", "find": "1"}).content
    assert radios(html.decode(), "cofounder") == 2 and f'value="{chosen.pk}"' in html.decode()
    data = form_data("Rivers of Europe") | {"cofounder": chosen.pk}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode().split("error-summary", 1)[-1][:600]
    assert Project.objects.get(title="Rivers of Europe").cofounder_id == chosen.pk
    # Chosen and shown again (edit): the chosen one is among the radios even if not among the first.
    project = Project.objects.get(title="Rivers of Europe")
    html = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    assert f'value="{chosen.pk}"' in html and "checked" in html


def test_partner_invitation_picker_searches_without_javascript(cast):
    project = active_project(cast.lucia, cast.mette, [cast.jonas, cast.ana], "Partners wanted")
    founder = cast.lucia
    add_contacts(founder, 300, start=5000, last_name="Partner")
    client = client_for(founder)
    url = reverse("projects:invite", args=[project.pk])
    html = client.get(url).content.decode()
    assert radios(html, "invitee") == PICKER_SHOWN
    response = client.post(url, {"invitee_query": "Person5123", "find": "1", "role": "teacher"})
    assert response.status_code == 200
    html = response.content.decode()
    assert radios(html, "invitee") == 1 and "Person5123 Partner" in html
    response = client.post(url, {"invitee_query": "nobody-by-this-name", "find": "1"})
    assert "None of your contacts has that name." in response.content.decode()
