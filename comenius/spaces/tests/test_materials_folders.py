"""Folders and photo albums, links and embeds, who deletes what, the read-only space of a closed project, and a
bounded number of queries on the materials pages."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.core.tests.upload_files import pdf
from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.projects import services as projects
from comenius.projects.tests.helpers import make_contacts
from comenius.spaces.models import Folder, Material
from comenius.spaces.services import materials
from comenius.spaces.tests.test_materials_uploads import add_file, png, post_files, stored_files

pytestmark = pytest.mark.django_db


def otto_teaches(cast: Cast) -> None:
    """Otto joins the project as a (non-administrator) teacher."""
    make_contacts(cast.mette, cast.otto)
    projects.invite_member(cast.mette, cast.project, cast.otto, "teacher")
    projects.answer_invitation(cast.otto, cast.project, accept=True)


def refused(text: str):
    return pytest.raises(DomainError, match=text)


# --- folders and albums -------------------------------------------------------------------------------------------


def test_folders_nest_and_albums_show_a_gallery(cast: Cast):
    space = cast.project.space
    client = client_for(cast.lucia)
    response = client.post(reverse("spaces:folder_new", args=[space.pk]), {"folder-name": "  Our   town  "})
    town = Folder.objects.get()
    assert response.status_code == 302 and response.url == reverse("spaces:folder", args=[space.pk, town.pk])
    assert town.name == "Our town" and town.author == cast.lucia and not town.is_album
    response = client.post(
        reverse("spaces:folder_new", args=[space.pk]),
        {"folder-name": "Photos of the river", "folder-is_album": "on", "folder-parent": town.pk},
    )
    album = Folder.objects.get(name="Photos of the river")
    assert album.is_album and album.parent == town
    add_file(cast.lucia, space, "river.png", png(), folder=album, title="The river in May")
    add_file(cast.lucia, space, "plan.pdf", pdf(), folder=town, title="Our plan")

    page = client_for(cast.pia).get(reverse("spaces:folder", args=[space.pk, album.pk])).content.decode()
    assert 'class="album"' in page and 'alt="The river in May"' in page
    assert reverse("spaces:folder", args=[space.pk, town.pk]) in page  # the path back up
    assert "Our plan" not in page
    top = client_for(cast.pia).get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert "Our town" in top and "The river in May" not in top
    town_page = client_for(cast.pia).get(reverse("spaces:folder", args=[space.pk, town.pk])).content.decode()
    assert "Our plan" in town_page and "Photos of the river" in town_page


def test_folder_rules(cast: Cast):
    space = cast.project.space
    album = materials.create_folder(cast.mette, space, "Album", is_album=True)
    with refused("A photo album cannot hold folders."):
        materials.create_folder(cast.mette, space, "Inside", parent=album)
    with refused("There is already a folder called “album” here."):
        materials.create_folder(cast.mette, space, "album")
    with refused("A photo album holds images"):
        add_file(cast.mette, space, "plan.pdf", pdf(), folder=album)
    with refused("A photo album holds images"):
        materials.add_link(cast.mette, space, "https://example.org/", folder=album)
    assert materials.add_embed(cast.mette, space, "https://www.youtube-nocookie.com/embed/x", folder=album)
    parent = None
    for depth in range(materials.MAX_FOLDER_DEPTH):
        parent = materials.create_folder(cast.mette, space, f"Level {depth}", parent=parent)
    with refused("Folders can be at most 5 levels deep."):
        materials.create_folder(cast.mette, space, "Too deep", parent=parent)
    with refused("Give the folder a name"):
        materials.create_folder(cast.mette, space, "   ")
    assert stored_files() == []  # the refused PDF left nothing


def test_a_folder_of_another_space_cannot_be_used(cast: Cast):
    from comenius.spaces.tests.test_materials_serving import pupil_of_another_space

    ole = pupil_of_another_space(cast)
    other_space = ole.pupil_places.get().space
    ulla = other_space.project.founder
    foreign = materials.create_folder(ulla, other_space, "Theirs")
    with refused("This folder no longer exists."):
        add_file(cast.mette, cast.project.space, "x.png", png(), folder=foreign)
    response = post_files(client_for(cast.mette), cast.project.space.pk, ("x.png", png()), folder=foreign)
    assert response.status_code == 404
    assert (
        client_for(cast.mette).get(reverse("spaces:folder", args=[cast.project.space.pk, foreign.pk])).status_code
        == 404
    )
    assert not Material.objects.exists()


def test_only_empty_folders_are_deleted(cast: Cast):
    space = cast.project.space
    folder = materials.create_folder(cast.lucia, space, "Drafts")
    photo = add_file(cast.lucia, space, "x.png", png(), folder=folder)
    client = client_for(cast.lucia)
    url = reverse("spaces:folder_delete", args=[space.pk, folder.pk])
    response = client.post(url)
    assert response.status_code == 302 and Folder.objects.filter(pk=folder.pk).exists()
    assert "Only empty folders can be deleted." in client.get(response.url).content.decode()
    materials.delete_material(cast.lucia, photo)
    assert client.post(url).status_code == 302 and not Folder.objects.exists()


# --- links and embeds ---------------------------------------------------------------------------------------------


def test_links_are_http_or_https_only(cast: Cast):
    space = cast.project.space
    client = client_for(cast.lucia)
    url = reverse("spaces:material_link", args=[space.pk])
    response = client.post(url, {"link-url": "https://www.dmi.dk/vand", "link-title": "Water data"})
    assert response.status_code == 302
    link = Material.objects.get()
    assert (link.kind, link.url, link.title, link.file.name) == ("link", "https://www.dmi.dk/vand", "Water data", "")
    for bad in ("javascript:alert(1)", "ftp://files.example.org/x", "data:text/html,<script>alert(1)</script>"):
        response = client.post(url, {"link-url": bad})
        assert response.status_code == 400, bad
    assert Material.objects.count() == 1
    with refused("Enter a full web address"):
        materials.add_link(cast.lucia, space, "javascript:alert(1)")
    page = client_for(cast.pia).get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert 'href="https://www.dmi.dk/vand" rel="noopener noreferrer nofollow"' in page


def test_embeds_only_from_the_allow_list_and_click_to_load(cast: Cast):
    space = cast.project.space
    client = client_for(cast.lucia)
    url = reverse("spaces:material_embed", args=[space.pk])
    video = "https://www.youtube-nocookie.com/embed/abc123"
    assert client.post(url, {"embed-url": video, "embed-title": "Our song"}).status_code == 302
    embed = Material.objects.get()
    assert (embed.kind, embed.url) == ("embed", video)
    for bad in ("https://evil.example/embed/1", "http://www.youtube-nocookie.com/embed/abc123"):
        response = client.post(url, {"embed-url": bad})
        assert response.status_code == 400
        assert "Only videos and tools from these sites can be embedded" in response.content.decode()
    assert Material.objects.count() == 1
    for page_url in (
        reverse("spaces:materials", args=[space.pk]),
        reverse("spaces:material", args=[space.pk, embed.pk]),
    ):
        page = html.unescape(client_for(cast.pia).get(page_url).content.decode())
        assert f'data-embed-src="{video}"' in page and "<iframe" not in page and 'class="embed__load"' in page


# --- deleting -----------------------------------------------------------------------------------------------------


def test_authors_delete_their_own_and_teacher_admins_anything(cast: Cast):
    otto_teaches(cast)
    space = cast.project.space
    ottos = add_file(cast.otto, space, "otto.png", png())
    mettes = add_file(cast.mette, space, "mette.png", png())
    files = [Path(ottos.file.path), Path(ottos.thumbnail.path)]
    otto = client_for(cast.otto)
    detail = otto.get(reverse("spaces:material", args=[space.pk, mettes.pk])).content.decode()
    assert reverse("spaces:material_delete", args=[space.pk, mettes.pk]) not in detail
    response = otto.post(reverse("spaces:material_delete", args=[space.pk, mettes.pk]))
    assert response.status_code == 302 and Material.objects.filter(pk=mettes.pk).exists()
    assert "You can delete only what you added yourself." in otto.get(response.url).content.decode()
    with refused("You can delete only what you added yourself."):
        materials.delete_material(cast.pia, mettes)
    assert client_for(cast.pia).post(reverse("spaces:material_delete", args=[space.pk, mettes.pk])).status_code == 302
    assert Material.objects.filter(pk=mettes.pk).exists()

    # Lucía (teacher administrator) deletes Otto's; the stored files go with it.
    assert all(path.exists() for path in files)
    response = client_for(cast.lucia).post(reverse("spaces:material_delete", args=[space.pk, ottos.pk]))
    assert response.status_code == 302 and response.url == reverse("spaces:materials", args=[space.pk])
    assert not Material.objects.filter(pk=ottos.pk).exists()
    assert not any(path.exists() for path in files)
    # Otto deletes his own.
    own = add_file(cast.otto, space, "again.png", png())
    assert otto.post(reverse("spaces:material_delete", args=[space.pk, own.pk])).status_code == 302
    assert not Material.objects.filter(pk=own.pk).exists()


# --- closed projects ----------------------------------------------------------------------------------------------


def test_a_closed_projects_materials_are_read_only(cast: Cast):
    space = cast.project.space
    photo = add_file(cast.mette, space, "class.png", png())
    folder = materials.create_folder(cast.mette, space, "Empty")
    projects.close_project(cast.mette, cast.project)
    lucia = client_for(cast.lucia)
    response = post_files(lucia, space.pk, ("new.png", png()))
    assert response.status_code == 400 and "nothing can be added or changed" in response.content.decode()
    for name, data in (
        ("spaces:material_link", {"link-url": "https://example.org/"}),
        ("spaces:material_embed", {"embed-url": "https://www.youtube-nocookie.com/embed/x"}),
        ("spaces:folder_new", {"folder-name": "New"}),
    ):
        response = lucia.post(reverse(name, args=[space.pk]), data)
        assert response.status_code == 400 and "nothing can be added or changed" in response.content.decode(), name
    lucia.post(reverse("spaces:material_delete", args=[space.pk, photo.pk]))
    lucia.post(reverse("spaces:folder_delete", args=[space.pk, folder.pk]))
    assert Material.objects.count() == 1 and Folder.objects.count() == 1
    # Still readable, without the forms.
    page = lucia.get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert "class.png" in page and "upload-file" not in page
    assert lucia.get(reverse("spaces:material_file", args=[space.pk, photo.pk])).status_code == 200
    assert client_for(cast.pia).get(reverse("spaces:material_file", args=[space.pk, photo.pk])).status_code == 200


# --- queries ------------------------------------------------------------------------------------------------------


def test_materials_pages_make_a_bounded_number_of_queries(cast: Cast):
    """A teacher and a pupil on the same materials (building them is most of the cost)."""
    space = cast.project.space
    album = materials.create_folder(cast.mette, space, "Album", is_album=True)

    def add(numbers: range) -> None:
        for number in numbers:
            folder = materials.create_folder(cast.mette, space, f"Folder {number}")
            materials.create_folder(cast.mette, space, f"Inner {number}", parent=folder)
            add_file(cast.mette, space, f"photo{number}.png", png(), folder=album)
            add_file(cast.lucia, space, f"doc{number}.txt", b"text")
            materials.add_link(cast.lucia, space, f"https://example.org/{number}")
            materials.add_embed(cast.mette, space, f"https://www.youtube-nocookie.com/embed/{number}")

    clients = {viewer: client_for(getattr(cast, viewer)) for viewer in ("mette", "pia")}
    urls = [reverse("spaces:materials", args=[space.pk]), reverse("spaces:folder", args=[space.pk, album.pk])]
    add(range(2))
    before = {viewer: [count_queries(client, url) for url in urls] for viewer, client in clients.items()}
    add(range(2, 12))
    after = {viewer: [count_queries(client, url) for url in urls] for viewer, client in clients.items()}
    assert after == before, f"{before} queries with little data, {after} with more"
    assert max(max(counts) for counts in after.values()) <= 12, after
    photo = Material.objects.filter(folder=album).latest("pk")
    for viewer, client in clients.items():
        assert count_queries(client, reverse("spaces:material", args=[space.pk, photo.pk])) <= 12, viewer


def test_every_kind_has_its_page(cast: Cast):
    from comenius.spaces.tests.test_materials_uploads import mp4_with_location

    space = cast.project.space
    items = {
        "image": add_file(cast.mette, space, "class.png", png(), title="Our class"),
        "video": add_file(cast.mette, space, "river.mp4", mp4_with_location()),
        "audio": add_file(cast.mette, space, "song.mp3", (b"\xff\xfb\x90\x64" + b"\0" * 413) * 3),
        "document": add_file(cast.mette, space, "plan.pdf", pdf()),
        "link": materials.add_link(cast.mette, space, "https://www.dmi.dk/"),
        "embed": materials.add_embed(cast.mette, space, "https://player.vimeo.com/video/1"),
    }
    expected = {
        "image": 'alt="Our class"',
        "video": "<video",
        "audio": "<audio",
        "document": "PDF document",
        "link": 'href="https://www.dmi.dk/"',
        "embed": 'class="embed__load"',
    }
    pia = client_for(cast.pia)
    for kind, item in items.items():
        page = pia.get(reverse("spaces:material", args=[space.pk, item.pk])).content.decode()
        assert expected[kind] in page, kind
        # Anyone but the author can report it (pupils in simple words).
        assert reverse("spaces:report", args=[space.pk, "material", item.pk]) in page
    own = client_for(cast.lucia).get(reverse("spaces:material", args=[space.pk, items["image"].pk])).content.decode()
    assert "Report" in own
    mine = client_for(cast.mette).get(reverse("spaces:material", args=[space.pk, items["image"].pk])).content.decode()
    assert reverse("spaces:report", args=[space.pk, "material", items["image"].pk]) not in mine
    assert pia.get(reverse("spaces:report", args=[space.pk, "material", items["image"].pk])).status_code == 200
