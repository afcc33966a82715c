"""The privacy export (GDPR right of access): everything a member created, as JSON plus their files, in one
ZIP. Each app contributes its part through its own `access.own_data`, so the export stays complete as apps
grow; nothing of anyone else is included (no other member's names, e-mails or messages)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from comenius.accounts import access as accounts_access
from comenius.accounts.models import User


def _json_default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def build_export(user: User) -> bytes:
    from comenius.moderation import access as moderation_access
    from comenius.network import access as network_access
    from comenius.projects import access as projects_access
    from comenius.spaces import access as spaces_access

    data, files = accounts_access.own_data(user)
    network_data, network_files = network_access.own_data(user)
    data.update(network_data)
    files.update(network_files)
    data.update(projects_access.own_data(user))
    space_data, space_files = spaces_access.own_data(user)
    data.update(space_data)
    files.update(space_files)
    data.update(moderation_access.own_data(user))
    data["exported_at"] = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, default=_json_default, ensure_ascii=False, indent=2))
        for name, field in files.items():
            with field.open("rb") as handle:  # type: ignore[attr-defined]
                archive.writestr(f"files/{name}", handle.read())
    return buffer.getvalue()
