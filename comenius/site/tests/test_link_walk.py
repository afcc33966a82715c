"""No dead ends (issue 11): every link a person is shown leads somewhere they may go.

For every member of the test cast (and a visitor who is not signed in) the walk starts at the front page and
the person's start page, and follows, breadth first, every link to our own site (`<a href>`) and every form
that is sent with GET (with its default values), on every page it reaches. A link shown to someone that
answers 404 or 403 is a dead end and fails the test, naming the page it was found on.

Bounded: the links of a page are read only for the first few addresses of each URL pattern with the same
query parameter names (the fifth project page offers what the first did), and every address is fetched once.
The cast gets a little more content first (a published page in the gallery, a forum thread, an idea), so the
links that lead to such things are shown and walked too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from comenius.devdata.testing import Cast, SignedInClients
from comenius.site.tests.choice_groups import groups_without_legend
from comenius.site.tests.test_permission_matrix import ROLES, person, prepared_cast  # noqa: F401 - a fixture

# Pages whose links are read, per URL pattern and query parameter names; and every address fetched at most once.
EXPANDED_PER_PATTERN = 3
MAX_REQUESTS_PER_PERSON = 600


def start_pages(user) -> list[str]:
    """The front page and where the person lands after logging in (pupils: their own start page)."""
    if user is None:
        return ["/"]
    return ["/", reverse("spaces:pupil_home") if user.is_pupil else reverse("site:home")]


NOT_PAGES = ("/static/", "/media/", "/admin/")  # files, and the admin's own pages (its matrix test covers them)


class LinkParser(HTMLParser):
    """`<a href>` and GET forms (action with the fields a browser would send untouched)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.form: tuple[str, list[tuple[str, str]]] | None = None
        self.select: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "a" and "href" in attributes and "download" not in attributes:
            self.links.append(attributes["href"])
        elif tag == "form":
            method = attributes.get("method", "get").lower()
            self.form = (attributes.get("action", ""), []) if method == "get" else None
        elif self.form is None:
            return
        elif tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind not in {"submit", "button", "image", "reset", "file"}:
                self.form[1].append((attributes["name"], attributes.get("value", "")))
        elif tag == "select" and attributes.get("name"):
            self.select = (attributes["name"], [])
        elif tag == "option" and self.select is not None and "selected" in attributes:
            self.select[1].append(attributes.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            if self.form is not None:
                self.form[1].extend((self.select[0], value) for value in self.select[1])
            self.select = None
        elif tag == "form" and self.form is not None:
            action, fields = self.form
            self.links.append(f"{action.split('?')[0] or '.'}?{urlencode(fields)}" if fields else action or ".")
            self.form = None


def local_address(href: str, page: str) -> str | None:
    """The path and query of a link to our own site, or None (another site, mailto:, a fragment, a file)."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{page}", href))
    if parts.netloc != "testserver" or parts.path.startswith(NOT_PAGES):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def pattern_key(address: str) -> tuple[str, tuple[str, ...]]:
    parts = urlsplit(address)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    return name, tuple(sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)}))


def walk(
    visitors: SignedInClients, user, starts: list[str], on_page: Callable[[str, str], None] | None = None
) -> tuple[list[str], int]:
    """Breadth first from `starts`; (dead ends as 'status address (shown on page)', requests made). `on_page`
    is given the address and HTML of every page whose links are read."""
    queue = deque((start, "start") for start in starts)
    seen = set(starts)
    expanded: dict[tuple[str, tuple[str, ...]], int] = {}
    dead_ends: list[str] = []
    requests = 0
    while queue and requests < MAX_REQUESTS_PER_PERSON:
        address, shown_on = queue.popleft()
        response = visitors.get(user, address)
        requests += 1
        if response.status_code in (403, 404):
            dead_ends.append(f"{response.status_code} {address} (shown on {shown_on})")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = local_address(response["Location"], address)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, f"{shown_on}, via {address}"))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        key = pattern_key(address)
        expanded[key] = expanded.get(key, 0) + 1
        if expanded[key] > EXPANDED_PER_PATTERN:
            continue
        html = response.content.decode()
        if on_page is not None:
            on_page(address, html)
        parser = LinkParser()
        parser.feed(html)
        for href in parser.links:
            target = local_address(href, address)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, address))
    return dead_ends, requests


@pytest.fixture
def walked_cast(prepared_cast: Cast) -> Cast:  # noqa: F811 - the fixture of the permission matrix
    """The cast with the content whose links a walk should meet: a published page (the gallery), a forum topic."""
    from comenius.spaces.services import content

    space = prepared_cast.project.space
    page = content.save_page(
        prepared_cast.mette, space, content.PageData(title="Our birds", body="<p>Sparrows</p>", is_draft=False)
    )
    content.publish_page(prepared_cast.mette, page, shows_no_pupil=True)
    content.save_page(
        prepared_cast.mette, space, content.PageData(title="Nests", body="<p>Twigs</p>", parent=page, is_draft=False)
    )
    thread = content.start_thread(prepared_cast.mette, space, "forum", "Which birds?", "Tell us what you saw.")
    content.reply(prepared_cast.pia, thread, "A robin.")
    content.create_post(prepared_cast.lucia, space, "Welcome, everyone.")
    return prepared_cast


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_link_leads_to_a_dead_end(walked_cast: Cast, role: str):
    user = person(role, walked_cast)
    without_legend: list[str] = []

    def check_choice_groups(address: str, html: str) -> None:
        # On the same walk (issue 11): every group of checkboxes or radio buttons is a fieldset with a legend.
        without_legend.extend(f"{address}: {name}" for name in groups_without_legend(html))

    dead_ends, requests = walk(SignedInClients(), user, start_pages(user), check_choice_groups)
    assert requests > 3, "the walk found nothing to follow"
    assert not dead_ends, f"{role} is shown links that lead nowhere:\n" + "\n".join(dead_ends)
    assert not without_legend, "checkbox or radio groups without a legend:\n" + "\n".join(without_legend)
