"""Smoke journey through the production layout: `make prod-smoke` (CI runs it).

Brings the local stack up (deploy/stack.py) unless it is running already, then, only through nginx:
plain HTTP redirects to HTTPS; /healthz is healthy; Mette and Lucía log in (the allauth form, CSRF and all);
their pages answer; a static file comes gzip-compressed with a long-lived Cache-Control; both open the chat
room's WebSocket, Mette sends a message and Lucía receives it; Mette uploads a material and Lucía gets its bytes
from nginx through X-Accel-Redirect, while /protected-media/ itself is refused from outside. Then it stops the
stack it started.
Standard library only (its own small WebSocket client), so it runs wherever the stack runs.
"""

from __future__ import annotations

import base64
import gzip
import http.client
import http.cookies
import json
import os
import re
import socket
import ssl
import struct
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack

PASSWORD = "comenius-demo"  # noqa: S105 - the demo data's published password
METTE = "mette@vestbyskolen.dk.example"
LUCIA = "lucia@iesguadalquivir.es.example"
HOST = "localhost"


def check(condition: Any, message: str) -> None:
    if not condition:
        raise SystemExit(f"SMOKE FAILED: {message}")


def _json_or_none(line: str) -> dict[str, Any] | None:
    """A JSON log line (the app's), or None (gunicorn's own lines are text)."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(stack.CERT))


class Browser:
    """Just enough of a browser: cookies, one HTTPS connection to nginx, Origin and Referer on posts."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> tuple[http.client.HTTPResponse, bytes]:
        connection = http.client.HTTPSConnection(HOST, stack.PORTS.https, context=tls_context(), timeout=20)
        sent = {"Host": f"{HOST}:{stack.PORTS.https}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            sent.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": stack.ORIGIN,
                    "Referer": stack.ORIGIN + path,
                }
            )
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                if not morsel.value:  # a deletion
                    self.cookies.pop(name, None)
                    continue
                check(morsel["secure"], f"cookie {name} is set without Secure")
                self.cookies[name] = morsel.value
        connection.close()
        return response, content

    def upload(self, path: str, fields: dict[str, str], name: str, filename: str, content: bytes) -> int:
        """A multipart form post with one file, as a browser sends it; the answer's status."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
            for key, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        connection = http.client.HTTPSConnection(HOST, stack.PORTS.https, context=tls_context(), timeout=20)
        headers = {
            "Host": f"{HOST}:{stack.PORTS.https}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Origin": stack.ORIGIN,
            "Referer": stack.ORIGIN + path,
            "Cookie": "; ".join(f"{key}={value}" for key, value in self.cookies.items()),
        }
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status

    def log_in(self, email: str) -> None:
        response, page = self.request("GET", "/accounts/login/")
        check(response.status == 200, f"login page answered {response.status}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        check(token, "no CSRF token on the login page")
        assert token is not None
        fields = {"csrfmiddlewaretoken": token.group(1).decode(), "login": email, "password": PASSWORD}
        response, _page = self.request("POST", "/accounts/login/", fields)
        check(response.status == 302, f"log-in of {email} answered {response.status}, not a redirect")
        check("sessionid" in self.cookies, f"no session cookie after {email} logged in")


class WebSocket:
    """A minimal RFC 6455 client over TLS: text frames, pings answered, masking as a client must."""

    def __init__(self, path: str, cookies: dict[str, str]) -> None:
        raw = socket.create_connection((HOST, stack.PORTS.https), timeout=20)
        self.sock = tls_context().wrap_socket(raw, server_hostname=HOST)
        key = base64.b64encode(os.urandom(16)).decode()
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        handshake = (
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{stack.PORTS.https}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: {stack.ORIGIN}\r\nCookie: {cookie}\r\n\r\n"
        )
        self.sock.sendall(handshake.encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = self.sock.recv(4096)
            check(chunk, "the WebSocket handshake was cut off")
            answer += chunk
        head, self.buffer = answer.split(b"\r\n\r\n", 1)
        check(head.startswith(b"HTTP/1.1 101"), f"WebSocket handshake refused: {head[:80]!r}")

    def _read(self, count: int) -> bytes:
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            check(chunk, "the WebSocket was closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, data: dict[str, Any]) -> None:
        self._send_frame(0x1, json.dumps(data).encode())

    def receive(self) -> dict[str, Any]:
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", self._read(8))
            payload = self._read(length)
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
            elif opcode == 0x8:
                raise SystemExit(f"SMOKE FAILED: the server closed the WebSocket ({payload[:2].hex()})")
            elif opcode == 0x1:
                return json.loads(payload)

    def close(self) -> None:
        try:
            self._send_frame(0x8, struct.pack("!H", 1000))
        finally:
            self.sock.close()


def demo_room() -> tuple[int, int]:
    """The demo's open pupils' room in Mette and Lucía's space ("Class chat")."""
    import psycopg

    with psycopg.connect(stack.DATABASE_URL) as connection:
        row = connection.execute("SELECT space_id, id FROM spaces_chatroom WHERE name = 'Class chat'").fetchone()
    check(row, "the demo data has no 'Class chat' room")
    assert row is not None
    return row[0], row[1]


def demo_material(title: str) -> int:
    import psycopg

    with psycopg.connect(stack.DATABASE_URL) as connection:
        row = connection.execute("SELECT id FROM spaces_material WHERE title = %s", [title]).fetchone()
    check(row, f"no material {title!r} after the upload")
    assert row is not None
    return int(row[0])


def journey() -> None:
    started = time.monotonic()
    # Plain HTTP only redirects.
    plain = http.client.HTTPConnection("127.0.0.1", stack.PORTS.http, timeout=10)
    plain.request("GET", "/people/?q=x")
    answer = plain.getresponse()
    check(answer.status == 301, f"plain HTTP answered {answer.status}")
    check(answer.headers["Location"] == f"https://127.0.0.1:{stack.PORTS.https}/people/?q=x", "bad redirect")

    visitor = Browser()
    response, body = visitor.request("GET", "/healthz")
    check(response.status == 200, f"/healthz answered {response.status}: {body!r}")
    check(json.loads(body)["redis"] == "ok", "/healthz does not see Redis")
    response, _body = visitor.request("GET", "/protected-media/accounts/evidence/anything.pdf")
    check(response.status == 404, f"/protected-media/ is reachable from outside ({response.status})")

    mette, lucia = Browser(), Browser()
    mette.log_in(METTE)
    lucia.log_in(LUCIA)
    response, page = mette.request("GET", "/people/", headers={"Accept-Encoding": "identity"})
    check(response.status == 200, f"/people/ answered {response.status} for Mette")
    check("Lucía".encode() in page, "Mette's people search does not list Lucía")

    # A static file of the page, as a browser would ask for it.
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page)
    check(stylesheet, "no stylesheet on the page")
    assert stylesheet is not None
    response, css = visitor.request("GET", stylesheet.group(1).decode(), headers={"Accept-Encoding": "gzip"})
    check(response.status == 200, f"{stylesheet.group(1)!r} answered {response.status}")
    check(response.headers.get("Content-Encoding") == "gzip", "the stylesheet is not gzip-compressed")
    check(b"{" in gzip.decompress(css), "the stylesheet does not decompress to CSS")
    cache_control = response.headers.get("Cache-Control", "")
    hashed = re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1).decode())
    expected = "public, max-age=31536000, immutable" if hashed else "public, max-age=3600"
    check(cache_control == expected, f"stylesheet Cache-Control is {cache_control!r}, not {expected!r}")

    # The chat, live: Lucía listens, Mette writes.
    space_id, room_id = demo_room()
    response, page = mette.request("GET", f"/spaces/{space_id}/chat/{room_id}/")
    check(response.status == 200, f"the chat room page answered {response.status}")
    socket_path = re.search(rb'data-socket="(/ws/spaces/[^"]+)"', page)
    check(socket_path, "the chat room page names no socket")
    assert socket_path is not None
    listener = WebSocket(socket_path.group(1).decode(), lucia.cookies)
    writer = WebSocket(socket_path.group(1).decode(), mette.cookies)
    for sock in (listener, writer):
        state = sock.receive()
        check(state.get("type") == "state" and state.get("can_write"), f"unexpected first frame {state}")
    body_text = f"Smoke test {uuid.uuid4().hex[:8]}"
    writer.send({"type": "send", "body": body_text})
    for sock, own in ((writer, True), (listener, False)):
        frame = sock.receive()
        check(frame.get("type") == "message" and frame.get("body") == body_text, f"unexpected frame {frame}")
        check(frame["own"] is own, f"'own' is wrong in {frame}")
    # The metrics, through nginx with the token: the open sockets are counted (daphne's process), and the
    # requests of both gunicorn workers are added up (multiprocess mode).
    response, text = visitor.request("GET", "/metrics")
    check(response.status == 401, f"/metrics without the token answered {response.status}")
    token = {"Authorization": f"Bearer {stack.metrics_token()}"}
    response, text = visitor.request("GET", "/metrics", headers=token)
    check(response.status == 200, f"/metrics answered {response.status}")
    sockets = re.search(rb"^comenius_websockets_open (\S+)$", text, re.MULTILINE)
    check(sockets and float(sockets.group(1)) >= 2, f"/metrics counts {sockets and sockets.group(1)!r} open sockets")
    check(b'comenius_request_seconds_count{method="GET",route="people/",status="2xx"}' in text,
          "/metrics has no latency of the people search")  # fmt: skip
    check(b"comenius_tasks_waiting" in text, "/metrics has no task queue length")
    request_id = response.headers.get("X-Request-ID", "")
    check(re.fullmatch(r"[0-9a-f]{32}", request_id), f"nginx's request id did not come back: {request_id!r}")
    # Logs are JSON lines with the request's id: a page that is not there is logged (django.request) with it.
    response, _body = visitor.request("GET", f"/no-such-page-{uuid.uuid4().hex[:6]}/")
    missing_id = response.headers.get("X-Request-ID", "")
    check(response.status == 404 and missing_id, f"a missing page answered {response.status} without a request id")
    deadline = time.monotonic() + 5
    logged: list[dict[str, Any]] = []
    while not logged and time.monotonic() < deadline:
        lines = (stack.RUN_DIR / "web.log").read_text(encoding="utf-8", errors="replace").splitlines()
        logged = [entry for entry in map(_json_or_none, lines) if entry and entry.get("request_id") == missing_id]
        time.sleep(0.2)
    check(logged and logged[0]["level"] == "WARNING", f"no JSON log line with request id {missing_id}")
    listener.close()
    writer.close()
    response, page = lucia.request("GET", f"/spaces/{space_id}/chat/{room_id}/")
    check(body_text.encode() in page, "the chat message is not on the room page afterwards")

    # A private file: Mette uploads a material, Lucía fetches it; the view answers with X-Accel-Redirect (an
    # empty body) and nginx sends the bytes from MEDIA_ROOT.
    response, page = mette.request("GET", f"/spaces/{space_id}/materials/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    check(response.status == 200 and token, f"the materials page answered {response.status}")
    assert token is not None
    content = f"Water samples, {body_text}\n".encode()
    title = f"Samples {body_text}"
    status = mette.upload(
        f"/spaces/{space_id}/materials/upload/",
        {"csrfmiddlewaretoken": token.group(1).decode(), "upload-title": title},
        "upload-file",
        "samples.txt",
        content,
    )
    check(status == 302, f"the material upload answered {status}")
    material_id = demo_material(title)
    response, sent = lucia.request("GET", f"/spaces/{space_id}/materials/{material_id}/file/")
    check(response.status == 200, f"the material's file answered {response.status}")
    check(sent == content, f"nginx did not send the file's bytes (got {sent[:60]!r})")
    check("sandbox" in response.headers.get("Content-Security-Policy", ""), "the file has no sandboxing CSP")
    check("X-Accel-Redirect" not in response.headers, "X-Accel-Redirect leaked to the client")
    print(f"smoke journey passed in {time.monotonic() - started:.1f} s")


def main() -> int:
    already_up = stack.running("nginx", "nginx") is not None
    started = time.monotonic()
    if not already_up:
        stack.up()
    try:
        journey()
    finally:
        if not already_up:
            stack.down()
    print(f"smoke test with the stack's start and stop: {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
