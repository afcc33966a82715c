"""Faces without photos of children (issue 20, docs/look.md).

- A member shows the photo they chose (network's profile photo, where the page already has it: people cards,
  the person page); otherwise an initials avatar whose colour comes from the name, out of `PALETTE` (white
  text on every colour ≥ 4.5:1, checked in core/tests/test_look_avatars.py).
- A pupil chooses a picture from `PICTURES`, drawn by us and shipped in `static/avatars/` (never a photo, never
  an upload: the field only takes these names). It is shown only inside a project space the pupil is in, to the
  space's own teachers and pupils; everywhere else a pupil gets the initials avatar like anyone.
"""

from __future__ import annotations

import zlib

from django.utils.translation import gettext_lazy as _

# Tailwind-like 700 shades; white text on each is ≥ 4.5:1 (the test computes it).
PALETTE = ["#1d4ed8", "#15803d", "#b91c1c", "#7e22ce", "#0f766e", "#b45309", "#be185d", "#4338ca", "#374151"]

PICTURES: dict[str, object] = {
    "fox": _("Fox"),
    "owl": _("Owl"),
    "cat": _("Cat"),
    "fish": _("Fish"),
    "frog": _("Frog"),
    "bear": _("Bear"),
    "rabbit": _("Rabbit"),
    "bee": _("Bee"),
    "sun": _("Sun"),
    "tree": _("Tree"),
    "rocket": _("Rocket"),
    "boat": _("Boat"),
}
PICTURE_CHOICES = list(PICTURES.items())


def picture_path(name: str) -> str:
    """The static path of a shipped picture (refuses any other name)."""
    if name not in PICTURES:
        raise ValueError(f"no shipped picture {name!r}")
    return f"avatars/{name}.svg"


def initials(name: str) -> str:
    """Up to two letters: the first of the first and of the last word ("Mette Sørensen" → "MS")."""
    words = [word for word in name.split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def colour(name: str) -> str:
    """The same name always gets the same colour of the palette."""
    return PALETTE[zlib.crc32(name.strip().casefold().encode()) % len(PALETTE)]
