"""MP4 videos keep their pixels (there is no video encoder here) but their metadata boxes (`udta`, `meta`:
location, device, owner) are blanked in place, in the request — before anything is stored. (Not in a task: a
task would find the raw file, GPS position included, sitting in storage until a worker reached it.)"""

from __future__ import annotations

import shutil
import struct
import tempfile
from collections.abc import Iterator
from typing import IO

from django.core.files import File

from comenius.core.uploads.policy import SCAN_CHUNK


def _boxes(upload: IO[bytes], start: int, end: int) -> Iterator[tuple[bytes, int, int, int]]:
    """(type, box start, payload start, box end) of the ISO-BMFF boxes between start and end."""
    position = start
    while position + 8 <= end:
        upload.seek(position)
        header = upload.read(16)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header[:8])
        payload = position + 8
        if size == 1:
            if len(header) < 16:
                return
            size = struct.unpack(">Q", header[8:16])[0]
            payload = position + 16
        elif size == 0:
            size = end - position
        if size < payload - position or position + size > end:
            return
        yield kind, position, payload, position + size
        position += size


def mp4_metadata_ranges(upload: IO[bytes], size: int) -> list[tuple[int, int]]:
    """Byte ranges of the metadata boxes (`udta`, `meta` under `moov` and its tracks) — where phones write
    the place a video was taken. Blanking them as `free` boxes of the same size keeps every offset valid."""
    ranges: list[tuple[int, int]] = []

    def walk(start: int, end: int, depth: int) -> None:
        for kind, box_start, payload, box_end in list(_boxes(upload, start, end)):
            if kind in (b"udta", b"meta") and depth > 0:
                ranges.append((box_start, box_end))
            elif kind in (b"moov", b"trak") and depth < 3:
                walk(payload, box_end, depth + 1)

    walk(0, size, 0)
    upload.seek(0)
    return ranges


def blanked_copy(upload: IO[bytes], ranges: list[tuple[int, int]]) -> File:
    """A temporary copy of the upload in which each range becomes a `free` box full of zeros."""
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage, closed by the caller
    upload.seek(0)
    shutil.copyfileobj(upload, copy, SCAN_CHUNK)
    for start, end in ranges:
        copy.seek(start)
        header = copy.read(8)
        length = end - start
        copy.seek(start)
        if struct.unpack(">I", header[:4])[0] == 1:  # 64-bit size: keep size fields, change type, zero the rest
            copy.seek(start + 4)
            copy.write(b"free")
            copy.seek(start + 16)
            remaining = length - 16
        else:
            copy.write(struct.pack(">I4s", length, b"free"))
            remaining = length - 8
        while remaining > 0:
            step = min(remaining, SCAN_CHUNK)
            copy.write(b"\0" * step)
            remaining -= step
    copy.seek(0)
    upload.seek(0)
    return File(copy)
