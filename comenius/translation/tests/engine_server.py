"""A small LibreTranslate-compatible server the tests start themselves: a real HTTP server in a thread.

`POST /translate` answers deterministic "translations" — a few Danish words swapped for Spanish ones and the text
marked with the target language — and counts the requests, so a test sees whether the engine was called. It can be
told to answer slowly (`delay`) or with an error status (`status`); stopping it makes the engine "down"."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WORDS = {"es": {"Hej": "Hola", "vi": "nosotros", "skolen": "la escuela", "i morgen": "mañana"}}
LANGUAGES = [
    {"code": code, "name": name, "targets": ["da", "en", "es"]}
    for code, name in (("da", "Danish"), ("en", "English"), ("es", "Spanish"))
]


def fake_translation(text: str, target: str) -> str:
    for word, replacement in WORDS.get(target, {}).items():
        text = text.replace(word, replacement)
    return f"[{target}] {text}"


class EngineServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        self.status = 200
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/languages":
                    self._answer(200, LANGUAGES)
                else:
                    self._answer(404, {"error": "Not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                if self.path != "/translate":
                    self._answer(404, {"error": "Not found"})
                    return
                server.requests.append(payload)
                if server.delay:
                    time.sleep(server.delay)
                if server.status != 200:
                    self._answer(server.status, {"error": "Translation failed"})
                    return
                self._answer(200, {"translatedText": fake_translation(payload["q"], payload["target"])})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> EngineServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
