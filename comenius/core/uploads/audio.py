"""Audio keeps its sound (there is no audio encoder here) but loses its tags, in the request, in a temporary copy
(mutagen):

- **MP3**: the ID3v2 tag at the start (artist, album, comments, pictures, private frames, `TXXX` fields), an ID3v1
  tag at the end and an APEv2 tag are removed whole;
- **Ogg** (Vorbis, Opus, FLAC, Speex): every Vorbis comment (`ARTIST`, `COMMENT`, cover pictures in
  `METADATA_BLOCK_PICTURE`, anything else) is removed; the pages are written again with their checksums. The
  encoder's vendor string stays (it names the program, not a person).

The copy is read again: it must still be audio of the same kind, without tags. A file that carries tags which
cannot be removed that way is kept only after the warning (`keep_details`), like a document."""

from __future__ import annotations

import shutil
import tempfile
from typing import IO, Any

import mutagen
from django.core.files import File
from django.utils.translation import gettext as _
from mutagen import apev2, id3
from mutagen.mp3 import MP3
from mutagen.ogg import OggFileType

from comenius.core.uploads.documents import Cleaned, _kept_or_refused
from comenius.core.uploads.policy import SCAN_CHUNK


def _copy(upload: IO[bytes]) -> IO[bytes]:
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage, closed by the caller
    upload.seek(0)
    shutil.copyfileobj(upload, copy, SCAN_CHUNK)
    copy.seek(0)
    upload.seek(0)
    return copy


def _mp3_tags(reading: IO[bytes]) -> list[str]:
    found = []
    reading.seek(0)
    if reading.read(3) == b"ID3":
        found.append("ID3")
    reading.seek(0, 2)
    end = reading.tell()
    if end >= 128:
        reading.seek(end - 128)
        if reading.read(3) == b"TAG":
            found.append("ID3v1")
    reading.seek(0)
    try:
        apev2.APEv2(reading)
    except apev2.error:
        pass
    else:
        found.append("APE")
    reading.seek(0)
    return found


def _ogg(reading: IO[bytes]) -> OggFileType | None:
    reading.seek(0)
    try:
        found: Any = mutagen.File(reading)
    except Exception:  # mutagen answers a hostile file with many kinds of error
        found = None
    reading.seek(0)
    return found if isinstance(found, OggFileType) else None


def _ogg_tags(reading: IO[bytes]) -> list[str]:
    found = _ogg(reading)
    return [key for key, _value in (found.tags or {}).items()] if found is not None and found.tags else []


def _labels() -> list[str]:
    return [_("tags (artist, comments, pictures)")]


def clean_audio(upload: IO[bytes], content_type: str, keep_details: bool = False) -> Cleaned:
    """An MP3 or Ogg file without its tags (see the module docstring). A file without tags is kept as it is."""
    upload.seek(0)
    mp3 = content_type == "audio/mpeg"
    tags = _mp3_tags(upload) if mp3 else _ogg_tags(upload)
    if not tags:
        return Cleaned()
    copy = _copy(upload)
    try:
        if mp3:
            id3.delete(copy, delete_v1=True, delete_v2=True)
            copy.seek(0)
            apev2.delete(copy)
            copy.seek(0)
            MP3(copy)  # still MPEG audio: its first frame is found
            clean = not _mp3_tags(copy)
        else:
            found = _ogg(copy)
            assert found is not None
            found.delete(copy)
            again = _ogg(copy)
            clean = again is not None and type(again) is type(found) and not again.tags
    except Exception:  # what mutagen cannot rewrite is kept, with the warning
        clean = False
    copy.seek(0)
    upload.seek(0)
    if not clean:
        copy.close()
        return _kept_or_refused(
            _("The details of this audio file cannot be removed without damaging it."), _labels(), keep_details
        )
    return Cleaned(File(copy))
