"""What makes a cached ``ChecklistSet`` valid: the content it was built from, and the program.

``load_checklists(folder, cache=...)`` asks a cache (``dienstscan.storage.cache.FileCache`` in the
application; anything with ``get(key) -> bytes | None`` and ``put(key, bytes)``) for the result of
an earlier load of exactly the same files. The key is a SHA-256 over:

- every checklist file's name and bytes, in the order they are read (extra benchmark files too);
- the program: its version and the source of the packages that decide what a valid checklist set
  is (``dienstscan.model`` and ``dienstscan.checklists``), so a changed rule is never answered
  from an older cache.

The cached value is the set as JSON, validated again by pydantic when read back; anything that
does not validate is a miss. A cache therefore only saves time: it can never hand out other
checklists than reading the files would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from ..model.checklist import ChecklistSet

#: Raise when the cached form changes in a way the source hash would not notice.
CACHE_FORMAT = "1"
#: The file name of the checklist cache in the cache folder.
CACHE_NAME = "checklists.json"

_program_hash: str | None = None


class ChecklistCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def _program() -> str:
    """A hash of the version and the source of the model and checklist packages (once per process)."""
    global _program_hash
    if _program_hash is None:
        digest = hashlib.sha256(CACHE_FORMAT.encode())
        here = Path(__file__).resolve().parent
        for package in (here.parent / "model", here):
            try:
                sources = sorted(package.glob("*.py"))
                for source in sources:
                    digest.update(source.name.encode() + b"\0" + source.read_bytes())
            except OSError:
                sources = []
            if not sources:  # a frozen build has no .py files: its version stands for its code
                from .. import __version__

                digest.update(f"version {__version__}".encode())
        _program_hash = digest.hexdigest()
    return _program_hash


def content_key(files: Sequence[Path]) -> str | None:
    """The cache key for reading ``files`` with this program; None when a file cannot be read."""
    digest = hashlib.sha256(_program().encode())
    for path in files:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode("utf-8", "replace") + b"\0")
        digest.update(len(data).to_bytes(8, "little") + data)
    return "checklists-" + digest.hexdigest()


def from_cache(cache: ChecklistCache, key: str) -> ChecklistSet | None:
    """The set stored under ``key``, or None (not there, or not a valid set any more)."""
    data = cache.get(key)
    if data is None:
        return None
    try:
        return ChecklistSet.model_validate_json(data)
    except (ValidationError, ValueError):
        return None


def to_cache(cache: ChecklistCache, key: str, checklists: ChecklistSet) -> None:
    cache.put(key, checklists.model_dump_json().encode("utf-8"))
