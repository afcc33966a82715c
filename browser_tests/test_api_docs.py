"""The API's interactive documentation runs in the browser from our own static files under the strict CSP
(the suite's `page` fixture fails on any CSP refusal or console error)."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_the_api_docs_render_and_list_the_endpoints(page: Page):
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Comenius API", timeout=15_000)
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/gallery/projects").first).to_be_visible()
    requested = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    assert all(url.startswith(page.url.split("/api/")[0]) for url in requested), requested
