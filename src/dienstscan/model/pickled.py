"""Validated model objects kept as pickles, and read back safely without validating again.

Used by the two caches of a start (``checklists.cache``: the checklist set; ``storage.scan_cache``:
the scan last read or saved). Validating JSON or YAML first builds pydantic's validators for every
class involved, which is most of a cold start; an object that passed every check once can be
stored as it is and restored in a few milliseconds. What makes that safe and never stale:

- ``program_fingerprint`` goes into every key: the cache format, the versions of Dienstscan,
  Python, pydantic and pydantic-core, the source of the packages that decide what a valid
  object is, and in a frozen build (no sources) the build itself, so a changed rule, library or
  build is never answered from an older cache;
- ``seal`` puts a SHA-256 of the pickle in front of it and ``unseal`` refuses a damaged file;
- ``unseal`` reads with an unpickler that knows only the model classes of the given modules and a
  few plain types (``datetime.date`` ...): it cannot import or call anything else, so a file made
  to harm builds at most model objects. The cache file itself is sealed with a secret of the
  installation (``storage.cache``), so an entry planted or copied into the cache folder is a miss.

Anything that does not read back as exactly the expected class is a miss: the caller reads and
checks the source again. A cache can therefore only save time.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Protocol, TypeVar

from pydantic import BaseModel

T = TypeVar("T")

#: Plain classes a model object may hold besides str, numbers, lists, dicts, tuples and sets.
_PLAIN: dict[tuple[str, str], type] = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
}

_DIGEST_SIZE = hashlib.sha256().digest_size


class KeyedCache(Protocol):
    """Where a cache keeps its value: ``storage.cache.FileCache`` in the application."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...


@cache
def _sources_digest(package: Path) -> bytes:
    """SHA-256 over the ``*.py`` files of ``package``, read once per process (both caches need
    ``dienstscan.model``'s); empty in a frozen build, which has no .py files: its version stands
    for its code."""
    digest = hashlib.sha256()
    try:
        for source in sorted(package.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:
        pass
    return digest.digest()


def build_identity() -> str:
    """What tells one build of the program from another when there are no sources to hash.

    A PyInstaller build carries no ``.py`` files, so two builds of one version would look the same
    and a pickle of the older one could be read by the newer (an AttributeError at opening). In a
    frozen program the executable's size and modification time stand for its build: each build
    writes a new executable, an installer keeps its time. Empty when running from sources (their
    hash is in the fingerprint)."""
    if not getattr(sys, "frozen", False):
        return ""
    try:
        info = os.stat(sys.executable)
    except OSError:
        return "frozen, onbekende build"
    return f"frozen {info.st_size} {info.st_mtime_ns}"


def program_fingerprint(cache_format: str, cache_module: str) -> str:
    """A hash of the cache format, the versions, the build (``build_identity``) and the sources of
    ``dienstscan.model`` and of the package of the cache's module (``__file__``): what decides what
    a valid object is."""
    import pydantic
    import pydantic_core

    from .. import __version__

    digest = hashlib.sha256(cache_format.encode())
    for part in (f"dienstscan {__version__}", f"build {build_identity()}", f"python {sys.version}",
                 f"pydantic {pydantic.VERSION}", f"pydantic-core {pydantic_core.__version__}"):
        digest.update(part.encode() + b"\0")
    for package in (Path(__file__).resolve().parent, Path(cache_module).resolve().parent):
        digest.update(_sources_digest(package))
    return digest.hexdigest()


def model_classes(*modules: ModuleType) -> dict[tuple[str, str], type]:
    """The pydantic model classes defined in ``modules``, as the unpickler names them."""
    return {
        (module.__name__, name): value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == module.__name__
    }


class _Restricted(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: dict[tuple[str, str], type]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> type:
        found = self._allowed.get((module, name)) or _PLAIN.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} hoort niet in deze cache")
        return found


def seal(value: object) -> bytes:
    """``value`` pickled, after the SHA-256 of the pickle."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(payload).digest() + payload


def unseal(data: bytes | None, allowed: dict[tuple[str, str], type], expected: type[T]) -> T | None:
    """What ``seal`` stored, if intact, made of ``allowed`` classes only, and of type ``expected``."""
    if data is None or len(data) <= _DIGEST_SIZE:
        return None
    digest, payload = data[:_DIGEST_SIZE], data[_DIGEST_SIZE:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        restored = _Restricted(payload, allowed).load()
    except Exception:  # whatever a damaged or foreign pickle raises (many kinds): a miss
        return None
    return restored if type(restored) is expected else None
