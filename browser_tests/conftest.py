"""The browser suite: real Chromium (Debian's) driven by Playwright against a live server, with axe-core.

It fails, never skips, when the browser cannot start: CI must see a broken browser set-up.

Two servers: `site` is pytest-django's live server (WSGI, in this process: no WebSockets); `asgi_site` runs the
real ASGI application (HTTP and the chat's WebSockets) with daphne in another process, on the same test
database — a file, for SQLite (`django_db_modify_db_settings` below).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from comenius.core.countries import load_countries
from comenius.core.models import Country
from comenius.devdata.testing import Cast, build_cast

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, settings, transactional_db) -> str:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Plain static names, which the live server's static handler finds (no collectstatic before the suite).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SITE_URL = live_server.url
    # Background tasks (e-mails, exports) run at once in the server, as in the rest of the suite: no worker here.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.cache import cache

    cache.clear()  # the TOTP "code already used" marks of an earlier test
    load_countries(Country)  # the transactional database starts empty
    return live_server.url


@pytest.fixture
def cast(site) -> Cast:
    return build_cast()


# What the pages of a test did that they must never do: reach another host, or break the CSP.
PROBLEMS: list[str] = []


def open_page(browser: Browser, site: str) -> Page:
    """A fresh browser context on the platform, watched for third-party requests and CSP violations. WebSockets
    (ws:// or wss://) may go to the platform's own host and port only."""
    context = browser.new_context(base_url=site, viewport={"width": 1280, "height": 900})
    origin = site.rstrip("/")
    socket_origin = "ws" + origin.removeprefix("http")  # http://host:port → ws://…, https:// → wss://

    def own(url: str) -> bool:
        return any(url == base or url.startswith(base + "/") for base in (origin, socket_origin)) or url.startswith(
            ("data:", "blob:")
        )

    def on_request(request: Any) -> None:
        if not own(request.url):
            PROBLEMS.append(f"request to another host: {request.url}")

    def on_websocket(websocket: Any) -> None:
        if not own(websocket.url):
            PROBLEMS.append(f"WebSocket to another host: {websocket.url}")

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            PROBLEMS.append(f"CSP: {message.text}")

    context.on("request", on_request)
    context.on("console", on_console)
    context.on("page", lambda opened: opened.on("websocket", on_websocket))  # every page of the context
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture(autouse=True)
def _no_third_party_requests_or_csp_errors() -> Iterator[None]:
    PROBLEMS.clear()
    yield
    assert not PROBLEMS, "\n".join(PROBLEMS)


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    page = open_page(browser, site)
    yield page
    page.context.close()


AXE = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation on the page as it is now."""
    results = AXE.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > width + 1);
  return {scroll: document.documentElement.scrollWidth, width,
          wide: wide.slice(0, 3).map((el) => el.outerHTML.slice(0, 120))};
}"""


def open_account_menu(page: Page) -> None:
    """Signed-in people find their profile, security, language and log-out under their name in the header (a
    <details>; on a phone inside the Menu): open it unless it is open already."""
    toggle = page.locator(".nav-menu__toggle")
    if toggle.is_visible() and not page.locator(".main-nav").is_visible():
        toggle.click()
    account = page.locator("details.account-more")
    if account.count() and not account.evaluate("(node) => node.open"):
        account.locator("summary").click()


def assert_reflows(page: Page) -> None:
    """WCAG 1.4.10 (reflow): 320 CSS pixels wide, the page needs no horizontal scrolling."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        found = page.evaluate(OVERFLOW_SCRIPT)
    finally:
        if size:
            page.set_viewport_size(size)
    assert found["scroll"] <= found["width"], f"{page.url} scrolls sideways at 320 px: {found['wide']}"


# --- the real ASGI application (HTTP and WebSockets) with daphne, in another process ------------------------

ROOT = Path(__file__).resolve().parent.parent
DAPHNE_START_SECONDS = 30
DAPHNE_STOP_SECONDS = 10


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: Any) -> None:
    """SQLite's test database lives in memory by default, where no other process can see it: for the browser
    suite it is a file, so that the daphne server of `asgi_site` reads what the tests write (and they what it
    writes). pytest-django calls this just before it creates the test databases."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and not (database.get("TEST") or {}).get("NAME"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


def _test_database_url() -> str:
    """The test database (created by now) as a DATABASE_URL for the server process."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        in_memory = "mode=memory" in name or name == ":memory:"
        assert not in_memory, "the SQLite test database is in memory, out of daphne's sight (TEST NAME overridden?)"
        return "sqlite:///" + str(Path(name).resolve())
    if connection.vendor == "postgresql":  # the server's DATABASE_URL, with the test database's name
        return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path="/" + quote(name)))
    pytest.fail(f"the daphne server cannot share a {connection.vendor} test database")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class AsgiServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=DAPHNE_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=DAPHNE_STOP_SECONDS)


def _server_environment(url: str, folder: Path) -> dict[str, str]:
    """The server's settings (comenius/settings.py reads them from the environment): the test database, this
    address, and files (mail, uploads) in the test's own folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "comenius.settings",
        "COMENIUS_MODE": "demo",
        "DEBUG": "false",  # as in the tests' own process
        "DATABASE_URL": _test_database_url(),
        "SITE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",  # also the origins the chat's WebSocket accepts
        "CSRF_TRUSTED_ORIGINS": "",
        "COMENIUS_VAR_DIR": str(folder),
        "MEDIA_ROOT": str(folder / "media"),
        "EMAIL_URL": f"file://{folder / 'mail'}",
        "TASKS_BACKEND": "immediate",  # no worker beside this server
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    # The real application must not run synchronous database code in its event loop: keep Django's guard on.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return environment


def _wait_until_answering(server: AsgiServer) -> str | None:
    """None once the server answers a page and a static file; otherwise what went wrong."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through an http_proxy
    deadline = time.monotonic() + DAPHNE_START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return f"daphne exited with code {server.process.returncode}"
        try:
            for path in ("/pupil/login/", "/static/js/chat.js"):
                with direct.open(server.url + path, timeout=5) as response:
                    response.read()
            return None
        except urllib.error.HTTPError as error:  # it answers, but wrongly: no point in waiting
            return f"daphne answered {error.code} to {error.url}"
        except OSError:  # not listening yet
            time.sleep(0.1)
    return f"daphne did not answer within {DAPHNE_START_SECONDS} s"


def start_daphne(folder: Path) -> AsgiServer:
    """daphne serving `browser_tests.asgi:application` (comenius.asgi's application with static files) on a free
    port of 127.0.0.1, answering. Fails the test (never skips) when it cannot start."""
    daphne = Path(sys.executable).with_name("daphne")
    if not daphne.exists():
        pytest.fail(f"daphne not found at {daphne}: install the project's dependencies (pip install -e .)")
    folder.mkdir(parents=True, exist_ok=True)
    problem = ""
    for _attempt in range(3):  # another process may take the free port before daphne binds it
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = folder / f"daphne-{port}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - fixed arguments
                [str(daphne), "-b", "127.0.0.1", "-p", str(port), "browser_tests.asgi:application"],
                cwd=ROOT,
                env=_server_environment(url, folder),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        server = AsgiServer(url=url, process=process, log=log)
        problem = _wait_until_answering(server) or ""
        if not problem:
            return server
        server.stop()
        if "Address already in use" not in server.log_tail():
            break
    pytest.fail(f"the ASGI server did not start: {problem}\n--- {log} ---\n{server.log_tail()}")


@pytest.fixture
def asgi_site(transactional_db: None, settings: Any, tmp_path: Path) -> Iterator[str]:
    """The platform served by the real ASGI application (daphne, another process): HTTP and the chat's
    WebSockets. Everything a test writes is committed (transactional_db), so the server sees it. The server
    runs with Django's default password hashers: log people in through its pages, with a cast built for it
    (`asgi_cast`). Its log is printed when the test fails; a server error in it fails the test."""
    from django.core.cache import cache

    cache.clear()
    load_countries(Country)
    server = start_daphne(tmp_path / "daphne")
    settings.SITE_URL = server.url
    try:
        yield server.url
    finally:
        server.stop()
        print(f"--- daphne's log ({server.log}) ---\n{server.log_tail(200)}")
        if "Traceback" in server.log_tail(10_000):
            PROBLEMS.append(f"the ASGI server logged an error (see its log below):\n{server.log_tail()}")


@pytest.fixture
def asgi_cast(asgi_site: str) -> Cast:
    """The cast, its passwords hashed with Django's default hashers: the server process does not know the MD5
    hasher that `site` uses to save time."""
    return build_cast()
