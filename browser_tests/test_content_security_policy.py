"""The CSP really is enforced in the browser: an injected inline script is refused (and reported)."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Page

from browser_tests import conftest


def test_inline_script_is_refused(page: Page):
    page.goto("/")
    # Playwright may raise when the browser refuses the script; either way it must not run.
    with contextlib.suppress(Exception):
        page.add_script_tag(content="document.body.dataset.hacked = 'yes'")
    assert page.evaluate("document.body.dataset.hacked") is None
    refused = [problem for problem in conftest.PROBLEMS if problem.startswith("CSP:")]
    assert refused, "the browser did not report a CSP refusal"
    conftest.PROBLEMS.clear()  # expected here; every other test must have none
