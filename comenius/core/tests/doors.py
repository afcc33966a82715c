"""The machinery of the door-walking fuzzer (`test_fuzz_doors.py`): what a page offers (forms, links, htmx
requests, read from its HTML with the standard library's parser), the hostile values and headers, how a
request is built from them, and the verdict on each answer.

A *door* is one way into the platform for one person: a GET of a page with the query parameters its forms
and links use, or a POST to a form's action with the form's fields. Each door gets a few hostile requests,
chosen by a seeded random generator from the categories below, each request changing one thing only (one
parameter, the headers, or the content type), so a failure names its cause.
"""

from __future__ import annotations

import json
import random
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from django.apps import apps
from django.contrib.messages import constants as message_levels
from django.db import connection
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import Resolver404, resolve

# --- what a page offers ---------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # (name, value) as a browser would send them
    names: set[str] = field(default_factory=set)  # every named control, sent or not (unticked boxes)
    files: set[str] = field(default_factory=set)


@dataclass
class Page:
    forms: list[Form] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # hrefs and hx-get addresses with a query string
    hx_gets: list[tuple[str, set[str]]] = field(default_factory=list)  # (address, names it sends)


class PageParser(HTMLParser):
    """Forms with their controls and default values, links with query strings, htmx GETs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.form: Form | None = None
        self.select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self.option: str | None = None
        self.textarea: tuple[str, list[str]] | None = None
        self.ids: dict[str, str] = {}  # element id -> control name (for hx-include)
        self.hx_pending: list[tuple[str, str, str]] = []  # (address, own name, hx-include)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if attributes.get("id") and attributes.get("name"):
            self.ids[attributes["id"]] = attributes["name"]
        if attributes.get("hx-get"):
            self.hx_pending.append((attributes["hx-get"], attributes.get("name", ""), attributes.get("hx-include", "")))
        if tag == "a" and "?" in attributes.get("href", ""):
            self.page.links.append(attributes["href"])
        elif tag == "form":
            self.form = Form(
                action=attributes.get("action", ""),
                method=attributes.get("method", "get").lower(),
                enctype=attributes.get("enctype", "application/x-www-form-urlencoded").lower(),
            )
            self.page.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input":
            self._input(attributes)
        elif tag == "button" and attributes.get("name"):
            self.form.names.add(attributes["name"])
            if attributes.get("type", "submit") == "submit" and not any(
                name == attributes["name"] for name, _value in self.form.fields
            ):
                self.form.fields.append((attributes["name"], attributes.get("value", "")))
        elif tag == "select" and attributes.get("name"):
            self.select = (attributes["name"], [], [])
        elif tag == "option" and self.select is not None:
            self.option = attributes.get("value")
            if self.option is not None:
                self.select[1].append(self.option)
                if "selected" in attributes:
                    self.select[2].append(self.option)
        elif tag == "textarea" and attributes.get("name"):
            self.textarea = (attributes["name"], [])

    def _input(self, attributes: dict[str, str]) -> None:
        assert self.form is not None
        name, kind = attributes.get("name"), attributes.get("type", "text").lower()
        if not name:
            return
        self.form.names.add(name)
        if kind == "file":
            self.form.files.add(name)
        elif kind in {"checkbox", "radio"}:
            if "checked" in attributes:
                self.form.fields.append((name, attributes.get("value", "on")))
        elif kind in {"submit", "image", "button", "reset"}:
            pass  # only the pressed button is sent; forms here work with a plain submit
        else:
            self.form.fields.append((name, attributes.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            name, options, selected = self.select
            if self.form is not None:
                self.form.names.add(name)
                for value in selected or options[:1]:
                    self.form.fields.append((name, value))
            self.select = None
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form.names.add(self.textarea[0])
                self.form.fields.append((self.textarea[0], "".join(self.textarea[1]).lstrip("\n")))
            self.textarea = None

    def close(self) -> None:
        super().close()
        for address, own, include in self.hx_pending:
            names = {own} if own else set()
            for selector in include.split(","):
                selector = selector.strip()
                if selector.startswith("#") and selector[1:] in self.ids:
                    names.add(self.ids[selector[1:]])
            self.page.hx_gets.append((address, names))


def read_page(html: str) -> Page:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser.page


def view_name(path: str) -> str | None:
    """The URL name a local path resolves to, or None for another host or no page of ours."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        return resolve(parts.path).view_name
    except Resolver404:
        return None


# --- doors ------------------------------------------------------------------------------------------------------


@dataclass
class Door:
    """One way in for one person: a method, a path, the parameters a browser would send and their defaults."""

    method: str
    path: str
    name: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: set[str] = field(default_factory=set)
    multipart: bool = False
    source: str = ""  # the page it was found on (read again after the door's requests)

    @property
    def names(self) -> list[str]:
        return sorted({name for name, _value in self.fields} | self.files)

    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.name, tuple(self.names))


def merge_get_parameters(door: Door, pairs: Iterable[tuple[str, str]]) -> None:
    known = {name for name, _value in door.fields}
    for name, value in pairs:
        if name not in known and name != "csrfmiddlewaretoken":
            door.fields.append((name, value))
            known.add(name)


def doors_of_page(page: Page, page_path: str) -> Iterator[tuple[str, Door]]:
    """("get", door) for query parameters of pages this page links to or searches; ("post", door) for its forms."""
    for form in page.forms:
        action = form.action or page_path
        name = view_name(action)
        if name is None:
            continue
        path = urlsplit(action).path
        if form.method == "post":
            multipart = form.enctype.startswith("multipart") or bool(form.files)
            yield "post", Door("POST", path, name, list(form.fields), set(form.files), multipart, page_path)
        else:
            fields = list(form.fields) + [(missing, "") for missing in sorted(form.names - {n for n, _ in form.fields})]
            fields += parse_qsl(urlsplit(action).query, keep_blank_values=True)
            yield "get", Door("GET", path, name, fields, source=page_path)
    for address, names in [*((link, set()) for link in page.links), *page.hx_gets]:
        name = view_name(address)
        if name is None:
            continue
        pairs = parse_qsl(urlsplit(address).query, keep_blank_values=True) + [(n, "") for n in sorted(names)]
        yield "get", Door("GET", urlsplit(address).path, name, pairs, source=page_path)


# --- hostile values ---------------------------------------------------------------------------------------------

HUGE = "x" * 100_000
VALUES: dict[str, list[str]] = {
    # where a URL or a path is expected (`next`, addresses), and where it is not
    "not-a-url": [
        ";env;",
        "a b",
        "javascript:alert(1)",
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "http://[::1",
        "site:front",
        "../../../etc/passwd",
    ],
    "huge": [HUGE, "ø" * 50_000, "9" * 100_000],
    "empty": ["", " ", "\t\n"],
    "control": ["a\x00b", "\x00", "\x01\x02\x03\x1b[2J\x7f", "line\r\nSet-Cookie: x=1", "\u202e\u200b\ufeff\u2028"],
    "number": [
        "-1",
        "0",
        str(2**63),
        str(-(2**63) - 1),
        "1e309",
        "-1e309",
        "NaN",
        "inf",
        "0x1F",
        "1_000",
        "١٢٣",
        "9" * 400,
        "9" * 5000,  # int() refuses more than 4,300 digits
        "²",  # str.isdigit() says yes, int() says no
        "1.5",
    ],
    "date": ["0000-00-00", "99999-12-31", "2024-02-30", "-1-01-01", "1970-01-01T25:61:00", "31/12/2025"],
}
# Raw bytes on the wire (already percent-encoded or not): invalid UTF-8, broken escapes, overlong forms,
# a UTF-16 surrogate in UTF-8.
RAW = ["%ff%fe", "%", "%zz", "%e2%82", "%c0%af", "%ed%a0%80", "\xff\xfe", "%25%00"]
CATEGORIES = ["not-a-url", "huge", "empty", "control", "number", "date", "raw", "list", "headers"]
POST_CATEGORIES = [*CATEGORIES, "content-type"]
# A number in the path (an object's id) replaced by one out of range: the answer is 404, not a crash.
PATH_NUMBERS = ["0", str(2**63), str(2**64), "9" * 30]
NUMBER_SEGMENT = re.compile(r"(?<=/)\d+(?=/)")

ORIGIN_HOSTILE = ["null", "http://evil.example", "https://testserver", "http://testserver:99999"]
HEADERS: dict[str, list[str]] = {
    "HTTP_HOST": ["evil.example", "testserver:0", "testserver:99999999", "test server", "[::1", "testserver\\"],
    "HTTP_REFERER": ["javascript:alert(1)", "http://evil.example/", "//evil.example", "x" * 10_000, "\xff\xfe"],
    "HTTP_ORIGIN": ORIGIN_HOSTILE,
    "HTTP_X_FORWARDED_FOR": ["1.2.3.4, <script>, ::1", "x" * 5_000, "", "unknown"],
    "HTTP_X_FORWARDED_HOST": ["evil.example", "testserver, evil.example"],
    "HTTP_X_FORWARDED_PROTO": ["https", "gopher", "https, http"],
    "HTTP_ACCEPT_LANGUAGE": [
        "xx-YY;q=abc, *;q=-1, de-DE-1996-x-private;q=2",
        "da;q=0.5," * 500,
        "\xff\xfe;q=1",
        "zz",
        "-",
    ],
    "HTTP_USER_AGENT": ["x" * 20_000, "\x7f\xff"],
    "HTTP_HX_REQUEST": ["true"],
    "HTTP_HX_CURRENT_URL": ["javascript:alert(1)"],
    "HTTP_HX_TARGET": ["<script>"],
    "HTTP_ACCEPT": ["application/json", "*/*;q=abc", ""],
}
HOSTILE_COOKIES = [
    "big=" + "a" * 64_000,  # an oversized cookie
    "sessionid=" + "x" * 4000,
    "csrftoken=\xff; comenius_language=xx",
    "comenius_language=" + "d" * 300,
    "messages=not-signed-at-all",
]


# Addresses of no page at all, as the server hands them to Django (WSGI's PATH_INFO: unescaped, one latin-1
# character per byte): the resolver's 404, the slash redirect (which must not lead to another host), a NUL,
# invalid UTF-8 and a literal percent sign.
HOSTILE_PATHS = [
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "/gallery",  # without its slash: the slash redirect
    "/gallery/\xff\xfe/",
    "/%ff%fe/",
    "/people/\x00/",
    "/spaces/1/../../admin/",
    "/" + "a" * 5000 + "/",
    "/accounts/login/;jsessionid=1",
]


@dataclass
class Mutation:
    """One hostile change to a door's request: a parameter's value, the headers or the content type."""

    category: str
    parameter: str = ""
    value: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        shown = self.value if len(self.value) <= 40 else f"{self.value[:20]}…({len(self.value)} chars)"
        if self.headers:
            shown = ", ".join(f"{k}={v[:30]!r}{'…' if len(v) > 30 else ''}" for k, v in self.headers.items())
        return f"{self.category}[{self.parameter}]={shown!r}"


def plan(door: Door, budget: int, rng: random.Random) -> list[Mutation]:
    """At most `budget` mutations for a door: categories taken in a random order (each once before any twice),
    each applied to a random parameter of the door (or to the headers/content type)."""
    categories = POST_CATEGORIES if door.method == "POST" else CATEGORIES
    segments = NUMBER_SEGMENT.findall(door.path)
    if segments:
        categories = [*categories, "path"]
    names = [name for name in door.names if name != "csrfmiddlewaretoken"] or ["next", "page", "q"]
    mutations: list[Mutation] = []
    order: list[str] = []
    while len(order) < budget:
        order += rng.sample(categories, len(categories))
    for category in order[:budget]:
        parameter = rng.choice(names)
        if category == "headers":
            chosen = rng.sample(sorted(HEADERS), rng.randint(1, 3))
            headers = {key: rng.choice(HEADERS[key]) for key in chosen}
            if rng.random() < 0.5:
                headers["HTTP_COOKIE"] = rng.choice(HOSTILE_COOKIES)
            mutations.append(Mutation(category, headers=headers))
        elif category == "path":
            mutations.append(Mutation(category, str(rng.randrange(len(segments))), rng.choice(PATH_NUMBERS)))
        elif category == "content-type":
            mutations.append(Mutation(category, value=rng.choice(CONTENT_TYPES)))
        elif category == "raw":
            mutations.append(Mutation(category, parameter, rng.choice(RAW)))
        elif category == "list":
            mutations.append(Mutation(category, parameter, rng.choice(["1", "", "a", HUGE[:1000]])))
        else:
            mutations.append(Mutation(category, parameter, rng.choice(VALUES[category])))
    return mutations


CONTENT_TYPES = [
    "json",  # a JSON body where a form is expected
    "multipart/form-data",  # multipart without a boundary
    "multipart/form-data; boundary=broken",  # a boundary that never comes
    "text/plain",
    "application/x-www-form-urlencoded; charset=utf-32",
    "application/x-www-form-urlencoded; charset=no-such-charset",
]


# --- building and sending the request ----------------------------------------------------------------------------


def _encode(pairs: list[tuple[str, str]]) -> str:
    return urlencode(pairs, doseq=True, quote_via=quote)


def build(door: Door, mutation: Mutation | None) -> tuple[str, bytes, str, dict[str, str]]:
    """(path, body, content type, extra WSGI environment) for the door with the mutation applied."""
    pairs = list(door.fields)
    raw = ""
    path = door.path
    if mutation is not None and mutation.category == "path":
        matches = list(NUMBER_SEGMENT.finditer(path))
        chosen = matches[int(mutation.parameter)]
        path = path[: chosen.start()] + mutation.value + path[chosen.end() :]
    elif mutation is not None and mutation.parameter:
        name = mutation.parameter
        if mutation.category == "raw":
            pairs = [(n, v) for n, v in pairs if n != name]
            raw = f"{quote(name)}={mutation.value}"
        elif mutation.category == "list":
            pairs = [(n, v) for n, v in pairs if n != name] + [(name, mutation.value), (name, "2"), (name, "")]
            pairs.append((f"{name}[]", mutation.value))
        else:
            pairs = [(n, v) for n, v in pairs if n != name] + [(name, mutation.value)]
    headers = dict(mutation.headers) if mutation is not None else {}
    encoded = "&".join(part for part in (_encode(pairs), raw) if part)
    if door.method == "GET":
        # The query string goes to the WSGI environment as it is: a str of latin-1 characters, one per byte
        # on the wire, so raw bytes (invalid UTF-8) arrive unchanged.
        return path, b"", "", {"QUERY_STRING": encoded, **headers}
    content_type = "application/x-www-form-urlencoded"
    body = encoded.encode("latin-1")
    if mutation is not None and mutation.category == "content-type":
        if mutation.value == "json":
            content_type, body = "application/json", json.dumps(dict(pairs)).encode()
        else:
            content_type = mutation.value
    elif door.multipart and not raw:
        data: dict[str, Any] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        for name in door.files:
            if mutation is None or mutation.parameter != name:
                from django.core.files.uploadedfile import SimpleUploadedFile

                data[name] = SimpleUploadedFile("fuzz.pdf", b"%PDF-1.4\n<html>not a pdf</html>", "application/pdf")
        body, content_type = encode_multipart(BOUNDARY, data), MULTIPART_CONTENT
    return path, body, content_type, headers


def send(client: Client, door: Door, mutation: Mutation | None) -> Any:
    path, body, content_type, built = build(door, mutation)
    headers: dict[str, Any] = dict(built)
    if door.name == "":  # a raw address, not one of our pages: as it is on the wire
        headers["PATH_INFO"] = path
    if "HTTP_COOKIE" in headers:  # add to the person's own cookies, so they stay signed in
        own = client.cookies.output(header="", sep=";").strip()
        headers["HTTP_COOKIE"] = f"{own}; {headers['HTTP_COOKIE']}" if own else headers["HTTP_COOKIE"]
    if door.method == "GET":
        return client.generic("GET", path, **headers)
    return client.generic("POST", path, body, content_type=content_type, **headers)


# --- the verdict -------------------------------------------------------------------------------------------------


def counted_tables() -> list[str]:
    """Every table of the platform and its libraries but the session store (a refused request may still
    touch its session, e.g. for the message that says why) and the log-in throttle's counters (a refused
    log-in is counted there: that is what they are for)."""
    tables = {model._meta.db_table for model in apps.get_models() if model._meta.managed}
    throttle = apps.get_model("accounts", "LoginThrottle")._meta.db_table
    return sorted(tables - {"django_session", throttle})


def row_counts(tables: list[str]) -> dict[str, int]:
    quoted = connection.ops.quote_name
    # Table names of our own models, quoted: no outside input reaches this statement.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quoted(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return dict(zip(tables, row, strict=True))


def form_errors(response: Any) -> list[str]:
    """The error messages of every bound form (and formset) the page was rendered with."""
    found: list[str] = []
    contexts = response.context
    if contexts is None:
        return found
    if not isinstance(contexts, list):
        contexts = [contexts]
    seen: set[int] = set()
    for context in contexts:
        for layer in getattr(context, "dicts", []):
            for value in layer.values():
                if id(value) in seen:
                    continue
                seen.add(id(value))
                if isinstance(value, BaseForm) and value.is_bound and value.errors:
                    found += [str(message) for messages in value.errors.values() for message in messages]
                elif isinstance(value, BaseFormSet) and value.is_bound and not value.is_valid():
                    found += [str(message) for message in value.non_form_errors()]
                    each: list[Any] = value.errors
                    found += [str(m) for errors in each for ms in errors.values() for m in ms]
    return found


def errors_queued(response: Any) -> list[str]:
    """Error messages the response queued for the next page (a refusal by redirect; a warning may come with
    a success, e.g. a draft saved with fields still missing)."""
    storage = getattr(getattr(response, "wsgi_request", None), "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return [str(message) for message in queued if message.level >= message_levels.ERROR]


def refused(response: Any) -> bool:
    return 400 <= response.status_code < 500 or bool(form_errors(response)) or bool(errors_queued(response))


def describe_exception(exc_info: Any) -> str:
    """The exception and where it was raised: the innermost frame, and the innermost frame of our code."""
    frames = traceback.extract_tb(exc_info[2])
    ours = [frame for frame in frames if "/comenius/" in frame.filename and "/tests/" not in frame.filename]
    where = [frames[-1], *ours[-1:]] if frames else []
    places = " ← ".join(
        f"{frame.filename.rsplit('/site-packages/', 1)[-1]}:{frame.lineno} {frame.name}" for frame in where
    )
    return f"{exc_info[0].__name__}: {str(exc_info[1])[:300]} (at {places})"


def judge(response: Any) -> str | None:
    """What is wrong with an answer to a hostile request, or None: never a server error or a traceback; a
    refusal says why (a page with a heading or the form's errors, or a message on the next page)."""
    if response.exc_info is not None:
        return "exception " + describe_exception(response.exc_info)
    if response.status_code >= 500:
        return f"status {response.status_code}"
    html = response.get("Content-Type", "").startswith("text/html")
    body = response.content.decode("utf-8", "replace") if html and not response.streaming else ""
    if "Traceback (most recent call last)" in body:
        return "a traceback on the page"
    # 405 answers a method no page of ours sends (its Allow header says which); every other refusal must be a
    # page that says what went wrong, or carry the form's errors, or (allauth answers a script that asks for
    # JSON in JSON) a JSON object that says what happened.
    errors = form_errors(response)
    if 300 <= response.status_code < 400 and not _local(response.get("Location", "")):
        return f"a redirect to another site: {response.get('Location', '')[:100]!r}"
    says_why = bool(errors) or "<h1" in body or _json_object(response)
    if 400 <= response.status_code < 500 and response.status_code != 405 and not says_why:
        return f"status {response.status_code} without a page that says why"
    if errors and html and response.status_code == 200 and not any(_shown(error, body) for error in errors):
        return "form errors that the page does not show"
    return None


def _local(location: str) -> bool:
    """A redirect stays on this site: a path or a relative address (but not `//host`, `/\\host`), or an address
    of this host; or the video meetings' server (JITSI_URL), where joining a meeting leads."""
    from django.conf import settings

    stripped = location.lstrip("".join(map(chr, range(33))))  # browsers ignore leading blanks and controls
    try:
        parts = urlsplit(stripped.replace("\\", "/"))  # and read a backslash as a slash
    except ValueError:  # e.g. "http://[::1"
        return False
    if not parts.scheme and not parts.netloc:
        return True  # a path, or relative to the page asked for: this site
    jitsi = urlsplit(settings.JITSI_URL).netloc if settings.JITSI_URL else None
    return parts.netloc in {"testserver", jitsi}


def _json_object(response: Any) -> bool:
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        answer = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(answer, dict) and bool(answer)


def _shown(message: str, body: str) -> bool:
    from django.utils.html import escape

    return escape(message) in body or message in body
