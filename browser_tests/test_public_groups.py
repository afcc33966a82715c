"""Groups open to visitors in a real browser (issue 18), in English and Danish: the public directory and an open
group's about page pass axe-core and reflow to 320 px; a visitor finds how to join and no member's name."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browser_tests.conftest import assert_accessible, assert_reflows
from comenius.devdata.testing import Cast
from comenius.groups.tests.people import approved_group


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_visitor_reads_an_open_groups_about_page(page: Page, cast: Cast, language: str):
    group = approved_group(cast.mette, cast.carla, "Forest school", open_to_visitors=True)
    approved_group(cast.otto, cast.carla, "Closed circle")
    page.goto("/")
    page.context.add_cookies([{"name": "comenius_language", "value": language, "url": page.url}])
    response = page.goto("/groups/")
    assert response is not None and response.status == 200
    assert_accessible(page)
    assert_reflows(page)
    assert "Closed circle" not in page.content()
    page.get_by_role("link", name="Forest school").click()
    page.wait_for_url(f"**/groups/{group.pk}/")
    assert_accessible(page)
    assert_reflows(page)
    assert page.locator("#join-title").is_visible()
    assert cast.mette.get_full_name() not in page.content()
