"""What makes a cached ``ChecklistSet`` valid: the content it was built from, and the program.

``load_checklists(folder, cache=...)`` asks a cache (``dienstscan.storage.cache.FileCache`` in the
application; anything with ``get(key) -> bytes | None`` and ``put(key, bytes)``) for the result of
an earlier load of exactly the same files. The key is a SHA-256 over:

- every checklist file's name and bytes, in the order they are read (extra benchmark files too);
- the program: the cache format, the Dienstscan version, the source of the packages that decide
  what a valid checklist set is (``dienstscan.model`` and ``dienstscan.checklists``), and the
  versions of Python, pydantic and pydantic-core (which decide how a model object is stored), so
  a changed rule or library is never answered from an older cache.

Only a set that passed every check (``load_checklists``: YAML, pydantic, the cross-file checks)
is stored, so reading it back needs no second validation: the cached value is the validated
objects themselves, pickled, after a SHA-256 of the pickle. Restoring them costs about 2 ms,
where validating JSON again first builds pydantic's validators for every checklist class
(about 45 ms of a cold start; the classes are ``defer_build``, so they cost nothing until then).

Reading it back is safe and never stale for the reasons ``dienstscan.model.pickled`` gives (a
digest, an unpickler that knows only the checklist model classes, the program in the key). A
damaged file, a file of another version or anything that does not unpickle to a ``ChecklistSet``
is a miss: the caller reads and checks the YAML again and stores the result. A cache can
therefore only save time: it never hands out other checklists than reading the files would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from ..model import checklist as checklist_models
from ..model.checklist import ChecklistSet
from ..model.pickled import KeyedCache, model_classes, program_fingerprint, seal, unseal

#: Raise when the cached form changes in a way the source hash would not notice.
CACHE_FORMAT = "2 pickle"
#: The file name of the checklist cache in the cache folder.
CACHE_NAME = "checklists.pickle"

_program_hash: str | None = None


ChecklistCache = KeyedCache


def _program() -> str:
    """A hash of the cache format, the versions and the model and checklist sources (once per process)."""
    global _program_hash
    if _program_hash is None:
        _program_hash = program_fingerprint(CACHE_FORMAT, __file__)
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


#: The only classes a cached set may consist of (besides str, numbers, lists, dicts, tuples, sets).
_MODELS = model_classes(checklist_models)


def from_cache(cache: ChecklistCache, key: str) -> ChecklistSet | None:
    """The set stored under ``key``, or None (not there, damaged, or not a checklist set)."""
    return unseal(cache.get(key), _MODELS, ChecklistSet)


def to_cache(cache: ChecklistCache, key: str, checklists: ChecklistSet) -> None:
    """Store a set that passed every check (``load_checklists`` only stores such a set)."""
    cache.put(key, seal(checklists))
