"""The scan last read or saved, validated, so opening it again needs no second validation.

``read_scan(path, cache=...)`` and ``save_scan(..., cache=...)`` take a cache (``FileCache`` in the
application; anything with ``get(key) -> bytes | None`` and ``put(key, bytes)``). Opening a scan
validates its JSON with pydantic, which first builds the validators of every scan class: about a
tenth of a cold start of the application. The result for exactly the same file bytes is always the
same, so it is kept: the key is a SHA-256 over the file's bytes and the program (the model and
storage sources, the versions; ``model.pickled.program_fingerprint``), the value the validated
``Assessment`` sealed as ``model.pickled`` describes (digest, an unpickler that knows only the scan
model classes). Everything else a read does still happens on every read: the envelope, the
format version, the checks against the checklists, a repair.

One scan is kept (``CACHE_NAME``): the one last read or saved, which is the one a start opens. A
save stores what reading the saved bytes gives, by reading them (so the cache never holds an
object that a read of the file would not give). A copy of the scan's content therefore lies in
the user's own cache folder, as the recovery copies lie in the data folder; another scan replaces
it. A miss, a damaged file or a cache that cannot be written only costs the validation.
"""

from __future__ import annotations

import hashlib

from ..model import assessment as assessment_models
from ..model.assessment import Assessment
from ..model.pickled import KeyedCache, model_classes, program_fingerprint, seal, unseal
from .cache import FileCache

#: Raise when the cached form changes in a way the source hash would not notice.
CACHE_FORMAT = "1 scan pickle"
#: The file name of the scan cache in the cache folder.
CACHE_NAME = "laatste-scan.pickle"

_program_hash: str | None = None
_MODELS = model_classes(assessment_models)


ScanCache = KeyedCache


def _program() -> str:
    global _program_hash
    if _program_hash is None:
        _program_hash = program_fingerprint(CACHE_FORMAT, __file__)
    return _program_hash


def scan_key(data: bytes) -> str:
    """The cache key for the scan file content ``data`` read by this program."""
    digest = hashlib.sha256(_program().encode())
    digest.update(len(data).to_bytes(8, "little") + data)
    return "scan-" + digest.hexdigest()


def cached_assessment(cache: ScanCache, key: str, scan: dict | None = None) -> Assessment | None:
    """The validated scan stored under ``key``, or None (not there, damaged, not a scan, or, given
    the file's ``scan`` part as parsed, not that scan: another id, organisation, answers or plan)."""
    restored = unseal(cache.get(key), _MODELS, Assessment)
    if restored is None or scan is None:
        return restored
    try:
        matches = _matches(restored, scan)
    except Exception:  # a stale or odd object (missing attributes ...): a miss, never a crash
        return None
    return restored if matches else None


def _matches(assessment: Assessment, scan: dict) -> bool:
    """Whether ``assessment`` is the scan of the file: the parts a mix-up or a forgery would change."""
    organisation = scan.get("organisation")
    actions = scan.get("actions", [])
    answers = scan.get("answers", {})
    return (
        assessment.id == scan.get("id")
        and isinstance(organisation, dict)
        and assessment.organisation.name == str(organisation.get("name", "")).strip()
        and isinstance(answers, dict) and sorted(assessment.answers) == sorted(answers)
        and isinstance(actions, list)
        and [a.id for a in assessment.actions] == [str(a.get("id", "")).strip() for a in actions if isinstance(a, dict)]
    )


def remember_assessment(cache: ScanCache, key: str, assessment: Assessment) -> None:
    """Store a scan exactly as validation of the file with this ``key`` gave it."""
    cache.put(key, seal(assessment))


def scan_file_cache() -> FileCache:
    """The application's scan cache: ``CACHE_NAME`` in the user's cache folder."""
    return FileCache(CACHE_NAME)
