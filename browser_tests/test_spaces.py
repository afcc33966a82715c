"""A project space in a real browser, served by the real ASGI application (daphne, HTTP and WebSockets), with
axe-core on every space page of the way.

Mette (Denmark, Danish pages) opens the space from her project page, starts a forum thread and opens a chat room
for the pupils, then adds her class from a pasted list, confirming the parents' consent. She sees the usernames
and passwords once and prints the login cards — a PDF, which gives the pupils new passwords, so the passwords on
the screen stop working. One pupil's card gets lost: Mette makes a new password for her, shown once again. The
pupil logs in on the pupil login page in her own browser, replies in Mette's thread and writes in the chat room;
Lucía (Spain, English pages), with the room already open, sees the message arrive without reloading, and then
finds the reply in the forum. Pages are reached by URL, id and name, never by the wording of the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from browser_tests.conftest import assert_accessible, open_page
from comenius.devdata.testing import CAST_PASSWORD, Cast
from comenius.spaces.models import ChatMessage, Reply, SpacePupil

CLASS_LIST = "1. Emma\n2. Noah\n\n3. Sofie\n"  # as pasted from a class register, numbers and an empty line
THREAD_TITLE = "What do you drink at school?"
ROOM_NAME = "Water club"
REPLY = "We drink tap water from the fountain in the hall."
MESSAGE = "Hello from Hjørring! Our river is called Vidkær Å."


@dataclass
class Login:
    first_name: str
    username: str
    password: str


def logged_in(browser: Browser, site: str, email: str) -> Page:
    """A fresh browser, logged in on the member login page; the pages then speak the member's own language."""
    page = open_page(browser, site)
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", CAST_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/home/$"))
    return page


def shown_logins(page: Page) -> list[Login]:
    """The rows of the credentials page: first name, username, password."""
    rows = page.locator("table.credentials tbody tr")
    return [
        Login(
            first_name=row.locator("th").inner_text().strip(),
            username=row.locator("td code").nth(0).inner_text().strip(),
            password=row.locator("td code").nth(1).inner_text().strip(),
        )
        for row in rows.all()
    ]


def expect_live(page: Page) -> None:
    """The room page's WebSocket is open: its status line says so (in the page's language)."""
    live = page.locator("#chat").get_attribute("data-text-live")
    assert live, "the room page has no live status text"
    expect(page.locator("#chat-status")).to_have_text(live)


def pupil_logs_in(page: Page, login: Login) -> None:
    page.fill("#id_username", login.username)
    page.fill("#id_password", login.password)
    page.locator("main form.pupil-login button[type=submit]").click()


def test_teacher_adds_a_class_and_a_pupil_is_seen_live_by_the_other_country(
    browser: Browser, asgi_site: str, asgi_cast: Cast
):
    cast, site = asgi_cast, asgi_site
    space = cast.project.space
    base = f"/spaces/{space.pk}"

    # --- Mette opens the space from the project page --------------------------------------------------------
    mette = logged_in(browser, site, cast.mette.email or "")
    mette.goto(f"/projects/{cast.project.pk}/")
    mette.locator(f"main a[href='{base}/']").click()
    mette.wait_for_url(re.compile(rf"{base}/$"))
    expect(mette.locator("html")).to_have_attribute("lang", "da")
    assert_accessible(mette)

    # --- a forum thread and an open chat room for the pupils -------------------------------------------------
    mette.locator(f".space-nav a[href='{base}/forum/']").click()
    mette.wait_for_url(re.compile(rf"{base}/forum/$"))
    assert_accessible(mette)
    mette.locator(f"main a[href='{base}/forum/new/']").click()
    mette.wait_for_url(re.compile(rf"{base}/forum/new/$"))
    assert_accessible(mette)
    mette.fill("#id_title", THREAD_TITLE)
    mette.fill("#id_body", "Tap water, bottles, juice? Tell the Spanish class what you drink during the day.")
    mette.locator("main form.form button[type=submit]").click()
    mette.wait_for_url(re.compile(rf"{base}/forum/\d+/$"))
    expect(mette.locator("#thread-title")).to_have_text(THREAD_TITLE)
    assert_accessible(mette)
    thread_url = mette.url

    mette.locator(f".space-nav a[href='{base}/chat/']").click()
    mette.wait_for_url(re.compile(rf"{base}/chat/$"))
    assert_accessible(mette)
    mette.fill("#id_name", ROOM_NAME)
    mette.locator("#id_for_pupils").check()
    mette.locator("#id_open_now").check()
    mette.locator("main form.form button[type=submit]").click()
    mette.wait_for_url(re.compile(rf"{base}/chat/\d+/$"))
    expect(mette.locator("main h1")).to_have_text(ROOM_NAME)
    expect(mette.locator("form[action$='/state/'] input[name=open][value='0']")).to_have_count(1)  # it is open
    assert_accessible(mette)
    room_url = mette.url

    # --- Members: a class from a pasted list, first without the parents' consent ----------------------------
    mette.locator(f".space-nav a[href='{base}/members/']").click()
    mette.wait_for_url(re.compile(rf"{base}/members/$"))
    assert_accessible(mette)
    mette.locator(f"main a[href='{base}/members/add/']").click()
    mette.wait_for_url(re.compile(rf"{base}/members/add/$"))
    assert_accessible(mette)
    whole_class = mette.locator("main form:has(#id_class-names)")
    mette.fill("#id_class-names", CLASS_LIST)
    whole_class.locator("button[type=submit]").click()
    expect(mette.locator("#field-class-consent .field__error")).to_be_visible()
    expect(mette.locator("#id_class-names")).to_have_value(CLASS_LIST)  # nothing typed is lost
    assert_accessible(mette)
    mette.locator("#id_class-consent").check()
    mette.locator("main form:has(#id_class-names) button[type=submit]").click()

    # --- the usernames and passwords, shown once ------------------------------------------------------------
    expect(mette.locator("table.credentials tbody tr")).to_have_count(3)
    logins = shown_logins(mette)
    assert [login.first_name for login in logins] == ["Emma", "Noah", "Sofie"]
    for login in logins:
        assert re.fullmatch(r"[a-z]+\.[a-z2-9]{4}", login.username), login.username
        assert re.fullmatch(r"[a-z]{4}-[a-z]{4}-\d{4}", login.password), login.password
    assert_accessible(mette)
    places = SpacePupil.objects.filter(space=space, user__username__in=[login.username for login in logins])
    assert places.count() == 3
    assert all(place.consent_confirmed_by_id == cast.mette.pk and place.consent_confirmed_at for place in places)

    # --- the login cards: a PDF, and new passwords --------------------------------------------------------------
    with mette.expect_download() as download_info:
        mette.locator("main form[action$='/members/cards/'] button[type=submit]").click()
    download = download_info.value
    assert download.suggested_filename == "login-cards.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF-"), "the login cards are not a PDF"
    emma = logins[0]

    pupil = open_page(browser, site)
    pupil.goto("/pupil/login/")
    assert_accessible(pupil)
    pupil_logs_in(pupil, emma)  # the password on the screen: replaced by the one on her card
    expect(pupil.locator("main .error-summary")).to_be_visible()
    expect(pupil).to_have_url(re.compile(r"/pupil/login/$"))
    assert_accessible(pupil)

    # Emma lost her card: a new password, shown once.
    mette.goto(f"{base}/members/")
    emma_place = places.get(user__username=emma.username)
    mette.locator(f"main form[action='{base}/members/pupils/{emma_place.pk}/password/'] button").click()
    expect(mette.locator("table.credentials tbody tr")).to_have_count(1)
    [emma] = shown_logins(mette)
    assert emma.first_name == "Emma"
    assert_accessible(mette)
    mette.context.close()

    # --- Lucía has the room open in her own browser ---------------------------------------------------------
    lucia = logged_in(browser, site, cast.lucia.email or "")
    lucia.goto(room_url)
    expect(lucia.locator("html")).to_have_attribute("lang", "en")
    expect_live(lucia)
    assert_accessible(lucia)
    lucia.evaluate("() => { window.stillTheSamePage = true; }")

    # --- the pupil logs in, lands in the space, replies in the forum and writes in the chat ------------------
    pupil_logs_in(pupil, emma)
    pupil.wait_for_url(re.compile(rf"{base}/$"))
    expect(pupil.locator("main h1")).to_be_visible()
    assert_accessible(pupil)  # the pupil's space home
    pupil.locator(f".space-nav a[href='{base}/forum/']").click()
    pupil.wait_for_url(re.compile(rf"{base}/forum/$"))
    assert_accessible(pupil)
    pupil.locator(f"main a[href='{thread_url.removeprefix(site)}']").click()
    pupil.wait_for_url(thread_url)
    assert_accessible(pupil)
    pupil.fill("#id_body", REPLY)
    pupil.locator("main form.form button[type=submit]").click()
    pupil.wait_for_url(re.compile(r"\?page=last#reply-\d+$"))
    expect(pupil.locator(".reply-list")).to_contain_text(REPLY)
    assert_accessible(pupil)

    pupil.locator(f".space-nav a[href='{base}/chat/']").click()
    pupil.wait_for_url(re.compile(rf"{base}/chat/$"))
    assert_accessible(pupil)
    pupil.locator(f"main a[href='{room_url.removeprefix(site)}']").click()
    pupil.wait_for_url(room_url)
    expect_live(pupil)
    assert_accessible(pupil)
    pupil.fill("#chat-form [name=body]", MESSAGE)
    pupil.locator("#chat-form button[type=submit]").click()
    expect(pupil.locator("#chat-log .message--own")).to_contain_text(MESSAGE)
    expect(pupil).to_have_url(room_url)  # sent over the WebSocket, not by posting the form
    assert_accessible(pupil)

    # --- Lucía sees it live, then the reply in the forum ----------------------------------------------------
    message = lucia.locator("#chat-log .message").filter(has_text=MESSAGE)
    expect(message).to_have_count(1)
    expect(message.locator(".message__author")).to_have_text("Emma")
    assert lucia.evaluate("() => window.stillTheSamePage === true"), "Lucía's page was reloaded"
    assert_accessible(lucia)
    lucia.goto(thread_url)
    expect(lucia.locator(".reply-list")).to_contain_text(REPLY)
    expect(lucia.locator(".reply-list")).to_contain_text("Emma")
    assert_accessible(lucia)

    written = ChatMessage.objects.select_related("author", "room").get(body=MESSAGE)
    assert written.author is not None and written.author.username == emma.username
    assert written.room.name == ROOM_NAME
    assert Reply.objects.filter(body=REPLY, author__username=emma.username).exists()
    pupil.context.close()
    lucia.context.close()
