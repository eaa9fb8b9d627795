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

Why pickle is safe here: the file lies in the user's own cache folder (whoever can write there
can change the user's programs too), and it is read with an unpickler that only knows the
checklist model classes (``_ModelsOnly``): it cannot import or call anything else, so a file
made to harm builds at most checklist objects, which the digest and the key make sure are the
ones stored by this program for exactly these files. A damaged file (digest differs), a file of
another version (key differs) or anything that does not unpickle to a ``ChecklistSet`` is a miss:
the caller reads and checks the YAML again and stores the result. A cache can therefore only
save time: it never hands out other checklists than reading the files would.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from ..model import checklist as checklist_models
from ..model.checklist import ChecklistSet

#: Raise when the cached form changes in a way the source hash would not notice.
CACHE_FORMAT = "2 pickle"
#: The file name of the checklist cache in the cache folder.
CACHE_NAME = "checklists.pickle"

_program_hash: str | None = None


class ChecklistCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


def _program() -> str:
    """A hash of the cache format, the versions and the model and checklist sources (once per process)."""
    global _program_hash
    if _program_hash is None:
        import pydantic
        import pydantic_core

        from .. import __version__

        digest = hashlib.sha256(CACHE_FORMAT.encode())
        for part in (f"dienstscan {__version__}", f"python {sys.version}", f"pydantic {pydantic.VERSION}",
                     f"pydantic-core {pydantic_core.__version__}"):
            digest.update(part.encode() + b"\0")
        here = Path(__file__).resolve().parent
        for package in (here.parent / "model", here):
            try:
                for source in sorted(package.glob("*.py")):
                    digest.update(source.name.encode() + b"\0" + source.read_bytes())
            except OSError:  # a frozen build has no .py files: its version stands for its code
                pass
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


#: The only classes a cached set may consist of (besides str, numbers, lists, dicts, tuples, sets).
_MODELS: dict[str, type] = {
    name: value for name, value in vars(checklist_models).items()
    if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == checklist_models.__name__
}


class _ModelsOnly(pickle.Unpickler):
    """An unpickler that can build the checklist model classes and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        if module == checklist_models.__name__ and name in _MODELS:
            return _MODELS[name]
        raise pickle.UnpicklingError(f"{module}.{name} hoort niet in de checklist-cache")


_DIGEST_SIZE = hashlib.sha256().digest_size


def from_cache(cache: ChecklistCache, key: str) -> ChecklistSet | None:
    """The set stored under ``key``, or None (not there, damaged, or not a checklist set)."""
    data = cache.get(key)
    if data is None or len(data) <= _DIGEST_SIZE:
        return None
    digest, payload = data[:_DIGEST_SIZE], data[_DIGEST_SIZE:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        restored = _ModelsOnly(io.BytesIO(payload)).load()
    except Exception:  # whatever a damaged or foreign pickle raises (many kinds): a miss
        return None
    return restored if type(restored) is ChecklistSet else None


def to_cache(cache: ChecklistCache, key: str, checklists: ChecklistSet) -> None:
    """Store a set that passed every check (``load_checklists`` only stores such a set)."""
    payload = pickle.dumps(checklists, protocol=pickle.HIGHEST_PROTOCOL)
    cache.put(key, hashlib.sha256(payload).digest() + payload)
