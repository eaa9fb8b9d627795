"""A small on-disk cache of derived data, keyed by the content it was derived from.

Used for the validated checklists (``dienstscan.checklists.load_checklists(cache=...)``): reading
and checking the YAML with line numbers is most of a cold start, its result only changes when
the files (or the program) change. ``FileCache`` keeps one file per name in the user's cache
folder (``platformdirs.user_cache_dir``; ``DIENSTSCAN_CACHE_DIR`` overrides it, tests and
portable installs), its first line the key. A cache never decides anything:

- ``get`` returns the data only when the stored key is exactly the one asked for; a missing,
  unreadable or garbled file is a miss, and so is anything but a regular file of sane size (a
  pipe or ``/dev/zero`` put there would otherwise hang the start) (the caller rebuilds and stores again);
- ``put`` writes through ``atomic_write``; when it fails (read-only folder, full disk) the
  program carries on without a cache;
- every entry is sealed with an HMAC-SHA-256 under this installation's secret
  (``storage.folders.installation_secret``): an entry planted in the cache folder or copied from
  another computer, whose digest anyone could compute, is a miss, never data on screen.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from pathlib import Path

import platformdirs

from .atomic import atomic_write
from .folders import installation_secret
from .limited import MAX_SCAN_BYTES, read_limited

log = logging.getLogger(__name__)

ENV_CACHE_DIR = "DIENSTSCAN_CACHE_DIR"
#: A cache entry larger than this is not one of ours (the largest is a pickled scan).
MAX_CACHE_BYTES = MAX_SCAN_BYTES
_TAG_SIZE = hashlib.sha256().digest_size


def cache_dir() -> Path:
    """The user's cache folder for Dienstscan (``DIENSTSCAN_CACHE_DIR`` overrides it)."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("Dienstscan", appauthor=False))


def _tag(secret: bytes, key: bytes, data: bytes) -> bytes:
    return hmac.new(secret, key + b"\n" + data, hashlib.sha256).digest()


class FileCache:
    """One cached value in ``folder/name``: the key on the first line, then the data."""

    def __init__(self, name: str, folder: Path | None = None) -> None:
        self.path = (folder if folder is not None else cache_dir()) / name

    def get(self, key: str) -> bytes | None:
        """The stored data if it was stored under ``key``; None otherwise (never raises)."""
        try:
            # A pipe or device put in the cache folder must not hang the start: regular files only.
            raw = read_limited(self.path, MAX_CACHE_BYTES)
        except OSError:
            return None
        stored_key, newline, sealed = raw.partition(b"\n")
        if not newline or stored_key != key.encode("ascii", "replace"):
            return None
        secret = installation_secret()
        tag, data = sealed[:_TAG_SIZE], sealed[_TAG_SIZE:]
        if secret is None or not hmac.compare_digest(tag, _tag(secret, stored_key, data)):
            return None  # not made by this installation (copied, planted, or of another secret)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``, replacing what was there; a failure is only logged."""
        if "\n" in key:
            raise ValueError("een cachesleutel is één regel")
        secret = installation_secret()
        if secret is None:
            log.info("cache %s niet bijgewerkt: geen installatiesleutel", self.path)
            return
        stored_key = key.encode("ascii", "replace")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, stored_key + b"\n" + _tag(secret, stored_key, data) + data, retry_seconds=0.2)
        except OSError as exc:
            log.info("cache %s niet bijgewerkt: %s", self.path, exc)

    def clear(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
