"""The privacy export (GDPR right of access): everything a member created, as JSON plus their files, in one
ZIP. Each app contributes its part through the `export` hook it registered in the member lifecycle
(`core/lifecycle.py`), so the export stays complete as apps grow; nothing of anyone else is included (no
other member's names, e-mails or messages)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from comenius.accounts.models import User
from comenius.core import lifecycle


def _json_default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def build_export(user: User) -> bytes:
    data: dict[str, object] = {}
    files: dict[str, object] = {}
    for hooks in lifecycle.registered():
        part = hooks.export(user)
        data.update(part.data)
        files.update(part.files)
    data["exported_at"] = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        for name, field in files.items():
            with field.open("rb") as handle:  # type: ignore[attr-defined]
                archive.writestr(f"files/{name}", handle.read())
    return buffer.getvalue()
