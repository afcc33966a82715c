"""Pages: sanitised on save (through the HTTP layer), drafts only for writers, the tree, publishing to the
public gallery with the no-pupil-data confirmation, and the public view of a published page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast, project_data
from comenius.projects import services as projects
from comenius.spaces.models import Page
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import People, client_for

pytestmark = pytest.mark.django_db


def _page(cast: Cast, title: str = "Our school", *, draft: bool = False, parent: Page | None = None) -> Page:
    data = content.PageData(title=title, body="<p>Hello</p>", parent=parent, is_draft=draft)
    return content.save_page(cast.mette, cast.project.space, data)


def _form(title: str, body: str, *, parent: str = "", draft: bool = False) -> dict[str, str]:
    data = {"title": title, "body": body, "parent": parent, "position": "0"}
    if draft:
        data["is_draft"] = "on"
    return data


# --- sanitising -------------------------------------------------------------------------------------------


def test_page_html_is_sanitised_when_saved_through_the_form(cast: Cast):
    space = cast.project.space
    dirty = (
        "<h2>Our river</h2><script>alert('x')</script><style>body{display:none}</style>"
        '<p onclick="steal()" style="color:red">Water <strong>is</strong> life</p>'
        '<a href="javascript:alert(1)">click</a> <a href="https://example.org/river">a link</a>'
        '<iframe src="https://evil.example/tracker"></iframe>'
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560"></iframe>'
        f'<img src="/spaces/{space.pk}/materials/7/file/" alt="The river" onerror="steal()">'
        f'<img src="/spaces/{space.pk + 1}/materials/7/file/" alt="Another space">'
        '<img src="https://tracker.example/pixel.gif" alt="pixel">'
    )
    mette = client_for(cast.mette)
    response = mette.post(reverse("spaces:page_new", args=[space.pk]), _form("River", dirty))
    assert response.status_code == 302
    stored = Page.objects.get(title="River").body
    rendered = mette.get(response["Location"]).content.decode()
    page_body = rendered.split('class="prose page-body">', 1)[1]
    for html in (stored, page_body):
        assert "<script" not in html and "alert(" not in html
        assert "<style" not in html and "display:none" not in html
        assert "onclick" not in html and "onerror" not in html and "style=" not in html
        assert "javascript:" not in html
        assert "evil.example" not in html and "tracker.example" not in html
        assert "<iframe" not in html  # every embed is a click-to-load placeholder
        assert 'data-embed-src="https://www.youtube-nocookie.com/embed/abc123"' in html
        assert f'src="/spaces/{space.pk}/materials/7/file/"' in html
        assert f"/spaces/{space.pk + 1}/materials/" not in html
        assert "<h2>Our river</h2>" in html and "<strong>is</strong>" in html
        assert 'href="https://example.org/river"' in html


def test_the_editor_explains_what_is_allowed_and_loads_its_script(cast: Cast):
    page = client_for(cast.mette).get(reverse("spaces:page_new", args=[cast.project.space.pk])).content.decode()
    assert "js/page_editor.js" in page
    assert "www.youtube-nocookie.com" in page  # the allowed embed hosts are listed in the help
    assert '<label class="field__label" for="id_body">' in page
    assert "<script>" not in page  # CSP: no inline scripts


# --- drafts and the tree ----------------------------------------------------------------------------------


def test_drafts_are_invisible_to_pupils_and_observers(cast: Cast, people: People):
    space = cast.project.space
    draft = _page(cast, "Secret plan", draft=True)
    under_draft = _page(cast, "Finished part", parent=draft)
    public = _page(cast, "Welcome")
    for role in ("pupil", "observer"):
        client = client_for(people[role])
        tree = client.get(reverse("spaces:pages", args=[space.pk])).content.decode()
        assert "Welcome" in tree and "Secret plan" not in tree and "Finished part" not in tree
        assert client.get(reverse("spaces:page", args=[space.pk, draft.pk])).status_code == 404
        # A page under a draft is out of reach with its branch.
        assert client.get(reverse("spaces:page", args=[space.pk, under_draft.pk])).status_code == 404
        assert client.get(reverse("spaces:page", args=[space.pk, public.pk])).status_code == 200
        assert "Secret plan" not in client.get(reverse("spaces:home", args=[space.pk])).content.decode()
    for role in ("pupil_admin", "teacher", "expert"):
        client = client_for(people[role])
        assert "Secret plan" in client.get(reverse("spaces:pages", args=[space.pk])).content.decode()
        page = client.get(reverse("spaces:page", args=[space.pk, draft.pk]))
        assert page.status_code == 200 and "only teachers and pupil administrators see it" in page.content.decode()


def test_the_tree_nests_and_orders_pages(cast: Cast):
    space = cast.project.space
    second = content.save_page(cast.mette, space, content.PageData("B second", "", position=2, is_draft=False))
    first = content.save_page(cast.mette, space, content.PageData("A-first", "", position=5, is_draft=False))
    content.save_page(cast.mette, space, content.PageData("Z first", "", position=1, is_draft=False))
    child = _page(cast, "Child of B", parent=second)
    html = client_for(cast.pia).get(reverse("spaces:pages", args=[space.pk])).content.decode()
    assert html.index("Z first") < html.index("B second") < html.index("Child of B") < html.index("A-first")
    detail = client_for(cast.pia).get(reverse("spaces:page", args=[space.pk, child.pk])).content.decode()
    assert 'aria-label="Breadcrumb"' in detail and "B second" in detail
    assert first.pk != child.pk


def test_a_page_cannot_move_below_itself(cast: Cast):
    space = cast.project.space
    parent = _page(cast, "Parent")
    child = _page(cast, "Child", parent=parent)
    response = client_for(cast.mette).post(
        reverse("spaces:page_edit", args=[space.pk, parent.pk]), _form("Parent", "", parent=str(child.pk))
    )
    assert response.status_code == 400  # not even offered as a choice
    parent.refresh_from_db()
    assert parent.parent_id is None
    from comenius.core.errors import DomainError

    with pytest.raises(DomainError, match="below itself"):
        content.save_page(cast.mette, space, content.PageData("Parent", "", parent=child), parent)


def test_writers_edit_and_delete_pages_without_sub_pages(cast: Cast, people: People):
    space = cast.project.space
    parent = _page(cast, "Parent")
    child = _page(cast, "Child", parent=parent)
    sofia = client_for(people["pupil_admin"])
    url = reverse("spaces:page_edit", args=[space.pk, child.pk])
    edited = sofia.post(url, _form("Our child", "<p>New</p>", parent=str(parent.pk)))
    assert edited.status_code == 302
    child.refresh_from_db()
    assert (child.title, child.body, child.parent) == ("Our child", "<p>New</p>", parent)
    assert child.updated_by == people["pupil_admin"]
    refused = sofia.post(reverse("spaces:page_delete", args=[space.pk, parent.pk]), follow=True)
    assert "has sub-pages" in refused.content.decode()
    assert sofia.post(reverse("spaces:page_delete", args=[space.pk, child.pk])).status_code == 302
    assert sofia.post(reverse("spaces:page_delete", args=[space.pk, parent.pk])).status_code == 302
    assert not Page.objects.exists()


# --- publishing -------------------------------------------------------------------------------------------


def test_publishing_needs_the_no_pupil_confirmation(cast: Cast):
    space = cast.project.space
    page = _page(cast)
    mette = client_for(cast.mette)
    url = reverse("spaces:page_publish", args=[space.pk, page.pk])
    warning = mette.get(url).content.decode()
    assert "Everyone on the internet will be able to read this page." in warning
    assert "This page shows no pupil&#x27;s face, full name or personal details" in warning
    refused = mette.post(url, {})
    assert refused.status_code == 400
    assert "confirm that it shows no pupil" in refused.content.decode()
    page.refresh_from_db()
    assert page.published_at is None
    assert mette.post(url, {"shows_no_pupil": "on"}).status_code == 302
    page.refresh_from_db()
    assert page.published_at is not None and page.published_by == cast.mette
    assert AuditEvent.objects.filter(action="space.page_published", target_id=str(page.pk)).exists()
    assert mette.post(reverse("spaces:page_unpublish", args=[space.pk, page.pk])).status_code == 302
    page.refresh_from_db()
    assert page.published_at is None
    assert AuditEvent.objects.filter(action="space.page_unpublished", target_id=str(page.pk)).exists()


def test_drafts_and_hidden_pages_cannot_be_published(cast: Cast):
    from comenius.core.errors import DomainError

    draft = _page(cast, draft=True)
    response = client_for(cast.mette).post(
        reverse("spaces:page_publish", args=[cast.project.space.pk, draft.pk]), {"shows_no_pupil": "on"}
    )
    assert response.status_code == 400 and "still a draft" in response.content.decode()
    hidden = _page(cast, "Hidden")
    content.set_hidden(cast.mette, hidden, True)
    with pytest.raises(DomainError):
        content.publish_page(cast.mette, hidden, shows_no_pupil=True)
    assert not Page.objects.filter(published_at__isnull=False).exists()


def test_changing_a_published_page_takes_it_out_of_the_gallery(cast: Cast, people: People):
    page = content.publish_page(cast.mette, _page(cast), shows_no_pupil=True)
    sofia = client_for(people["pupil_admin"])
    url = reverse("spaces:page_edit", args=[cast.project.space.pk, page.pk])
    assert "Saving your changes takes it out of the gallery" in sofia.get(url).content.decode()
    assert sofia.post(url, _form("Our school", "<p>A photo of Sofia</p>")).status_code == 302
    page.refresh_from_db()
    assert page.published_at is None
    public = reverse("spaces:public_page", args=[cast.project.pk, page.pk])
    assert Client().get(public).status_code == 404


# --- the public view --------------------------------------------------------------------------------------


def test_visitors_see_a_published_page_of_a_gallery_project(cast: Cast):
    page = _page(cast, "Our water map")
    url = reverse("spaces:public_page", args=[cast.project.pk, page.pk])
    visitor = Client()
    assert visitor.get(url).status_code == 404  # not published yet
    content.publish_page(cast.mette, page, shows_no_pupil=True)
    response = visitor.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Our water map" in html and "<p>Hello</p>" in html
    assert "Mette" not in html  # no names of authors in public
    assert reverse("site:gallery_project", args=[cast.project.pk]) in html
    assert client_for(cast.otto).get(url).status_code == 200
    assert client_for(cast.pia).get(url).status_code == 404  # pupils see only their spaces
    # Only through its own project.
    assert visitor.get(reverse("spaces:public_page", args=[cast.project.pk + 1, page.pk])).status_code == 404


def test_the_public_page_goes_when_the_project_leaves_the_gallery(cast: Cast):
    page = content.publish_page(cast.mette, _page(cast), shows_no_pupil=True)
    url = reverse("spaces:public_page", args=[cast.project.pk, page.pk])
    projects.update_project(cast.mette, cast.project, project_data(cast.project.title, show_in_gallery=False))
    assert Client().get(url).status_code == 404
    projects.update_project(cast.mette, cast.project, project_data(cast.project.title, show_in_gallery=True))
    assert Client().get(url).status_code == 200
    projects.set_hidden(cast.project, True)  # a moderator hid the project
    assert Client().get(url).status_code == 404


def test_a_hidden_page_is_not_public(cast: Cast):
    page = content.publish_page(cast.mette, _page(cast), shows_no_pupil=True)
    url = reverse("spaces:public_page", args=[cast.project.pk, page.pk])
    content.set_hidden(cast.mette, page, True)
    assert Client().get(url).status_code == 404
    page.refresh_from_db()
    assert page.published_at is None  # restoring it does not make it public again by itself


@pytest.mark.parametrize("parent", ["²", "١٢", "9" * 5000, "9" * 20])
def test_a_parent_that_is_no_id_is_ignored_by_the_new_page_form(cast: Cast, parent: str):
    """Found by the door fuzzer (issue 21): `?parent=²` passed `str.isdigit()` and then `int()` refused it, as
    it refuses 5,000 digits: a server error."""
    client = client_for(cast.mette)
    client.raise_request_exception = False
    response = client.get(reverse("spaces:page_new", args=[cast.project.space.pk]), {"parent": parent})
    assert response.status_code == 200
