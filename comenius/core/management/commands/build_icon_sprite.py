"""Rebuild `static/icons/sprite.svg` from an unpacked lucide-static package (core/icons.py, docs/look.md).

    npm pack lucide-static && tar xzf lucide-static-*.tgz
    python manage.py build_icon_sprite package

Only the icons in `core.icons.ICONS` go into the sprite; the package's LICENSE is copied next to it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from comenius.core.icons import ICONS

STATIC_ICONS = Path(__file__).resolve().parents[3] / "static" / "icons"
_BODY = re.compile(r"<svg[^>]*>(.*)</svg>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def build(package: Path) -> str:
    """The sprite's text: one <symbol> per icon, drawn with the current text colour."""
    version = json.loads((package / "package.json").read_text())["version"]
    symbols = []
    for name, source in sorted(ICONS.items()):
        path = package / "icons" / f"{source}.svg"
        if not path.exists():
            raise CommandError(f"lucide-static has no icon {source!r} (for {name!r}).")
        match = _BODY.search(_COMMENT.sub("", path.read_text()))
        if match is None:
            raise CommandError(f"{path} is not an SVG.")
        body = " ".join(line.strip() for line in match.group(1).splitlines() if line.strip())
        symbols.append(
            f'<symbol id="{name}" viewBox="0 0 24 24"><g fill="none" stroke="currentColor" stroke-width="2" '
            f'stroke-linecap="round" stroke-linejoin="round">{body}</g></symbol>'
        )
    return (
        f"<!-- Lucide icons (lucide-static {version}), ISC licence: see LICENSE.lucide.txt. "
        "Built by manage.py build_icon_sprite from core/icons.py; do not edit by hand. -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


class Command(BaseCommand):
    help = "Rebuild static/icons/sprite.svg from an unpacked lucide-static package."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("package", help="the unpacked lucide-static package directory")

    def handle(self, *args: Any, **options: Any) -> None:
        package = Path(options["package"])
        sprite = build(package)
        STATIC_ICONS.mkdir(parents=True, exist_ok=True)
        (STATIC_ICONS / "sprite.svg").write_text(sprite)
        shutil.copyfile(package / "LICENSE", STATIC_ICONS / "LICENSE.lucide.txt")
        self.stdout.write(f"{len(ICONS)} icons, {len(sprite)} bytes.")
