"""Reading a file the user named, safely: regular files only, and never more than a limit.

A named pipe (FIFO) would make a plain ``read_bytes`` wait for ever, ``/dev/zero`` never ends and
a 1.5 GB file takes twice its size in memory before any check could refuse it. So every file the
program reads on someone's say-so (a scan, a recovery copy, a cache entry, a workbook) is looked
at first: it must be a regular file (a link to one is fine) of at most ``limit`` bytes. It is
opened without blocking (a FIFO swapped in after the look cannot hang the open), checked again on
the open handle, and read to at most ``limit + 1`` bytes, so a file that grows meanwhile is still
refused rather than read endlessly.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest scan we read: a scan of 20,000 actions is about 25 MB.
MAX_SCAN_BYTES = 200 * 1024 * 1024


class NotARegularFile(OSError):
    """The path is a pipe, device, socket or folder, not an ordinary file."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path}: {kind}")
        self.path = Path(path)
        self.kind = kind


class FileTooLarge(OSError):
    """The file is larger than the program reads."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path}: {size} > {limit} bytes")
        self.path = Path(path)
        self.size = size
        self.limit = limit


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in Dutch; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "een map"
    if stat.S_ISFIFO(mode):
        return "een pijp (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "een apparaat"
    if stat.S_ISSOCK(mode):
        return "een socket"
    return "geen gewoon bestand"


def check_regular(path: Path, limit: int) -> int:
    """The size of ``path`` if it is a regular file of at most ``limit`` bytes.

    Raises ``FileNotFoundError``/``PermissionError`` as ``os.stat`` does, ``NotARegularFile`` or
    ``FileTooLarge``; nothing is opened, so a pipe cannot block here."""
    info = os.stat(path)
    kind = _kind(info.st_mode)
    if kind is not None:
        raise NotARegularFile(Path(path), kind)
    if info.st_size > limit:
        raise FileTooLarge(Path(path), info.st_size, limit)
    return info.st_size


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (see the module text)."""
    path = Path(path)
    check_regular(path, limit)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise NotARegularFile(path, kind)
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def megabytes(size: int) -> str:
    """A size as people read it: '200 MB', '1,5 GB'."""
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB".replace(".", ",")
    return f"{max(1, round(size / 1024**2))} MB"
