"""Atomic file replacement: a save is either the whole new file or the untouched old one.

The new content goes to a temporary file in the same folder (same file system, so the final
rename is atomic), is flushed and fsynced, the previous version is kept as a backup, and then
``os.replace`` puts the new file in place. On Windows a virus scanner, the search indexer or
OneDrive may hold the target for a moment; ``os.replace`` then fails with PermissionError, so it
is retried for about two seconds. Finally the folder itself is fsynced where the platform allows
it, so the rename survives a power cut.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
import sys
import time
from pathlib import Path

from .errors import SaveError
from .filenames import MAX_COMPONENT_BYTES, exists_quietly, name_problem, utf8_len
from .messages import save_failed_message

#: How long ``os.replace`` is retried while another program holds the file.
REPLACE_RETRY_SECONDS = 2.0
_TEMP_SUFFIX = ".tmp"


def _temp_stem(name: str) -> str:
    """``name`` as it appears in its temporary file's name: cut so the whole stays within 255
    bytes (a valid 250-byte name must not fail for want of room for ``.~`` and ``.1234abcd.tmp``)."""
    room = MAX_COMPONENT_BYTES - len(".~") - len(".12345678") - len(_TEMP_SUFFIX)
    if utf8_len(name) <= room:
        return name
    return name.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")


def temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path``; recognisable, so stale ones can be found."""
    return path.with_name(f".~{_temp_stem(path.name)}.{secrets.token_hex(4)}{_TEMP_SUFFIX}")


def is_temp_for(candidate: Path, path: Path) -> bool:
    """Whether ``candidate`` is a temporary file left by saving ``path``."""
    name = candidate.name
    return name.startswith(f".~{_temp_stem(path.name)}.") and name.endswith(_TEMP_SUFFIX)


#: A temporary file of ours untouched for this long is left by a save that was killed.
STALE_TEMP_SECONDS = 15 * 60


def remove_stale_temps(path: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete the temporary files a killed save of ``path`` (or of its backup) left behind.

    Only files with our own naming (``.~<name>.<8 hex>.tmp``, see ``temp_name``) that have not
    been written to for ``older_than`` seconds: a save in progress elsewhere keeps its file fresh.
    Returns what was removed; a file that cannot be removed is left (it is harmless)."""
    path = Path(path)
    removed: list[Path] = []
    names = (path.name, path.name + ".bak")
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        name = candidate.name
        if not any(name.startswith(f".~{_temp_stem(n)}.") and name.endswith(_TEMP_SUFFIX)
                   and len(name) == len(f".~{_temp_stem(n)}.") + 8 + len(_TEMP_SUFFIX) for n in names):
            continue
        try:
            info = candidate.lstat()
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                continue
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _replace_with_retry(source: Path, target: Path, retry_seconds: float) -> None:
    deadline = time.monotonic() + retry_seconds
    delay = 0.02
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable. Windows cannot open folders; there it is a no-op."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) do not support it; the rename stands anyway
    finally:
        os.close(fd)


def _keep_backup(path: Path, backup: Path) -> None:
    """Make ``backup`` a copy of the current ``path``, itself atomically (never half a backup)."""
    tmp = temp_name(backup)
    try:
        try:
            os.link(path, tmp)  # cheap: the old content stays reachable under the backup name
        except OSError:
            shutil.copy2(path, tmp)  # file systems without hard links (FAT, some shares)
        _replace_with_retry(tmp, backup, REPLACE_RETRY_SECONDS)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(
    path: Path,
    data: bytes,
    *,
    backup: Path | None = None,
    retry_seconds: float | None = None,
) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file as ``backup`` if given.

    Raises ``OSError`` (untranslated; callers turn it into a Dutch message). On any failure the
    existing file is untouched and the temporary file is removed. ``retry_seconds`` defaults to
    ``REPLACE_RETRY_SECONDS`` (read at call time, so tests can shorten it).
    """
    if retry_seconds is None:
        retry_seconds = REPLACE_RETRY_SECONDS
    path = Path(path)
    folder = path.parent
    existing_mode: int | None = None
    try:
        existing_mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        pass
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if existing_mode is not None:
            try:
                os.chmod(tmp, existing_mode)
            except OSError:
                pass  # keep the default mode rather than fail the save
        if backup is not None and existing_mode is not None:
            _keep_backup(path, backup)
        _replace_with_retry(tmp, path, retry_seconds)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_directory(folder)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Save ``data`` as ``path`` the safe way: whole and new, or the old file untouched.

    The one way every file the program makes is written (Excel plan, participant forms, report
    as HTML, Word or PDF, benchmark YAML); scans add a backup through ``atomic_write``. Raises
    ``SaveError`` with a Dutch message naming the file (disk full, read-only folder, no
    permission, file held open by another program); no temporary file is left behind.
    """
    path = Path(path)
    problem = name_problem(path)
    if problem:  # before any write: a clear Dutch reason, not ENAMETOOLONG from a stat
        raise SaveError(path, f"Kan '{path}' niet opslaan: {problem}. Er is niets opgeslagen.",
                        OSError(errno.ENAMETOOLONG, problem, str(path)))
    existed = exists_quietly(path)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise SaveError(path, save_failed_message(path, exc, existed=existed), exc) from exc
