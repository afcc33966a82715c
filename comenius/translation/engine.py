"""The machine-translation engine: pluggable and off by default.

`get_engine()` answers None unless the operator set `TRANSLATION_URL`; then it is a client of a
LibreTranslate-compatible HTTP API (LibreTranslate, or Argos Translate behind it; docs/operations.md):
`POST /translate` with `q`, `source`, `target`, `format` and `api_key`, answering `{"translatedText": …}`,
and `GET /languages`. Nothing is sent anywhere while the engine is off. The client uses the standard library
only (urllib), with the operator's timeout, and turns every failure — refused connection, timeout, an error
status, an answer that is not the expected JSON — into one `EngineUnavailableError`, which the callers show as a calm
message beside the original."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings

logger = logging.getLogger(__name__)


class EngineUnavailableError(Exception):
    """The engine did not give a translation (down, slow, refused, or answered nonsense)."""


class Engine(Protocol):
    def translate(self, text: str, source: str, target: str, text_format: str = "text") -> str: ...

    def languages(self) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class LibreTranslate:
    url: str
    api_key: str = ""
    timeout: float = 5.0

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode("utf-8") if payload is not None else None
        request = urllib.request.Request(  # noqa: S310 - the operator's own http(s) URL (checked in settings)
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.loads(response.read(4 * 1024 * 1024).decode("utf-8"))
        except (OSError, ValueError) as error:  # URLError, HTTPError, timeouts, bad JSON, bad UTF-8
            logger.warning("The translation engine at %s did not answer %s: %s", self.url, path, error)
            raise EngineUnavailableError(str(error)) from error

    def translate(self, text: str, source: str, target: str, text_format: str = "text") -> str:
        payload: dict[str, Any] = {"q": text, "source": source, "target": target, "format": text_format}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._call("POST", "/translate", payload)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, str):
            raise EngineUnavailableError("no translatedText in the answer")
        return translated

    def languages(self) -> list[dict[str, Any]]:
        answer = self._call("GET", "/languages")
        if not isinstance(answer, list):
            raise EngineUnavailableError("no list of languages in the answer")
        return [item for item in answer if isinstance(item, dict) and isinstance(item.get("code"), str)]


def get_engine() -> Engine | None:
    """The configured engine, or None when machine translation is off (the default)."""
    if not settings.TRANSLATION_URL:
        return None
    return LibreTranslate(settings.TRANSLATION_URL, settings.TRANSLATION_API_KEY, settings.TRANSLATION_TIMEOUT)


def is_on() -> bool:
    return bool(settings.TRANSLATION_URL)
