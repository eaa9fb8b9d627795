"""The user's local Dienstscan data folder, and the per-installation secret kept in it.

``data_dir()`` is ``platformdirs.user_data_dir("Dienstscan")`` (local, not roaming: recovery copies
and the secret do not travel with OneDrive); ``DIENSTSCAN_DATA_DIR`` replaces it (tests, portable
installs).

``installation_secret()`` is 32 random bytes made the first time they are needed and kept in the
data folder (``cachesleutel``, readable by the user only). The caches seal their entries with it
(HMAC-SHA-256, ``storage.cache``), so a cache entry made elsewhere, copied from another computer or
planted in the cache folder is never taken for one of ours. None when the folder cannot be used:
the caches are then simply not used.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs

from .limited import read_limited

ENV_DATA_DIR = "DIENSTSCAN_DATA_DIR"
SECRET_NAME = "cachesleutel"
_SECRET_SIZE = 32

_secrets: dict[str, bytes] = {}


def data_dir() -> Path:
    """The user's local Dienstscan data folder (``DIENSTSCAN_DATA_DIR`` overrides it)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("Dienstscan", appauthor=False, roaming=False))


def _read_secret(path: Path) -> bytes | None:
    try:
        data = read_limited(path, _SECRET_SIZE)
    except OSError:
        return None
    return data if len(data) == _SECRET_SIZE else None


def installation_secret() -> bytes | None:
    """This installation's secret (made once, then read back); None when it cannot be kept."""
    folder = data_dir()
    known = _secrets.get(str(folder))
    if known is not None:
        return known
    path = folder / SECRET_NAME
    secret = _read_secret(path)
    if secret is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            secret = _read_secret(path)  # another Dienstscan made it a moment ago (or it is damaged)
        except OSError:
            return None
        else:
            fresh = secrets.token_bytes(_SECRET_SIZE)
            try:
                os.write(fd, fresh)
            finally:
                os.close(fd)
            secret = _read_secret(path)
    if secret is not None:
        _secrets[str(folder)] = secret
    return secret
