"""Progress bars for long commands (tqdm, written to the command's stderr)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    yield from tqdm(items, desc=description, total=total, unit="", ncols=80, leave=True)
