"""Names for stored files and exported folders: safe on every system and in a ZIP."""

from __future__ import annotations

import re
import unicodedata

from comenius.core.uploads.policy import MAX_FILENAME, FileType

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def _plain(text: str) -> str:
    """A name without control or direction-changing characters or path characters."""
    base = unicodedata.normalize("NFC", text)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # controls, bidi overrides, ...
    base = re.sub(r'[<>:"/\\|?*]', "_", base)
    return " ".join(base.split()).strip(" .")


def _safe_stem(stem: str, room: int, fallback: str) -> str:
    stem = stem.strip(" .")
    if not any(ch.isalnum() for ch in stem):
        stem = fallback
    if stem.lower() in WINDOWS_RESERVED:
        stem += "_"
    return stem[:room].rstrip(" .") or fallback


def clean_folder_name(name: str) -> str:
    """A folder name usable as a directory on every system (for the export)."""
    return _safe_stem(_plain(name), 80, "folder")


def clean_filename(original: str, file_type: FileType) -> tuple[str, bool]:
    """A name safe on every system and in a ZIP: no folders, control or direction-changing characters, reserved
    names or path characters; at most MAX_FILENAME characters; the extension of the real type ("photo.pdf"
    holding a PNG becomes "photo.png"). Returns the name and whether the original extension claimed another
    type."""
    base = _plain(original.replace("\\", "/").rsplit("/", 1)[-1])  # browsers may send a whole path
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    claimed = extension.lower()
    renamed = bool(claimed) and claimed not in file_type.extensions
    final_extension = claimed if claimed in file_type.extensions else file_type.extension
    return f"{_safe_stem(stem, MAX_FILENAME - len(final_extension) - 1, 'file')}.{final_extension}", renamed
